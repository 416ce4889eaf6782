import type { LedgerEntry } from './ledger.types.js';

/**
 * How one ledger entry changes the current-state projections. Entries apply in `seq` order (the order
 * the ledger recorded them), so a rebuild from the ledger yields exactly the live state.
 */
export type ProjectionChange =
  | {
      readonly table: 'consent_state';
      readonly subjectId: string;
      readonly purpose: string;
      readonly status: 'given' | 'withdrawn';
      readonly seq: number;
      readonly since: number;
    }
  | {
      readonly table: 'suppressions';
      readonly subjectId: string;
      readonly scope: string;
      readonly active: boolean;
      readonly reason: string;
      readonly seq: number;
      readonly since: number;
    };

export function projectionChange(entry: LedgerEntry): ProjectionChange {
  const base = { subjectId: entry.subjectId, seq: entry.seq, since: entry.occurredAt };
  switch (entry.action) {
    case 'given':
    case 'withdrawn':
      return { table: 'consent_state', ...base, purpose: entry.purpose, status: entry.action };
    case 'unsubscribed':
    case 'objected':
      // The "unsubscribed from marketing" flag (clause 1.6.3.2): set by unsubscribe or objection (Art. 21(2)).
      return { table: 'suppressions', ...base, scope: entry.purpose, active: true, reason: entry.action };
    case 'resubscribed':
      // Only an explicit request of the subject lifts a suppression; a later consent alone does not.
      return { table: 'suppressions', ...base, scope: entry.purpose, active: false, reason: entry.action };
  }
}

/** Keeps the last change per row key within a batch (a batch may touch one row several times). */
export function lastChangePerRow(changes: readonly ProjectionChange[]): ProjectionChange[] {
  const byKey = new Map<string, ProjectionChange>();
  for (const change of changes) {
    const key =
      change.table === 'consent_state'
        ? `c\u0000${change.subjectId}\u0000${change.purpose}`
        : `s\u0000${change.subjectId}\u0000${change.scope}`;
    byKey.set(key, change);
  }
  return [...byKey.values()];
}
