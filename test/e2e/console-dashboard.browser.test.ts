/**
 * The admin console's dashboard, request and retention pages in Chromium, against a real server on
 * loopback: an operator signs in through the page, data are seeded through the API (consents and
 * unsubscribes over a month, requests of every kind, a retention run), and each page's main action is
 * done with the keyboard and mouse as a person would. The console's CSP must hold: any console error
 * (a refused inline style or script included) fails the test.
 *
 * `STEWARD_SCREENSHOTS=1 npx vitest run test/e2e/console-dashboard.browser.test.ts` refreshes
 * docs/screenshots/console-*.png (desktop 1280×800 and phone 390×844).
 */
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../src/config/env.js';
import { createOperatorsService } from '../../src/modules/operators/operators.service.js';
import { recordConsent, startTestSteward, type TestSteward } from '../support/app.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

const SHOTS = process.env.STEWARD_SCREENSHOTS ? path.join(PACKAGE_ROOT, 'docs', 'screenshots') : null;
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true };
const OPERATOR = { email: 'dpo@example.com', password: 'correct horse battery staple' };
const DAY = 86_400_000;

const run = chromiumAvailable();

describe.skipIf(!run)('the console’s dashboard, requests and retention pages in Chromium', () => {
  let t: TestSteward;
  let base: string;
  let browser: Browser;
  /** The server's clock runs this far from real time while seeding the past. */
  let offset = 0;
  const ids: Record<string, string> = {};
  let subjectId = '';
  const contexts: BrowserContext[] = [];
  const consoleErrors: string[] = [];
  let ip = 10;

  /** A public request opened and (unless told otherwise) confirmed `daysAgo` days ago, as the person would. */
  async function openRequest(
    type: 'access' | 'correction' | 'erasure' | 'objection',
    email: string,
    daysAgo: number,
    options: { verify?: boolean; details?: object } = {},
  ): Promise<string> {
    offset = -daysAgo * DAY;
    const opened = await t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type, email, ...(options.details ? { details: options.details } : {}) },
      remoteAddress: `198.51.100.${ip++}`,
    });
    expect(opened.statusCode, opened.body).toBe(202);
    const id = opened.json().id as string;
    if (options.verify !== false) {
      const mail = await t.steward.store.db
        .selectFrom('outbox_emails')
        .select('payload')
        .where('template', '=', 'request.verify')
        .where('payload', 'like', `%${id}%`)
        .executeTakeFirstOrThrow();
      const token = /token=([A-Za-z0-9_-]+)/.exec(JSON.parse(mail.payload).link)![1];
      const verified = await t.steward.app.http.inject({
        method: 'POST',
        url: `/v1/requests/${id}/verify`,
        payload: { token },
      });
      expect(verified.statusCode, verified.body).toBe(200);
      await t.steward.requests.settle();
    }
    offset = 0;
    return id;
  }

  async function seedConsentTrend(): Promise<void> {
    const consent = (email: string, action: 'given' | 'withdrawn', daysAgo: number) =>
      recordConsent(t, email, action, { occurredAt: new Date(Date.now() - daysAgo * DAY).toISOString() });
    for (let day = 29; day >= 0; day--) {
      const given = 2 + ((day * 7) % 5);
      for (let i = 0; i < given; i++)
        expect((await consent(`reader${i}@example.com`, 'given', day)).statusCode).toBe(201);
      if (day % 4 === 1)
        expect((await consent('reader0@example.com', 'withdrawn', day)).statusCode).toBe(201);
    }
    // One-click unsubscribes (RFC 8058) spread over the month, each by another reader.
    for (const daysAgo of [27, 20, 20, 13, 9, 6, 6, 6, 2, 0]) {
      offset = -daysAgo * DAY;
      const email = `leaver${ip++}@example.com`;
      const created = await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: { identities: [{ type: 'email', value: email }] },
      });
      expect(created.statusCode).toBeLessThan(300);
      subjectId ||= created.json().id;
      const link = await t.request({
        method: 'POST',
        url: '/v1/unsubscribe-links',
        role: 'service',
        payload: { subject: { identity: { type: 'email', value: email } } },
      });
      const post = await t.steward.app.http.inject({
        method: 'POST',
        url: new URL(link.json().url).pathname,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect(post.statusCode).toBe(200);
    }
    offset = 0;
  }

  beforeAll(async () => {
    t = await startTestSteward('sqlite', { clock: () => Date.now() + offset });
    base = await t.steward.app.http.listen({ port: 0, host: '127.0.0.1' });
    await createOperatorsService({
      db: t.steward.store.db,
      sessionTtlMs: 3_600_000,
      maxFailures: 5,
      lockMs: 60_000,
    }).create({ ...OPERATOR, role: 'admin' });
    await seedConsentTrend();
    // The example policy's demo store holds Ada, Grace and Alan: erasure keeps Ada's recent invoices.
    ids.erasure = await openRequest('erasure', 'ada@example.com', 3);
    ids.access = await openRequest('access', 'grace@example.org', 5);
    ids.overdue = await openRequest('correction', 'alan@example.net', 40, {
      details: { corrections: [{ field: 'name', value: 'Alan M. Turing', note: 'My full name' }] },
    });
    ids.soon = await openRequest('correction', 'alan@example.net', 27, {
      details: { corrections: [{ field: 'billing address', value: 'Sherborne School, Dorset' }] },
    });
    ids.unconfirmed = await openRequest('objection', 'someone@example.net', 33, { verify: false });
    const sweep = await t.request({ method: 'POST', url: '/v1/retention/runs', payload: {} });
    expect(sweep.statusCode, sweep.body).toBe(201);
    browser = await launchChromium();
  });
  afterAll(async () => {
    for (const c of contexts) await c.close();
    await browser?.close();
    await t?.close();
  });

  async function signedIn(options: typeof DESKTOP | typeof PHONE, at = '/admin/'): Promise<Page> {
    const context = await browser.newContext({ ...options, locale: 'en-GB', timezoneId: 'UTC' });
    contexts.push(context);
    const page = await context.newPage();
    // Failed calls are checked by status below; every other console error (a CSP refusal) is a failure.
    page.on('console', (m) => {
      if (m.type() === 'error' && !m.text().startsWith('Failed to load resource'))
        consoleErrors.push(m.text());
    });
    page.on('pageerror', (e) => consoleErrors.push(e.message));
    page.on('response', (r) => {
      const url = new URL(r.url());
      // Before signing in, "who am I" answers 401: that is how the console knows to show the sign-in page.
      const expected =
        (url.pathname === '/v1/session' && r.status() === 401) || url.pathname === '/favicon.ico';
      if (r.status() >= 400 && !expected)
        consoleErrors.push(`${r.status()} ${r.request().method()} ${url.pathname}`);
    });
    await page.goto(`${base}${at}`);
    await page.getByLabel('Email').fill(OPERATOR.email);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    return page;
  }

  /** On a phone, nothing makes the page scroll sideways (wide tables scroll inside their own region). */
  async function fitsPhone(page: Page): Promise<void> {
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(
      PHONE.viewport.width,
    );
  }

  async function shot(page: Page, name: string): Promise<void> {
    if (!SHOTS) return;
    await page.evaluate('document.fonts.ready');
    await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
  }

  it('the dashboard shows the promises, the requests due, the consent chart and the last runs', async () => {
    const page = await signedIn(DESKTOP);
    await page.getByRole('heading', { name: 'Promises kept' }).waitFor();
    await page.getByText('promises kept', { exact: true }).waitFor();
    // The overdue correction breaks "requests are answered in time", and says so.
    const broken = page.getByRole('heading', { name: 'Broken promises, and what breaks them' });
    await broken.waitFor();
    const brokenList = page.locator('.promise-fail');
    expect(await brokenList.count()).toBeGreaterThan(0);
    await expect.poll(() => page.locator('.promise-fail .break-list li').count()).toBeGreaterThan(0);
    // Kept promises fold away; a keyboard opens them.
    const kept = page.getByText(/^Show the \d+ promises? kept$/);
    await kept.focus();
    await page.keyboard.press('Enter');
    await page.locator('.kept-promises .promise-pass').first().waitFor();

    const due = page.getByRole('table', { name: /overdue request/ });
    await due.waitFor();
    expect(await due.getByRole('link', { name: 'Correction' }).count()).toBe(1);
    expect(await due.textContent()).toContain('overdue by');
    const soon = page.getByRole('table', { name: /due in the next 7 days/ });
    expect(await soon.textContent()).toContain('alan@example.net');

    // The chart: an image with a title and a summary, its lines, and the same figures as a table.
    const chart = page.getByRole('img', { name: /Consent events per day/ });
    await chart.waitFor();
    expect(await page.locator('.trend-svg polyline').count()).toBe(3);
    const summary = await page.locator('p', { hasText: /^In the last 30 days:/ }).textContent();
    expect(summary).toMatch(/unsubscribes or objections/);
    expect(summary).toContain('10 unsubscribes');
    await page.getByText('Show the figures as a table').click();
    const figures = page.getByRole('table', { name: /Consent events per day/ });
    expect(await figures.locator('tbody tr').count()).toBe(30);
    await page.getByLabel('Period').selectOption('7');
    await expect.poll(() => figures.locator('tbody tr').count()).toBe(7);
    await page.getByLabel('Period').selectOption('30');
    await expect.poll(() => figures.locator('tbody tr').count()).toBe(30);
    await page.getByText('Show the figures as a table').click();

    const runs = page.getByRole('table', { name: 'The latest retention runs' });
    expect(await runs.locator('tbody tr').count()).toBe(1);
    expect(await runs.textContent()).toContain('Sweep');
    await kept.click(); // folded again for the picture
    await shot(page, 'console-dashboard.png');

    const phone = await signedIn(PHONE);
    await phone.getByRole('img', { name: /Consent events per day/ }).waitFor();
    await phone.getByRole('table', { name: 'The latest retention runs' }).waitFor();
    await fitsPhone(phone);
    await shot(phone, 'console-dashboard-phone.png');
  });

  it('the request queue is by due date, marks overdue ones, and filters', async () => {
    const page = await signedIn(DESKTOP, '/admin/requests');
    const table = page.getByRole('table', { name: 'Open requests, the nearest deadline first' });
    await table.waitFor();
    const rows = table.locator('tbody tr');
    // Open: the two corrections and the unconfirmed objection; erasure and access are done.
    expect(await rows.count()).toBe(3);
    const first = await rows.nth(0).textContent();
    expect(first).toContain('Correction');
    expect(first).toContain('overdue by');
    expect(await table.locator('tr.row-overdue').count()).toBe(2);
    await page.getByText('All', { exact: true }).click();
    const all = page.getByRole('table', { name: 'All requests, by deadline' });
    await expect.poll(() => all.locator('tbody tr').count()).toBe(5);
    await page.getByRole('radio', { name: 'Overdue' }).check();
    const overdue = page.getByRole('table', { name: 'Overdue requests, the oldest deadline first' });
    await expect.poll(() => overdue.locator('tbody tr').count()).toBe(2);
    expect(page.url()).toContain('?show=overdue');
    await expect.poll(() => page.getByRole('status').first().textContent()).toContain('Overdue: 2 requests');
    await page.getByRole('radio', { name: 'Open' }).check();
    await table.waitFor();
    await shot(page, 'console-requests.png');
    const phone = await signedIn(PHONE, '/admin/requests');
    await phone.getByRole('table', { name: /Open requests/ }).waitFor();
    await fitsPhone(phone);
    await shot(phone, 'console-requests-phone.png');
  });

  it('a request is extended and rejected from its page, and an erasure shows what it kept', async () => {
    const page = await signedIn(DESKTOP, `/admin/requests/${ids.overdue}`);
    await page.getByRole('heading', { name: 'Correction request' }).waitFor();
    expect(await page.getByText('Overdue', { exact: true }).count()).toBeGreaterThan(0);
    await page.getByRole('table', { name: 'Corrections asked for' }).getByText('Alan M. Turing').waitFor();
    await shot(page, 'console-request-detail.png');

    // Extend, with the reason the person is told.
    await page
      .getByLabel('Reason for the extension')
      .fill('Three stores hold your name; we need time to check each.');
    await page.getByRole('button', { name: 'Extend the deadline' }).click();
    const status = page.locator('.live-note').first();
    await expect.poll(() => status.textContent()).toMatch(/^Done: the deadline is now /);
    await page.getByText(/^Extended once\. Reason given: Three stores/).waitFor();
    expect(await page.getByRole('button', { name: 'Extend the deadline' }).count()).toBe(0);
    expect(await page.getByText('Overdue', { exact: true }).count()).toBe(0);

    // Rejecting needs a reason: refused in words, the keyboard put where the reason goes.
    await page.getByRole('radio', { name: 'Rejected' }).check();
    await page.getByRole('button', { name: 'Move the request' }).click();
    await page.getByRole('alert').getByText('Write the reason for the rejection').waitFor();
    expect(await page.evaluate<string | undefined>('document.activeElement?.id')).toBe(
      await page.getByLabel('Reason for the rejection (required)').getAttribute('id'),
    );
    await page.getByLabel('Reason for the rejection (required)').fill('We hold no name of yours to correct.');
    await page.getByRole('button', { name: 'Move the request' }).click();
    await expect.poll(() => status.textContent()).toBe('Done: the request is now “Rejected”.');
    await page.getByText('This request is closed: nothing more can be done.').waitFor();
    const stored = (await t.request({ method: 'GET', url: `/v1/requests/${ids.overdue}` })).json();
    expect(stored).toMatchObject({
      state: 'rejected',
      extended: true,
      closingReason: 'We hold no name of yours to correct.',
    });

    // The erasure: what was erased per table, and the invoices the accounting rule keeps, until when.
    const erasure = await signedIn(DESKTOP, `/admin/requests/${ids.erasure}`);
    await erasure.getByRole('heading', { name: 'Erasure report' }).waitFor();
    const kept = erasure.getByRole('table', { name: 'Records kept, under which rule, and until when' });
    expect(await kept.locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await kept.textContent()).toContain('demo_store.invoices');
    expect(await erasure.getByRole('table', { name: 'What was erased, per table' }).textContent()).toContain(
      'demo_store.customers',
    );
    await shot(erasure, 'console-request-erasure.png');
    const phone = await signedIn(PHONE, `/admin/requests/${ids.erasure}`);
    await phone.getByRole('heading', { name: 'Erasure report' }).waitFor();
    await fitsPhone(phone);
    await shot(phone, 'console-request-erasure-phone.png');
  });

  it('corrections are approved where they go, and an access export says what it holds', async () => {
    const small = await signedIn(PHONE, `/admin/requests/${ids.soon}`);
    await small.getByRole('heading', { name: 'Approve the corrections' }).waitFor();
    await small.getByLabel('Store', { exact: true }).selectOption('demo_store');
    await fitsPhone(small);
    await shot(small, 'console-request-detail-phone.png');
    const page = await signedIn(DESKTOP, `/admin/requests/${ids.soon}`);
    await page.getByRole('heading', { name: 'Approve the corrections' }).waitFor();
    await page.getByLabel('Store', { exact: true }).selectOption('demo_store');
    await page.getByLabel('Table', { exact: true }).selectOption('customers');
    await page.getByLabel('Record key').fill('3');
    await page.getByLabel('Column').selectOption('billing_address');
    expect(await page.getByLabel('New value').inputValue()).toBe('Sherborne School, Dorset');
    await shot(page, 'console-request-approval.png');
    await page.getByRole('button', { name: 'Approve and apply' }).click();
    await expect
      .poll(() => page.locator('.live-note').first().textContent())
      .toBe('Done: the corrections are applied and the person is told.');
    await page.getByRole('table', { name: 'Corrections applied' }).getByText('billing_address').waitFor();
    const phone = await signedIn(PHONE, `/admin/requests/${ids.access}`);
    await phone.getByRole('heading', { name: 'Access export' }).waitFor();
    await phone.getByText(/^The person was emailed a download link, valid until /).waitFor();
    await fitsPhone(phone);
    await shot(phone, 'console-request-access-phone.png');
  });

  it('retention: a dry run from the page, then a legal hold placed and released', async () => {
    const page = await signedIn(DESKTOP, '/admin/retention');
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    expect(await page.locator('.run-item').count()).toBe(1);
    await page.getByRole('button', { name: 'Dry run' }).click();
    const status = page.locator('.live-note').first();
    await expect.poll(() => status.textContent()).toMatch(/^Dry run finished: \d+ records? would be swept/);
    expect(await page.locator('.run-item').count()).toBe(2);
    expect(await page.locator('.run-item').first().textContent()).toContain('Dry run');
    await page
      .getByRole('table', { name: /^What each rule did/ })
      .first()
      .waitFor();

    // "Run now" asks first; cancelling puts the keyboard back on the button.
    await page.getByRole('button', { name: 'Run now' }).click();
    await page.getByRole('button', { name: 'Yes, run the sweep' }).waitFor();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await expect
      .poll(() => page.evaluate<string | undefined>('document.activeElement?.textContent'))
      .toBe('Run now');

    // A hold on a person, with a reason: placed, listed, then released after confirming.
    await page.getByLabel('Subject id').fill('sub_not_an_id');
    await page.getByLabel('Reason', { exact: true }).fill('Litigation hold, case 2026-17');
    await page.getByRole('button', { name: 'Place the hold' }).click();
    await page.getByRole('alert').getByText('Give a subject id').waitFor();
    await page.getByLabel('Subject id').fill(subjectId);
    await page.getByRole('button', { name: 'Place the hold' }).click();
    const holdsStatus = page.locator('.live-note').nth(1);
    await expect.poll(() => holdsStatus.textContent()).toBe(`The hold on Person ${subjectId} is placed.`);
    const holds = page.getByRole('table', { name: 'Legal holds, newest first' });
    expect(await holds.locator('tbody tr').first().textContent()).toContain('Active');
    // One record of a company store, until a date.
    await page.getByRole('radio', { name: 'One record of a company store' }).check();
    await page.getByLabel('Store', { exact: true }).selectOption('demo_store');
    await page.getByLabel('Table', { exact: true }).selectOption('invoices');
    await page.getByLabel('Record key').fill('2');
    await page.getByLabel('Reason', { exact: true }).fill('Tax audit of 2025');
    await page.getByLabel('Ends on (optional)').fill('2030-12-31');
    await page.getByRole('button', { name: 'Place the hold' }).click();
    await expect
      .poll(() => holdsStatus.textContent())
      .toBe('The hold on Record 2 of demo_store.invoices is placed.');
    await expect.poll(() => holds.locator('tbody tr').count()).toBe(2);
    await shot(page, 'console-retention.png');

    await page.getByRole('button', { name: `Release the hold on Person ${subjectId}` }).click();
    await page.getByRole('button', { name: 'Yes, release' }).click();
    await expect.poll(() => holdsStatus.textContent()).toBe(`The hold on Person ${subjectId} is released.`);
    expect(await holds.textContent()).toMatch(/Released .* by /);
    const stored = (await t.request({ method: 'GET', url: '/v1/legal-holds?active=true' })).json();
    expect(stored.holds.map((h: { scope: { kind: string } }) => h.scope.kind)).toEqual(['record']);

    const phone = await signedIn(PHONE, '/admin/retention');
    await phone.getByRole('table', { name: 'Legal holds, newest first' }).waitFor();
    await fitsPhone(phone);
    await shot(phone, 'console-retention-phone.png');
  });

  it('kept to the console’s CSP: no error in any page', () => {
    expect(consoleErrors).toEqual([]);
  });
});
