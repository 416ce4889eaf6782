import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordConsent, startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();

describe.each(dialects)('eligibility and one-click unsubscribe on %s', (dialect) => {
  let t: TestSteward;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestSteward(dialect);
    const subject = async (email: string, relationships: object[] = []) => {
      const res = await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: { identities: [{ type: 'email', value: email }], relationships },
      });
      ids[email] = res.json().id;
      return res.json();
    };
    await subject('active.customer@example.com', [{ kind: 'customer', startedAt: '2025-01-01T00:00:00Z' }]);
    const former = await subject('former.customer@example.com', [
      { kind: 'customer', startedAt: '2024-01-01T00:00:00Z' },
    ]);
    await t.request({
      method: 'POST',
      url: `/v1/subjects/${former.id}/relationships/${former.relationships[0].id}/end`,
      role: 'service',
      payload: {},
    });
    await subject('unsubscribed.customer@example.com', [
      { kind: 'customer', startedAt: '2025-01-01T00:00:00Z' },
    ]);
    for (const [email, action] of [
      ['subscriber@example.com', 'given'],
      ['withdrew@example.com', 'given'],
      ['withdrew@example.com', 'withdrawn'],
    ] as const) {
      await recordConsent(t, email, action);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const check = (email: string, purpose: string) =>
    t.request({
      method: 'GET',
      url: `/v1/eligibility?email=${encodeURIComponent(email)}&purpose=${purpose}`,
      role: 'service',
    });

  it.each([
    ['active.customer@example.com', 'customer_marketing', true, 'relationship.active'],
    ['ACTIVE.Customer@Example.com ', 'customer_marketing', true, 'relationship.active'],
    ['former.customer@example.com', 'customer_marketing', false, 'relationship.ended'],
    ['subscriber@example.com', 'customer_marketing', false, 'relationship.missing'],
    ['subscriber@example.com', 'consent_marketing', true, 'consent.given'],
    ['withdrew@example.com', 'consent_marketing', false, 'consent.withdrawn'],
    ['active.customer@example.com', 'consent_marketing', false, 'consent.missing'],
    ['nobody@example.com', 'customer_marketing', false, 'subject.unknown'],
  ])('%s for %s → %s (%s)', async (email, purpose, allowed, code) => {
    const res = await check(email, purpose);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ allowed, purpose, reasons: [{ code }] });
  });

  it('answers only for marketing purposes, and a clear error for a bad address', async () => {
    expect((await check('active.customer@example.com', 'customer_contract')).json().code).toBe(
      'eligibility.not_marketing',
    );
    const bad = await check('not-an-address', 'customer_marketing');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().errors[0].field).toBe('email');
  });

  it('filters a campaign list as NDJSON, in order, unknown and invalid lines included', async () => {
    const lines = [
      '{"email":"active.customer@example.com"}',
      '"former.customer@example.com"',
      '{"email":"nobody@example.com"}',
      'not json',
      '{"email":"bad@@x"}',
      '',
    ];
    const res = await t.request({
      method: 'POST',
      url: '/v1/eligibility/batch?purpose=customer_marketing',
      role: 'service',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: lines.join('\n'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/x-ndjson');
    const out = res.body
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(out).toEqual([
      { email: 'active.customer@example.com', allowed: true, reasons: ['relationship.active'] },
      { email: 'former.customer@example.com', allowed: false, reasons: ['relationship.ended'] },
      { email: 'nobody@example.com', allowed: false, reasons: ['subject.unknown'] },
      { allowed: false, reasons: ['line.invalid'] },
      { email: 'bad@@x', allowed: false, reasons: ['identity.invalid'] },
    ]);
    const json = await t.request({
      method: 'POST',
      url: '/v1/eligibility/batch?purpose=customer_marketing',
      role: 'service',
      payload: { email: 'x@y.co' },
    });
    expect(json.statusCode).toBe(415);
    const notMarketing = await t.request({
      method: 'POST',
      url: '/v1/eligibility/batch?purpose=accounting',
      role: 'service',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: '"a@b.co"',
    });
    expect(notMarketing.statusCode).toBe(422);
  });

  it('one-click unsubscribe (RFC 8058): GET changes nothing, POST suppresses before answering, idempotently', async () => {
    const link = await t.request({
      method: 'POST',
      url: '/v1/unsubscribe-links',
      role: 'service',
      payload: { subject: { identity: { type: 'email', value: 'unsubscribed.customer@example.com' } } },
    });
    expect(link.statusCode).toBe(200);
    const { url, headers } = link.json();
    expect(headers['List-Unsubscribe']).toBe(`<${url}>`);
    expect(headers['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click');
    expect(url).not.toContain('unsubscribed.customer');
    const path = new URL(url).pathname;

    const page = await t.steward.app.http.inject({ method: 'GET', url: path });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(t.steward.policy.policy.controller.name);
    expect(page.body).toContain('<form method="post">');
    expect((await check('unsubscribed.customer@example.com', 'customer_marketing')).json().allowed).toBe(
      true,
    );

    const countEvents = async () =>
      Number(
        (
          await t.steward.store.db
            .selectFrom('consent_events')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = await countEvents();
    // RFC 8058 §8.1, as a mailbox provider sends it: no cookie, no authorization.
    const post = await t.steward.app.http.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'content-length': '26' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
    expect(post.headers.location).toBeUndefined();
    const after = await check('unsubscribed.customer@example.com', 'customer_marketing');
    expect(after.json()).toMatchObject({
      allowed: false,
      reasons: [{ code: 'suppressed', ref: { type: 'ledger' } }],
    });
    expect(await countEvents()).toBe(before + 1);

    // RFC 8058 §8.3 multipart, with the boundary as printed (errata 5117): accepted, and changes nothing more.
    const multipart = await t.steward.app.http.inject({
      method: 'POST',
      url: path,
      headers: { 'content-type': 'multipart/form-data; boundary=---FormBoundaryjWmhtjORrn' },
      payload:
        '---FormBoundaryjWmhtjORrn\r\nContent-Disposition: form-data; name="List-Unsubscribe"\r\n\r\nOne-Click\r\n---FormBoundaryjWmhtjORrn--\r\n',
    });
    expect(multipart.statusCode).toBe(200);
    expect(await countEvents()).toBe(before + 1);
  });

  it('refuses forged, altered and unknown-key tokens with 4xx, changing and revealing nothing', async () => {
    const link = (
      await t.request({
        method: 'POST',
        url: '/v1/unsubscribe-links',
        role: 'service',
        payload: {
          subject: { identity: { type: 'email', value: 'active.customer@example.com' } },
          purpose: 'customer_marketing',
        },
      })
    ).json();
    const token = new URL(link.url).pathname.slice(3);
    const [payload, mac] = token.split('.') as [string, string];
    const decoded = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const otherSubject = Buffer.from(
      JSON.stringify({ ...decoded, sub: ids['subscriber@example.com'] }),
    ).toString('base64url');
    const forgeries = [
      `${payload}.${mac.slice(0, -2)}AA`,
      `${otherSubject}.${mac}`,
      `${Buffer.from(JSON.stringify({ ...decoded, kid: 'zz' })).toString('base64url')}.${mac}`,
      'garbage',
      `${'A'.repeat(600)}`,
    ];
    const before = await t.steward.store.db
      .selectFrom('consent_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    for (const forged of forgeries) {
      const get = await t.steward.app.http.inject({ method: 'GET', url: `/u/${forged}` });
      expect([400, 404]).toContain(get.statusCode);
      const post = await t.steward.app.http.inject({
        method: 'POST',
        url: `/u/${forged}`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'List-Unsubscribe=One-Click',
      });
      expect([400, 404]).toContain(post.statusCode);
      expect(post.body).not.toContain('example.com');
    }
    const wrongBody = await t.steward.app.http.inject({
      method: 'POST',
      url: `/u/${token}`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=Yes',
    });
    expect(wrongBody.statusCode).toBe(400);
    const after = await t.steward.store.db
      .selectFrom('consent_events')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
    expect((await check('active.customer@example.com', 'customer_marketing')).json().allowed).toBe(true);
  });
});
