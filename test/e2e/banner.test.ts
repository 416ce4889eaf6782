import { randomBytes } from 'node:crypto';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBannerConfig } from '../../src/modules/banner/banner.config.js';
import { GPC_OVERRIDE_FORM } from '../../src/modules/banner/banner.rules.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const CONSENT_PURPOSES = ['advertising', 'heatmaps', 'session_replay', 'website_analytics'];
const ALL = { analytics: true, heatmaps: true, session_replay: true, advertising: true };
const NONE = { analytics: false, heatmaps: false, session_replay: false, advertising: false };
const HONORED = 'Opt-Out Preference Signal Honored';

describe.each(dialects)('cookie banner and Global Privacy Control on %s', (dialect) => {
  let t: TestSteward;
  let revision: string;
  beforeAll(async () => {
    t = await startTestSteward(dialect);
    revision = buildBannerConfig(t.steward.policy.policy).revision;
  });
  afterAll(async () => {
    await t.close();
  });

  const newVisitor = () => randomBytes(16).toString('base64url');
  const post = (payload: object | string, headers: Record<string, string> = {}, remoteAddress?: string) =>
    t.request({
      method: 'POST',
      url: '/v1/site/consent',
      payload,
      headers: { 'content-type': 'application/json', ...headers },
      role: null,
      ...(remoteAddress ? { remoteAddress } : {}),
    });
  /** The visitor's ledger events, found the way an auditor would: through the `visitor` identity. */
  const events = (visitor: string) =>
    t.steward.store.db
      .selectFrom('consent_events as e')
      .innerJoin('subject_identities as i', 'i.subject_id', 'e.subject_id')
      .where('i.type', '=', 'external')
      .where('i.namespace', '=', 'visitor')
      .where('i.value', '=', visitor)
      .select(['e.purpose', 'e.action', 'e.channel', 'e.evidence', 'e.actor', 'e.policy_hash'])
      .orderBy('e.seq')
      .execute();
  /** The latest event of one purpose (events of one request are appended concurrently, in any order). */
  const latest = async (visitor: string, purpose: string) =>
    (await events(visitor)).filter((r) => r.purpose === purpose).at(-1);

  it('serves /consent.js with the policy’s categories: compressed, cached, validated, under 8 KB gzipped', async () => {
    const config = buildBannerConfig(t.steward.policy.policy);
    expect(config.categories.map((c) => c.id)).toEqual([
      'necessary',
      'analytics',
      'heatmaps',
      'session_replay',
      'advertising',
    ]);
    expect(config.categories.find((c) => c.id === 'advertising')).toMatchObject({
      gpc: true,
      necessary: false,
    });
    expect(config.categories.find((c) => c.id === 'necessary')).toMatchObject({
      necessary: true,
      gpc: false,
    });
    const analytics = config.categories.find((c) => c.id === 'analytics')!.purposes[0]!;
    expect(analytics).toMatchObject({ title: 'Website analytics', thirdParty: true });
    expect(analytics.cookies[0]).toEqual({
      name: '_ga',
      provider: 'Google Analytics',
      duration: '13 months',
    });

    const br = await t.request({
      method: 'GET',
      url: '/consent.js',
      headers: { 'accept-encoding': 'gzip, br' },
      role: null,
    });
    expect(br.statusCode).toBe(200);
    expect(br.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['cache-control']).toBe('public, max-age=86400');
    expect(br.headers.vary).toContain('Accept-Encoding');
    const text = brotliDecompressSync(br.rawPayload).toString('utf8');
    expect(text).toContain(JSON.stringify(config));
    expect(text).toContain('steward_consent');

    const gz = await t.request({
      method: 'GET',
      url: '/consent.js',
      headers: { 'accept-encoding': 'gzip' },
      role: null,
    });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString('utf8')).toBe(text);
    expect(gz.rawPayload.length).toBeLessThanOrEqual(8 * 1024);
    expect(br.rawPayload.length).toBeLessThanOrEqual(8 * 1024);

    const plain = await t.request({ method: 'GET', url: '/consent.js', role: null });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(text);
    const refused = await t.request({
      method: 'GET',
      url: '/consent.js',
      headers: { 'accept-encoding': 'br;q=0, gzip;q=0' },
      role: null,
    });
    expect(refused.headers['content-encoding']).toBeUndefined();

    const etag = plain.headers.etag as string;
    expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(br.headers.etag).toBe(etag);
    const cached = await t.request({
      method: 'GET',
      url: '/consent.js',
      headers: { 'if-none-match': `W/${etag}` },
      role: null,
    });
    expect(cached.statusCode).toBe(304);
    expect(cached.body).toBe('');
  });

  it('serves /.well-known/gpc.json as application/json with the policy’s last-modified date', async () => {
    const res = await t.request({ method: 'GET', url: '/.well-known/gpc.json', role: null });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(res.json()).toEqual({ gpc: true, lastUpdate: '2026-11-29' });
    expect(res.json().lastUpdate).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('answers false for every non-essential category by default, records nothing and creates no subject', async () => {
    const visitor = newVisitor();
    const res = await post({ visitor });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.json()).toMatchObject({
      visitor,
      revision,
      choices: NONE,
      recorded: 0,
      gpc: { signal: false, honored: false },
    });
    expect(res.json().purposes.map((p: { state: string }) => p.state)).toEqual([
      'none',
      'none',
      'none',
      'none',
    ]);
    const identities = await t.steward.store.db
      .selectFrom('subject_identities')
      .select('id')
      .where('value', '=', visitor)
      .execute();
    expect(identities).toEqual([]);
  });

  it('"Reject all" records one withdrawal per consent-based website purpose, with pseudonymous evidence', async () => {
    const visitor = newVisitor();
    const res = await post(
      { visitor, revision, choices: NONE, language: 'de-CH' },
      { 'user-agent': 'Mozilla/5.0 (Test)' },
      '203.0.113.77',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ choices: NONE, recorded: 4 });
    const rows = await events(visitor);
    expect(rows.map((r) => r.purpose).sort()).toEqual(CONSENT_PURPOSES);
    for (const row of rows) {
      expect(row).toMatchObject({ action: 'withdrawn', channel: 'banner', actor: 'public' });
      expect(row.policy_hash).toBe(t.steward.policy.contentHash);
      expect(JSON.parse(row.evidence)).toEqual({
        formId: 'steward-banner',
        noticeId: `banner:${revision}`,
        userAgent: 'Mozilla/5.0 (Test)',
        ipPrefix: '203.0.113.0',
        language: 'de-CH',
      });
    }
    expect(JSON.stringify(rows)).not.toContain('203.0.113.77');
    expect(t.logs.text()).not.toContain(visitor);
    expect(t.logs.text()).not.toContain('203.0.113.77');
  });

  it('"Accept all" gives consent per purpose; changing one category later is recorded too', async () => {
    const visitor = newVisitor();
    expect((await post({ visitor, revision, choices: ALL })).json()).toMatchObject({
      choices: ALL,
      recorded: 4,
    });
    const changed = await post({ visitor, revision, choices: { ...ALL, analytics: false } });
    expect(changed.json().choices).toEqual({ ...ALL, analytics: false });
    const rows = await events(visitor);
    expect(rows.filter((r) => r.action === 'given')).toHaveLength(7);
    expect(await latest(visitor, 'website_analytics')).toMatchObject({ action: 'withdrawn' });
  });

  it('Sec-GPC: 1 turns advertising off with channel gpc; a later request without it never turns it back on', async () => {
    const visitor = newVisitor();
    await post({ visitor, revision, choices: ALL });
    const signal = await post({ visitor }, { 'sec-gpc': '1' });
    expect(signal.statusCode).toBe(200);
    expect(signal.json()).toMatchObject({
      choices: { ...ALL, advertising: false },
      recorded: 1,
      gpc: { signal: true, honored: true, message: HONORED },
    });
    expect(await latest(visitor, 'advertising')).toMatchObject({ action: 'withdrawn', channel: 'gpc' });

    // The same request without the header, or an "Accept all" without it: advertising stays off.
    const later = await post({ visitor });
    expect(later.json()).toMatchObject({
      choices: { advertising: false },
      recorded: 0,
      gpc: { signal: false },
    });
    const acceptAll = await post({ visitor, revision, choices: ALL });
    expect(acceptAll.json().choices).toEqual({ ...ALL, advertising: false });
    // A signal sent with every page view adds no event.
    expect((await post({ visitor }, { 'sec-gpc': '1' })).json().recorded).toBe(0);

    // Only the visitor switching advertising on by hand, told of their signal, turns it on (§7025(c)(3)).
    const optIn = await post({ visitor, revision, choices: ALL, gpcOptIn: true }, { 'sec-gpc': '1' });
    expect(optIn.json()).toMatchObject({ choices: ALL, gpc: { signal: true, honored: false } });
    expect(optIn.json().gpc.message).toBeUndefined();
    const last = (await latest(visitor, 'advertising'))!;
    expect(last).toMatchObject({ action: 'given', channel: 'banner' });
    expect(JSON.parse(last.evidence).formId).toBe(GPC_OVERRIDE_FORM);
    // The next page view with the same signal keeps that explicit choice.
    expect((await post({ visitor }, { 'sec-gpc': '1' })).json()).toMatchObject({ recorded: 0, choices: ALL });
  });

  it.each(['0', 'yes', 'true', '', '1, 0', ' 01'])('Sec-GPC: %j is no signal', async (value) => {
    const visitor = newVisitor();
    const res = await post({ visitor }, { 'sec-gpc': value });
    expect(res.json()).toMatchObject({ recorded: 0, gpc: { signal: false, honored: false } });
    expect(res.json().gpc.message).toBeUndefined();
    expect(await events(visitor)).toEqual([]);
  });

  it('navigator.globalPrivacyControl reported by the page counts as the signal, even before any choice', async () => {
    const visitor = newVisitor();
    const res = await post({ visitor, revision, gpc: true });
    expect(res.json()).toMatchObject({
      recorded: 1,
      choices: NONE,
      gpc: { honored: true, message: HONORED },
    });
    expect(await events(visitor)).toMatchObject([
      { purpose: 'advertising', action: 'withdrawn', channel: 'gpc' },
    ]);
  });

  it('"Accept all" under the signal gives everything but advertising, which the signal turns off', async () => {
    const visitor = newVisitor();
    const res = await post({ visitor, revision, choices: ALL }, { 'sec-gpc': '1' });
    expect(res.json()).toMatchObject({ choices: { ...ALL, advertising: false }, gpc: { message: HONORED } });
    const rows = await events(visitor);
    expect(rows.find((r) => r.purpose === 'advertising')).toMatchObject({
      action: 'withdrawn',
      channel: 'gpc',
    });
    expect(
      rows
        .filter((r) => r.action === 'given')
        .map((r) => r.purpose)
        .sort(),
    ).toEqual(['heatmaps', 'session_replay', 'website_analytics']);
  });

  it('a choice made on a stale banner revision may withdraw, never give', async () => {
    const visitor = newVisitor();
    const stale = await post({
      visitor,
      revision: '0123456789abcdef',
      choices: { ...NONE, analytics: true },
    });
    expect(stale.json()).toMatchObject({ revision, choices: NONE, recorded: 3 });
    expect((await events(visitor)).every((r) => r.action === 'withdrawn')).toBe(true);
  });

  it('answers CORS for the company site and Steward’s own origin only', async () => {
    const preflight = (origin: string) =>
      t.request({
        method: 'OPTIONS',
        url: '/v1/site/consent',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
        role: null,
      });
    const site = await preflight('https://apisecurity.pro');
    expect(site.statusCode).toBe(204);
    expect(site.headers['access-control-allow-origin']).toBe('https://apisecurity.pro');
    expect(site.headers['access-control-allow-methods']).toBe('POST');
    expect(site.headers['access-control-allow-headers']).toContain('content-type');
    expect(site.headers.vary).toContain('Origin');
    expect((await preflight('http://127.0.0.1:8080')).headers['access-control-allow-origin']).toBe(
      'http://127.0.0.1:8080',
    );
    for (const other of [
      'https://evil.example',
      'https://apisecurity.pro.evil.example',
      'http://apisecurity.pro',
      'null',
    ])
      expect((await preflight(other)).headers['access-control-allow-origin']).toBeUndefined();
    const answer = await post({ visitor: newVisitor() }, { origin: 'https://apisecurity.pro' });
    expect(answer.headers['access-control-allow-origin']).toBe('https://apisecurity.pro');
    const invalid = await post({ visitor: 'x' }, { origin: 'https://apisecurity.pro' });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.headers['access-control-allow-origin']).toBe('https://apisecurity.pro');
  });

  it.each<[string, string | object, Record<string, string>, number, string, string | undefined]>([
    ['a short visitor id', { visitor: 'abc' }, {}, 400, 'request.invalid', 'body.visitor'],
    [
      'a visitor id with other characters',
      { visitor: 'a'.repeat(20) + '/..' },
      {},
      400,
      'request.invalid',
      'body.visitor',
    ],
    [
      'strictly necessary as a choice',
      { visitor: 'a'.repeat(22), choices: { necessary: false } },
      {},
      400,
      'request.invalid',
      'body.choices',
    ],
    [
      'an unknown category',
      { visitor: 'a'.repeat(22), choices: { marketing: true } },
      {},
      400,
      'request.invalid',
      'body.choices',
    ],
    [
      'a non-boolean choice',
      { visitor: 'a'.repeat(22), choices: { analytics: 'yes' } },
      {},
      400,
      'request.invalid',
      'body.choices.analytics',
    ],
    ['an unknown field', { visitor: 'a'.repeat(22), subjectId: 'sub_x' }, {}, 400, 'request.invalid', 'body'],
    [
      'a revision that is not one',
      { visitor: 'a'.repeat(22), revision: 'latest' },
      {},
      400,
      'request.invalid',
      'body.revision',
    ],
    [
      'a language that is not a tag',
      { visitor: 'a'.repeat(22), language: '<script>' },
      {},
      400,
      'request.invalid',
      'body.language',
    ],
    ['malformed JSON', '{"visitor":', {}, 400, 'request.invalid', 'body'],
    [
      'a body over 4 KiB',
      JSON.stringify({ visitor: 'a'.repeat(22), pad: 'x'.repeat(5000) }),
      {},
      413,
      'request.body_too_large',
      undefined,
    ],
    [
      'text/plain',
      'visitor=abc',
      { 'content-type': 'text/plain' },
      415,
      'request.unsupported_media_type',
      undefined,
    ],
  ])('refuses %s', async (_name, payload, headers, status, code, field) => {
    const res = await post(payload, headers);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe(code);
    if (field) expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
  });

  it('is public: no key needed, a bogus key changes nothing, and it is documented without security', async () => {
    const res = await post({ visitor: newVisitor() }, { authorization: 'Bearer stw_not_a_key' });
    expect(res.statusCode).toBe(200);
    const spec = t.steward.app.http.swagger() as unknown as {
      paths: Record<string, Record<string, { security?: unknown; operationId: string }>>;
    };
    expect(spec.paths['/v1/site/consent']?.post?.operationId).toBe('recordSiteConsent');
    expect(spec.paths['/v1/site/consent']?.post?.security).toBeUndefined();
    expect(spec.paths['/consent.js']?.get?.operationId).toBe('getConsentScript');
    expect(spec.paths['/.well-known/gpc.json']?.get?.operationId).toBe('getGpcSupport');
  });

  it('never answers 5xx and writes nothing for hostile bodies', async () => {
    const count = async () =>
      Number(
        (
          await t.steward.store.db
            .selectFrom('consent_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await count();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.jsonValue().map((v) => JSON.stringify(v)),
          fc.string({ maxLength: 200 }),
          fc.constantFrom(
            '{"__proto__":{"choices":{"analytics":true}},"visitor":"aaaaaaaaaaaaaaaaaaaaaa"}',
            '{"visitor":"aaaaaaaaaaaaaaaaaaaaaa\'; drop table consent_events; --"}',
            `{"visitor":"${'a'.repeat(65)}"}`,
          ),
        ),
        async (body) => {
          const res = await post(body, {}, '198.51.100.9');
          expect(res.statusCode).toBeLessThan(500);
          if (res.statusCode === 200) expect(res.json().recorded).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
    expect(await count()).toBe(before);
  });

  it('rate limits each client IP, and says so in a problem the site can read', async () => {
    const ip = '192.0.2.44';
    let last = await post({ visitor: newVisitor() }, { origin: 'https://apisecurity.pro' }, ip);
    for (let i = 0; i < 120 && last.statusCode === 200; i++)
      last = await post({ visitor: newVisitor() }, { origin: 'https://apisecurity.pro' }, ip);
    expect(last.statusCode).toBe(429);
    expect(last.json().code).toBe('rate_limited');
    expect(last.headers['access-control-allow-origin']).toBe('https://apisecurity.pro');
    // Another client is not affected.
    expect((await post({ visitor: newVisitor() }, {}, '192.0.2.45')).statusCode).toBe(200);
  });
});
