/**
 * Retention sweeps over a company's own tables: statements that find, count and delete the rows whose
 * period has run out, in bounded batches walked by primary key, so a sweep over millions of rows holds
 * no lock for long and never rescans what it has passed.
 *
 * A batch is two statements: the key of the batch's last expired row (`order by pk limit 1 offset n-1`,
 * served by the primary key index), then one delete over that key range. Rows that rows of other tables
 * still reference, and rows under a manual legal hold, are left out by the condition itself.
 *
 * Anchors are compared as instants: SQLite reads ISO 8601 text with its offset through julianday();
 * PostgreSQL and MySQL compare their date/time types with a UTC value (MySQL sessions run in UTC,
 * mysql.ts); epoch columns compare as numbers.
 */
import type { AnchorFormat, Dependent } from '../domain/retention/rules.js';
import { quoteName, type SqlDialect, type SqlDriver } from './sql.js';
import { ConnectorError, driverCode, type Key, type Row } from './types.js';

export interface SweepSpec {
  readonly table: string;
  readonly primaryKey: string;
  readonly anchor: string;
  readonly format: AnchorFormat;
  /** Rows anchored strictly before this instant are expired. */
  readonly cutoff: Date;
  /** Rows of these tables reference this one: a referenced row is kept (blocked) until they are gone. */
  readonly dependents: readonly Dependent[];
  /** Primary keys under a manual legal hold. */
  readonly exclude: readonly Key[];
}

export interface SweepCount {
  /** Expired rows not under a manual hold. */
  readonly expired: number;
  /** Of those, rows still referenced by dependents. */
  readonly blocked: number;
  /** The earliest anchor of the table (any row), as the store returns it; null when the table is empty. */
  readonly oldest: unknown;
}

export interface Sweeper {
  count(spec: SweepSpec): Promise<SweepCount>;
  /** Deletes the next batch of at most `limit` expired rows with keys after `after`. */
  deleteBatch(
    spec: SweepSpec,
    after: Key | null,
    limit: number,
  ): Promise<{ deleted: number; next: Key | null }>;
  /** The next batch of expired rows (key and `columns`) with keys after `after`, in key order. */
  selectBatch(spec: SweepSpec, after: Key | null, limit: number, columns: readonly string[]): Promise<Row[]>;
}

/** More held keys than this in one table is a policy for a different tool (use a column and a rule). */
export const MAX_HELD_KEYS = 10_000;

const JULIAN_UNIX_EPOCH = 2_440_587.5;

function anchorValue(kind: SqlDialect['kind'], format: AnchorFormat, cutoff: Date): unknown {
  const ms = cutoff.getTime();
  if (format === 'epoch_ms') return ms;
  // An integer second anchor s is before the instant ms exactly when s < ceil(ms / 1000).
  if (format === 'epoch_s') return Math.ceil(ms / 1000);
  if (kind === 'sqlite') return ms / 86_400_000 + JULIAN_UNIX_EPOCH;
  if (kind === 'mysql') return cutoff.toISOString().replace('T', ' ').replace('Z', '');
  return cutoff.toISOString();
}

class Where {
  readonly params: unknown[] = [];
  readonly parts: string[] = [];

  constructor(private readonly dialect: SqlDialect) {}

  bind(value: unknown): string {
    this.params.push(value);
    return this.dialect.param(this.params.length);
  }

  toString(): string {
    return this.parts.join(' and ');
  }
}

export function createSweeper(dialect: SqlDialect, driver: SqlDriver): Sweeper {
  const q = (name: string) => quoteName(dialect, name);

  function expiredWhere(spec: SweepSpec, options: { blocked: 'exclude' | 'ignore' }): Where {
    if (spec.exclude.length > MAX_HELD_KEYS) {
      throw new ConnectorError(
        `table '${spec.table}': more than ${MAX_HELD_KEYS} rows under manual holds`,
        'too_many_holds',
      );
    }
    const w = new Where(dialect);
    const table = q(spec.table);
    const anchor = `${table}.${q(spec.anchor)}`;
    const value = w.bind(anchorValue(dialect.kind, spec.format, spec.cutoff));
    const timestampText = dialect.kind === 'sqlite' && spec.format === 'timestamp';
    w.parts.push(timestampText ? `julianday(${anchor}) < ${value}` : `${anchor} < ${value}`);
    if (spec.exclude.length > 0)
      w.parts.push(
        `${table}.${q(spec.primaryKey)} not in (${spec.exclude.map((k) => w.bind(k)).join(', ')})`,
      );
    if (options.blocked === 'exclude')
      for (const d of spec.dependents) w.parts.push(`not ${referenced(d, table)}`);
    return w;
  }

  /** Whether a row of `d.table` references the swept table's row (both names quoted, no aliases). */
  function referenced(d: Dependent, table: string): string {
    const child = q(d.table);
    return `exists (select 1 from ${child} where ${child}.${q(d.column)} = ${table}.${q(d.references)})`;
  }

  async function guarded<T>(what: string, spec: SweepSpec, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof ConnectorError) throw error;
      const code = driverCode(error);
      throw new ConnectorError(`${what} on table '${spec.table}' failed (${code})`, code, { cause: error });
    }
  }

  function afterPart(w: Where, spec: SweepSpec, after: Key | null): void {
    if (after !== null) w.parts.push(`${q(spec.table)}.${q(spec.primaryKey)} > ${w.bind(after)}`);
  }

  return {
    count: (spec) =>
      guarded('retention count', spec, async () => {
        const table = q(spec.table);
        const w = expiredWhere(spec, { blocked: 'ignore' });
        const blockedSql =
          spec.dependents.length > 0
            ? `sum(case when ${spec.dependents.map((d) => referenced(d, table)).join(' or ')} then 1 else 0 end)`
            : '0';
        const [row] = await driver.all(
          `select count(*) as expired, ${blockedSql} as blocked from ${table} where ${w}`,
          w.params,
        );
        const [oldest] = await driver.all(`select min(${q(spec.anchor)}) as oldest from ${table}`, []);
        return {
          expired: Number(row?.expired ?? 0),
          blocked: Number(row?.blocked ?? 0),
          oldest: oldest?.oldest ?? null,
        };
      }),

    deleteBatch: (spec, after, limit) =>
      guarded('retention delete', spec, async () => {
        const table = q(spec.table);
        const pk = `${table}.${q(spec.primaryKey)}`;
        const size = Math.max(1, Math.floor(limit));
        const find = expiredWhere(spec, { blocked: 'exclude' });
        afterPart(find, spec, after);
        const [last] = await driver.all(
          `select ${pk} as k from ${table} where ${find} order by ${pk} limit 1 offset ${size - 1}`,
          find.params,
        );
        const del = expiredWhere(spec, { blocked: 'exclude' });
        afterPart(del, spec, after);
        const next = (last?.k ?? null) as Key | null;
        if (next !== null) del.parts.push(`${pk} <= ${del.bind(next)}`);
        const deleted = await driver.run(`delete from ${table} where ${del}`, del.params);
        return { deleted, next };
      }),

    selectBatch: (spec, after, limit, columns) =>
      guarded('retention select', spec, async () => {
        const table = q(spec.table);
        const pk = `${table}.${q(spec.primaryKey)}`;
        const w = expiredWhere(spec, { blocked: 'ignore' });
        afterPart(w, spec, after);
        const list = [...new Set([spec.primaryKey, ...columns])].map((c) => `${table}.${q(c)}`).join(', ');
        return driver.all(
          `select ${list} from ${table} where ${w} order by ${pk} limit ${Math.max(1, Math.floor(limit))}`,
          w.params,
        );
      }),
  };
}
