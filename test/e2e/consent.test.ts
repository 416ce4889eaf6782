import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rebuildProjections, verifyLedger } from '../../src/modules/consent/ledger.maintenance.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();

describe.each(dialects)('consent ledger on %s', (dialect) => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const consent = (payload: object, role: 'admin' | 'service' | 'auditor' | null = 'service') =>
    t.request({ method: 'POST', url: '/v1/consents', payload, role });
  const email = (value: string) => ({ identity: { type: 'email', value } });

  it('records consent given, with evidence truncated, and answers after commit', async () => {
    const res = await consent({
      subject: email('Grace@Example.com'),
      purpose: 'consent_marketing',
      action: 'given',
      channel: 'web_form',
      evidence: { formId: 'newsletter-footer', userAgent: 'Mozilla/5.0', ip: '203.0.113.77' },
    });
    expect(res.statusCode).toBe(201);
    const event = res.json();
    expect(event).toMatchObject({
      purpose: 'consent_marketing',
      action: 'given',
      channel: 'web_form',
      seq: expect.any(Number),
    });
    expect(event.id).toMatch(/^cns_/);
    expect(event.evidence.ipPrefix).toBe('203.0.113.0');
    expect(JSON.stringify(event)).not.toContain('203.0.113.77');
    const stored = await t.steward.store.db
      .selectFrom('consent_events')
      .selectAll()
      .where('id', '=', event.id)
      .executeTakeFirstOrThrow();
    expect(stored.evidence).not.toContain('203.0.113.77');
    expect(stored.hash).toBe(event.hash);
  });

  it('refuses purposes whose legal basis is not consent, naming the purpose, and writes nothing', async () => {
    const before = (await verifyLedger(t.steward.store.db)) as { ok: true; count: number };
    const res = await consent({
      subject: email('x@example.com'),
      purpose: 'customer_contract',
      action: 'given',
      channel: 'api',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'consent.not_consent_based', errors: [{ field: 'purpose' }] });
    const unknown = await consent({
      subject: email('x@example.com'),
      purpose: 'no_such_purpose',
      action: 'given',
      channel: 'api',
    });
    expect(unknown.json().code).toBe('consent.unknown_purpose');
    const after = (await verifyLedger(t.steward.store.db)) as { ok: true; count: number };
    expect(after.count).toBe(before.count);
  });

  it('serves an ISO/IEC TS 27560 receipt for each event', async () => {
    const event = (
      await consent({
        subject: email('receipt@example.com'),
        purpose: 'consent_marketing',
        action: 'given',
        channel: 'privacy_center',
      })
    ).json();
    const res = await t.request({ method: 'GET', url: `/v1/consents/${event.id}/receipt`, role: 'auditor' });
    expect(res.statusCode).toBe(200);
    const receipt = res.json();
    expect(receipt).toMatchObject({
      'dct:conformsTo': 'https://w3id.org/dpv/schema/iso-27560#receipt-full',
      record_id: event.id,
      pii_principal_id: event.subjectId,
      lawful_basis: ['dpv:Consent', 'eu-gdpr:A6-1-a'],
      ledger: { seq: event.seq, hash: event.hash },
    });
    expect(JSON.stringify(receipt)).not.toContain('receipt@example.com');
    expect(
      (await t.request({ method: 'GET', url: '/v1/consents/cns_00000000000000000000000000/receipt' }))
        .statusCode,
    ).toBe(404);
  });

  it('keeps one verifiable chain under concurrent writers, and the projection equals a rebuild', async () => {
    const writes = Array.from({ length: 200 }, (_, i) =>
      consent({
        subject: email(`burst${i % 40}@example.com`),
        purpose: 'consent_marketing',
        action: i % 3 === 0 ? 'withdrawn' : 'given',
        channel: 'api',
      }),
    );
    const results = await Promise.all(writes);
    expect(results.filter((r) => r.statusCode !== 201).map((r) => r.body)).toEqual([]);
    const seqs = results.map((r) => r.json().seq as number);
    expect(new Set(seqs).size).toBe(200);
    const verdict = await verifyLedger(t.steward.store.db);
    expect(verdict.ok).toBe(true);
    const report = await rebuildProjections(t.steward.store.db, dialect);
    expect(report.differences).toBe(0);
    expect(report.events).toBeGreaterThanOrEqual(200);
  });

  it('refuses hostile bodies with a problem and writes nothing', async () => {
    const bodies: unknown[] = [
      {},
      { subject: {}, purpose: 'consent_marketing', action: 'given', channel: 'api' },
      { subject: email('a@b.co'), purpose: 'consent_marketing', action: 'maybe', channel: 'api' },
      '{"subject":{"identity":{"type":"email","value":"a@b.co"}},"purpose":"consent_marketing","action":"given","channel":"api","__proto__":{"admin":true}}',
      '{"subject":{"identity":{"type":"email","value":"a@b.co"}},"purpose":"consent_marketing","action":"given","channel":"api","constructor":{"prototype":{"admin":true}}}',
      `${'['.repeat(5000)}${']'.repeat(5000)}`,
      { subject: email('a@b.co'), purpose: 'x'.repeat(100), action: 'given', channel: 'api' },
      {
        subject: email('a@b.co'),
        purpose: 'consent_marketing',
        action: 'given',
        channel: 'api',
        evidence: { ip: 'not-an-ip' },
      },
      {
        subject: email('a@b.co'),
        purpose: 'consent_marketing',
        action: 'given',
        channel: 'api',
        occurredAt: '2999-01-01T00:00:00Z',
      },
    ];
    const before = (await verifyLedger(t.steward.store.db)) as { ok: true; count: number };
    for (const body of bodies) {
      const res = await t.request({
        method: 'POST',
        url: '/v1/consents',
        payload: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
        role: 'service',
      });
      expect(res.statusCode, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.statusCode).toBeLessThan(500);
      expect(res.headers['content-type']).toContain('application/problem+json');
    }
    const after = (await verifyLedger(t.steward.store.db)) as { ok: true; count: number };
    expect(after.count).toBe(before.count);
  });
});
