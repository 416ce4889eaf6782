import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { type DialectName, openPostgres, openSqlite, type Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';

export const DIALECTS: readonly DialectName[] = ['sqlite', 'postgres'];

/** The PostgreSQL server the tests use; each test creates and drops its own database on it. */
export const PG_ADMIN_URL = process.env.STEWARD_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
export const IN_CI = process.env.CI === 'true';

async function probePostgres(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

let pgProbe: Promise<boolean> | undefined;

/**
 * Whether PostgreSQL tests run. Outside CI a missing server skips them with a warning; in CI it is an
 * error, so a green run always means both dialects passed.
 */
export async function postgresAvailable(): Promise<boolean> {
  pgProbe ??= probePostgres();
  const ok = await pgProbe;
  if (!ok && IN_CI) throw new Error(`PostgreSQL is required in CI but does not answer at ${PG_ADMIN_URL}`);
  if (!ok)
    process.stderr.write(`warning: PostgreSQL not reachable at ${PG_ADMIN_URL}; its tests are skipped\n`);
  return ok;
}

/** Dialects to run on this machine: SQLite always, PostgreSQL when reachable (always in CI). */
export async function availableDialects(): Promise<DialectName[]> {
  return (await postgresAvailable()) ? ['sqlite', 'postgres'] : ['sqlite'];
}

export interface TestDatabase {
  readonly dialect: DialectName;
  /** For SQLite the file path; for PostgreSQL the connection URL of the fresh database. */
  readonly location: string;
  open(): Store;
  drop(): Promise<void>;
}

export function uniqueName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
}

/** A fresh, empty database of the dialect, owned by one test file. */
export async function createTestDatabase(dialect: DialectName): Promise<TestDatabase> {
  if (dialect === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-test-'));
    const file = path.join(dir, 'steward.sqlite');
    return {
      dialect,
      location: file,
      open: () => openSqlite(file),
      drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = uniqueName('steward_t');
  const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    dialect,
    location: url.toString(),
    open: () => openPostgres(url.toString(), 5),
    async drop() {
      const client = new pg.Client({ connectionString: PG_ADMIN_URL });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}

/** A migrated store on a fresh database, and a function that closes and drops it. */
export async function createTestStore(
  dialect: DialectName,
): Promise<{ store: Store; database: TestDatabase; cleanup: () => Promise<void> }> {
  const database = await createTestDatabase(dialect);
  const store = database.open();
  await migrateToLatest(store.db);
  return {
    store,
    database,
    async cleanup() {
      await store.close();
      await database.drop();
    },
  };
}

/**
 * Row count of every Steward table, to prove a refused input wrote nothing. Tables every request may touch
 * by design (rate-limit counters, the audit trail of reads, the chain heads) are left out.
 */
export async function tableRowCounts(store: Store): Promise<Record<string, number>> {
  const names = (
    store.dialect === 'postgres'
      ? await sql<{
          name: string;
        }>`select table_name as name from information_schema.tables where table_schema = 'public'`.execute(
          store.db,
        )
      : await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(store.db)
  ).rows
    .map((r) => r.name)
    .filter(
      (n) => !['rate_limits', 'audit_log', 'chain_heads'].includes(n) && !n.startsWith('steward_migrations'),
    )
    .sort();
  const counts: Record<string, number> = {};
  for (const table of names)
    counts[table] = Number(
      (await sql<{ n: number }>`select count(*) as n from ${sql.table(table)}`.execute(store.db)).rows[0]!.n,
    );
  return counts;
}
