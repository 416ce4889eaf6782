/**
 * ePrivacy Directive Art. 5(3) (CJEU C-673/17 Planet49): storing or reading anything on the visitor's
 * device needs prior consent unless strictly necessary for the service asked for. Legitimate interest
 * cannot replace it, so every non-necessary cookie category must sit on a consent-based purpose.
 */
import type { Rule } from './types.js';

export const cookieWithoutConsent: Rule = {
  id: 'cookie-without-consent',
  severity: 'error',
  description:
    'A website purpose with non-necessary cookies or tracking that is not consent-based (ePrivacy Art. 5(3)).',
  *check(policy) {
    for (const [p, purpose] of policy.purposes.entries()) {
      const category = purpose.website?.cookieCategory;
      if (!category || category === 'necessary' || purpose.legalBasis === 'consent') continue;
      yield {
        path: ['purposes', p, 'website', 'cookieCategory'],
        message: `purpose '${purpose.id}' uses ${category} cookies on ${purpose.legalBasis}: only strictly necessary cookies may be set without consent`,
      };
    }
  },
};
