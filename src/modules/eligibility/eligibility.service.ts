import {
  type Eligibility,
  evaluateEligibility,
  type MarketingRule,
} from '../../domain/consent/eligibility.js';
import { normaliseEmail } from '../../domain/identity/email.js';
import type { MaterialChangeRef } from '../../domain/versions/material.js';
import { AppError } from '../../errors/app-error.js';
import type { ConsentPolicyView } from '../consent/consent.service.js';
import type { EligibilityStateLoader } from './eligibility.repo.js';

export type BatchVerdict = {
  readonly email: string;
  readonly allowed: boolean;
  readonly reasons: readonly string[];
};

/** Rows per set-based lookup in a batch: large enough to amortise the statement, small enough to stream. */
export const BATCH_CHUNK = 5000;

const PLAIN_ASCII_EMAIL = /^[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63})+$/;

/** Canonical email, with a fast path for the common already-canonical ASCII address. */
function canonicalEmail(input: string): string | null {
  if (input.length <= 254 && PLAIN_ASCII_EMAIL.test(input) && !input.includes('..')) return input;
  const result = normaliseEmail(input);
  return result.ok ? result.value : null;
}

/** The latest material policy change per purpose (modules/versions); absent: no published versions. */
export interface MaterialChangeSource {
  latestFor(purpose: string, at: number): Promise<MaterialChangeRef | null>;
}

export function createEligibilityService(deps: {
  loader: EligibilityStateLoader;
  policy: ConsentPolicyView;
  materialChanges?: MaterialChangeSource;
  clock?: () => number;
}) {
  const clock = deps.clock ?? Date.now;

  function ruleFor(purpose: string): MarketingRule {
    const rule = deps.policy.purposes.get(purpose)?.marketing;
    if (!rule)
      throw new AppError(
        'eligibility.not_marketing',
        'eligibility is answered for the marketing purposes of the policy',
        [{ field: 'purpose', message: 'not a marketing purpose of the policy' }],
      );
    return rule;
  }

  const kindOf = (rule: MarketingRule) =>
    rule.audience.kind === 'relationship' ? rule.audience.relationship : null;

  // Only consent can go out of date with the notice it was given under; soft opt-in rests on the relationship.
  const changeFor = async (rule: MarketingRule, at: number) =>
    rule.audience.kind === 'consent' && deps.materialChanges
      ? deps.materialChanges.latestFor(rule.purpose, at)
      : null;

  return {
    ruleFor,

    async check(email: string, purpose: string, at = clock()): Promise<Eligibility> {
      const rule = ruleFor(purpose);
      const canonical = canonicalEmail(email);
      if (!canonical)
        throw new AppError('subject.identity_invalid', 'the email address is not valid', [
          { field: 'email', message: 'not a valid email address' },
        ]);
      const change = await changeFor(rule, at);
      const states = await deps.loader.load([canonical], purpose, kindOf(rule), { policyHash: !!change });
      return evaluateEligibility(rule, states.get(canonical) ?? null, at, change);
    },

    /** One chunk of a campaign list; answers in input order, invalid addresses included (not eligible). */
    async checkChunk(emails: readonly string[], purpose: string, at = clock()): Promise<BatchVerdict[]> {
      const rule = ruleFor(purpose);
      const canonical = emails.map(canonicalEmail);
      const change = await changeFor(rule, at);
      const states = await deps.loader.load(
        canonical.filter((e): e is string => e !== null),
        purpose,
        kindOf(rule),
        { policyHash: !!change },
      );
      return emails.map((email, i) => {
        const c = canonical[i];
        if (!c) return { email, allowed: false, reasons: ['identity.invalid'] };
        const verdict = evaluateEligibility(rule, states.get(c) ?? null, at, change);
        return { email, allowed: verdict.allowed, reasons: verdict.reasons.map((r) => r.code) };
      });
    },
  };
}

export type EligibilityService = ReturnType<typeof createEligibilityService>;
