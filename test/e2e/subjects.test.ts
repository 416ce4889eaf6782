import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditTrail } from '../../src/modules/audit/audit.verify.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();

describe.each(dialects)('subjects on %s', (dialect) => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const upsert = (payload: object, role: 'admin' | 'agent' | 'service' | 'auditor' | null = 'service') =>
    t.request({ method: 'POST', url: '/v1/subjects', payload, role });

  it('creates a subject once per identity, whatever the spelling of the email', async () => {
    const first = await upsert({
      identities: [{ type: 'email', value: '  Ada.Lovelace@Example.ORG ' }],
      relationships: [{ kind: 'customer' }],
    });
    expect(first.statusCode).toBe(201);
    const subject = first.json();
    expect(subject.id).toMatch(/^sub_[0-9a-z]{26}$/);
    expect(subject.identities).toEqual([
      expect.objectContaining({ type: 'email', value: 'ada.lovelace@example.org' }),
    ]);
    expect(subject.relationships).toEqual([
      expect.objectContaining({ kind: 'customer', active: true, endedAt: null }),
    ]);

    const again = await upsert({ identities: [{ type: 'email', value: 'ada.lovelace@example.org' }] });
    expect(again.statusCode).toBe(200);
    expect(again.json().id).toBe(subject.id);
  });

  it('matches internationalised domains in Unicode and punycode as one subject', async () => {
    const a = await upsert({ identities: [{ type: 'email', value: 'kurt@Bücher.de' }] });
    const b = await upsert({ identities: [{ type: 'email', value: 'kurt@xn--bcher-kva.de' }] });
    expect(a.statusCode).toBe(201);
    expect(b.json().id).toBe(a.json().id);
    expect(a.json().identities[0].value).toBe('kurt@xn--bcher-kva.de');
  });

  it('stores phone numbers in E.164 and links identities to one subject', async () => {
    const created = await upsert({
      identities: [{ type: 'phone', value: '030 1234567' }],
      defaultCountry: 'DE',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().identities[0].value).toBe('+49301234567');
    const id = created.json().id;
    const linked = await t.request({
      method: 'POST',
      url: `/v1/subjects/${id}/identities`,
      role: 'agent',
      payload: { identities: [{ type: 'external', namespace: 'stripe', value: 'cus_123' }] },
    });
    expect(linked.statusCode).toBe(200);
    const found = await t.request({
      method: 'POST',
      url: '/v1/subjects/lookup',
      role: 'agent',
      payload: { identity: { type: 'external', namespace: 'stripe', value: 'cus_123' } },
    });
    expect(found.statusCode).toBe(200);
    expect(found.json().id).toBe(id);
    const byPhone = await t.request({
      method: 'POST',
      url: '/v1/subjects/lookup',
      role: 'agent',
      payload: { identity: { type: 'phone', value: '+49 30 1234567' } },
    });
    expect(byPhone.json().id).toBe(id);
  });

  it('refuses to merge two subjects silently', async () => {
    await upsert({ identities: [{ type: 'email', value: 'one@example.com' }] });
    await upsert({ identities: [{ type: 'email', value: 'two@example.com' }] });
    const res = await upsert({
      identities: [
        { type: 'email', value: 'one@example.com' },
        { type: 'email', value: 'two@example.com' },
      ],
    });
    expect(res.statusCode).toBe(409);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json().code).toBe('subject.identity_conflict');
  });

  it('starts and ends relationships; an ended one is inactive', async () => {
    const created = (await upsert({ identities: [{ type: 'email', value: 'vendor@example.net' }] })).json();
    const started = await t.request({
      method: 'POST',
      url: `/v1/subjects/${created.id}/relationships`,
      role: 'agent',
      payload: { kind: 'vendor', startedAt: '2025-01-01T00:00:00Z' },
    });
    expect(started.statusCode).toBe(201);
    const rel = started.json().relationships[0];
    const ended = await t.request({
      method: 'POST',
      url: `/v1/subjects/${created.id}/relationships/${rel.id}/end`,
      role: 'agent',
      payload: { endedAt: '2025-06-30T00:00:00Z' },
    });
    expect(ended.statusCode).toBe(200);
    expect(ended.json().relationships[0]).toMatchObject({
      kind: 'vendor',
      active: false,
      endedAt: '2025-06-30T00:00:00.000Z',
    });
    const early = await t.request({
      method: 'POST',
      url: `/v1/subjects/${created.id}/relationships/${rel.id}/end`,
      role: 'agent',
      payload: { endedAt: '2024-06-30T00:00:00Z' },
    });
    expect(early.statusCode).toBe(422);
  });

  it.each([
    [
      { identities: [{ type: 'email', value: 'not-an-email' }] },
      422,
      'subject.identity_invalid',
      'identities.0.value',
    ],
    [{ identities: [{ type: 'phone', value: '12' }] }, 422, 'subject.identity_invalid', 'identities.0.value'],
    [{ identities: [] }, 400, 'request.invalid', 'body.identities'],
    [{ identities: [{ type: 'fax', value: 'x' }] }, 400, 'request.invalid', 'body.identities.0.type'],
    [{ identities: [{ type: 'email', value: 'a@b.co' }], extra: 1 }, 400, 'request.invalid', 'body'],
    [
      { identities: [{ type: 'email', value: `${'a'.repeat(400)}@b.co` }] },
      400,
      'request.invalid',
      'body.identities.0.value',
    ],
    [
      { identities: [{ type: 'email', value: 'a@b.co' }], relationships: [{ kind: 'landlord' }] },
      422,
      'subject.relationship_invalid',
      'relationships.0.kind',
    ],
  ])('answers %j with %i %s naming the field', async (payload, status, code, field) => {
    const before = await t.steward.store.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const res = await upsert(payload);
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    const problem = res.json();
    expect(problem.code).toBe(code);
    expect(problem.requestId).toBe(res.headers['x-request-id']);
    expect(problem.errors.map((e: { field: string }) => e.field).join(' ')).toContain(field);
    const after = await t.steward.store.db
      .selectFrom('subjects')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('refuses missing, wrong and under-privileged keys', async () => {
    expect((await upsert({ identities: [{ type: 'email', value: 'x@y.co' }] }, null)).statusCode).toBe(401);
    const wrong = await t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/subjects',
      headers: { authorization: `Bearer stw_${'A'.repeat(43)}` },
      payload: {},
    });
    expect(wrong.statusCode).toBe(401);
    expect(wrong.json().code).toBe('auth.invalid_credentials');
    const auditor = await upsert({ identities: [{ type: 'email', value: 'x@y.co' }] }, 'auditor');
    expect(auditor.statusCode).toBe(403);
    expect(auditor.json().code).toBe('auth.forbidden');
  });

  it("answers 404 for unknown ids and for another subject's relationship, revealing nothing", async () => {
    const a = (
      await upsert({
        identities: [{ type: 'email', value: 'a-owner@example.com' }],
        relationships: [{ kind: 'customer' }],
      })
    ).json();
    const b = (await upsert({ identities: [{ type: 'email', value: 'b-owner@example.com' }] })).json();
    const missing = await t.request({ method: 'GET', url: '/v1/subjects/sub_00000000000000000000000000' });
    const foreign = await t.request({
      method: 'POST',
      url: `/v1/subjects/${b.id}/relationships/${a.relationships[0].id}/end`,
      payload: {},
    });
    expect(missing.statusCode).toBe(404);
    expect(foreign.statusCode).toBe(404);
    expect(foreign.json().detail).toBe('no such relationship');
    expect(foreign.body).not.toContain(a.id);
    const malformed = await t.request({ method: 'GET', url: '/v1/subjects/../../etc/passwd' });
    expect([400, 404]).toContain(malformed.statusCode);
  });

  it('audits every read and write in a chain that verifies, without personal data', async () => {
    const created = (
      await upsert({ identities: [{ type: 'email', value: 'audited.person@example.com' }] })
    ).json();
    await t.request({ method: 'GET', url: `/v1/subjects/${created.id}`, role: 'agent' });
    const trail = await t.request({
      method: 'GET',
      url: `/v1/subjects/${created.id}/audit`,
      role: 'auditor',
    });
    expect(trail.statusCode).toBe(200);
    const actions = trail.json().entries.map((e: { action: string }) => e.action);
    expect(actions).toEqual(['subject.created', 'subject.read']);
    expect(trail.body).not.toContain('audited.person');
    const verdict = await verifyAuditTrail(t.steward.store.db);
    expect(verdict.ok).toBe(true);
  });

  it('keeps emails, phone numbers and tokens out of the logs', async () => {
    await upsert({
      identities: [
        { type: 'email', value: 'secret.person@example.com' },
        { type: 'phone', value: '+14155550123' },
      ],
    });
    await upsert({ identities: [{ type: 'email', value: 'bad-secret.person@' }] });
    const logs = t.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    for (const needle of ['secret.person', '4155550123', ...Object.values(t.tokens)])
      expect(logs).not.toContain(needle);
  });
});
