/**
 * Objection to direct marketing is absolute (GDPR Art. 21(2)–(3)) and clauses 1.6.3.1/1.6.4.1 promise an
 * unsubscribe link in every email; ePrivacy Art. 13(2) makes the soft opt-in conditional on offering an
 * opt-out with every message.
 */
import type { Rule } from './types.js';

export const marketingWithoutOptOut: Rule = {
  id: 'marketing-without-opt-out',
  severity: 'error',
  description: 'A marketing purpose without an opt-out mechanism (Art. 21(2)–(3), ePrivacy Art. 13(2)).',
  *check(policy) {
    for (const [p, purpose] of policy.purposes.entries()) {
      if (!purpose.marketing || purpose.marketing.optOut.length > 0) continue;
      yield {
        path: ['purposes', p, 'marketing'],
        message: `purpose '${purpose.id}' sends marketing but declares no opt-out (marketing.optOut: unsubscribe_link, one_click, …)`,
      };
    }
  },
};
