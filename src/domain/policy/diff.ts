/**
 * What changed between two editions of the policy, in the terms a privacy notice is read in (GDPR Art. 13):
 * purposes, data categories, processors and recipients, their countries and transfer safeguards, legal
 * bases and retention periods. Everything else (titles, descriptions, contact details, technical sections)
 * is reported as `wording`. Pure: no I/O, the same two policies always give the same diff.
 *
 * Each change is classified material or not by objective rules, never "at sole discretion" (standards
 * item 140; WP260 rev.01 §§ 29–33): the `amendments.materialChanges` flags of the policy, where a flag set in
 * either edition counts (an edition cannot switch a rule off for its own change). Recipients count as
 * processors for `new_processor`: both widen who receives the data, which WP260 names as fundamental.
 */

import type { JsonValue } from '../versions/deep-diff.js';
import { buildContext } from '../versions/diff-context.js';
import { partyChanges } from '../versions/diff-parties.js';
import { obligationChanges, purposeChanges } from '../versions/diff-purposes.js';
import { wordingChanges } from '../versions/diff-wording.js';
import type { MATERIAL_CHANGE_KINDS } from './schema/controller.js';
import type { Policy } from './schema.js';

export type MaterialChangeKind = (typeof MATERIAL_CHANGE_KINDS)[number];

export const CHANGE_AREAS = [
  'purpose',
  'data_category',
  'processor',
  'recipient',
  'country',
  'transfer',
  'legal_basis',
  'retention',
  'wording',
] as const;
export type ChangeArea = (typeof CHANGE_AREAS)[number];
export type ChangeType = 'added' | 'removed' | 'changed';

export interface PolicyChange {
  readonly area: ChangeArea;
  readonly type: ChangeType;
  /** Where, as ids: `purposes.consent_marketing.categories`, `processors.stripe.countries`. */
  readonly path: string;
  /** What was added, removed or changed: a purpose, category, processor or country id, or a field name. */
  readonly item: string;
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
  /** Purposes whose processing the change touches (a material one asks consent-based purposes again). */
  readonly purposes: readonly string[];
  readonly material: boolean;
  /** The `amendments.materialChanges` flag that makes it material (null: no flag covers it). */
  readonly rule: MaterialChangeKind | null;
  /** One sentence in plain language, for the notice email and the public list of versions. */
  readonly summary: string;
}

export interface PolicyDiff {
  readonly material: boolean;
  readonly changes: readonly PolicyChange[];
}

/** The structured diff from `before` to `after`, each change classified. */
export function diffPolicies(before: Policy, after: Policy): PolicyDiff {
  const ctx = buildContext(before, after);
  const drafts = [
    ...purposeChanges(ctx),
    ...partyChanges(ctx, 'processor'),
    ...partyChanges(ctx, 'recipient'),
    ...obligationChanges(ctx),
    ...wordingChanges(ctx),
  ];
  const flagged = (rule: MaterialChangeKind | null) =>
    rule !== null &&
    (before.amendments?.materialChanges?.[rule] !== false ||
      after.amendments?.materialChanges?.[rule] !== false);
  const changes = drafts.map((d) => ({ ...d, material: flagged(d.rule) }));
  return { material: changes.some((c) => c.material), changes };
}
