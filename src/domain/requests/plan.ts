/**
 * How a request walks the company's datasets, decided from the policy alone (no I/O).
 *
 * Tables with identity columns are the seeds: their rows are found by the person's emails, phones and
 * external ids. A table whose relation references a table already walked gets the rows whose foreign key
 * holds a key of the rows found there, so the walk goes from parents to children and never up: a ticket
 * of this person pointing at another person's account does not pull that account in (GDPR Art. 15(4)).
 * Erasure takes the reverse order, children before parents, so no row is left pointing at a deleted one.
 * `policy check` refuses cycles (rules/relation-cycle.ts); a cycle reaching here is a programming error.
 */
import { columnRetention } from '../policy/schema/datasets.js';
import type { Dataset, DatasetTable, LegalObligation, Policy } from '../policy/schema.js';

export type IdentityKind = 'email' | 'phone' | 'externalId';

export interface Seed {
  readonly identity: IdentityKind;
  readonly column: string;
}

/** `column` of table `from` holds values of `references` of table `to`. */
export interface Link {
  readonly from: string;
  readonly column: string;
  readonly to: string;
  readonly references: string;
}

export interface TableStep {
  readonly table: DatasetTable;
  readonly seeds: readonly Seed[];
  /** Relations of this table to the tables it references. */
  readonly parents: readonly Link[];
  /** Relations of other tables to this one. */
  readonly children: readonly Link[];
  /** Found by identity or through a reachable parent; an unreachable table is never queried. */
  readonly reachable: boolean;
  /** What the walk reads: key, personal fields, identity, relation and hold-anchor columns. */
  readonly columns: readonly string[];
  /** The legal obligation keeping the rows (Art. 17(3)(b)) and the column its period counts from. */
  readonly hold?: { readonly obligation: LegalObligation; readonly anchorColumn: string | undefined };
}

export interface DatasetPlan {
  readonly dataset: Dataset;
  /** Every table, parents before children. */
  readonly steps: readonly TableStep[];
  /** Every table, children before parents. */
  readonly erasureOrder: readonly TableStep[];
  /** Tables no identity and no relation leads to: the policy should give them one. */
  readonly unreachable: readonly string[];
}

export class PlanError extends Error {
  override readonly name = 'PlanError';
}

/** `table.column` or `schema.table.column` → [table, column]. */
export function splitReference(reference: string): [string, string] {
  const dot = reference.lastIndexOf('.');
  return [reference.slice(0, dot), reference.slice(dot + 1)];
}

const IDENTITY_KINDS: readonly IdentityKind[] = ['email', 'phone', 'externalId'];

function holdOf(table: DatasetTable, obligations: readonly LegalObligation[]): TableStep['hold'] {
  if (!table.legalHold) return undefined;
  const obligation = obligations.find((o) => o.id === table.legalHold);
  if (!obligation)
    throw new PlanError(`table '${table.name}': legal obligation '${table.legalHold}' is not declared`);
  // The table's own retention anchor, else the obligation's `column:<name>` (or `column:<table>.<name>`).
  const named = obligation.anchor.startsWith('column:')
    ? obligation.anchor.slice('column:'.length)
    : undefined;
  const [prefix, column] = named?.includes('.') ? splitReference(named) : [table.name, named];
  return {
    obligation,
    anchorColumn: columnRetention(table)?.anchor ?? (prefix === table.name ? column : undefined),
  };
}

/** Kahn's algorithm; among ready tables the one declared first goes first, so plans are stable. */
function topologicalOrder(dataset: Dataset, links: readonly Link[]): DatasetTable[] {
  const index = new Map(dataset.tables.map((t, i) => [t.name, i]));
  const waiting = new Map(dataset.tables.map((t) => [t.name, 0]));
  for (const link of links)
    if (link.to !== link.from) waiting.set(link.from, (waiting.get(link.from) ?? 0) + 1);
  const ready = dataset.tables.filter((t) => waiting.get(t.name) === 0);
  const order: DatasetTable[] = [];
  while (ready.length > 0) {
    ready.sort((a, b) => (index.get(a.name) ?? 0) - (index.get(b.name) ?? 0));
    const next = ready.shift()!;
    order.push(next);
    for (const link of links.filter((l) => l.to === next.name && l.from !== next.name)) {
      const left = (waiting.get(link.from) ?? 0) - 1;
      waiting.set(link.from, left);
      if (left === 0) ready.push(dataset.tables[index.get(link.from)!]!);
    }
  }
  const selfReference = links.some((l) => l.from === l.to);
  if (order.length < dataset.tables.length || selfReference) {
    throw new PlanError(`dataset '${dataset.id}': its relations form a cycle (run steward policy check)`);
  }
  return order;
}

function planDataset(dataset: Dataset, obligations: readonly LegalObligation[]): DatasetPlan {
  const names = new Set(dataset.tables.map((t) => t.name));
  const links: Link[] = dataset.tables.flatMap((t) =>
    t.relations.map((r) => {
      const [to, references] = splitReference(r.references);
      if (!names.has(to))
        throw new PlanError(`dataset '${dataset.id}': table '${t.name}' references unknown '${to}'`);
      return { from: t.name, column: r.column, to, references };
    }),
  );
  const reachable = new Set<string>();
  const steps = topologicalOrder(dataset, links).map((table): TableStep => {
    const seeds = IDENTITY_KINDS.flatMap((identity) => {
      const column = table.identity?.[identity];
      return column ? [{ identity, column }] : [];
    });
    const parents = links.filter((l) => l.from === table.name);
    const children = links.filter((l) => l.to === table.name);
    if (seeds.length > 0 || parents.some((l) => reachable.has(l.to))) reachable.add(table.name);
    const hold = holdOf(table, obligations);
    const columns = [
      table.primaryKey,
      ...Object.keys(table.fields),
      ...seeds.map((s) => s.column),
      ...parents.map((l) => l.column),
      ...children.map((l) => l.references),
      ...(hold?.anchorColumn ? [hold.anchorColumn] : []),
    ];
    return {
      table,
      seeds,
      parents,
      children,
      reachable: reachable.has(table.name),
      columns: [...new Set(columns)],
      hold,
    };
  });
  return {
    dataset,
    steps,
    erasureOrder: [...steps].reverse(),
    unreachable: steps.filter((s) => !s.reachable).map((s) => s.table.name),
  };
}

/** One plan per dataset of the policy, in the policy's order. */
export function planTraversal(policy: Pick<Policy, 'datasets' | 'legalObligations'>): DatasetPlan[] {
  return policy.datasets.map((dataset) => planDataset(dataset, policy.legalObligations));
}

/** What an access export shows of a row: its key and the personal-data columns the policy declares. */
export function accessColumns(table: DatasetTable): string[] {
  return [...new Set([table.primaryKey, ...Object.keys(table.fields)])];
}
