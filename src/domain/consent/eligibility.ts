/**
 * May we send this marketing to this person? A pure function of (rule from the policy, subject state,
 * time), answering allowed or not with every reason and what decided it. Clauses 1.6.3 (existing
 * customers, soft opt-in on legitimate interest), 1.6.4 (consent), 1.6.3.2/1.6.4.3 (the
 * "unsubscribed from marketing" flag wins over everything), GDPR Art. 21(2)–(3), and clause 6: consent given
 * before a material change to its purpose took effect no longer counts (Art. 4(11), 7; standards item 140).
 */
import { consentPredatesChange, type MaterialChangeRef } from '../versions/material.js';

/** What the policy says of one marketing purpose (built from the purpose's `marketing` block). */
export interface MarketingRule {
  readonly purpose: string;
  /** `relationship`: soft opt-in while a relationship of that kind is active; `consent`: consent given and not withdrawn. */
  readonly audience:
    | { readonly kind: 'relationship'; readonly relationship: string }
    | { readonly kind: 'consent' };
}

export interface SubjectMarketingState {
  readonly subjectId: string;
  readonly relationships: readonly {
    readonly id: string;
    readonly kind: string;
    readonly startedAt: number;
    readonly endedAt: number | null;
  }[];
  /** Current consent per purpose, from the ledger projection. */
  readonly consents: readonly {
    readonly purpose: string;
    readonly status: 'given' | 'withdrawn';
    readonly seq: number;
    readonly since: number;
    /** The policy the consent was given under (ledger `policy_hash`); loaded when a material change may apply. */
    readonly policyHash?: string | null;
  }[];
  readonly suppressions: readonly {
    readonly scope: string;
    readonly active: boolean;
    readonly reason: string;
    readonly seq: number;
    readonly since: number;
  }[];
}

export type EvidenceRef =
  | { readonly type: 'ledger'; readonly seq: number }
  | { readonly type: 'relationship'; readonly id: string }
  | { readonly type: 'subject'; readonly id: string | null }
  | { readonly type: 'policy_version'; readonly id: string };

export type ReasonCode =
  | 'subject.unknown'
  | 'suppressed'
  | 'consent.given'
  | 'consent.withdrawn'
  | 'consent.outdated'
  | 'consent.missing'
  | 'relationship.active'
  | 'relationship.ended'
  | 'relationship.missing';

export interface Reason {
  readonly code: ReasonCode;
  readonly message: string;
  readonly ref: EvidenceRef;
}

export interface Eligibility {
  readonly allowed: boolean;
  readonly purpose: string;
  /** The subject the address belongs to, or null when unknown (for the audit trail, not shown to callers). */
  readonly subjectId: string | null;
  readonly reasons: readonly Reason[];
}

export const ALL_MARKETING_SCOPE = '*';

export function evaluateEligibility(
  rule: MarketingRule,
  state: SubjectMarketingState | null,
  at: number,
  /** The latest material change to the purpose in effect at `at` (consent-based purposes only). */
  change: MaterialChangeRef | null = null,
): Eligibility {
  const decide = (allowed: boolean, reason: Reason): Eligibility => ({
    allowed,
    purpose: rule.purpose,
    subjectId: state?.subjectId ?? null,
    reasons: [reason],
  });
  if (!state) {
    return decide(false, {
      code: 'subject.unknown',
      message: 'no subject has this identity',
      ref: { type: 'subject', id: null },
    });
  }
  const subjectRef: EvidenceRef = { type: 'subject', id: state.subjectId };

  // The "unsubscribed from marketing" flag wins over every basis (clauses 1.6.3.2, 1.6.4.3; Art. 21(3)).
  const suppression = state.suppressions.find(
    (s) => s.active && s.since <= at && (s.scope === ALL_MARKETING_SCOPE || s.scope === rule.purpose),
  );
  if (suppression) {
    const what = suppression.scope === ALL_MARKETING_SCOPE ? 'all marketing' : 'this purpose';
    return decide(false, {
      code: 'suppressed',
      message: `flagged "unsubscribed from marketing" (${suppression.reason}) for ${what}`,
      ref: { type: 'ledger', seq: suppression.seq },
    });
  }

  if (rule.audience.kind === 'consent') {
    const consent = state.consents.find((c) => c.purpose === rule.purpose && c.since <= at);
    if (!consent)
      return decide(false, {
        code: 'consent.missing',
        message: 'no consent recorded for this purpose',
        ref: subjectRef,
      });
    const ref: EvidenceRef = { type: 'ledger', seq: consent.seq };
    if (consent.status === 'withdrawn')
      return decide(false, { code: 'consent.withdrawn', message: 'consent was withdrawn', ref });
    // "Continuing to use the service" is no consent: after a material change, ask again (clause 6).
    if (change && change.effectiveAt <= at && consentPredatesChange(consent, change))
      return decide(false, {
        code: 'consent.outdated',
        message: `consent predates a material change to this purpose (policy version ${change.versionId}); ask again`,
        ref: { type: 'policy_version', id: change.versionId },
      });
    return decide(true, { code: 'consent.given', message: 'consent given and not withdrawn', ref });
  }

  // Soft opt-in (clause 1.6.3): only while a relationship of the audience kind is active.
  const kind = rule.audience.relationship;
  const ofKind = state.relationships.filter((r) => r.kind === kind && r.startedAt <= at);
  const active = ofKind.find((r) => r.endedAt === null || r.endedAt > at);
  if (active) {
    return decide(true, {
      code: 'relationship.active',
      message: `active ${kind} relationship (soft opt-in)`,
      ref: { type: 'relationship', id: active.id },
    });
  }
  const ended = [...ofKind].sort((a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0))[0];
  if (ended) {
    return decide(false, {
      code: 'relationship.ended',
      message: `the ${kind} relationship has ended`,
      ref: { type: 'relationship', id: ended.id },
    });
  }
  return decide(false, { code: 'relationship.missing', message: `no ${kind} relationship`, ref: subjectRef });
}
