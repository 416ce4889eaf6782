/**
 * The dashboard's consent trend (`GET /v1/stats/consent`) on both dialects: events counted per UTC day of
 * when they happened (window edges, backdated events, days without events), totals, the roles that may
 * read it, bad queries in words, and counts only (no person in the answer).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/keys/keys.service.js';
import { recordConsent, startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const TODAY = Date.UTC(2026, 10, 29, 15);
const at = (iso: string) => Date.parse(iso);

describe.each(dialects)('consent stats on %s', (dialect) => {
  let t: TestSteward;
  let now = TODAY;

  const consent = async (email: string, action: 'given' | 'withdrawn', occurredAt?: string) => {
    const res = await recordConsent(t, email, action, occurredAt ? { occurredAt } : {});
    expect(res.statusCode, res.body).toBe(201);
    return res.json().subjectId as string;
  };

  /** A one-click unsubscribe (RFC 8058) as a mailbox provider sends it, at the server's current time. */
  const unsubscribe = async (email: string) => {
    const subject = await t.request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: { identities: [{ type: 'email', value: email }] },
    });
    expect(subject.statusCode, subject.body).toBeLessThan(300);
    const link = await t.request({
      method: 'POST',
      url: '/v1/unsubscribe-links',
      role: 'service',
      payload: { subject: { identity: { type: 'email', value: email } } },
    });
    expect(link.statusCode, link.body).toBe(200);
    const post = await t.steward.app.http.inject({
      method: 'POST',
      url: new URL(link.json().url).pathname,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'List-Unsubscribe=One-Click',
    });
    expect(post.statusCode).toBe(200);
  };

  const stats = (query: string, role: Role | null = 'auditor') =>
    t.request({ method: 'GET', url: `/v1/stats/consent${query}`, role });

  beforeAll(async () => {
    t = await startTestSteward(dialect, { clock: () => now });
    // The first instant of the 7-day window, and the last one before it.
    await consent('edge.in@example.com', 'given', '2026-11-23T00:00:00.000Z');
    await consent('edge.out@example.com', 'given', '2026-11-22T23:59:59.999Z');
    // Recorded today, happened on the 24th (an offline form): counted on the 24th.
    await consent('late@example.com', 'given', '2026-11-24T09:30:00Z');
    // Happened long before any window: recorded today, counted nowhere.
    await consent('old@example.com', 'given', '2025-01-01T00:00:00Z');
    await consent('ada@example.com', 'given', '2026-11-25T08:00:00Z');
    await consent('bob@example.com', 'given', '2026-11-25T20:00:00Z');
    await consent('ada@example.com', 'withdrawn', '2026-11-26T11:00:00Z');
    now = at('2026-11-27T10:00:00Z');
    await unsubscribe('carol@example.com');
    await unsubscribe('dan@example.com');
    now = at('2026-11-28T23:59:00Z');
    const eve = await consent('eve@example.com', 'given');
    await t.steward.consent.consent.suppress(eve, '*', 'objected', 'support', 'test');
    now = TODAY;
    await consent('today@example.com', 'given');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('counts each action per UTC day of when it happened, every day present, with totals', async () => {
    const res = await stats('?days=7');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    const none = { given: 0, withdrawn: 0, unsubscribed: 0, objected: 0, resubscribed: 0 };
    expect(body).toEqual({
      from: '2026-11-23',
      to: '2026-11-29',
      days: [
        { date: '2026-11-23', ...none, given: 1 },
        { date: '2026-11-24', ...none, given: 1 },
        { date: '2026-11-25', ...none, given: 2 },
        { date: '2026-11-26', ...none, withdrawn: 1 },
        { date: '2026-11-27', ...none, unsubscribed: 2 },
        { date: '2026-11-28', ...none, given: 1, objected: 1 },
        { date: '2026-11-29', ...none, given: 1 },
      ],
      totals: { given: 6, withdrawn: 1, unsubscribed: 2, objected: 1, resubscribed: 0 },
    });
    // Counts only: no subject, identity or purpose reaches the dashboard.
    expect(res.body).not.toMatch(/sub_|@|consent_marketing/);
  });

  it('defaults to 30 days ending today, and takes one day or a year', async () => {
    const month = (await stats('')).json();
    expect([month.days.length, month.from, month.to]).toEqual([30, '2026-10-31', '2026-11-29']);
    expect(month.totals.given).toBe(7);
    const today = (await stats('?days=1', 'agent')).json();
    expect(today.days).toEqual([
      { date: '2026-11-29', given: 1, withdrawn: 0, unsubscribed: 0, objected: 0, resubscribed: 0 },
    ]);
    const year = (await stats('?days=366', 'admin')).json();
    expect([year.days.length, year.from, year.totals.given]).toEqual([366, '2025-11-29', 7]);
  });

  it.each([
    ['?days=0', 'days'],
    ['?days=367', 'days'],
    ['?days=1.5', 'days'],
    ['?days=seven', 'days'],
    ['?days=-3', 'days'],
    ['?days=7&purpose=consent_marketing', ''],
  ])('refuses %s with a problem naming the query', async (query, field) => {
    const res = await stats(query);
    expect(res.statusCode).toBe(400);
    const problem = res.json();
    expect(problem.code).toBe('request.invalid');
    expect(problem.detail).toEqual(expect.any(String));
    if (field) expect(problem.errors[0].field).toContain(field);
  });

  it('is for operators (admin, agent, auditor), not for services or strangers', async () => {
    for (const role of ['admin', 'agent', 'auditor'] as const)
      expect((await stats('?days=2', role)).statusCode).toBe(200);
    const service = await stats('?days=2', 'service');
    expect([service.statusCode, service.json().code]).toEqual([403, 'auth.forbidden']);
    const none = await stats('?days=2', null);
    expect([none.statusCode, none.json().code]).toEqual([401, 'auth.missing_credentials']);
    // A hostile query is refused before anything is counted, and nothing of it is echoed.
    const hostile = await stats(`?days=${encodeURIComponent('1; drop table consent_events; --')}`);
    expect(hostile.statusCode).toBe(400);
    expect(hostile.body).not.toContain('drop table');
    expect((await stats('?days=7')).json().totals.given).toBe(6);
  });
});
