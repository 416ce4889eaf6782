import type BetterSqlite3 from 'better-sqlite3';
import { type Kysely, PostgresAdapter, sql } from 'kysely';
import type pg from 'pg';
import type { DialectName, Store } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import type { IpRange, StoredIp } from '../../domain/logs/ip-range.js';

/** One request as stored: the address already full or truncated by the line's age. */
export interface SecurityLogRow {
  readonly time: number;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  readonly userAgent: string | null;
  readonly ip: StoredIp;
}

/** Inserts rows in one transaction; bulk ingestion calls it once per batch. */
export interface LogWriter {
  insert(rows: readonly SecurityLogRow[]): Promise<void>;
  /** Batches worth having in flight at once: 1 on SQLite (one writer), 3 on PostgreSQL (see below). */
  readonly parallel: number;
}

const COLUMNS = 'time, method, path, status, user_agent, ip, ip_truncated, ip_key, ip_end';
const WIDTH = 9;
/** Rows per SQLite statement: 9 × 200 = 1,800 parameters, well under SQLite's 32,766. */
const SQLITE_ROWS_PER_STATEMENT = 200;

function pushRow(out: unknown[], r: SecurityLogRow): void {
  out.push(
    r.time,
    r.method,
    r.path,
    r.status,
    r.userAgent,
    r.ip.text,
    r.ip.truncated ? 1 : 0,
    r.ip.key,
    r.ip.end,
  );
}

/**
 * SQLite: cached multi-row prepared statements (Kysely would re-prepare each one), run in one IMMEDIATE
 * transaction taken through Kysely's connection mutex, so it never interleaves with a Kysely transaction.
 */
function createSqliteWriter(db: Kysely<DB>, sqlite: BetterSqlite3.Database): LogWriter {
  const statements = new Map<number, BetterSqlite3.Statement>();
  const statementFor = (rows: number) => {
    let statement = statements.get(rows);
    if (!statement) {
      const tuple = `(${new Array(WIDTH).fill('?').join(', ')})`;
      statement = sqlite.prepare(
        `insert into security_logs (${COLUMNS}) values ${new Array(rows).fill(tuple).join(', ')}`,
      );
      statements.set(rows, statement);
    }
    return statement;
  };
  const write = sqlite.transaction((rows: readonly SecurityLogRow[]) => {
    for (let i = 0; i < rows.length; ) {
      const n = Math.min(SQLITE_ROWS_PER_STATEMENT, rows.length - i);
      // Full statements, then the remainder one row at a time: two cached statements, not one per size.
      const take = n === SQLITE_ROWS_PER_STATEMENT ? n : 1;
      const values: unknown[] = [];
      for (let j = i; j < i + take; j++) pushRow(values, rows[j]!);
      statementFor(take).run(values);
      i += take;
    }
  });
  return {
    insert: (rows) => db.connection().execute(async () => write.immediate(rows)),
    parallel: 1,
  };
}

/**
 * PostgreSQL: one statement per batch, the columns sent as arrays and spread by unnest (measured faster
 * than multi-row VALUES or one JSON parameter). Each backend inserts on one core: batches in flight on
 * several connections took ingestion from ~80,000 (one) to ~120,000 (two) and ~160,000 lines/s (three)
 * on the 2-core bench machine; more did not help.
 */
function createPostgresWriter(pool: pg.Pool): LogWriter {
  const text =
    `insert into security_logs (${COLUMNS}) select * from unnest(` +
    '$1::bigint[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::int[], $8::text[], $9::text[])';
  return {
    async insert(rows) {
      if (rows.length === 0) return;
      const values = [
        numberArray(rows, (r) => r.time),
        textArray(rows, (r) => r.method),
        textArray(rows, (r) => r.path),
        numberArray(rows, (r) => r.status),
        textArray(rows, (r) => r.userAgent),
        textArray(rows, (r) => r.ip.text),
        numberArray(rows, (r) => (r.ip.truncated ? 1 : 0)),
        textArray(rows, (r) => r.ip.key),
        textArray(rows, (r) => r.ip.end),
      ];
      await pool.query({ name: 'security-logs-insert', text, values });
    },
    parallel: 3,
  };
}

/**
 * PostgreSQL array literals (`{"a","b",NULL}`, PostgreSQL manual §8.15.6) written directly: node-postgres'
 * generic array encoding escapes every element with a regular expression, about 1.5 µs per row here.
 */
function textArray(rows: readonly SecurityLogRow[], pick: (r: SecurityLogRow) => string | null): string {
  const parts = new Array<string>(rows.length);
  for (let i = 0; i < rows.length; i++) {
    const v = pick(rows[i]!);
    if (v === null) parts[i] = 'NULL';
    else parts[i] = `"${v.includes('"') || v.includes('\\') ? v.replace(/["\\]/g, '\\$&') : v}"`;
  }
  return `{${parts.join(',')}}`;
}

function numberArray(rows: readonly SecurityLogRow[], pick: (r: SecurityLogRow) => number): string {
  const parts = new Array<number>(rows.length);
  for (let i = 0; i < rows.length; i++) parts[i] = pick(rows[i]!);
  return `{${parts.join(',')}}`;
}

export function createLogWriter(store: Store): LogWriter {
  return store.dialect === 'sqlite'
    ? createSqliteWriter(store.db, store.sqlite)
    : createPostgresWriter(store.pool);
}

/** The dialect behind a Kysely handle, for the few statements the two write differently. */
export function dialectOf(db: Kysely<DB>): DialectName {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

export interface LogFilter {
  /** Inclusive lower and exclusive upper bound, epoch ms. */
  readonly from?: number;
  readonly to?: number;
  readonly ip?: IpRange;
  readonly path?: { readonly value: string; readonly prefix: boolean };
  /** Keyset: rows after this (time, id), in (time, id) order. */
  readonly after?: { readonly time: number; readonly id: number };
  readonly limit: number;
}

export async function findSecurityLogs(db: Kysely<DB>, filter: LogFilter) {
  let q = db
    .selectFrom('security_logs')
    .select(['id', 'time', 'method', 'path', 'status', 'user_agent', 'ip', 'ip_truncated'])
    .orderBy('time')
    .orderBy('id')
    .limit(filter.limit);
  if (filter.from !== undefined) q = q.where('time', '>=', filter.from);
  if (filter.to !== undefined) q = q.where('time', '<', filter.to);
  if (filter.ip) {
    // Overlap of the stored network (one address, or a truncated prefix) with the searched range.
    q = q
      .where('ip_key', '<=', filter.ip.hi)
      .where(sql<string>`coalesce(ip_end, ip_key)`, '>=', filter.ip.lo);
  }
  const path = filter.path;
  // substr counts characters (code points) on both dialects, as Array.from does.
  if (path?.prefix)
    q = q.where(sql<string>`substr(path, 1, ${Array.from(path.value).length})`, '=', path.value);
  else if (path) q = q.where('path', '=', path.value);
  const after = filter.after;
  if (after)
    q = q.where((eb) =>
      eb.or([eb('time', '>', after.time), eb.and([eb('time', '=', after.time), eb('id', '>', after.id)])]),
    );
  return q.execute();
}
