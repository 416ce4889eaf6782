import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { EXAMPLE_POLICY, PACKAGE_ROOT } from '../../src/config/env.js';
import { GPC_OVERRIDE_FORM } from '../../src/modules/banner/banner.rules.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

/** The company's site, as the banner meets it: another origin than Steward's (served by Playwright). */
const SITE = 'https://apisecurity.pro';
const DIALOG = 'Cookies on the CoCart Headless LLC website';
/** `STEWARD_SCREENSHOTS=1 npx vitest run test/e2e/banner-browser.test.ts` refreshes docs/screenshots. */
const SHOTS = process.env.STEWARD_SCREENSHOTS ? path.join(PACKAGE_ROOT, 'docs', 'screenshots') : null;
const DESKTOP = { width: 1100, height: 700 };
const PHONE = { viewport: { width: 390, height: 700 }, isMobile: true, hasTouch: true };

function sitePage(steward: string, hook: boolean, nonce = ''): string {
  const n = nonce ? ` nonce="${nonce}"` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>CoCart</title>
<script src="${steward}/consent.js"></script>
<style${n}>body{margin:0;font:17px/1.6 Georgia,serif;color:#222;background:#fbfaf7}header{padding:14px 24px;background:#24292f;color:#fff}
header a{color:#fff;margin-left:16px}main{padding:8px 24px;max-width:52rem}h1{font-size:2.2rem}</style></head>
<body><header><strong>CoCart</strong><a href="#docs">Docs</a><a href="#pricing">Pricing</a></header>
<main><h1>Headless WooCommerce, without the headache</h1>
<p>CoCart gives your storefront a REST API for carts, customers and checkout, so you can build the shop front
in any framework you like. Start free, then pick a plan when your store grows.</p>
<p><a href="#start">Get started</a></p>${hook ? '<p><a href="#" data-steward-consent-open>Cookie settings</a></p>' : ''}</main>
<script${n}>window.ran = [];</script>
<script type="text/plain" data-category="necessary"${n}>window.ran.push('necessary')</script>
<script type="text/plain" data-category="analytics"${n}>window.ran.push('analytics');
document.cookie = '_ga=GA1.1.42; Path=/; Max-Age=3600'; document.cookie = '_ga_X1=GS1.1; Path=/; Max-Age=3600';
localStorage.setItem('analytics_seen', '1');</script>
<script type="text/plain" data-category="heatmaps" src="/vendor/heatmaps.js"></script>
<script type="text/plain" data-category="session_replay"${n}>window.ran.push('session_replay')</script>
<script type="text/plain" data-category="advertising"${n}>window.ran.push('advertising');
document.cookie = '_gcl_au=1.1.7; Path=/; Max-Age=3600'</script>
</body></html>`;
}

/** Runs in the page (this compilation has no DOM types); declared here, for this file only. */
declare const getComputedStyle: (element: unknown) => Record<string, string>;

const run = chromiumAvailable();

describe.skipIf(!run)('the cookie banner in Chromium', () => {
  let t: TestSteward;
  let steward: string;
  let browser: Browser;
  const contexts: BrowserContext[] = [];

  beforeAll(async () => {
    t = await startTestSteward('sqlite');
    steward = await t.steward.app.http.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  interface Site {
    readonly context: BrowserContext;
    readonly page: Page;
    /** Serve the site with another Steward's `/consent.js` from now on. */
    use(url: string): void;
  }

  async function openSite(
    options: BrowserContextOptions & { hook?: boolean; gpc?: boolean; csp?: boolean } = {},
  ): Promise<Site> {
    const { hook = false, gpc = false, csp = false, ...contextOptions } = options;
    let scriptOrigin = steward;
    const context = await browser.newContext({
      viewport: DESKTOP,
      // Steward listens on loopback here; a real deployment is a public https origin.
      permissions: ['local-network-access'],
      ...(gpc ? { extraHTTPHeaders: { 'Sec-GPC': '1' } } : {}),
      ...contextOptions,
    });
    contexts.push(context);
    if (gpc)
      await context.addInitScript({
        content: "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { get: () => true });",
      });
    await context.route(`${SITE}/**`, (route) => {
      const url = new URL(route.request().url());
      if (url.pathname === '/vendor/heatmaps.js')
        return route.fulfill({ contentType: 'text/javascript', body: "window.ran.push('heatmaps')" });
      if (!csp) return route.fulfill({ contentType: 'text/html', body: sitePage(scriptOrigin, hook) });
      // A strict site policy: no 'unsafe-inline' anywhere; inline scripts by nonce, Steward by origin.
      return route.fulfill({
        contentType: 'text/html',
        headers: {
          'content-security-policy': `default-src 'self'; script-src 'nonce-r4nd0m' 'self' ${scriptOrigin}; style-src 'nonce-r4nd0m'; connect-src ${scriptOrigin}`,
        },
        body: sitePage(scriptOrigin, hook, 'r4nd0m'),
      });
    });
    const page = await context.newPage();
    return { context, page, use: (url) => (scriptOrigin = url) };
  }

  const recording = (page: Page) =>
    page.waitForResponse((r) => r.url().endsWith('/v1/site/consent') && r.request().method() === 'POST');
  // Page functions are strings: this compilation has no DOM types, and the page is not Node.
  const ran = (page: Page) => page.evaluate<string[]>('window.ran');
  const cookieNames = async (context: BrowserContext) => (await context.cookies()).map((c) => c.name).sort();
  const storageKeys = (page: Page) =>
    page.evaluate<string[]>('[...Object.keys(localStorage), ...Object.keys(sessionStorage)]');
  async function visitorOf(context: BrowserContext): Promise<string> {
    const cookie = (await context.cookies(SITE)).find((c) => c.name === 'steward_consent');
    return JSON.parse(decodeURIComponent(cookie!.value)).v;
  }
  const ledger = (visitor: string) =>
    t.steward.store.db
      .selectFrom('consent_events as e')
      .innerJoin('subject_identities as i', 'i.subject_id', 'e.subject_id')
      .where('i.namespace', '=', 'visitor')
      .where('i.value', '=', visitor)
      .select(['e.purpose', 'e.action', 'e.channel', 'e.evidence'])
      .orderBy('e.seq')
      .execute();
  /** What has focus, inside the banner's shadow root or on the page. */
  const focused = (page: Page) =>
    page.evaluate<string>(`(() => {
      const el = document.querySelector('#steward-consent')?.shadowRoot?.activeElement ?? document.activeElement;
      if (!el) return '';
      const name = el.getAttribute('aria-label') ?? el.getAttribute('data-category') ?? '';
      return el.tagName.toLowerCase() + ':' + (name || (el.textContent ?? '').trim().slice(0, 24));
    })()`);
  async function shot(page: Page, name: string): Promise<void> {
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, name) });
  }

  it('shows the policy’s categories; before a choice nothing but necessary runs and nothing is stored', async () => {
    const { context, page } = await openSite();
    await page.goto(`${SITE}/`);
    const banner = page.getByRole('dialog', { name: DIALOG });
    await expect.poll(() => banner.isVisible()).toBe(true);
    const text = await banner.textContent();
    expect(text).toContain('analytics, heatmaps, session replay and advertising');
    expect(text).toContain('Google Analytics, Hotjar, Google Ads, Rewardful');
    expect(await banner.getByRole('link', { name: 'Privacy policy' }).getAttribute('href')).toBe(
      `${steward}/privacy`,
    );
    expect(await focused(page)).toMatch(/^section:/);

    // Equal weight: "Accept all" and "Reject all" look alike and are as large (EDPB Cookie Banner Taskforce).
    const style = (name: string) =>
      banner.getByRole('button', { name }).evaluate((b) => {
        const s = getComputedStyle(b);
        const r = b.getBoundingClientRect();
        return [s.backgroundColor, s.color, s.fontSize, s.fontWeight, s.borderWidth, r.width, r.height];
      });
    expect((await style('Accept all'))[5]).toBeGreaterThan(100);
    expect(await style('Reject all')).toEqual(await style('Accept all'));
    expect(await style('Choose')).toEqual(await style('Accept all'));
    await shot(page, 'banner-desktop.png');

    expect(await ran(page)).toEqual(['necessary']);
    expect(await cookieNames(context)).toEqual([]);
    expect(await storageKeys(page)).toEqual([]);

    await banner.getByRole('button', { name: 'Choose' }).click();
    const choose = page.getByRole('dialog', { name: 'Choose cookies' });
    await expect.poll(() => choose.isVisible()).toBe(true);
    const switches = choose.getByRole('switch');
    expect(await switches.count()).toBe(4);
    for (const name of ['Analytics', 'Heatmaps', 'Session replay', 'Advertising'])
      expect(await choose.getByRole('switch', { name }).isChecked()).toBe(false);
    const panel = await choose.textContent();
    expect(panel).toContain('Always on');
    expect(panel).toContain('_ga_<container-id>');
    expect(panel).toContain('13 months');
    expect(panel).toContain('until you close your browser');
    expect(panel).toContain('third party');
    await shot(page, 'banner-choose.png');
    expect(await cookieNames(context)).toEqual([]);
  });

  it('"Reject all" records a withdrawal per purpose in the ledger and runs no gated script', async () => {
    const { context, page } = await openSite();
    await page.goto(`${SITE}/`);
    const saved = recording(page);
    await page.getByRole('dialog', { name: DIALOG }).getByRole('button', { name: 'Reject all' }).click();
    expect((await saved).status()).toBe(200);
    expect(await page.getByRole('dialog', { name: DIALOG }).count()).toBe(0);
    expect(await ran(page)).toEqual(['necessary']);
    expect(await cookieNames(context)).toEqual(['steward_consent']);
    expect(await storageKeys(page)).toEqual([]);
    const events = await ledger(await visitorOf(context));
    expect(events.map((e) => e.purpose).sort()).toEqual([
      'advertising',
      'heatmaps',
      'session_replay',
      'website_analytics',
    ]);
    expect(events.every((e) => e.action === 'withdrawn' && e.channel === 'banner')).toBe(true);
    expect(JSON.parse(events[0]!.evidence)).toMatchObject({
      ipPrefix: '127.0.0.0',
      userAgent: expect.any(String),
    });

    await page.reload();
    await expect.poll(() => page.getByRole('button', { name: 'Cookie settings' }).isVisible()).toBe(true);
    expect(await page.getByRole('dialog', { name: DIALOG }).count()).toBe(0);
    expect(await ran(page)).toEqual(['necessary']);
  });

  it('"Accept all" runs every gated script, inline and external, now and on the next pages', async () => {
    const { context, page } = await openSite();
    await page.goto(`${SITE}/`);
    const saved = recording(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await saved;
    await expect
      .poll(() => ran(page))
      .toEqual(['necessary', 'analytics', 'heatmaps', 'session_replay', 'advertising']);
    expect(await cookieNames(context)).toEqual(['_ga', '_ga_X1', '_gcl_au', 'steward_consent']);
    const events = await ledger(await visitorOf(context));
    expect(events).toHaveLength(4);
    expect(events.every((e) => e.action === 'given' && e.channel === 'banner')).toBe(true);

    await page.reload();
    await expect
      .poll(() => ran(page))
      .toEqual(['necessary', 'analytics', 'heatmaps', 'session_replay', 'advertising']);
    expect(await page.getByRole('dialog', { name: DIALOG }).count()).toBe(0);
  });

  it('"Choose" allows one category; reopening and switching it off withdraws it and deletes its cookies', async () => {
    const { context, page } = await openSite({ hook: true });
    await page.goto(`${SITE}/`);
    await page.getByRole('button', { name: 'Choose' }).click();
    const choose = page.getByRole('dialog', { name: 'Choose cookies' });
    await choose.getByRole('switch', { name: 'Analytics' }).check();
    const saved = recording(page);
    await choose.getByRole('button', { name: 'Save choices' }).click();
    expect((await (await saved).json()).choices).toEqual({
      analytics: true,
      heatmaps: false,
      session_replay: false,
      advertising: false,
    });
    await expect.poll(() => ran(page)).toEqual(['necessary', 'analytics']);
    const visitor = await visitorOf(context);
    const given = (await ledger(visitor)).filter((e) => e.action === 'given');
    expect(given.map((e) => e.purpose)).toEqual(['website_analytics']);
    // The page has its own link (`data-steward-consent-open`): no floating button then.
    expect(await page.getByRole('button', { name: 'Cookie settings' }).count()).toBe(0);

    await page.getByRole('link', { name: 'Cookie settings' }).click();
    const again = page.getByRole('dialog', { name: 'Choose cookies' });
    expect(await again.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true);
    await again.getByRole('switch', { name: 'Analytics' }).uncheck();
    const withdrawn = recording(page);
    const reloaded = page.waitForEvent('load');
    await again.getByRole('button', { name: 'Save choices' }).click();
    await withdrawn;
    // Scripts that already ran cannot be unloaded: the page reloads without them.
    await reloaded;
    expect(await ran(page)).toEqual(['necessary']);
    expect(await cookieNames(context)).toEqual(['steward_consent']);
    const events = await ledger(visitor);
    expect(events.filter((e) => e.purpose === 'website_analytics').at(-1)).toMatchObject({
      action: 'withdrawn',
      channel: 'banner',
    });
  });

  it('works with the keyboard alone: Tab order, Enter, Space, a focus trap in "Choose", Escape', async () => {
    const { context, page } = await openSite();
    await page.goto(`${SITE}/`);
    await expect.poll(() => focused(page)).toMatch(/^section:/);
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('a:Privacy policy');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Accept all');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Reject all');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Choose');
    await page.keyboard.press('Enter');
    await expect.poll(() => focused(page)).toMatch(/^section:/);
    expect(await page.getByRole('dialog', { name: 'Choose cookies' }).isVisible()).toBe(true);

    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Close');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('input:analytics');
    await page.keyboard.press('Space');
    expect(await page.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true);
    // Past the last button, Tab comes back to the first control; Shift+Tab goes the other way.
    for (let i = 0; i < 6; i++) await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Reject all');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Close');
    await page.keyboard.press('Shift+Tab');
    expect(await focused(page)).toBe('button:Reject all');

    // Escape: back to the first layer, on the button that opened "Choose"; again: the banner goes, nothing chosen.
    await page.keyboard.press('Escape');
    expect(await focused(page)).toBe('button:Choose');
    expect(await page.getByRole('dialog', { name: 'Choose cookies' }).count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(await page.getByRole('dialog', { name: DIALOG }).count()).toBe(0);
    expect(await cookieNames(context)).toEqual([]);
    expect(await ran(page)).toEqual(['necessary']);

    await page.reload();
    await expect.poll(() => focused(page)).toMatch(/^section:/);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('button:Reject all');
    const saved = recording(page);
    await page.keyboard.press('Enter');
    await saved;
    expect(await cookieNames(context)).toEqual(['steward_consent']);
    expect(await ran(page)).toEqual(['necessary']);
  });

  it('Global Privacy Control turns advertising off (channel gpc) and the banner never pre-enables it', async () => {
    const { context, page } = await openSite({ gpc: true });
    const signal = recording(page);
    await page.goto(`${SITE}/`);
    const answer = await (await signal).json();
    expect(answer.gpc).toEqual({ signal: true, honored: true, message: 'Opt-Out Preference Signal Honored' });
    const visitor = await visitorOf(context);
    expect(await ledger(visitor)).toMatchObject([
      { purpose: 'advertising', action: 'withdrawn', channel: 'gpc' },
    ]);

    const banner = page.getByRole('dialog', { name: DIALOG });
    await expect.poll(() => banner.isVisible()).toBe(true);
    expect(await banner.getByRole('status').textContent()).toContain('Opt-Out Preference Signal Honored');
    await shot(page, 'banner-gpc.png');

    const saved = recording(page);
    await banner.getByRole('button', { name: 'Accept all' }).click();
    await saved;
    await expect.poll(() => ran(page)).toEqual(['necessary', 'analytics', 'heatmaps', 'session_replay']);
    expect(await cookieNames(context)).not.toContain('_gcl_au');
    const advertising = (await ledger(visitor)).filter((e) => e.purpose === 'advertising');
    expect(advertising).toMatchObject([{ action: 'withdrawn', channel: 'gpc' }]);

    // In "Choose" advertising is off and says why; switching it on by hand is the explicit opt-in.
    await page.getByRole('button', { name: 'Cookie settings' }).click();
    const choose = page.getByRole('dialog', { name: 'Choose cookies' });
    const toggle = choose.getByRole('switch', { name: 'Advertising' });
    expect(await toggle.isChecked()).toBe(false);
    expect(await choose.getByRole('switch', { name: 'Analytics' }).isChecked()).toBe(true);
    const note = await toggle.getAttribute('aria-describedby');
    expect(await choose.locator(`#${note}`).textContent()).toContain('Opt-Out Preference Signal Honored');
    await toggle.check();
    const optIn = recording(page);
    await choose.getByRole('button', { name: 'Save choices' }).click();
    expect((await (await optIn).json()).choices.advertising).toBe(true);
    await expect.poll(() => ran(page)).toContain('advertising');
    const last = (await ledger(visitor)).filter((e) => e.purpose === 'advertising').at(-1)!;
    expect(last).toMatchObject({ action: 'given', channel: 'banner' });
    expect(JSON.parse(last.evidence).formId).toBe(GPC_OVERRIDE_FORM);
  });

  it('asks again after a material policy change, and runs nothing until the visitor answers', async () => {
    const site = await openSite();
    const { page } = site;
    await page.goto(`${SITE}/`);
    const saved = recording(page);
    await page.getByRole('button', { name: 'Accept all' }).click();
    await saved;

    // The same company, one more analytics cookie: a new banner revision.
    const policy = parse(fs.readFileSync(EXAMPLE_POLICY, 'utf8')) as {
      purposes: { id: string; website?: { cookies: object[] } }[];
    };
    policy.purposes
      .find((p) => p.id === 'website_analytics')!
      .website!.cookies.push({ name: '_gid', provider: 'Google Analytics', duration: 'P1D' });
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-policy-'));
    const file = path.join(dir, 'policy.yaml');
    fs.writeFileSync(file, stringify(policy));
    const changed = await startTestSteward('sqlite', { policyFile: file });
    try {
      site.use(await changed.steward.app.http.listen({ port: 0, host: '127.0.0.1' }));
      await page.reload();
      await expect.poll(() => page.getByRole('dialog', { name: DIALOG }).isVisible()).toBe(true);
      expect(await ran(page)).toEqual(['necessary']);
      await page.getByRole('button', { name: 'Choose' }).click();
      expect(await page.getByRole('dialog', { name: 'Choose cookies' }).textContent()).toContain('_gid');
    } finally {
      await changed.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('works under a strict Content-Security-Policy: styled without unsafe-inline, gated scripts keep their nonce', async () => {
    const { page } = await openSite({ csp: true });
    const violations: string[] = [];
    page.on('console', (m) => {
      if (m.text().includes('Content Security Policy')) violations.push(m.text());
    });
    await page.goto(`${SITE}/`);
    const banner = page.getByRole('dialog', { name: DIALOG });
    await expect.poll(() => banner.isVisible()).toBe(true);
    // The stylesheet applies: the banner is a fixed card, its buttons 44 px high.
    expect(await page.locator('#steward-consent .bar').evaluate((e) => getComputedStyle(e).position)).toBe(
      'fixed',
    );
    expect(
      (await banner.getByRole('button', { name: 'Accept all' }).boundingBox())!.height,
    ).toBeGreaterThanOrEqual(44);
    const saved = recording(page);
    await banner.getByRole('button', { name: 'Accept all' }).click();
    await saved;
    await expect
      .poll(() => ran(page))
      .toEqual(['necessary', 'analytics', 'heatmaps', 'session_replay', 'advertising']);
    expect(violations).toEqual([]);
  });

  it('is readable on a phone: large targets, accept and reject alike, no sideways scrolling', async () => {
    const { page } = await openSite(PHONE);
    await page.goto(`${SITE}/`);
    const banner = page.getByRole('dialog', { name: DIALOG });
    await expect.poll(() => banner.isVisible()).toBe(true);
    const box = async (name: string) => (await banner.getByRole('button', { name }).boundingBox())!;
    const [accept, reject, choose] = [await box('Accept all'), await box('Reject all'), await box('Choose')];
    expect([reject.width, reject.height, reject.y]).toEqual([accept.width, accept.height, accept.y]);
    for (const b of [accept, reject, choose]) {
      expect(b.height).toBeGreaterThanOrEqual(44);
      expect(b.x + b.width).toBeLessThanOrEqual(390);
      expect(b.y + b.height).toBeLessThanOrEqual(700);
    }
    expect((await banner.boundingBox())!.height).toBeLessThan(700 / 2 + 60);
    expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await shot(page, 'banner-phone.png');
    await banner.getByRole('button', { name: 'Choose' }).click();
    const panel = (await page.getByRole('dialog', { name: 'Choose cookies' }).boundingBox())!;
    expect(panel.width).toBeLessThanOrEqual(390);
    await shot(page, 'banner-phone-choose.png');
  });
});
