/**
 * The rules of published policy versions, pure: when a version takes effect, and which material change
 * last touched a purpose. Consent is never inferred from "continuing to use the service" (GDPR Art. 4(11),
 * Recital 32; standards item 140): a material change to a consent-based purpose asks for consent again.
 */
import { addDuration, isValidDuration } from '../policy/duration.js';

export interface EffectiveDateInput {
  readonly now: number;
  readonly material: boolean;
  /** `amendments.noticePeriod` of the previous and the new edition: the longer one is kept. */
  readonly noticePeriods: readonly string[];
  /** When the version this one follows takes effect: versions take effect in publication order. */
  readonly predecessorEffectiveAt: number | null;
  /** The date asked for (`--effective`), if any. */
  readonly requested?: number;
}

export type EffectiveDate =
  | { readonly ok: true; readonly effectiveAt: number; readonly earliest: number }
  | { readonly ok: false; readonly earliest: number; readonly reason: string };

/**
 * A material change takes effect no sooner than the notice period after publication (WP260 rev.01 § 30:
 * "well in advance"; Art. 13(3) for a new purpose: before the further processing); any change takes
 * effect no sooner than now, and no sooner than the version it follows. Default: that earliest instant.
 */
export function planEffectiveDate(input: EffectiveDateInput): EffectiveDate {
  let earliest = input.now;
  if (input.material)
    for (const period of input.noticePeriods)
      if (isValidDuration(period))
        earliest = Math.max(earliest, addDuration(new Date(input.now), period).getTime());
  earliest = Math.max(earliest, input.predecessorEffectiveAt ?? earliest);
  if (input.requested === undefined) return { ok: true, effectiveAt: earliest, earliest };
  if (input.requested >= earliest) return { ok: true, effectiveAt: input.requested, earliest };
  const when = new Date(earliest).toISOString();
  const reason =
    input.predecessorEffectiveAt !== null && earliest === input.predecessorEffectiveAt && earliest > input.now
      ? `the previous version takes effect on ${when}; this one cannot take effect before it`
      : input.material
        ? `a material change takes effect no sooner than the notice period after publication (${when})`
        : `the effective date cannot be in the past (earliest ${when})`;
  return { ok: false, earliest, reason };
}

/** What eligibility needs to know of one published version. */
export interface VersionFacts {
  readonly id: string;
  readonly seq: number;
  readonly effectiveAt: number;
  /** The canonical policy hash the consent ledger records as `policy_hash`. */
  readonly policyHash: string;
  /** Purposes touched by a material change of this version (against the version before it). */
  readonly materialPurposes: readonly string[];
}

export interface MaterialChangeRef {
  readonly versionId: string;
  readonly effectiveAt: number;
  /** Ledger policy hashes of this version and every later one: consent given under them saw the change. */
  readonly acceptedPolicyHashes: ReadonlySet<string>;
}

export interface MaterialChangeIndex {
  /** The latest material change touching `purpose` that is in effect at `at`, or null. */
  latestFor(purpose: string, at: number): MaterialChangeRef | null;
  /** Per purpose, the latest material change in effect at `at`. */
  all(at: number): ReadonlyMap<string, MaterialChangeRef>;
}

export function buildMaterialChangeIndex(versions: readonly VersionFacts[]): MaterialChangeIndex {
  const ordered = [...versions].sort((a, b) => a.seq - b.seq);
  const refs = new Map<string, MaterialChangeRef>();
  const refOf = (v: VersionFacts): MaterialChangeRef => {
    let ref = refs.get(v.id);
    if (!ref) {
      const hashes = new Set(ordered.filter((w) => w.seq >= v.seq).map((w) => w.policyHash));
      ref = { versionId: v.id, effectiveAt: v.effectiveAt, acceptedPolicyHashes: hashes };
      refs.set(v.id, ref);
    }
    return ref;
  };
  const byPurpose = new Map<string, VersionFacts[]>();
  for (const v of ordered)
    for (const p of new Set(v.materialPurposes)) byPurpose.set(p, [...(byPurpose.get(p) ?? []), v]);
  const latest = (candidates: readonly VersionFacts[], at: number) => {
    let best: VersionFacts | null = null;
    for (const v of candidates)
      if (
        v.effectiveAt <= at &&
        (!best ||
          v.effectiveAt > best.effectiveAt ||
          (v.effectiveAt === best.effectiveAt && v.seq > best.seq))
      )
        best = v;
    return best ? refOf(best) : null;
  };
  return {
    latestFor: (purpose, at) => latest(byPurpose.get(purpose) ?? [], at),
    all(at) {
      const out = new Map<string, MaterialChangeRef>();
      for (const [purpose, candidates] of byPurpose) {
        const ref = latest(candidates, at);
        if (ref) out.set(purpose, ref);
      }
      return out;
    },
  };
}

/** Is this consent, given at `since` under `policyHash`, still valid after the change? */
export function consentPredatesChange(
  consent: { readonly since: number; readonly policyHash?: string | null },
  change: MaterialChangeRef,
): boolean {
  if (consent.since >= change.effectiveAt) return false;
  return !(consent.policyHash && change.acceptedPolicyHashes.has(consent.policyHash));
}
