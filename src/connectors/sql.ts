/**
 * The SQL the three SQL connectors share: statements built from policy identifiers (checked again here,
 * then quoted per dialect) with every value a bound parameter. Long IN-lists are split so no statement
 * passes a driver's parameter limit (SQLite's is the lowest).
 */
import { createSweeper } from './sweep.js';
import {
  ConnectorError,
  driverCode,
  type Key,
  type Match,
  type Row,
  type SqlConnector,
  type SqlKind,
} from './types.js';

export interface SqlDialect {
  readonly kind: SqlKind;
  readonly quote: (part: string) => string;
  /** Placeholder of the n-th parameter (1-based). */
  readonly param: (n: number) => string;
  /** A text expression of the column compared byte for byte. */
  readonly exact: (column: string) => string;
  readonly lower: (column: string) => string;
  /**
   * Whether plain `column IN values`, which the column's own index serves, matches at least the rows the
   * exact or lower-case test matches, so it can narrow the rows first (MySQL: see mysql.ts).
   */
  readonly narrows?: (table: string, column: string, compare: 'exact' | 'lowercase') => Promise<boolean>;
}

/** What a driver must do; the connector adds the SQL. */
export interface SqlDriver {
  all(sql: string, params: readonly unknown[]): Promise<Row[]>;
  run(sql: string, params: readonly unknown[]): Promise<number>;
  close(): Promise<void>;
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;
const CHUNK = 500;

/** The same pattern the policy schema enforces; a second check so no other caller can inject SQL. */
export function quoteName(dialect: SqlDialect, name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || !parts.every((p) => IDENTIFIER.test(p))) {
    throw new ConnectorError('an identifier does not match the policy identifier pattern', 'identifier');
  }
  return parts.map(dialect.quote).join('.');
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Splits OR-of-IN matches into groups of at most CHUNK values; their union is the same set of rows. */
function matchChunks(where: readonly Match[]): Match[][] {
  const pairs = where.flatMap((m) => [...new Set(m.values)].map((value) => ({ m, value })));
  return chunks(pairs).map((chunk) => {
    const byMatch = new Map<Match, Key[]>();
    for (const { m, value } of chunk) byMatch.set(m, [...(byMatch.get(m) ?? []), value]);
    return [...byMatch].map(([m, values]) => ({ ...m, values }));
  });
}

function inList(dialect: SqlDialect, params: unknown[], values: readonly unknown[]): string {
  return values
    .map((value) => {
      params.push(value);
      return dialect.param(params.length);
    })
    .join(', ');
}

function condition(dialect: SqlDialect, m: Match, params: unknown[], narrow: boolean): string {
  const column = quoteName(dialect, m.column);
  if (m.compare === 'key') return `${column} in (${inList(dialect, params, m.values)})`;
  const values = m.values.map(String);
  const test = `${m.compare === 'lowercase' ? dialect.lower(column) : dialect.exact(column)} in (${inList(dialect, params, values)})`;
  return narrow ? `(${column} in (${inList(dialect, params, values)}) and ${test})` : test;
}

/** Wraps a driver failure so its message (which may quote values) never leaves the connector. */
async function guarded<T>(what: string, table: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ConnectorError) throw error;
    const code = driverCode(error);
    throw new ConnectorError(`${what} on table '${table}' failed (${code})`, code, { cause: error });
  }
}

export function createSqlConnector(dialect: SqlDialect, driver: SqlDriver): SqlConnector {
  return {
    kind: dialect.kind,
    async select(table, where, columns) {
      const list = [...new Set(columns)].map((c) => quoteName(dialect, c)).join(', ');
      const from = quoteName(dialect, table);
      const narrowing = new Set<string>();
      for (const m of where) {
        if (m.compare !== 'key' && (await dialect.narrows?.(table, m.column, m.compare)))
          narrowing.add(m.column);
      }
      const rows: Row[] = [];
      for (const group of matchChunks(where)) {
        const params: unknown[] = [];
        const conditions = group
          .map((m) => condition(dialect, m, params, m.compare !== 'key' && narrowing.has(m.column)))
          .join(' or ');
        const sql = `select ${list} from ${from} where ${conditions}`;
        rows.push(...(await guarded('select', table, () => driver.all(sql, params))));
      }
      return rows;
    },
    async update(table, pkColumn, pks, set) {
      const entries = Object.entries(set);
      if (entries.length === 0) return 0;
      let total = 0;
      for (const group of chunks([...new Set(pks)])) {
        const params: unknown[] = [];
        const assignments = entries
          .map(([column, value]) => `${quoteName(dialect, column)} = ${inList(dialect, params, [value])}`)
          .join(', ');
        const sql = `update ${quoteName(dialect, table)} set ${assignments} where ${quoteName(dialect, pkColumn)} in (${inList(dialect, params, group)})`;
        total += await guarded('update', table, () => driver.run(sql, params));
      }
      return total;
    },
    async delete(table, pkColumn, pks) {
      let total = 0;
      for (const group of chunks([...new Set(pks)])) {
        const params: unknown[] = [];
        const sql = `delete from ${quoteName(dialect, table)} where ${quoteName(dialect, pkColumn)} in (${inList(dialect, params, group)})`;
        total += await guarded('delete', table, () => driver.run(sql, params));
      }
      return total;
    },
    sweep: createSweeper(dialect, driver),
    close: () => driver.close(),
  };
}
