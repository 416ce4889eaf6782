import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const RUNS = 150;

/** Bodies no schema accepts: any JSON value, prototype keys, deep nesting, SQL metacharacters, junk bytes. */
const hostileBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.string({ maxLength: 300 }),
  fc.constantFrom(
    '{"__proto__":{"admin":true}}',
    '{"constructor":{"prototype":{"x":1}}}',
    `${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}`,
    '{"subject":{"identity":{"type":"email","value":"x\'; drop table consent_events; --@e.co"}},"purpose":"consent_marketing"}',
    '\uFFFD\uD800',
  ),
  fc.uint8Array({ maxLength: 200 }).map((b) => Buffer.from(b).toString('latin1')),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/x-ndjson',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
);

describe.each(dialects)('hostile input on the public and service routes (%s)', (dialect) => {
  let t: TestSteward;
  let token: string;
  const count = async () =>
    Number(
      (
        await t.steward.store.db
          .selectFrom('consent_events')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestSteward(dialect);
    const link = await t.request({
      method: 'POST',
      url: '/v1/unsubscribe-links',
      role: 'service',
      payload: { subject: { identity: { type: 'email', value: 'h@example.com' } } },
    });
    // Unknown identity: the link cannot be made (404); make the subject, then the link.
    expect(link.statusCode).toBe(404);
    await t.request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: { identities: [{ type: 'email', value: 'h@example.com' }] },
    });
    const made = await t.request({
      method: 'POST',
      url: '/v1/unsubscribe-links',
      role: 'service',
      payload: { subject: { identity: { type: 'email', value: 'h@example.com' } } },
    });
    token = new URL(made.json().url).pathname.slice(3);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each([
    ['POST', '/v1/consents'],
    ['POST', '/v1/unsubscribe-links'],
    ['POST', '/v1/eligibility/batch?purpose=customer_marketing'],
    ['GET', '/v1/eligibility?email=%00&purpose=customer_marketing'],
    ['POST', '/v1/requests'],
    ['POST', '/v1/requests/dsr_00000000000000000000000000/verify'],
    ['POST', '/v1/disclosures'],
  ])('%s %s: no 5xx, a problem, nothing written', async (method, url) => {
    const before = await count();
    await fc.assert(
      fc.asyncProperty(hostileBody, contentType, async (payload, type) => {
        const res = await t.request({
          method: method as 'POST',
          url,
          payload: method === 'GET' ? undefined : payload,
          headers: { 'content-type': type },
          role: 'service',
        });
        expect(res.statusCode).toBeLessThan(500);
        if (res.statusCode >= 400) expect(res.headers['content-type']).toMatch(/problem\+json|text\/html/);
      }),
      { numRuns: RUNS },
    );
    expect(await count()).toBe(before);
    const requests = await t.steward.store.db
      .selectFrom('dsr_requests')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(requests.n)).toBe(0);
  });

  it('the public unsubscribe URL: no 5xx, and only the exact one-click body changes anything', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileBody,
        contentType,
        fc.string({ maxLength: 700 }),
        async (payload, type, path) => {
          const forged = await t.steward.app.http.inject({
            method: 'POST',
            url: `/u/${encodeURIComponent(path)}`,
            headers: { 'content-type': type },
            payload,
          });
          expect(forged.statusCode).toBeLessThan(500);
          const wrong = await t.steward.app.http.inject({
            method: 'POST',
            url: `/u/${token}`,
            headers: { 'content-type': type },
            payload,
          });
          expect(wrong.statusCode).toBeLessThan(500);
        },
      ),
      { numRuns: RUNS },
    );
    const suppressed = await t.steward.store.db.selectFrom('suppressions').selectAll().execute();
    expect(suppressed).toEqual([]);
  });
});
