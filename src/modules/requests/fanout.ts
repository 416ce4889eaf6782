/**
 * The data side of access, erasure and correction requests: every dataset of the policy, reached through
 * its connector, walked by the plan of domain/requests/plan.ts. Only this person's rows are ever read or
 * written (GDPR Art. 15(4)); what an erasure leaves behind is named with the law that requires it
 * (Art. 17(3)(b)) and the use it is restricted to (Art. 18).
 */
import { decideErasure, type KeptRow } from '../../connectors/erasure-plan.js';
import { keyedHash } from '../../connectors/erasure-values.js';
import { hasIdentity, normaliseIdentities } from '../../connectors/identities.js';
import { applyOperations, type Connectors, connectorOf, findIn } from '../../connectors/traverse.js';
import { ConnectorError, type Row, type SubjectIdentities } from '../../connectors/types.js';
import type { Policy } from '../../domain/policy/schema.js';
import { accessColumns, planTraversal } from '../../domain/requests/plan.js';

export {
  type AppliedCorrection,
  applyCorrection,
  type CorrectionChange,
} from '../../connectors/correction.js';
export type { KeptRow } from '../../connectors/erasure-plan.js';
export type { Connectors } from '../../connectors/traverse.js';

export interface FoundTable {
  readonly dataset: string;
  readonly table: string;
  readonly purposes: readonly string[];
  /** The primary key and the personal-data columns the policy declares, nothing else. */
  readonly rows: readonly Row[];
}

/**
 * Art. 15: the person's rows in every dataset, one entry per table that holds any. With `hashKey`, rows
 * whose identity columns were keyed-hashed by an earlier erasure are found too. Throws when a store
 * fails: an incomplete copy must not be sent as if complete.
 */
export async function collectSubjectData(
  policy: Policy,
  connectors: Connectors,
  identities: SubjectIdentities,
  options: { readonly hashKey?: string | Uint8Array } = {},
): Promise<FoundTable[]> {
  const subject = normaliseIdentities(identities);
  if (!hasIdentity(subject)) return [];
  const out: FoundTable[] = [];
  for (const plan of planTraversal(policy)) {
    const found = await findIn(plan, connectors, subject, options.hashKey);
    for (const step of plan.steps) {
      const rows = found.get(step.table.name) ?? [];
      if (rows.length === 0) continue;
      const columns = accessColumns(step.table);
      out.push({
        dataset: plan.dataset.id,
        table: step.table.name,
        purposes: step.table.purposes,
        rows: rows.map((row) => Object.fromEntries(columns.filter((c) => c in row).map((c) => [c, row[c]]))),
      });
    }
  }
  return out;
}

export interface TableErasure {
  readonly dataset: string;
  readonly table: string;
  readonly strategy: 'delete' | 'null' | 'mask' | 'hash';
  /** Rows whose personal data this run removed (deleted, or columns nulled, masked or hashed). */
  readonly erased: number;
  /** Of those, rows masked instead of deleted because rows that stay reference them. */
  readonly maskedInsteadOfDeleted: number;
  /** Rows left in place because a legal obligation requires them, or kept rows reference them. */
  readonly kept: readonly KeptRow[];
  /** Set when this table could not be erased (the driver's code, never a value); erased is then 0. */
  readonly error?: string;
}

export interface ErasureReport {
  /** False when a table failed: the request is not done, and re-running it is safe. */
  readonly complete: boolean;
  readonly erased: number;
  readonly kept: number;
  readonly tables: readonly TableErasure[];
}

/**
 * Art. 17: applies each table's strategy to the person's rows, children before parents, keeping what a
 * legal obligation still requires. Running it again erases nothing more and reports the same kept rows
 * (as long as an identity still finds them: an external id, or an email under a hash strategy).
 */
export async function eraseSubjectData(
  policy: Policy,
  connectors: Connectors,
  identities: SubjectIdentities,
  options: { readonly now: Date; readonly hashKey: string | Uint8Array },
): Promise<ErasureReport> {
  const subject = normaliseIdentities(identities);
  const none = !hasIdentity(subject);
  const tables: TableErasure[] = [];
  for (const plan of planTraversal(policy)) {
    const base = (table: string) => ({
      dataset: plan.dataset.id,
      table,
      strategy: plan.dataset.tables.find((t) => t.name === table)!.erasure.strategy,
    });
    let found: Map<string, Row[]>;
    try {
      found = none ? new Map() : await findIn(plan, connectors, subject, options.hashKey);
    } catch (error) {
      const message = error instanceof ConnectorError ? error.message : 'the store failed';
      for (const step of plan.erasureOrder) {
        tables.push({
          ...base(step.table.name),
          erased: 0,
          maskedInsteadOfDeleted: 0,
          kept: [],
          error: message,
        });
      }
      continue;
    }
    const decisions = decideErasure(plan, found, { now: options.now, hash: keyedHash(options.hashKey) });
    const outcomes = await applyOperations(
      plan,
      connectorOf(connectors, plan),
      subject,
      decisions.map((d) => d.operations),
      'erase',
    );
    for (const d of decisions) {
      const outcome = outcomes.get(d.step.table.name);
      const error = outcome && 'error' in outcome ? outcome.error : undefined;
      tables.push({
        ...base(d.step.table.name),
        erased: error ? 0 : d.erased,
        maskedInsteadOfDeleted: error ? 0 : d.maskedInsteadOfDeleted,
        kept: d.kept,
        ...(error ? { error } : {}),
      });
    }
  }
  return {
    complete: tables.every((t) => t.error === undefined),
    erased: tables.reduce((n, t) => n + t.erased, 0),
    kept: tables.reduce((n, t) => n + t.kept.length, 0),
    tables,
  };
}
