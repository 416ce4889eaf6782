/**
 * Clause 1.6.5.1: "If a survey or form is anonymous, no personal data is processed." An anonymous form
 * therefore may not ask for an email address or any field mapped to a personal data category; Steward
 * stores its answers without identity, IP, user agent or cookie.
 */
import { isPersonal } from './context.js';
import type { Rule } from './types.js';

export const anonymousFormPersonalField: Rule = {
  id: 'anonymous-form-personal-field',
  severity: 'error',
  description:
    'An anonymous form with an email field or a field mapped to a personal data category (clause 1.6.5.1).',
  *check(policy, ctx) {
    for (const [f, form] of policy.forms.entries()) {
      if (!form.anonymous) continue;
      for (const [i, field] of form.fields.entries()) {
        const base = ['forms', f, 'fields', i];
        if (field.category && isPersonal(ctx, field.category)) {
          yield {
            path: [...base, 'category'],
            message: `form '${form.id}' is anonymous but field '${field.name}' collects personal data '${field.category}'`,
          };
        } else if (field.type === 'email') {
          yield {
            path: [...base, 'type'],
            message: `form '${form.id}' is anonymous but field '${field.name}' asks for an email address`,
          };
        }
      }
    }
  },
};
