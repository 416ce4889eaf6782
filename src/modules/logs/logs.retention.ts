import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { storedTruncatedIp } from '../../domain/logs/ip-range.js';
import type { SecurityLogs } from '../../domain/policy/schema.js';
import { retentionCutoff } from '../../domain/retention/cutoff.js';
import { dialectOf } from './logs.repo.js';

export interface AgeOptions {
  /** Rows per statement (default 10,000): each statement is short, so inserts never wait long. */
  readonly batchSize?: number;
  /** Count what would change, change nothing. */
  readonly dryRun?: boolean;
  /** Checked between batches; an abort stops after the current one and throws. */
  readonly signal?: AbortSignal;
}

export interface AgeReport {
  readonly truncated: number;
  readonly deleted: number;
  /** Rows older than these (epoch ms) were truncated / deleted. */
  readonly truncateBefore: number;
  readonly deleteBefore: number;
}

export const DEFAULT_AGE_BATCH = 10_000;

type Ageing = Pick<SecurityLogs, 'fullIpFor' | 'truncate' | 'deleteAfter'>;

/**
 * Applies policy clause 1.7 (`securityLogs`) to the stored logs at `now`: rows older than `deleteAfter`
 * are deleted, then rows older than `fullIpFor` that still hold a full address keep only its network
 * (`truncate` prefixes). "Older than d" means `time + d <= now` (the retention sweep's rule). Work goes
 * in batches of `batchSize` rows, each its own statement, so a sweep of millions of rows never holds a
 * lock for long; rows already truncated leave the `(ip_truncated, time)` index range, so each batch
 * starts where the last one ended without a cursor.
 */
export async function ageSecurityLogs(
  db: Kysely<DB>,
  securityLogs: Ageing,
  now: number,
  options: AgeOptions = {},
): Promise<AgeReport> {
  const batchSize = options.batchSize ?? DEFAULT_AGE_BATCH;
  if (!Number.isInteger(batchSize) || batchSize < 1)
    throw new RangeError('batchSize must be a positive integer');
  const deleteBefore = retentionCutoff(new Date(now), securityLogs.deleteAfter).getTime();
  const truncateBefore = retentionCutoff(new Date(now), securityLogs.fullIpFor).getTime();
  const report = { truncateBefore, deleteBefore };
  if (options.dryRun) {
    const [deleted, truncated] = await Promise.all([
      countRows(db, deleteBefore),
      countRows(db, truncateBefore, deleteBefore),
    ]);
    return { truncated, deleted, ...report };
  }
  const deleted = await deleteOlder(db, deleteBefore, batchSize, options.signal);
  const truncated = await truncateOlder(db, securityLogs.truncate, truncateBefore, batchSize, options.signal);
  return { truncated, deleted, ...report };
}

async function countRows(db: Kysely<DB>, before: number, from?: number): Promise<number> {
  let q = db
    .selectFrom('security_logs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('time', '<', before);
  if (from !== undefined) q = q.where('ip_truncated', '=', 0).where('time', '>=', from);
  return Number((await q.executeTakeFirstOrThrow()).n);
}

async function deleteOlder(
  db: Kysely<DB>,
  before: number,
  batchSize: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  let total = 0;
  for (;;) {
    signal?.throwIfAborted();
    const result = await db
      .deleteFrom('security_logs')
      .where('id', 'in', (eb) =>
        eb.selectFrom('security_logs').select('id').where('time', '<', before).limit(batchSize),
      )
      .executeTakeFirst();
    const n = Number(result.numDeletedRows);
    total += n;
    if (n < batchSize) return total;
  }
}

async function truncateOlder(
  db: Kysely<DB>,
  prefixes: Ageing['truncate'],
  before: number,
  batchSize: number,
  signal: AbortSignal | undefined,
): Promise<number> {
  const postgres = dialectOf(db) === 'postgres';
  let total = 0;
  for (;;) {
    signal?.throwIfAborted();
    const rows = await db
      .selectFrom('security_logs')
      .select(['id', 'ip'])
      .where('ip_truncated', '=', 0)
      .where('time', '<', before)
      .limit(batchSize)
      .execute();
    if (rows.length === 0) return total;
    // truncateIp in TypeScript: one rule for both dialects, the same code as at ingestion.
    const ids: number[] = [];
    const texts: string[] = [];
    const keys: string[] = [];
    const ends: string[] = [];
    for (const row of rows) {
      // Every stored address was validated at ingestion; an unreadable one (a hand-edited row) keeps
      // nothing of itself rather than staying full.
      const ip = storedTruncatedIp(row.ip, prefixes) ?? { text: '', key: '', end: '' };
      ids.push(Number(row.id));
      texts.push(ip.text);
      keys.push(ip.key);
      ends.push(ip.end ?? '');
    }
    // One statement per batch: the new values travel as arrays (PostgreSQL) or one JSON array (SQLite).
    const result = postgres
      ? await sql`update security_logs as s set ip = v.ip, ip_key = v.ip_key, ip_end = v.ip_end, ip_truncated = 1
        from unnest(${ids}::bigint[], ${texts}::text[], ${keys}::text[], ${ends}::text[]) as v(id, ip, ip_key, ip_end)
        where s.id = v.id and s.ip_truncated = 0`.execute(db)
      : await sql`update security_logs set ip = j.value ->> 1, ip_key = j.value ->> 2, ip_end = j.value ->> 3,
        ip_truncated = 1 from json_each(${JSON.stringify(ids.map((id, i) => [id, texts[i], keys[i], ends[i]]))}) as j
        where security_logs.id = j.value ->> 0 and security_logs.ip_truncated = 0`.execute(db);
    // Another sweep may have truncated some of these rows meanwhile: count what this one changed.
    total += Number(result.numAffectedRows ?? 0);
    if (rows.length < batchSize) return total;
  }
}
