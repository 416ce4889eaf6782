/** GDPR Art. 13(1)(d): where processing rests on Art. 6(1)(f), the notice must state the interest pursued. */
import type { Rule } from './types.js';

export const legitimateInterestUndescribed: Rule = {
  id: 'legitimate-interest-undescribed',
  severity: 'error',
  description: 'A purpose on legitimate interest that does not state the interest (Art. 13(1)(d)).',
  *check(policy) {
    for (const [p, purpose] of policy.purposes.entries()) {
      if (purpose.legalBasis !== 'legitimate_interest' || purpose.legitimateInterest) continue;
      yield {
        path: ['purposes', p, 'legalBasis'],
        message: `purpose '${purpose.id}' relies on legitimate interest but does not describe it (legitimateInterest)`,
      };
    }
  },
};
