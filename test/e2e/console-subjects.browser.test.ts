/**
 * The console's subject, data map, processor, version, audit and log pages in Chromium, against a real
 * server seeded through its API: an operator signs in through the sign-in page, finds a person and reads
 * their consent timeline with its ledger proof, lights up the data map with the pointer and the keyboard,
 * compares two policy versions, filters the audit trail and searches the security logs.
 * `STEWARD_SCREENSHOTS=1` also saves every page at 1280×800 and 390×844 under docs/screenshots.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { EXAMPLE_POLICY, PACKAGE_ROOT } from '../../src/config/env.js';
import { createOperatorsService } from '../../src/modules/operators/operators.service.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { chromiumAvailable, launchChromium } from '../support/chromium.js';

const SHOTS = process.env.STEWARD_SCREENSHOTS ? path.join(PACKAGE_ROOT, 'docs', 'screenshots') : null;
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const OPERATOR = { email: 'auditor.admin@example.com', password: 'correct horse battery staple' };
const PERSON = 'ada.lovelace@example.org';
const HOUR = 3_600_000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function accessLine(ip: string, ms: number, request: string, status: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  const stamp = `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
  return `${ip} - - [${stamp}] "${request}" ${status} 512 "-" "Mozilla/5.0 (X11; Linux x86_64) Firefox/140.0"`;
}

const run = chromiumAvailable();

describe.skipIf(!run)('console subject, data map, versions, audit and logs pages in Chromium', () => {
  let t: TestSteward;
  let base: string;
  let browser: Browser;
  let page: Page;
  let subjectId: string;

  const api = async (
    method: 'GET' | 'POST',
    url: string,
    payload?: unknown,
    headers?: Record<string, string>,
  ) => {
    const res = await t.request({
      method,
      url,
      role: 'admin',
      ...(payload === undefined ? {} : { payload: payload as string }),
      ...(headers ? { headers } : {}),
    });
    expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
    return res.json();
  };

  async function shoot(name: string): Promise<void> {
    if (!SHOTS) return;
    fs.mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, `console-${name}.png`), fullPage: true });
    await page.setViewportSize(PHONE);
    await page.waitForTimeout(150);
    await page.screenshot({ path: path.join(SHOTS, `console-${name}-phone.png`), fullPage: true });
    await page.setViewportSize(DESKTOP);
  }

  /** Follows a navigation link, as an operator would. */
  async function open(section: string): Promise<void> {
    await page
      .getByRole('navigation', { name: 'Console sections' })
      .getByRole('link', { name: section })
      .click();
    await page.getByRole('heading', { level: 1, name: section }).waitFor();
  }

  beforeAll(async () => {
    t = await startTestSteward('sqlite');
    base = await t.steward.app.http.listen({ port: 0, host: '127.0.0.1' });
    await createOperatorsService({
      db: t.steward.store.db,
      sessionTtlMs: HOUR,
      maxFailures: 5,
      lockMs: HOUR,
    }).create({
      ...OPERATOR,
      role: 'admin',
    });

    // A customer who gave marketing consent, withdrew it, and later unsubscribed from all marketing.
    const subject = await api('POST', '/v1/subjects', {
      identities: [
        { type: 'email', value: PERSON },
        { type: 'external', namespace: 'stripe', value: 'cus_42' },
      ],
      relationships: [{ kind: 'customer', reference: 'acct-42' }],
    });
    subjectId = subject.id;
    const consent = (action: string) =>
      api('POST', '/v1/consents', {
        subject: { subjectId },
        purpose: 'consent_marketing',
        action,
        channel: 'web_form',
        evidence: { formId: 'contact', ip: '203.0.113.9', language: 'en' },
      });
    await consent('given');
    await consent('withdrawn');
    // What the unsubscribe link does (its token is signed by the server; the service is the same path).
    await t.steward.consent.consent.suppress(subjectId, '*', 'unsubscribed', 'email_link', 'test');
    await api('POST', '/v1/disclosures', {
      subjectId,
      recipient: 'lawyers',
      categories: ['identity.name', 'contact.email'],
      basis: 'Defence of a legal claim',
      reference: 'case-7',
    });
    await api('POST', '/v1/legal-holds', { subjectId, reason: 'Pending dispute about invoice 2026-114' });

    // Two policy versions: the example, then a new recipient in a third country (a material change).
    const text = fs.readFileSync(EXAMPLE_POLICY, 'utf8');
    await api('POST', '/v1/policy/versions', { yaml: text });
    const edited = YAML.parse(text) as {
      recipients: Record<string, unknown>[];
      purposes: { id: string; recipients?: string[] }[];
    };
    edited.recipients.push({
      id: 'ad_partner',
      name: 'Ad Partner Inc',
      kind: 'contractor',
      description: 'Measures our email campaigns.',
      categories: ['contact.email'],
      countries: ['US'],
      transfer: { mechanism: 'scc', sccModule: 1, reference: 'SCCs module 1' },
    });
    const marketing = edited.purposes.find((p) => p.id === 'consent_marketing')!;
    marketing.recipients = [...(marketing.recipients ?? []), 'ad_partner'];
    await api('POST', '/v1/policy/versions', { yaml: YAML.stringify(edited) });

    const now = Date.now();
    await api(
      'POST',
      '/v1/logs',
      [
        accessLine('203.0.113.7', now - HOUR, 'POST /login HTTP/1.1', 401),
        accessLine('203.0.113.7', now - HOUR + 1000, 'POST /login HTTP/1.1', 200),
        accessLine('198.51.100.9', now - 2 * HOUR, 'GET /pricing HTTP/1.1', 200),
      ].join('\n'),
      { 'content-type': 'application/x-ndjson' },
    );

    browser = await launchChromium();
    page = await (await browser.newContext({ viewport: DESKTOP })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  it('signs in through the sign-in page', async () => {
    await page.goto(`${base}/admin/`);
    await page.getByLabel('Email').fill(OPERATOR.email);
    await page.getByLabel('Password').fill(OPERATOR.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('button', { name: 'Sign out' }).waitFor();
    expect(await page.getByText(`${OPERATOR.email} (admin)`).isVisible()).toBe(true);
  });

  it('finds a person by email and shows the consent timeline with its ledger proof', async () => {
    await open('Subjects');
    await page.getByLabel('Email address').fill('nobody@example.org');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByText('No subject has this identity.').waitFor();
    expect(page.url()).not.toContain('example.org'); // identities never reach the address bar

    await page.getByLabel('Email address').fill(' Ada.Lovelace@Example.ORG ');
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await page.getByRole('link', { name: `Subject ${subjectId}` }).waitFor();
    await shoot('subjects');
    await page.getByRole('link', { name: `Subject ${subjectId}` }).click();
    await page.getByRole('heading', { level: 1, name: `Subject ${subjectId}` }).waitFor();

    const identities = page.getByRole('table', { name: 'Identities' });
    await identities.waitFor();
    expect(await identities.textContent()).toContain(PERSON);
    expect(await page.getByRole('table', { name: 'Relationships' }).textContent()).toContain('acct-42');

    const timeline = page.getByRole('list', { name: 'Consent timeline, newest first' });
    await timeline.waitFor();
    const items = timeline.getByRole('listitem');
    expect(await items.count()).toBe(3);
    const { events } = await api('GET', `/v1/subjects/${subjectId}/consents`);
    const newest = events.at(-1);
    const first = items.first();
    expect(await first.textContent()).toContain('Unsubscribed');
    expect(await first.textContent()).toContain(newest.hash);
    expect(await first.textContent()).toContain(newest.prevHash);
    expect(await first.textContent()).toContain(`Ledger entry${newest.seq}`);
    const withdrawn = items.nth(1);
    expect(await withdrawn.textContent()).toContain('Consent withdrawn');
    expect(await withdrawn.textContent()).toContain('Marketing after you gave consent');
    // The receipt link works with the operator's session.
    const href = await withdrawn.getByRole('link', { name: 'Consent receipt (JSON)' }).getAttribute('href');
    expect(href).toBe(`/v1/consents/${events[1].id}/receipt`);
    const receipt = await page.request.get(`${base}${href}`);
    expect(receipt.status()).toBe(200);

    const state = page.locator('#consent .cards');
    expect(await state.textContent()).toContain('Suppressed All marketing');
    expect(await state.textContent()).toContain('Consent withdrawn');

    expect(await page.getByRole('table', { name: 'Disclosures' }).textContent()).toContain('Lawyers');
    expect(await page.getByRole('table', { name: 'Legal holds' }).textContent()).toContain('Pending dispute');
    const audit = page.getByRole('table', { name: 'Audit entries of this subject' });
    await audit.waitFor();
    expect(await audit.textContent()).toContain('disclosure.recorded');
    expect(await audit.textContent()).not.toContain(PERSON);
    await shoot('subject-detail');
  });

  it('draws the data map and lights up what a node connects to, by pointer and by keyboard', async () => {
    await open('Data map');
    const map = page.locator('svg.map');
    await map.waitFor();
    const view = await api('GET', '/v1/policy');
    expect(await map.locator('.map-purpose').count()).toBe(view.purposes.length);
    expect(await map.locator('.map-edge').count()).toBeGreaterThan(50);

    await map.locator('[data-key="purpose:consent_marketing"]').hover();
    expect(await map.getAttribute('class')).toContain('has-active');
    const lit = async (key: string) =>
      ((await map.locator(`[data-key="${key}"]`).getAttribute('class')) ?? '').split(' ').includes('lit');
    expect(await lit('party:postmark')).toBe(true);
    expect(await lit('country:US')).toBe(true);
    expect(await lit('category:contact.email')).toBe(true);
    expect(await lit('table:demo_store.newsletter_subscribers')).toBe(true);
    expect(await lit('party:xero')).toBe(false);
    // Invoices hold names too, but not for this purpose.
    expect(await lit('table:demo_store.invoices')).toBe(false);
    const detail = page.locator('.map-detail');
    expect(await detail.textContent()).toContain('Purpose: Marketing after you gave consent');
    expect(await detail.textContent()).toContain('Legal basis: Consent');
    await shoot('data-map');
    await page.mouse.move(0, 0);

    // Keyboard: one node in the tab order; arrows move, Enter keeps it lit.
    expect(await map.locator('[tabindex="0"]').count()).toBe(1);
    await map.locator('[tabindex="0"]').focus();
    const focused = () =>
      page.evaluate<string | null>("document.activeElement?.getAttribute('data-key') ?? null");
    const start = await focused();
    expect(start).toMatch(/^purpose:/);
    await page.keyboard.press('ArrowRight');
    const right = await focused();
    expect(right).toMatch(/^party:/);
    expect(await map.locator(`[data-key="${right}"]`).getAttribute('tabindex')).toBe('0');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toMatch(/^country:/);
    await page.keyboard.press('Enter');
    const pinned = await focused();
    expect(await map.locator(`[data-key="${pinned}"]`).getAttribute('aria-pressed')).toBe('true');
    expect(await detail.textContent()).toContain('kept lit');
    const label = await map.locator(`[data-key="${pinned}"]`).getAttribute('aria-label');
    expect(label).toMatch(/^Country: .+\. Connects to \d+ /);
    await page.keyboard.press('Escape');
    expect(await map.locator(`[data-key="${pinned}"]`).getAttribute('aria-pressed')).toBe('false');

    const table = page.getByRole('table', { name: 'One row per purpose' });
    expect(await table.locator('tbody tr').count()).toBe(view.purposes.length);
  });

  it('lists processors by service with their transfers and contracts', async () => {
    await open('Processors');
    const accounting = page.getByRole('table', { name: 'Processors for Accounting and bookkeeping' });
    await accounting.waitFor();
    const row = await accounting.getByRole('row', { name: /Xero/ }).textContent();
    expect(row).toContain('EU Standard Contractual Clauses (Module 2)');
    expect(row).toContain('Xero Data Processing Addendum');
    expect(row).toContain('New Zealand');
    const hosting = await page
      .getByRole('table', { name: 'Processors for Infrastructure and hosting' })
      .textContent();
    expect(hosting).toContain('Not needed: every country is adequate');
    await shoot('processors');
  });

  it('lists policy versions and shows the changes between two', async () => {
    await open('Policy versions');
    const list = page.getByRole('table', { name: 'Published policy versions' });
    await list.waitFor();
    expect(await list.locator('tbody tr').count()).toBe(2);
    expect(await list.locator('tbody tr').first().textContent()).toContain('material');
    await shoot('versions');
    await list.getByRole('link', { name: '2026-11 (#2)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Changes in 2026-11 (#2)' }).waitFor();
    await page.getByRole('heading', { name: 'From 2026-11 (#1) to 2026-11 (#2)' }).waitFor();
    const changes = page.locator('.change-item');
    expect(await changes.count()).toBeGreaterThan(0);
    expect(await page.locator('.changes').textContent()).toContain('Ad Partner Inc');
    await changes.first().getByText('Before and after').click();
    await shoot('version-diff');
    // The first version has nothing before it; compared with the second, the new recipient is removed.
    await page.getByRole('link', { name: 'All versions' }).click();
    await list.getByRole('link', { name: '2026-11 (#1)' }).click();
    await page.getByRole('heading', { name: 'The first version: nothing to compare with' }).waitFor();
    const second = await page
      .getByLabel('Compare with', { exact: true })
      .locator('option')
      .nth(1)
      .getAttribute('value');
    await page.getByLabel('Compare with', { exact: true }).selectOption(second!);
    await page.getByRole('heading', { name: 'From 2026-11 (#2) to 2026-11 (#1)' }).waitFor();
    expect(page.url()).toContain(`?from=${second}`);
    expect(await page.locator('.changes').textContent()).toContain('Removed');
  });

  it('filters the audit trail and shows the chain verified', async () => {
    await open('Audit trail');
    await page.getByText('Chain intact').waitFor();
    const table = page.getByRole('table', { name: 'Audit entries, newest first' });
    await table.waitFor();
    await page.getByLabel('Action').fill('consent.*');
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL(/action=consent/);
    await page.waitForFunction(
      "[...document.querySelectorAll('table tbody tr td:nth-child(4)')].every((td) => td.textContent.startsWith('consent.'))",
    );
    const actions = await table.locator('tbody tr td:nth-child(4)').allTextContents();
    expect(actions.length).toBeGreaterThan(0);
    expect(actions.every((a) => a.startsWith('consent.'))).toBe(true);
    await shoot('audit');

    // From a subject's page, the trail opens filtered to that subject.
    await page.goto(`${base}/admin/subjects/${subjectId}`);
    await page.getByRole('link', { name: 'Open in the audit trail, newest first' }).click();
    await page.getByRole('heading', { level: 1, name: 'Audit trail' }).waitFor();
    expect(await page.getByLabel('Subject id').inputValue()).toBe(subjectId);
    await page.waitForFunction(
      `[...document.querySelectorAll('table tbody tr td:nth-child(5)')].every((td) => td.textContent === '${subjectId}')`,
    );
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(0);
  });

  it('searches the security logs by network, one audited page at a time', async () => {
    await open('Security logs');
    expect(await page.getByRole('note').textContent()).toContain(
      'Every search is recorded in the audit trail',
    );
    await page.getByText('Nothing searched yet.').waitFor();
    await page.getByLabel('Address or network').fill('203.0.113.0/24');
    await page.getByLabel('Lines per page').selectOption('25');
    await page.getByRole('button', { name: 'Search the logs' }).click();
    const table = page.getByRole('table', { name: 'Requests, page 1' });
    await table.waitFor();
    const rows = await table.locator('tbody tr').allTextContents();
    expect(rows).toHaveLength(2);
    expect(rows.every((r) => r.includes('203.0.113.7') && r.includes('/login'))).toBe(true);
    await shoot('logs');
    const audited = await api('GET', '/v1/audit?action=logs.searched');
    expect(audited.entries[0]).toMatchObject({ detail: { ipFilter: true, pathFilter: false, results: 2 } });

    // A bad prefix is explained in words, from the server's problem.
    await page.getByLabel('Address or network').fill('203.0.113.0/99');
    await page.getByRole('button', { name: 'Search the logs' }).click();
    await page.getByRole('alert').waitFor();
    expect((await page.getByRole('alert').textContent())?.length).toBeGreaterThan(10);
  });
});
