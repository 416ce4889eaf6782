/**
 * PostgreSQL through a small pg pool, opened per request and closed after. int8 keys come back as numbers
 * when exact and as strings beyond 2^53, so a key read is a key that matches again.
 */
import pg from 'pg';
import { createSqlConnector, type SqlDialect } from './sql.js';
import type { SqlConnector } from './types.js';

const INT8_OID = 20;

function parseInt8(text: string): number | string {
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : text;
}

const getTypeParser = ((oid: number, format?: 'text' | 'binary') =>
  oid === INT8_OID && format !== 'binary'
    ? parseInt8
    : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser;

export const POSTGRES_DIALECT: SqlDialect = {
  kind: 'postgres',
  quote: (part) => `"${part}"`,
  param: (n) => `$${n}`,
  // `cast(x as text)` is a no-op on text columns (their index still serves) and lets an external id
  // stored as an integer be compared with the text Steward holds.
  exact: (column) => `cast(${column} as text)`,
  lower: (column) => `lower(${column})`,
};

export function openPostgresConnector(url: string): SqlConnector {
  const pool = new pg.Pool({
    connectionString: url,
    max: 4,
    idleTimeoutMillis: 10_000,
    connectionTimeoutMillis: 10_000,
    statement_timeout: 60_000,
    application_name: 'steward-connector',
    types: { getTypeParser },
  });
  // A connection dropped while idle must not crash the process; the next query reports the failure.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return createSqlConnector(POSTGRES_DIALECT, {
    all: async (sql, params) => (await pool.query(sql, [...params])).rows,
    run: async (sql, params) => (await pool.query(sql, [...params])).rowCount ?? 0,
    close: () => pool.end(),
  });
}
