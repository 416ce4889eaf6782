/**
 * The conformance report on both Steward dialects with the example policy: each promise's verdict follows
 * the live data (a sweep fixes overdue rows, an old log row or a full IP past its week breaks the log
 * promise, an overdue request breaks the deadline promise, a tampered ledger breaks integrity), over the
 * API and the CLI.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConformanceReport } from '../../src/domain/conformance/check.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const DAY = 86_400_000;

describe.each(dialects)('conformance on %s', (dialect) => {
  let t: TestSteward;
  let now = Date.now();

  beforeAll(async () => {
    t = await startTestSteward(dialect, { clock: () => now });
  });
  afterAll(async () => {
    await t.close();
  });

  const report = async (): Promise<ConformanceReport> => {
    const response = await t.request({ method: 'GET', url: '/v1/conformance', role: 'auditor' });
    expect(response.statusCode).toBe(200);
    return response.json();
  };
  const status = (r: ConformanceReport, id: string) => r.checks.find((c) => c.id === id);

  it('names what breaks a promise, and a sweep keeps it', async () => {
    const before = await report();
    expect(before.policy.controller).toBe('CoCart Headless LLC');
    // The demo store ships one invoice past the seven-year hold, and no sweep has run.
    expect(status(before, 'retention.demo_store.invoices')).toMatchObject({
      status: 'fail',
      breaks: [expect.stringMatching(/^1 rows are past their period/)],
    });
    expect(status(before, 'retention.sweeps')?.status).toBe('fail');
    expect(status(before, 'processors.dpa')?.status).toBe('pass');
    expect(before.summary.fail).toBeGreaterThanOrEqual(2);

    expect((await t.request({ method: 'POST', url: '/v1/retention/runs', payload: {} })).statusCode).toBe(
      201,
    );
    const after = await report();
    expect(status(after, 'retention.demo_store.invoices')).toMatchObject({ status: 'pass', breaks: [] });
    expect(status(after, 'retention.sweeps')?.status).toBe('pass');
    for (const c of after.checks) expect([c.id, c.status]).toEqual([c.id, 'pass']);
  });

  it('old log rows and full addresses past their week break the log promises until swept', async () => {
    const db = t.steward.store.db;
    const row = (id: number, daysAgo: number, truncated: 0 | 1) => ({
      id,
      time: now - daysAgo * DAY,
      method: 'GET',
      path: '/',
      status: 200,
      user_agent: 'test',
      ip: truncated ? '203.0.113.0' : '203.0.113.7',
      ip_truncated: truncated,
      ip_key: 'cb007107',
      ip_end: null,
    });
    await db
      .insertInto('security_logs')
      .values([row(1, 200, 1), row(2, 10, 0), row(3, 1, 0)])
      .execute();
    // Past the grace of one sweep period: the sweep is late, the promise is broken.
    now += 2 * 3_600_000;
    const broken = await report();
    expect(status(broken, 'security_logs.deletion')).toMatchObject({
      status: 'fail',
      breaks: ['1 log rows are older than P90D'],
    });
    expect(status(broken, 'security_logs.ip_truncation')).toMatchObject({
      status: 'fail',
      breaks: ['1 log rows still hold a full IP address after P7D'],
    });
    await t.request({ method: 'POST', url: '/v1/retention/runs', payload: {} });
    const kept = await report();
    expect(status(kept, 'security_logs.deletion')?.status).toBe('pass');
    expect(status(kept, 'security_logs.ip_truncation')?.status).toBe('pass');
    const ips = (await db.selectFrom('security_logs').select(['id', 'ip']).orderBy('id').execute()).map(
      (r) => [Number(r.id), r.ip],
    );
    expect(ips).toEqual([
      [2, '203.0.113.0/24'],
      [3, '203.0.113.7'],
    ]);
  });

  it('a request left open past its due date breaks the deadline promise, by id', async () => {
    const opened = await t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'late@example.com' },
      remoteAddress: '198.51.100.20',
    });
    expect(opened.statusCode).toBe(202);
    const [request] = await t.steward.store.db.selectFrom('dsr_requests').select(['id', 'due_at']).execute();
    now = Number(request!.due_at) + DAY;
    const late = await report();
    expect(status(late, 'requests.deadlines')).toMatchObject({
      status: 'fail',
      evidence: { late: [request!.id] },
      breaks: [expect.stringContaining(`request ${request!.id} is open past its due date`)],
    });
  });

  it('a tampered consent ledger breaks the integrity promise', async () => {
    const consent = await t.request({
      method: 'POST',
      url: '/v1/consents',
      role: 'service',
      payload: {
        subject: { identity: { type: 'email', value: 'c@example.com' } },
        purpose: 'consent_marketing',
        action: 'given',
        channel: 'api',
      },
    });
    expect(consent.statusCode).toBe(201);
    expect(status(await report(), 'consent.ledger_integrity')?.status).toBe('pass');
    await t.steward.store.db.updateTable('consent_events').set({ channel: 'banner' }).execute();
    expect(status(await report(), 'consent.ledger_integrity')).toMatchObject({
      status: 'fail',
      breaks: [expect.stringContaining('the consent ledger chain broken')],
    });
  });

  it('is for admins, agents and auditors only', async () => {
    expect((await t.request({ method: 'GET', url: '/v1/conformance', role: null })).statusCode).toBe(401);
    expect((await t.request({ method: 'GET', url: '/v1/conformance', role: 'service' })).statusCode).toBe(
      403,
    );
  });
});
