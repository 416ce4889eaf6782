/**
 * Requests get a due date from the policy (GDPR Art. 12(3): one month, +2; CCPA §7021: 45 days, +45). A
 * jurisdiction with a rights regime and no deadline would leave requests without a due date.
 */
import type { Jurisdiction } from '../schema.js';
import type { Rule } from './types.js';

/** Regimes without data subject rights of their own (US federal law) or defined by the file. */
const WITHOUT_REGIME: ReadonlySet<Jurisdiction> = new Set(['us', 'other']);

export const rightsDeadlineMissing: Rule = {
  id: 'rights-deadline-missing',
  severity: 'error',
  description: 'A served jurisdiction with a rights regime but no request deadlines in rights.deadlines.',
  *check(policy) {
    for (const [i, jurisdiction] of policy.controller.jurisdictions.entries()) {
      if (WITHOUT_REGIME.has(jurisdiction) || policy.rights.deadlines[jurisdiction]) continue;
      yield {
        path: ['controller', 'jurisdictions', i],
        message: `jurisdiction '${jurisdiction}' has no request deadlines (rights.deadlines.${jurisdiction}: respond, extension)`,
      };
    }
  },
};
