/**
 * The public history of the policy on both dialects: /privacy/versions before and after publications,
 * material changes marked, a version's own page, and the Atom feed of processor changes (RFC 4287).
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXAMPLE_POLICY } from '../../src/config/env.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const BASE = fs.readFileSync(EXAMPLE_POLICY, 'utf8');
// A new processor in a new country: material (new_processor, new_country).
const CHANGED = BASE.replace(
  '  - id: aws\n',
  `  - id: mailchimp
    name: Mailchimp <Intuit>
    services: [transactional_marketing_email]
    countries: [AU]
    transfer: { mechanism: scc, sccModule: 2, reference: Mailchimp DPA }
    dpa: { reference: Mailchimp Data Processing Addendum }
  - id: aws
`,
).replace(
  'processors: [postmark]\n    marketing:\n      channel: email\n      optOut: [unsubscribe_link, one_click, privacy_center]\n      audience: { kind: consent }',
  'processors: [postmark, mailchimp]\n    marketing:\n      channel: email\n      optOut: [unsubscribe_link, one_click, privacy_center]\n      audience: { kind: consent }',
);

describe.each(dialects)('policy versions pages on %s', (dialect) => {
  let t: TestSteward;
  const now = Date.UTC(2026, 10, 29, 12);
  beforeAll(async () => {
    t = await startTestSteward(dialect, { clock: () => now });
  });
  afterAll(async () => {
    await t.close();
  });
  const get = (url: string) => t.request({ method: 'GET', url, role: null });

  it('says when nothing is published yet, and the feed is empty but valid', async () => {
    const page = await get('/privacy/versions');
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    expect(page.body).toContain('No version has been published yet');
    const feed = await get('/privacy/processors.atom');
    expect(feed.headers['content-type']).toContain('application/atom+xml');
    expect(feed.body).toMatch(
      /^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/,
    );
    expect(feed.body).not.toContain('<entry>');
  });

  it('lists versions with effective dates and material changes, each with its own page, and feeds processor changes', async () => {
    expect(
      (await t.request({ method: 'POST', url: '/v1/policy/versions', payload: { yaml: BASE } })).statusCode,
    ).toBe(201);
    const published = await t.request({
      method: 'POST',
      url: '/v1/policy/versions',
      payload: { yaml: CHANGED },
    });
    expect(published.statusCode, published.body).toBe(201);
    const v2 = published.json().version;
    const page = await get('/privacy/versions');
    expect(page.body).toContain('The first published version.');
    expect(page.body).toContain('<strong>Material change:</strong>');
    expect(page.body).toContain('Mailchimp &lt;Intuit&gt;');
    expect(page.body).not.toContain('Mailchimp <Intuit>');
    // Material: the notice period of the example (30 days) comes first.
    expect(page.body).toContain('takes effect on 29 December 2026');
    expect(page.body).toContain('aria-current="page"');

    const one = await get(`/privacy/versions/${v2.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('What changed');
    expect(one.body).toContain('Whom We Share');
    expect((await get(`/privacy/versions/ver_${'0'.repeat(26)}`)).statusCode).toBe(404);
    expect((await get('/privacy/versions/<script>')).statusCode).toBe(404);

    const feed = (await get('/privacy/processors.atom')).body;
    const entries = feed.match(/<entry>/g) ?? [];
    expect(entries).toHaveLength(1);
    expect(feed).toContain(`/privacy/versions/${v2.id}`);
    expect(feed).toContain('Mailchimp &lt;Intuit&gt;');
    for (const tag of ['id', 'title', 'updated'])
      expect(feed).toMatch(new RegExp(`<feed[\\s\\S]*<${tag}>[^<]+</${tag}>`));
  });
});
