/**
 * Runs a dataset plan against its connector: finds the person's rows (SQL: seed tables by identity, then
 * children by the keys of the rows found; webhook: one `find` call) and applies erasure or correction
 * operations (SQL: children first, one table at a time; webhook: one call).
 */
import type { DatasetPlan, TableStep } from '../domain/requests/plan.js';
import { asKey, type KeyedHash, keyedHash } from './erasure-values.js';
import {
  type Connector,
  ConnectorError,
  driverCode,
  type Key,
  type Match,
  type Row,
  type SqlConnector,
  type SubjectIdentities,
  type TableOperations,
} from './types.js';

const IDENTITY_VALUES = { email: 'emails', phone: 'phones', externalId: 'externalIds' } as const;

/** Identity matches of a seed table; with `hash`, also the digests a hash erasure left in its columns. */
function seedMatches(step: TableStep, subject: SubjectIdentities, hash?: KeyedHash): Match[] {
  const { erasure } = step.table;
  return step.seeds.map(({ identity, column }) => {
    const values = subject[IDENTITY_VALUES[identity]];
    const hashed =
      hash && erasure.strategy === 'hash' && erasure.columns?.includes(column) ? values.map(hash) : [];
    return { column, values: [...values, ...hashed], compare: identity === 'email' ? 'lowercase' : 'exact' };
  });
}

function uniqueByKey(rows: readonly Row[], pk: string): Row[] {
  const seen = new Map<string, Row>();
  for (const row of rows) {
    const key = asKey(row[pk]);
    if (key !== undefined && !seen.has(String(key))) seen.set(String(key), row);
  }
  return [...seen.values()];
}

async function findSql(
  plan: DatasetPlan,
  connector: SqlConnector,
  subject: SubjectIdentities,
  hash?: KeyedHash,
): Promise<Map<string, Row[]>> {
  const found = new Map<string, Row[]>();
  for (const step of plan.steps) {
    const { table } = step;
    const byParents: Match[] = step.parents.map((link) => ({
      column: link.column,
      values: [...new Set((found.get(link.to) ?? []).map((r) => asKey(r[link.references])))].filter(
        (v): v is Key => v !== undefined,
      ),
      compare: 'key',
    }));
    const where = [...seedMatches(step, subject, hash), ...byParents].filter((m) => m.values.length > 0);
    const rows = where.length === 0 ? [] : await connector.select(table.name, where, step.columns);
    found.set(table.name, uniqueByKey(rows, table.primaryKey));
  }
  return found;
}

/** Every row of the person in the dataset, per table, with the plan's columns. */
export async function findSubjectRows(
  plan: DatasetPlan,
  connector: Connector,
  subject: SubjectIdentities,
  hash?: KeyedHash,
): Promise<Map<string, Row[]>> {
  if (connector.kind !== 'webhook') return findSql(plan, connector, subject, hash);
  const tables = plan.steps.map((s) => ({
    name: s.table.name,
    primaryKey: s.table.primaryKey,
    columns: s.columns,
  }));
  const found = await connector.find(subject, tables);
  return new Map(
    plan.steps.map((s) => [s.table.name, uniqueByKey(found.get(s.table.name) ?? [], s.table.primaryKey)]),
  );
}

export type TableOutcome = { readonly count: number } | { readonly error: string };

async function applySql(connector: SqlConnector, ops: TableOperations): Promise<number> {
  let count = 0;
  for (const { pk, set } of ops.update) count += await connector.update(ops.name, ops.primaryKey, [pk], set);
  if (ops.delete.length > 0) count += await connector.delete(ops.name, ops.primaryKey, ops.delete);
  return count;
}

/**
 * Applies operations given children first. A failure stops at its table and at the tables it references
 * (deleting a parent whose child could not be erased would break the reference); the others go on, and
 * each outcome says what happened, with the driver's code only.
 */
export async function applyOperations(
  plan: DatasetPlan,
  connector: Connector,
  subject: SubjectIdentities,
  operations: readonly TableOperations[],
  action: 'erase' | 'correct',
): Promise<Map<string, TableOutcome>> {
  const outcomes = new Map<string, TableOutcome>();
  const work = operations.filter((o) => o.delete.length + o.update.length > 0);
  if (connector.kind === 'webhook') {
    if (work.length === 0) return outcomes;
    try {
      const counts = await (action === 'erase'
        ? connector.erase(subject, work)
        : connector.correct(subject, work));
      for (const o of work) outcomes.set(o.name, { count: counts.get(o.name) ?? 0 });
    } catch (error) {
      for (const o of work) outcomes.set(o.name, { error: describe(error) });
    }
    return outcomes;
  }
  const failed = new Set<string>();
  for (const ops of work) {
    const step = plan.steps.find((s) => s.table.name === ops.name);
    const blocked = step?.children.find((l) => failed.has(l.from));
    try {
      if (blocked)
        throw new ConnectorError(`skipped: table '${blocked.from}' that references it failed`, 'skipped');
      outcomes.set(ops.name, { count: await applySql(connector, ops) });
    } catch (error) {
      failed.add(ops.name);
      outcomes.set(ops.name, { error: describe(error) });
    }
  }
  return outcomes;
}

function describe(error: unknown): string {
  return error instanceof ConnectorError ? error.message : `failed (${driverCode(error)})`;
}

export type Connectors = ReadonlyMap<string, Connector>;

export function connectorOf(connectors: Connectors, plan: DatasetPlan): Connector {
  const connector = connectors.get(plan.dataset.id);
  if (!connector)
    throw new ConnectorError(`dataset '${plan.dataset.id}': no connector is open for it`, 'no_connector');
  return connector;
}

/** Finds one dataset's rows, naming the dataset in any failure. */
export async function findIn(
  plan: DatasetPlan,
  connectors: Connectors,
  subject: SubjectIdentities,
  hashKey?: string | Uint8Array,
): Promise<Map<string, Row[]>> {
  try {
    return await findSubjectRows(
      plan,
      connectorOf(connectors, plan),
      subject,
      hashKey ? keyedHash(hashKey) : undefined,
    );
  } catch (error) {
    if (!(error instanceof ConnectorError) || error.message.startsWith('dataset ')) throw error;
    throw new ConnectorError(`dataset '${plan.dataset.id}': ${error.message}`, error.code, { cause: error });
  }
}
