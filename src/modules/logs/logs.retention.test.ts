import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableDialects, createTestStore } from '../../../test/support/databases.js';
import type { Store } from '../../db/connect.js';
import { SecurityLogsSchema } from '../../domain/policy/schema/forms.js';
import { createLogWriter } from './logs.repo.js';
import { ageSecurityLogs } from './logs.retention.js';
import { createLogsService } from './logs.service.js';

const dialects = await availableDialects();
const DAY = 86_400_000;
const NOW = Date.parse('2026-03-31T12:00:00Z');
const LOGS = SecurityLogsSchema.parse({ purpose: 'security_logs', fullIpFor: 'P7D', deleteAfter: 'P90D' });

async function* linesOf(lines: readonly string[]) {
  yield lines;
}

const jsonLine = (time: number, ip: string, path = '/') =>
  JSON.stringify({ time, method: 'GET', path, status: 200, userAgent: 'UA', ip });

describe.each(dialects)('ageSecurityLogs on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void>;
  let clock = NOW;

  beforeAll(async () => {
    ({ store, cleanup } = await createTestStore(dialect));
  });
  afterAll(async () => cleanup());

  const service = () =>
    createLogsService({
      db: store.db,
      dialect: store.dialect,
      writer: createLogWriter(store),
      securityLogs: LOGS,
      clock: () => clock,
    });
  const rows = async () =>
    (
      await store.db
        .selectFrom('security_logs')
        .select(['time', 'ip', 'ip_truncated'])
        .orderBy('id')
        .execute()
    ).map((r) => ({ time: Number(r.time), ip: r.ip, truncated: Number(r.ip_truncated) }));

  it('truncates after fullIpFor and deletes after deleteAfter, a period running through its last instant', async () => {
    clock = NOW;
    // Ingested "today", all with full addresses (none is older than 7 days yet).
    const times = [NOW, NOW - 1, NOW - 2, NOW - 3, NOW - 4, NOW - 5];
    const ips = [
      '203.0.113.7',
      '2001:db8:1:2::1',
      '198.51.100.9',
      '2001:db8:ff::1',
      '192.0.2.1',
      '192.0.2.2',
    ];
    const report = await service().ingest(linesOf(times.map((t, i) => jsonLine(t, ips[i]!))), 'test');
    expect(report).toEqual({ accepted: 6, rejected: 0, rejections: [] });
    expect((await rows()).every((r) => r.truncated === 0)).toBe(true);

    // Exactly 7 days after the newest row: its period has not run out (time + P7D < now is false), the
    // others' have, by 1 to 5 ms. Batches of 2 rows.
    const sevenDays = NOW + 7 * DAY;
    expect(await ageSecurityLogs(store.db, LOGS, sevenDays, { batchSize: 2 })).toMatchObject({
      truncated: 5,
      deleted: 0,
      truncateBefore: NOW,
    });
    expect(await rows()).toEqual([
      { time: NOW, ip: '203.0.113.7', truncated: 0 },
      { time: NOW - 1, ip: '2001:db8:1::/48', truncated: 1 },
      { time: NOW - 2, ip: '198.51.100.0/24', truncated: 1 },
      { time: NOW - 3, ip: '2001:db8:ff::/48', truncated: 1 },
      { time: NOW - 4, ip: '192.0.2.0/24', truncated: 1 },
      { time: NOW - 5, ip: '192.0.2.0/24', truncated: 1 },
    ]);
    expect(await ageSecurityLogs(store.db, LOGS, sevenDays)).toMatchObject({ truncated: 0, deleted: 0 });
    expect(await ageSecurityLogs(store.db, LOGS, sevenDays + 1)).toMatchObject({ truncated: 1, deleted: 0 });

    // 90 days: the same boundary for deletion; a dry run counts and changes nothing.
    const ninetyDays = NOW + 90 * DAY;
    const dry = await ageSecurityLogs(store.db, LOGS, ninetyDays, { dryRun: true });
    expect(dry).toMatchObject({ deleted: 5, truncated: 0, deleteBefore: NOW });
    expect((await rows()).length).toBe(6);
    expect(await ageSecurityLogs(store.db, LOGS, ninetyDays, { batchSize: 2 })).toMatchObject({
      deleted: 5,
      truncated: 0,
    });
    expect(await rows()).toEqual([{ time: NOW, ip: '203.0.113.0/24', truncated: 1 }]);
    expect(await ageSecurityLogs(store.db, LOGS, ninetyDays + 1)).toMatchObject({ deleted: 1 });
    expect(await rows()).toEqual([]);
  });

  it('stores lines past fullIpFor truncated at ingestion, and refuses lines past deleteAfter or from the future', async () => {
    clock = NOW;
    const report = await service().ingest(
      linesOf([
        jsonLine(NOW - 7 * DAY, '203.0.113.7'), // exactly 7 days: still full
        jsonLine(NOW - 7 * DAY - 1, '203.0.113.8'), // 1 ms more: truncated
        jsonLine(NOW - 90 * DAY, '2001:db8::1'), // exactly 90 days: kept, truncated
        jsonLine(NOW - 90 * DAY - 1, '203.0.113.9'), // refused
        jsonLine(NOW + 5 * 60_000, '203.0.113.10'), // clock drift: kept
        jsonLine(NOW + 5 * 60_000 + 1, '203.0.113.11'), // from the future: refused
      ]),
      'test',
    );
    expect(report).toEqual({
      accepted: 4,
      rejected: 2,
      rejections: [
        { line: 4, reason: 'time.too_old' },
        { line: 6, reason: 'time.in_future' },
      ],
    });
    expect(await rows()).toEqual([
      { time: NOW - 7 * DAY, ip: '203.0.113.7', truncated: 0 },
      { time: NOW - 7 * DAY - 1, ip: '203.0.113.0/24', truncated: 1 },
      { time: NOW - 90 * DAY, ip: '2001:db8::/48', truncated: 1 },
      { time: NOW + 5 * 60_000, ip: '203.0.113.10', truncated: 0 },
    ]);
    await store.db.deleteFrom('security_logs').execute();
  });

  it('counts months as calendar months, as the retention sweep does', async () => {
    const monthly = SecurityLogsSchema.parse({ purpose: 'x', fullIpFor: 'P1D', deleteAfter: 'P1M' });
    clock = Date.parse('2026-03-31T00:00:00Z');
    const boundary = Date.parse('2026-03-02T00:00:00Z');
    await service().ingest(
      linesOf([jsonLine(boundary - 1, '192.0.2.1'), jsonLine(boundary, '192.0.2.2')]),
      'test',
    );
    // 2 March + P1M = 2 April: on 2 April at midnight the second line is in its last instant.
    expect(await ageSecurityLogs(store.db, monthly, Date.parse('2026-04-02T00:00:00Z'))).toMatchObject({
      deleted: 1,
      truncated: 0,
      deleteBefore: boundary,
    });
    expect(await rows()).toEqual([{ time: boundary, ip: '192.0.2.0/24', truncated: 1 }]);
    await store.db.deleteFrom('security_logs').execute();
  });

  it('refuses a batch size that is not a positive integer', async () => {
    await expect(ageSecurityLogs(store.db, LOGS, NOW, { batchSize: 0 })).rejects.toThrow(RangeError);
  });
});
