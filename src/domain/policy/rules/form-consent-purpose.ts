/**
 * A consent checkbox on a form records consent in the ledger, so it must point at a consent-based purpose
 * (otherwise it asks for a consent nothing relies on, which misleads — Art. 5(1)(a)) and the form must
 * know who consents: an anonymous form cannot record consent for a person.
 */
import type { Rule } from './types.js';

export const formConsentPurpose: Rule = {
  id: 'form-consent-purpose',
  severity: 'error',
  description: 'A form consent checkbox for a purpose that is not consent-based, or on an anonymous form.',
  *check(policy, ctx) {
    for (const [f, form] of policy.forms.entries()) {
      for (const [i, id] of form.consents.entries()) {
        const purpose = ctx.purposes.get(id);
        if (form.anonymous) {
          yield {
            path: ['forms', f, 'consents', i],
            message: `form '${form.id}' is anonymous and cannot record consent to '${id}'`,
          };
        } else if (purpose && purpose.legalBasis !== 'consent') {
          yield {
            path: ['forms', f, 'consents', i],
            message: `form '${form.id}' asks consent for purpose '${id}', whose legal basis is ${purpose.legalBasis}, not consent`,
          };
        }
      }
    }
  },
};
