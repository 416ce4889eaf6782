/**
 * Art. 16 rectification through the connectors: the reviewed changes of a correction request, applied to
 * this person's rows only, and only to the personal-data columns the policy declares.
 */
import type { Policy } from '../domain/policy/schema.js';
import { type DatasetPlan, planTraversal } from '../domain/requests/plan.js';
import { AppError } from '../errors/app-error.js';
import { asKey } from './erasure-values.js';
import { hasIdentity, normaliseIdentities } from './identities.js';
import { applyOperations, type Connectors, connectorOf, findIn } from './traverse.js';
import { ConnectorError, type Key, type Row, type SubjectIdentities, type TableOperations } from './types.js';

export interface CorrectionChange {
  readonly dataset: string;
  readonly table: string;
  readonly pk: Key;
  readonly column: string;
  readonly value: string | null;
}

export interface AppliedCorrection {
  readonly dataset: string;
  readonly table: string;
  readonly pk: Key;
  readonly column: string;
  /** False when the row already held the value. */
  readonly changed: boolean;
}

function declaredColumn(plans: readonly DatasetPlan[], change: CorrectionChange): void {
  const table = plans
    .find((p) => p.dataset.id === change.dataset)
    ?.dataset.tables.find((t) => t.name === change.table);
  if (!table) {
    throw new AppError(
      'request.invalid',
      `correction: dataset '${change.dataset}' declares no table '${change.table}'`,
    );
  }
  if (!Object.hasOwn(table.fields, change.column) || change.column === table.primaryKey) {
    throw new AppError(
      'request.invalid',
      `correction: '${change.column}' is not a personal-data field of ${change.dataset}.${change.table}`,
    );
  }
}

const sameValue = (current: unknown, next: string | null) =>
  next === null ? current === null || current === undefined : current !== null && String(current) === next;

/**
 * Art. 16: sets the corrected values. Every change must name a personal-data column the policy declares
 * and a row this person's identities find again now; all changes are checked before any is written, and
 * a row of someone else is answered as absent. Returns, per change, whether the row changed.
 */
export async function applyCorrection(
  policy: Policy,
  connectors: Connectors,
  identities: SubjectIdentities,
  changes: readonly CorrectionChange[],
): Promise<AppliedCorrection[]> {
  const plans = planTraversal(policy);
  for (const change of changes) declaredColumn(plans, change);
  const subject = normaliseIdentities(identities);
  const results: AppliedCorrection[] = [];
  const work: { plan: DatasetPlan; operations: TableOperations[] }[] = [];
  for (const plan of plans) {
    const mine = changes.filter((c) => c.dataset === plan.dataset.id);
    if (mine.length === 0) continue;
    const found = hasIdentity(subject) ? await findIn(plan, connectors, subject) : new Map<string, Row[]>();
    const sets = new Map<string, Map<string, { pk: Key; set: Row }>>();
    for (const change of mine) {
      const { primaryKey } = plan.dataset.tables.find((t) => t.name === change.table)!;
      const row = (found.get(change.table) ?? []).find((r) => keyText(r, primaryKey) === String(change.pk));
      const pk = row ? asKey(row[primaryKey]) : undefined;
      if (!row || pk === undefined) {
        throw new AppError(
          'resource.not_found',
          `correction: no row of this person in ${plan.dataset.id}.${change.table} has that key`,
        );
      }
      const changed = !sameValue(row[change.column], change.value);
      results.push({ dataset: plan.dataset.id, table: change.table, pk, column: change.column, changed });
      if (!changed) continue;
      const byKey = sets.get(change.table) ?? new Map<string, { pk: Key; set: Row }>();
      sets.set(change.table, byKey);
      const entry = byKey.get(String(pk)) ?? { pk, set: {} };
      entry.set[change.column] = change.value;
      byKey.set(String(pk), entry);
    }
    const operations = [...sets].map(([name, byKey]) => ({
      name,
      primaryKey: plan.dataset.tables.find((t) => t.name === name)!.primaryKey,
      delete: [],
      update: [...byKey.values()],
    }));
    work.push({ plan, operations });
  }
  const failures: string[] = [];
  for (const { plan, operations } of work) {
    const outcomes = await applyOperations(
      plan,
      connectorOf(connectors, plan),
      subject,
      operations,
      'correct',
    );
    for (const [table, outcome] of outcomes) {
      if ('error' in outcome) failures.push(`${plan.dataset.id}.${table}: ${outcome.error}`);
    }
  }
  if (failures.length > 0)
    throw new ConnectorError(`correction incomplete: ${failures.join('; ')}`, 'correction_failed');
  return results;
}

/** The key of a row as text, for comparing keys that arrive as numbers or strings. */
function keyText(row: Row, pk: string): string | undefined {
  const key = asKey(row[pk]);
  return key === undefined ? undefined : String(key);
}
