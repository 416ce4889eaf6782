/**
 * A company store down during a request (issue 8, faults): the request waits in progress, says so
 * (since when, attempts, why), and the scheduled retry completes it once the store is back — on both
 * Steward dialects, with the example's demo store (a SQLite file) taken away and put back.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';
import { mailTo as mailToOf } from '../support/mail.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();

describe.each(dialects)('requests waiting for a store on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let now = Date.UTC(2026, 10, 29, 10, 0, 0);

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, {
      clock: () => now,
      env: { SMTP_URL: smtp.url, STEWARD_REQUEST_RETRY_MINUTES: '5' },
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const mailTo = (address: string, count: number) => mailToOf(t.steward, smtp, address, count);

  it('waits visibly while the store is down, and completes on the retry after it is back', async () => {
    const file = path.join(t.steward.config.dataDir, 'datasets', 'demo_store.sqlite');
    expect(fs.existsSync(file)).toBe(true);
    fs.renameSync(file, `${file}.away`);

    await t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'access', email: 'ada@example.com' },
      remoteAddress: '198.51.100.40',
    });
    const match = /verify\?request=(dsr_[0-9a-z]{26})&token=([A-Za-z0-9_-]{43})/.exec(
      (await mailTo('ada@example.com', 1)).text,
    )!;
    const id = match[1]!;
    await t.steward.app.http.inject({
      method: 'POST',
      url: `/v1/requests/${id}/verify`,
      payload: { token: match[2] },
    });
    await t.steward.requests.settle();

    const waiting = (await t.request({ method: 'GET', url: `/v1/requests/${id}`, role: 'agent' })).json();
    expect(waiting.state).toBe('in_progress');
    expect(waiting.result.waiting).toMatchObject({ attempts: 1, reason: 'request.datasets_unavailable' });

    // Still down at the next slot: one more attempt, still waiting.
    now += 6 * 60_000;
    await t.steward.scheduler.tick();
    const still = (await t.request({ method: 'GET', url: `/v1/requests/${id}`, role: 'agent' })).json();
    expect([still.state, still.result.waiting.attempts]).toEqual(['in_progress', 2]);

    fs.renameSync(`${file}.away`, file);
    now += 6 * 60_000;
    await t.steward.scheduler.tick();
    const done = (await t.request({ method: 'GET', url: `/v1/requests/${id}`, role: 'agent' })).json();
    expect(done.state).toBe('completed');
    expect(done.result.tables).toEqual(
      expect.arrayContaining([{ dataset: 'demo_store', table: 'customers', rows: 1 }]),
    );
    expect((await mailTo('ada@example.com', 2)).text).toMatch(/\/v1\/exports\//);

    // A completed request is not retried again.
    now += 6 * 60_000;
    await t.steward.scheduler.tick();
    expect(smtp.messages.filter((m) => m.to.includes('ada@example.com'))).toHaveLength(2);
  });
});
