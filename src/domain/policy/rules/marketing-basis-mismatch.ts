/**
 * The audience rule decides eligibility, so it must match the legal basis: a consent audience needs the
 * consent basis (clause 1.6.4); the soft opt-in to existing customers (clause 1.6.3, ePrivacy Art. 13(2))
 * rests on legitimate interest (Recital 47), never on a consent nobody gave.
 */
import type { Rule } from './types.js';

export const marketingBasisMismatch: Rule = {
  id: 'marketing-basis-mismatch',
  severity: 'error',
  description:
    'A marketing audience that contradicts the purpose legal basis (consent audience without consent, soft opt-in without legitimate interest).',
  *check(policy) {
    for (const [p, purpose] of policy.purposes.entries()) {
      const audience = purpose.marketing?.audience;
      if (!audience) continue;
      const expected = audience.kind === 'consent' ? 'consent' : 'legitimate_interest';
      if (purpose.legalBasis === expected) continue;
      yield {
        path: ['purposes', p, 'legalBasis'],
        message: `purpose '${purpose.id}': a ${audience.kind} audience needs legalBasis ${expected}, not ${purpose.legalBasis}`,
      };
    }
  },
};
