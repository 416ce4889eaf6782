/**
 * The retention rules of a policy, decided from the file alone (no I/O, no clock): which table of which
 * dataset loses which rows, counted from which column, for how long, and what happens to them.
 *
 * - A table's `retention` names the column its period counts from and the period (clauses 1.4, 1.6.x).
 * - A table under a legal hold (`legalHold`, e.g. invoices under accounting law, clause 1.5) is never swept
 *   before the obligation's period ends: the longer of the two periods wins (GDPR Art. 17(3)(b)).
 * - Deleting a row that rows of other tables still reference would leave them pointing at nothing (or be
 *   refused by the store): such rows are kept and counted as blocked until their dependents are gone.
 * - A table whose erasure strategy keeps rows (null, mask, hash) is anonymised rather than deleted,
 *   unless its retention says `action: delete`.
 * Rules come in erasure order (children before parents), so a parent's dependents go first.
 */
import { columnRetention } from '../policy/schema/datasets.js';
import type { Dataset, Policy } from '../policy/schema.js';
import { planTraversal } from '../requests/plan.js';
import { retentionCutoff } from './cutoff.js';

export type AnchorFormat = 'timestamp' | 'epoch_s' | 'epoch_ms';

export type RetentionAction =
  | { readonly kind: 'delete' }
  | {
      readonly kind: 'anonymise';
      readonly strategy: 'null' | 'mask' | 'hash';
      readonly columns: readonly string[];
      readonly emailColumn: string | undefined;
    };

/** Rows of a child table that reference this table's `column`. */
export interface Dependent {
  readonly table: string;
  readonly column: string;
  readonly references: string;
}

export interface RetentionRule {
  /** `<dataset>.<table>`: stable, used in reports and conformance evidence. */
  readonly id: string;
  readonly dataset: string;
  readonly datasetKind: Dataset['kind'];
  readonly table: string;
  readonly primaryKey: string;
  readonly anchor: string;
  readonly format: AnchorFormat;
  readonly duration: string;
  /** The legal obligation that may keep rows longer, with its period. */
  readonly hold: { readonly obligation: string; readonly duration: string } | undefined;
  readonly action: RetentionAction;
  readonly dependents: readonly Dependent[];
  readonly purposes: readonly string[];
}

function actionOf(table: Dataset['tables'][number]): RetentionAction {
  const wanted =
    columnRetention(table)?.action ?? (table.erasure.strategy === 'delete' ? 'delete' : 'anonymise');
  if (wanted === 'delete' || table.erasure.strategy === 'delete') return { kind: 'delete' };
  return {
    kind: 'anonymise',
    strategy: table.erasure.strategy,
    columns: table.erasure.columns ?? [],
    emailColumn: table.identity?.email,
  };
}

/** Every table rule of the policy, children before parents within each dataset. */
export function planRetention(policy: Pick<Policy, 'datasets' | 'legalObligations'>): RetentionRule[] {
  return planTraversal(policy).flatMap((plan) =>
    plan.erasureOrder.flatMap((step): RetentionRule[] => {
      const { table } = step;
      const retention = columnRetention(table);
      if (!retention) return [];
      const action = actionOf(table);
      return [
        {
          id: `${plan.dataset.id}.${table.name}`,
          dataset: plan.dataset.id,
          datasetKind: plan.dataset.kind,
          table: table.name,
          primaryKey: table.primaryKey,
          anchor: retention.anchor,
          format: retention.format,
          duration: retention.duration,
          hold: step.hold
            ? { obligation: step.hold.obligation.id, duration: step.hold.obligation.duration }
            : undefined,
          action,
          dependents:
            action.kind === 'delete'
              ? step.children.map((l) => ({ table: l.from, column: l.column, references: l.references }))
              : [],
          purposes: table.purposes,
        },
      ];
    }),
  );
}

/**
 * The instant before which a rule's rows are expired at `now`: its own period's cut-off, or the legal
 * hold's when that is earlier (the hold keeps rows longer).
 */
export function ruleCutoff(rule: RetentionRule, now: Date): Date {
  const own = retentionCutoff(now, rule.duration);
  if (!rule.hold) return own;
  const held = retentionCutoff(now, rule.hold.duration);
  return new Date(Math.min(held.getTime(), own.getTime()));
}
