/**
 * SQLite through better-sqlite3. The file must exist: a mistyped path must fail the request, not open an
 * empty database and report that the person has no data.
 */
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3';
import { createSqlConnector, type SqlDialect } from './sql.js';
import { ConnectorError, type Row, type SqlConnector } from './types.js';

export const SQLITE_DIALECT: SqlDialect = {
  kind: 'sqlite',
  quote: (part) => `"${part}"`,
  param: () => '?',
  // A column declared COLLATE NOCASE would otherwise fold case; BINARY keeps an index on it usable.
  exact: (column) => `${column} collate binary`,
  // SQLite's lower() folds ASCII only; an index on lower(email) serves this lookup.
  lower: (column) => `lower(${column})`,
};

/** better-sqlite3 binds numbers, strings, bigints, buffers and null only. */
function bindable(value: unknown): unknown {
  if (value === undefined) return null;
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString();
  return value;
}

/** `location` is a file path or a `file:` URL. */
export function openSqliteConnector(location: string): SqlConnector {
  const file = location.startsWith('file:') ? fileURLToPath(location) : location;
  let db: BetterSqlite3.Database;
  try {
    db = new BetterSqlite3(file, { fileMustExist: true });
  } catch (error) {
    throw new ConnectorError('the SQLite database file cannot be opened', 'sqlite_open', { cause: error });
  }
  db.pragma('busy_timeout = 5000');
  return createSqlConnector(SQLITE_DIALECT, {
    all: async (sql, params) => db.prepare(sql).all(...params.map(bindable)) as Row[],
    run: async (sql, params) => db.prepare(sql).run(...params.map(bindable)).changes,
    close: async () => {
      db.close();
    },
  });
}
