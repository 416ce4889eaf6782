/**
 * Per-person retention (`retention: { from: purposes }`): a person's rows of a table may stay while any
 * purpose of the table still allows it for them. Steward judges two anchors from its own records:
 *
 * - `relationship_ended`: the purpose's relationship kinds (its subject kinds that are relationships).
 *   Runs out when the person had such a relationship, none is still active, and the period has passed
 *   since the last one ended.
 * - `consent_withdrawn`: runs out when the person's consent to the purpose is withdrawn and the period has
 *   passed since.
 *
 * What Steward cannot see keeps the data: no relationship of those kinds on record, or consent never
 * recorded, means "unknown", and unknown never deletes.
 */
import type { Policy } from '../policy/schema.js';
import { relationshipKinds } from '../policy/taxonomy.js';
import { isExpired } from './cutoff.js';

export interface PurposeClock {
  readonly purpose: string;
  readonly anchor: 'relationship_ended' | 'consent_withdrawn';
  readonly duration: string;
  /** Relationship kinds of the purpose (for `relationship_ended`). */
  readonly kinds: readonly string[];
}

export interface PersonRule {
  /** `<dataset>.<table>`, as the table rules. */
  readonly id: string;
  readonly dataset: string;
  readonly table: string;
  readonly clocks: readonly PurposeClock[];
}

export interface PersonFacts {
  readonly relationships: readonly { readonly kind: string; readonly endedAt: number | null }[];
  /** Consent state per purpose. */
  readonly consents: ReadonlyMap<string, { readonly status: string; readonly since: number }>;
}

/** The per-person rules of the policy; tables whose purposes Steward cannot judge are left out. */
export function planPersonRetention(policy: Policy): PersonRule[] {
  const kinds = new Set(relationshipKinds(policy));
  const purposes = new Map(policy.purposes.map((p) => [p.id, p]));
  return policy.datasets.flatMap((dataset) =>
    dataset.tables.flatMap((table): PersonRule[] => {
      if (!table.retention || !('from' in table.retention) || table.purposes.length === 0) return [];
      const clocks: PurposeClock[] = [];
      for (const id of table.purposes) {
        const purpose = purposes.get(id);
        const anchor = purpose?.retention.anchor;
        if (!purpose || (anchor !== 'relationship_ended' && anchor !== 'consent_withdrawn')) return [];
        clocks.push({
          purpose: id,
          anchor,
          duration: purpose.retention.duration,
          kinds: purpose.subjects.filter((s) => kinds.has(s)),
        });
      }
      return [{ id: `${dataset.id}.${table.name}`, dataset: dataset.id, table: table.name, clocks }];
    }),
  );
}

function clockRunOut(clock: PurposeClock, facts: PersonFacts, now: Date): boolean {
  if (clock.anchor === 'consent_withdrawn') {
    const state = facts.consents.get(clock.purpose);
    return state?.status === 'withdrawn' && isExpired(new Date(state.since), clock.duration, now);
  }
  const relevant = facts.relationships.filter((r) => clock.kinds.includes(r.kind));
  // A relationship without an end, or ending later, is still active.
  if (relevant.length === 0 || relevant.some((r) => r.endedAt === null || r.endedAt > now.getTime()))
    return false;
  const lastEnded = Math.max(...relevant.map((r) => r.endedAt as number));
  return isExpired(new Date(lastEnded), clock.duration, now);
}

/** Whether every purpose of the table has run out for this person. */
export function personExpired(rule: PersonRule, facts: PersonFacts, now: Date): boolean {
  return rule.clocks.every((clock) => clockRunOut(clock, facts, now));
}
