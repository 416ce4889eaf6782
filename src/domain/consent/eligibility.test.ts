import { describe, expect, it } from 'vitest';
import { evaluateEligibility, type MarketingRule, type SubjectMarketingState } from './eligibility.js';

const T = Date.parse('2026-03-01T12:00:00Z');
const DAY = 86_400_000;
const softOptIn: MarketingRule = {
  purpose: 'customer_marketing',
  audience: { kind: 'relationship', relationship: 'customer' },
};
const consentBased: MarketingRule = { purpose: 'newsletter', audience: { kind: 'consent' } };

function state(partial: Partial<SubjectMarketingState> = {}): SubjectMarketingState {
  return { subjectId: 'sub_x', relationships: [], consents: [], suppressions: [], ...partial };
}
const customer = (startedAt: number, endedAt: number | null = null) => ({
  id: 'rel_1',
  kind: 'customer',
  startedAt,
  endedAt,
});
const consent = (status: 'given' | 'withdrawn', since: number, seq = 7) => ({
  purpose: 'newsletter',
  status,
  seq,
  since,
});
const suppressed = (scope: string, since: number, active = true) => ({
  scope,
  active,
  reason: 'unsubscribed',
  seq: 9,
  since,
});

describe('evaluateEligibility', () => {
  it.each<[string, MarketingRule, SubjectMarketingState | null, number, boolean, string]>([
    ['unknown address', softOptIn, null, T, false, 'subject.unknown'],
    [
      'active customer (soft opt-in, 1.6.3)',
      softOptIn,
      state({ relationships: [customer(T - DAY)] }),
      T,
      true,
      'relationship.active',
    ],
    [
      'customer from this very instant',
      softOptIn,
      state({ relationships: [customer(T)] }),
      T,
      true,
      'relationship.active',
    ],
    [
      'customer starting one ms later',
      softOptIn,
      state({ relationships: [customer(T + 1)] }),
      T,
      false,
      'relationship.missing',
    ],
    [
      'customer ending one ms later',
      softOptIn,
      state({ relationships: [customer(T - DAY, T + 1)] }),
      T,
      true,
      'relationship.active',
    ],
    [
      'relationship ended this instant ends soft opt-in',
      softOptIn,
      state({ relationships: [customer(T - DAY, T)] }),
      T,
      false,
      'relationship.ended',
    ],
    [
      'prospect is not a customer',
      softOptIn,
      state({ relationships: [{ ...customer(T - DAY), kind: 'prospect' }] }),
      T,
      false,
      'relationship.missing',
    ],
    [
      'consent given (1.6.4)',
      consentBased,
      state({ consents: [consent('given', T - DAY)] }),
      T,
      true,
      'consent.given',
    ],
    [
      'consent given this instant',
      consentBased,
      state({ consents: [consent('given', T)] }),
      T,
      true,
      'consent.given',
    ],
    [
      'consent given one ms later',
      consentBased,
      state({ consents: [consent('given', T + 1)] }),
      T,
      false,
      'consent.missing',
    ],
    [
      'consent withdrawn (1.1)',
      consentBased,
      state({ consents: [consent('withdrawn', T - 1)] }),
      T,
      false,
      'consent.withdrawn',
    ],
    ['no consent', consentBased, state(), T, false, 'consent.missing'],
    [
      'customer without consent gets no consent-based marketing',
      consentBased,
      state({ relationships: [customer(T - DAY)] }),
      T,
      false,
      'consent.missing',
    ],
    [
      'unsubscribed from all marketing beats an active customer',
      softOptIn,
      state({ relationships: [customer(T - DAY)], suppressions: [suppressed('*', T - 1)] }),
      T,
      false,
      'suppressed',
    ],
    [
      'unsubscribed beats consent given later',
      consentBased,
      state({ consents: [consent('given', T - 1)], suppressions: [suppressed('*', T - DAY)] }),
      T,
      false,
      'suppressed',
    ],
    [
      'unsubscribed from this purpose only',
      consentBased,
      state({ consents: [consent('given', T - DAY)], suppressions: [suppressed('newsletter', T - 1)] }),
      T,
      false,
      'suppressed',
    ],
    [
      'unsubscribed from another purpose does not apply',
      consentBased,
      state({
        consents: [consent('given', T - DAY)],
        suppressions: [suppressed('customer_marketing', T - 1)],
      }),
      T,
      true,
      'consent.given',
    ],
    [
      'a lifted suppression no longer applies',
      softOptIn,
      state({ relationships: [customer(T - DAY)], suppressions: [suppressed('*', T - 1, false)] }),
      T,
      true,
      'relationship.active',
    ],
  ])('%s', (_name, rule, subject, at, allowed, code) => {
    const result = evaluateEligibility(rule, subject, at);
    expect(result.allowed).toBe(allowed);
    expect(result.reasons[0]?.code).toBe(code);
  });

  it('points each reason at what decided it', () => {
    expect(
      evaluateEligibility(consentBased, state({ consents: [consent('given', T - DAY, 42)] }), T).reasons[0]
        ?.ref,
    ).toEqual({ type: 'ledger', seq: 42 });
    expect(
      evaluateEligibility(softOptIn, state({ relationships: [customer(T - DAY)] }), T).reasons[0]?.ref,
    ).toEqual({ type: 'relationship', id: 'rel_1' });
    expect(
      evaluateEligibility(
        softOptIn,
        state({ relationships: [customer(T - DAY)], suppressions: [suppressed('*', T - 1)] }),
        T,
      ).reasons[0]?.ref,
    ).toEqual({ type: 'ledger', seq: 9 });
  });
});
