import fs from 'node:fs';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Config } from '../config/env.js';
import { startCheckpointer } from './checkpointer.js';
import type { DB } from './schema.js';

export type DialectName = 'sqlite' | 'postgres';

/** An open store: the Kysely handle plus the raw driver for the few hot paths that keep prepared statements. */
export type Store =
  | {
      readonly dialect: 'sqlite';
      readonly db: Kysely<DB>;
      readonly sqlite: BetterSqlite3.Database;
      /** A read-only connection for hot read paths: sees committed data only, never waits for the writer. */
      reader(): BetterSqlite3.Database;
      close(): Promise<void>;
    }
  | { readonly dialect: 'postgres'; readonly db: Kysely<DB>; readonly pool: pg.Pool; close(): Promise<void> };

// int8 (bigint) columns hold epoch milliseconds and counters well inside 2^53: parse them as numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number.parseInt(value, 10));

export function openSqlite(file: string): Store {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers run beside the writer; FULL makes each commit durable before it is acknowledged.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
  let reader: BetterSqlite3.Database | undefined;
  let checkpointer: ReturnType<typeof startCheckpointer> | undefined;
  if (file !== ':memory:') {
    sqlite.pragma('wal_autocheckpoint = 0');
    checkpointer = startCheckpointer(file);
  }
  return {
    dialect: 'sqlite',
    db,
    sqlite,
    reader() {
      if (file === ':memory:') return sqlite;
      reader ??= new BetterSqlite3(file, { readonly: true });
      reader.pragma('busy_timeout = 5000');
      return reader;
    },
    async close() {
      reader?.close();
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

export function openPostgres(url: string, poolSize = 10): Store {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  // A dropped connection must not crash the process; the pool replaces it on next use. An idle client's
  // error reaches the pool; a checked-out client's reaches only the client, whose unheard 'error' event
  // would throw (PostgreSQL restarted mid-transaction): its query fails instead, and release removes it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    dialect: 'postgres',
    db,
    pool,
    async close() {
      await db.destroy();
    },
  };
}

export function openStore(database: Config['database']): Store {
  return database.kind === 'sqlite'
    ? openSqlite(database.file)
    : openPostgres(database.url, database.poolSize);
}
