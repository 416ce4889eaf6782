/**
 * Decides, without I/O, what an erasure does to each row found for the person (GDPR Art. 17).
 *
 * - A row of a table under a legal hold whose period still runs is kept (Art. 17(3)(b)): the law requires
 *   it, so it stays, restricted to the use the obligation names (Art. 18(1)(b)/(2)). Its columns whose
 *   data category the obligation does not cover are masked: only what the law needs is kept.
 * - A row that rows staying behind still reference (kept ones, or rows a null/mask/hash strategy leaves
 *   in place) is masked instead of deleted, so no staying row points at nothing. Referenced key columns
 *   are left as they are.
 * - Every other row gets its table's strategy.
 * Tables are decided children first, so a parent knows which of its children stay.
 */

import { addDuration } from '../domain/policy/duration.js';
import type { DatasetPlan, Link, TableStep } from '../domain/requests/plan.js';
import { asDate, asKey, erasureAssignments, type KeyedHash, type Strategy } from './erasure-values.js';
import type { Key, Row, TableOperations } from './types.js';

export interface KeptRow {
  readonly pk: Key;
  /** Id of the legal obligation that requires the row. */
  readonly rule: string;
  /** When the obligation ends (ISO 8601); null when its start is unknown and an agent must decide. */
  readonly until: string | null;
  readonly reason: string;
  /** Columns masked although the row is kept (not needed for the obligation). */
  readonly masked: readonly string[];
}

export interface TableDecision {
  readonly step: TableStep;
  readonly operations: TableOperations;
  /** Rows whose personal data this run removes (kept rows excluded). */
  readonly erased: number;
  /** Of those, rows masked rather than deleted because staying rows reference them. */
  readonly maskedInsteadOfDeleted: number;
  readonly kept: readonly KeptRow[];
}

interface Hold {
  readonly rule: string;
  readonly until: Date | null;
  readonly table: string;
}

/** Per parent table, per referenced `column\0value`: the holds of the rows that stay and point at it. */
type References = Map<string, Map<string, Hold[]>>;

const refKey = (column: string, value: Key) => `${column}\u0000${String(value)}`;

function latest(holds: readonly Hold[]): Hold | undefined {
  if (holds.length === 0) return undefined;
  return (
    holds.find((h) => h.until === null) ??
    [...holds].sort((a, b) => b.until!.getTime() - a.until!.getTime())[0]
  );
}

function covered(category: string, categories: readonly string[]): boolean {
  return categories.some((c) => category === c || category.startsWith(`${c}.`));
}

function runningHold(step: TableStep, row: Row, now: Date): Hold | undefined {
  if (!step.hold) return undefined;
  const { obligation, anchorColumn } = step.hold;
  const start = anchorColumn ? asDate(row[anchorColumn]) : undefined;
  const until = start ? addDuration(start, obligation.duration) : null;
  return until === null || now < until ? { rule: obligation.id, until, table: step.table.name } : undefined;
}

/** The holds of the staying rows that reference `row`; undefined when none references it. */
function pointingAt(step: TableStep, row: Row, references: References): Hold[] | undefined {
  let found: Hold[] | undefined;
  for (const link of step.children) {
    const value = asKey(row[link.references]);
    const holds =
      value === undefined ? undefined : references.get(step.table.name)?.get(refKey(link.references, value));
    if (holds) found = [...(found ?? []), ...holds];
  }
  return found;
}

/** Records that `row` stays and references its parents (with the holds that make it stay, if any). */
function point(references: References, parents: readonly Link[], row: Row, holds: readonly Hold[]): void {
  for (const link of parents) {
    const value = asKey(row[link.column]);
    if (value === undefined) continue;
    const byValue = references.get(link.to) ?? new Map<string, Hold[]>();
    references.set(link.to, byValue);
    const key = refKey(link.references, value);
    const list = byValue.get(key) ?? [];
    list.push(...holds);
    byValue.set(key, list);
  }
}

