import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/env.js';
import { CENTER_TEXT as T } from '../../src/modules/center/center.text.js';
import { recordConsent, startTestSteward, type TestSteward } from '../support/app.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';
import { startSmtpSink } from '../support/smtp-sink.js';

/** `STEWARD_SCREENSHOTS=1 npx vitest run test/e2e/center.browser.test.ts` refreshes docs/screenshots. */
const SHOTS = process.env.STEWARD_SCREENSHOTS ? path.join(PACKAGE_ROOT, 'docs', 'screenshots') : null;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const COMPANY = 'CoCart Headless LLC';

const run = chromiumAvailable();

describe.skipIf(!run)('the privacy center in Chromium', () => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward('sqlite', { env: { SMTP_URL: smtp.url } });
    base = await t.steward.app.http.listen({ port: 0, host: '127.0.0.1' });
    for (const email of ['ada@example.com', 'lin@example.com']) {
      await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: { identities: [{ type: 'email', value: email }], relationships: [{ kind: 'customer' }] },
      });
      await recordConsent(t, email, 'given');
    }
    browser = await launchChromium();
    context = await browser.newContext({ viewport: DESKTOP, acceptDownloads: true });
    page = await context.newPage();
    // A CSP violation (an inline style, a script) or any page error fails the run.
    page.on('console', (m) => {
      // A 404 or 429 page is itself "a resource that failed to load": expected here.
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) problems.push(m.text());
    });
    page.on('pageerror', (e) => problems.push(e.message));
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
    await smtp?.close();
  });

  /** Checks the page fits a phone without sideways scrolling; saves it at both sizes when asked to. */
  async function shoot(name: string): Promise<void> {
    await page.setViewportSize(PHONE);
    const overflow = await page.evaluate<number>(
      'document.documentElement.scrollWidth - document.documentElement.clientWidth',
    );
    expect(overflow, `${name} scrolls sideways on a phone`).toBeLessThanOrEqual(0);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, `center-${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
    if (SHOTS)
      await page.screenshot({ path: path.join(SHOTS, `center-${name}-desktop.png`), fullPage: true });
  }

  const emailTo = async (address: string, count: number): Promise<string> => {
    const deadline = Date.now() + 10_000;
    for (;;) {
      await t.steward.requests.mail.drain();
      const mails = smtp.messages.filter((m) => m.to.includes(address));
      if (mails.length >= count) return mails[count - 1]!.text;
      if (Date.now() > deadline) throw new Error(`no email ${count} to ${address}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  /** The emailed link, on this server (the email names the configured public URL). */
  const linkIn = (text: string, pattern: RegExp) => {
    const match = pattern.exec(text);
    if (!match) throw new Error('no link in the email');
    return `${base}${match[0]}`;
  };
  const focused = () =>
    page.evaluate<string>(
      `(() => { const e = document.activeElement; return e ? (e.id || e.getAttribute('name') || e.textContent || '').trim() : ''; })()`,
    );
  /** Runs an action that submits a form, and waits for the page it leads to. */
  const submit = (action: () => Promise<unknown>) => Promise.all([page.waitForEvent('load'), action()]);
  async function tabTo(target: string, max = 60): Promise<void> {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press('Tab');
      if ((await focused()) === target) return;
    }
    throw new Error(`Tab never reached ${target}`);
  }

  it('home: rights, contact and links, readable on a phone', async () => {
    await page.goto(`${base}/privacy/center`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(T.home.heading(COMPANY));
    expect(
      await page.getByRole('link', { name: 'Privacy center' }).first().getAttribute('aria-current'),
    ).toBe('page');
    for (const name of [T.home.policyLink, T.home.versionsLink, T.home.processorsLink])
      expect(await page.getByRole('link', { name }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'privacy@apisecurity.pro' }).count()).toBeGreaterThan(0);
    await shoot('home');
  });

  it('keyboard only: make a request, fix a mistake, confirm it from the email, see its state', async () => {
    await page.goto(`${base}/privacy/center`);
    await tabTo(T.home.requestLink);
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/privacy/center/request`);
    await shoot('request');

    // The first radio takes focus; arrows choose among the kinds of request.
    await tabTo('f-type');
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(await focused()).toBe('f-type-3');
    await tabTo('f-email');
    await page.keyboard.type('not an address');
    await submit(() => page.keyboard.press('Enter'));
    expect(await page.title()).toMatch(/^Error: /);
    const alert = page.getByRole('alert');
    expect(await alert.textContent()).toContain(T.errors.emailInvalid);
    expect(await page.getByRole('radio', { name: /No more marketing/ }).isChecked()).toBe(true);
    expect(await page.getByRole('textbox', { name: T.request.emailLabel }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await shoot('request-errors');

    // The summary's link leads to the field; the person corrects it and sends again.
    await tabTo(T.errors.emailInvalid);
    await page.keyboard.press('Enter');
    if ((await focused()) !== 'f-email') await tabTo('f-email');
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.type('ada@example.com');
    await page.keyboard.press('Enter');
    await page.waitForURL(`${base}/privacy/center/request/sent`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(T.sent.title);
    await shoot('request-sent');

    await page.goto(linkIn(await emailTo('ada@example.com', 1), /\/privacy\/center\/verify\?[^\s"]+/));
    await shoot('verify');
    await tabTo(T.verify.button);
    await submit(() => page.keyboard.press('Enter'));
    expect(await page.getByRole('status').textContent()).toBe(T.verify.confirmed);
    expect(await page.locator('[aria-current="step"]').textContent()).toContain(T.status.steps.completed);
    expect(await page.textContent('main')).toContain(T.status.done.objection);
    await shoot('status');
    const eligibility = await t.request({
      method: 'GET',
      url: '/v1/eligibility?email=ada@example.com&purpose=customer_marketing',
      role: 'service',
    });
    expect(eligibility.json()).toMatchObject({ allowed: false, reasons: [{ code: 'suppressed' }] });
  });

  it('a copy of my data: the status page offers the download', async () => {
    await page.goto(`${base}/privacy/center/request?type=access`);
    expect(await page.getByRole('radio', { name: /A copy of my data/ }).isChecked()).toBe(true);
    await page.getByRole('textbox', { name: T.request.emailLabel }).fill('grace@example.org');
    await page.getByRole('radio', { name: T.jurisdictions.eu }).check();
    await page.getByRole('button', { name: T.request.submit }).click();
    await page.waitForURL(/\/request\/sent$/);
    await page.goto(linkIn(await emailTo('grace@example.org', 1), /\/privacy\/center\/verify\?[^\s"]+/));
    await submit(() => page.getByRole('button', { name: T.verify.button }).click());
    await t.steward.requests.settle();
    // The page's own address, kept to follow the request (reloading would send the used link again).
    await page.locator('a.url').click();
    await page.waitForURL(/\/privacy\/center\/requests\/dsr_/);
    const download = page.getByRole('link', { name: T.status.download });
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    expect(file.suggestedFilename()).toBe('personal-data.zip');
    const saved = await file.path();
    expect(fs.readFileSync(saved).subarray(0, 2).toString('latin1')).toBe('PK');
    await shoot('status-done');
  });

  it('emails and consent: the magic link opens my choices; each button changes one thing', async () => {
    await page.goto(`${base}/privacy/center/preferences`);
    await shoot('preferences-ask');
    await page.getByRole('textbox', { name: T.request.emailLabel }).fill('lin@example.com');
    await page.getByRole('button', { name: T.preferences.askSubmit }).click();
    await page.waitForURL(/\/preferences\/sent$/);
    await shoot('preferences-sent');

    const link = linkIn(
      await emailTo('lin@example.com', 1),
      /\/privacy\/center\/preferences\/manage\?token=[A-Za-z0-9_-]+/,
    );
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(T.preferences.title);
    expect(await page.textContent('main')).toContain('You agreed on');
    await shoot('preferences');
    await page
      .getByRole('button', {
        name: `${T.preferences.withdraw}${T.preferences.forPurpose('Marketing after you gave consent')}`,
      })
      .click();
    await page.waitForURL(/session=/);
    expect(await page.getByRole('status').textContent()).toBe(
      T.preferences.saved.withdrawn('Marketing after you gave consent'),
    );
    await shoot('preferences-saved');
    await page
      .getByRole('button', { name: `${T.preferences.give}${T.preferences.forPurpose('Website analytics')}` })
      .click();
    await page.waitForURL(/action=give/);
    expect(await page.getByRole('status').textContent()).toBe(T.preferences.saved.given('Website analytics'));
    await page.getByRole('button', { name: T.preferences.unsubscribeAll }).click();
    await page.waitForURL(/action=unsubscribe_all/);
    expect(await page.getByRole('status').textContent()).toBe(T.preferences.saved.unsubscribedAll);
    expect(await page.getByRole('button', { name: T.preferences.unsubscribe }).count()).toBe(0);
    await shoot('preferences-unsubscribed');

    const ledger = await t.steward.store.db
      .selectFrom('consent_events')
      .select(['purpose', 'action', 'channel'])
      .where('channel', '=', 'privacy_center')
      .orderBy('seq')
      .execute();
    expect(ledger.slice(-3)).toEqual([
      { purpose: 'consent_marketing', action: 'withdrawn', channel: 'privacy_center' },
      { purpose: 'website_analytics', action: 'given', channel: 'privacy_center' },
      { purpose: '*', action: 'unsubscribed', channel: 'privacy_center' },
    ]);

    // The emailed link worked once.
    await page.goto(link);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(T.errors.linkTitle);
    await shoot('link-invalid');
  });

  it('too many forms from one connection: a page in words', async () => {
    for (let i = 0; i < 10; i++)
      await t.steward.app.http.inject({
        method: 'POST',
        url: '/v1/requests',
        payload: { type: 'objection', email: `many${i}@example.com` },
        remoteAddress: '127.0.0.1',
      });
    await page.goto(`${base}/privacy/center/request?type=objection`);
    await page.getByRole('textbox', { name: T.request.emailLabel }).fill('late@example.com');
    await submit(() => page.getByRole('button', { name: T.request.submit }).click());
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe(T.errors.rateLimitedTitle);
    await shoot('rate-limited');
    expect(problems).toEqual([]);
  });
});
