/**
 * GDPR Art. 7(3) and clause 1.1: consent can be withdrawn at any time, as easily as it was given. A
 * consent-based purpose must say how, or Steward cannot offer (and prove) the withdrawal path.
 */
import type { Rule } from './types.js';

export const consentWithoutWithdrawal: Rule = {
  id: 'consent-without-withdrawal',
  severity: 'error',
  description: 'A consent-based purpose with no way to withdraw consent (Art. 7(3)).',
  *check(policy) {
    for (const [p, purpose] of policy.purposes.entries()) {
      if (purpose.legalBasis !== 'consent') continue;
      if (purpose.consent && purpose.consent.withdrawal.length > 0) continue;
      yield {
        path: purpose.consent ? ['purposes', p, 'consent', 'withdrawal'] : ['purposes', p, 'legalBasis'],
        message: `purpose '${purpose.id}' relies on consent but declares no withdrawal path (consent.withdrawal: privacy_center, email_link, …)`,
      };
    }
  },
};