function heldRow(step: TableStep, pk: Key, hold: Hold, masked: readonly string[]): KeptRow {
  const { obligation } = step.hold!;
  const until = hold.until
    ? `until ${hold.until.toISOString()}`
    : 'until reviewed (the start of the period is unknown)';
  return {
    pk,
    rule: obligation.id,
    until: hold.until?.toISOString() ?? null,
    reason: `Required by '${obligation.title}' (GDPR Art. 17(3)(b)): kept ${until}; use restricted (Art. 18) to: ${obligation.restrictedTo}`,
    masked,
  };
}

function referencedRow(pk: Key, pointing: readonly Hold[], lead: Hold, masked: readonly string[]): KeptRow {
  const tables = [...new Set(pointing.map((h) => h.table))].join(', ');
  return {
    pk,
    rule: lead.rule,
    until: lead.until?.toISOString() ?? null,
    reason: `Referenced by rows of ${tables} kept under '${lead.rule}': masked instead of deleted, its key kept while they are`,
    masked,
  };
}

export function decideTable(
  step: TableStep,
  rows: readonly Row[],
  references: References,
  context: { readonly now: Date; readonly hash: KeyedHash },
): TableDecision {
  const { table } = step;
  const strategy: Strategy = table.erasure.strategy;
  // Keys and relation columns are never overwritten: rows that stay must still join.
  const fixed = new Set([
    table.primaryKey,
    ...step.children.map((l) => l.references),
    ...step.parents.map((l) => l.column),
  ]);
  const personal = Object.keys(table.fields).filter((c) => !fixed.has(c));
  const options = { hash: context.hash, emailColumn: table.identity?.email };
  const decision = {
    step,
    operations: {
      name: table.name,
      primaryKey: table.primaryKey,
      delete: [] as Key[],
      update: [] as { pk: Key; set: Row }[],
    },
    erased: 0,
    maskedInsteadOfDeleted: 0,
    kept: [] as KeptRow[],
  };
  for (const row of rows) {
    const pk = asKey(row[table.primaryKey]);
    if (pk === undefined) continue;
    const write = (columns: readonly string[], how: Exclude<Strategy, 'delete'>): boolean => {
      const set = erasureAssignments(how, row, pk, columns, options);
      if (Object.keys(set).length > 0) decision.operations.update.push({ pk, set });
      return Object.keys(set).length > 0;
    };
    const pointing = pointingAt(step, row, references);
    const hold = runningHold(step, row, context.now);
    if (hold) {
      const categories = step.hold!.obligation.categories;
      const masked = personal.filter(
        (c) => c !== step.hold!.anchorColumn && !covered(table.fields[c]!, categories),
      );
      write(masked, 'mask');
      decision.kept.push(heldRow(step, pk, hold, masked));
      point(references, step.parents, row, [hold]);
    } else if (pointing && strategy === 'delete') {
      const changed = write(personal, 'mask');
      const lead = latest(pointing);
      if (lead) decision.kept.push(referencedRow(pk, pointing, lead, personal));
      else if (changed) {
        decision.erased += 1;
        decision.maskedInsteadOfDeleted += 1;
      }
      point(references, step.parents, row, pointing);
    } else if (strategy === 'delete') {
      decision.operations.delete.push(pk);
      decision.erased += 1;
    } else {
      const columns = (table.erasure.columns ?? []).filter((c) => !fixed.has(c));
      if (write(columns, strategy)) decision.erased += 1;
      point(references, step.parents, row, pointing ?? []);
    }
  }
  return decision;
}

/** The decisions for one dataset, children first, from the rows the walk found per table. */
export function decideErasure(
  plan: DatasetPlan,
  found: ReadonlyMap<string, readonly Row[]>,
  context: { readonly now: Date; readonly hash: KeyedHash },
): TableDecision[] {
  const references: References = new Map();
  return plan.erasureOrder.map((step) =>
    decideTable(step, found.get(step.table.name) ?? [], references, context),
  );
}
