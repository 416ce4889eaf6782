/**
 * Special categories (GDPR Art. 9(1)) are prohibited unless an Art. 9(2) condition applies, on top of the
 * Art. 6 basis. Legitimate interest is not an Art. 9 ground: beside it only the conditions that do not
 * presuppose consent, a legal duty or a public task fit — legal claims (9(2)(f)), data made public by the
 * person (9(2)(e)) and a non-profit body's own members (9(2)(d)). Explicit consent (9(2)(a)) needs the
 * consent basis with `consent.explicit: true`.
 */
import { isSpecial } from './context.js';
import type { Rule } from './types.js';

const BESIDE_LEGITIMATE_INTEREST = new Set(['legal_claims', 'made_public', 'nonprofit_body']);

export const specialCategoryCondition: Rule = {
  id: 'special-category-condition',
  severity: 'error',
  description: 'Special-category data (Art. 9) without an Art. 9(2) condition, or on legitimate interest.',
  *check(policy, ctx) {
    for (const [p, purpose] of policy.purposes.entries()) {
      const index = purpose.categories.findIndex((c) => isSpecial(ctx, c));
      if (index < 0) continue;
      const category = purpose.categories[index];
      const condition = purpose.specialCategoryCondition;
      const base = ['purposes', p];
      if (!condition) {
        yield {
          path: [...base, 'categories', index],
          message: `purpose '${purpose.id}' processes special-category data '${category}' without an Art. 9(2) condition (specialCategoryCondition)`,
        };
      } else if (
        condition === 'explicit_consent' &&
        (purpose.legalBasis !== 'consent' || !purpose.consent?.explicit)
      ) {
        yield {
          path: [...base, 'specialCategoryCondition'],
          message: `purpose '${purpose.id}': explicit_consent needs legalBasis consent and consent.explicit: true`,
        };
      } else if (purpose.legalBasis === 'legitimate_interest' && !BESIDE_LEGITIMATE_INTEREST.has(condition)) {
        yield {
          path: [...base, 'legalBasis'],
          message: `purpose '${purpose.id}' processes special-category data '${category}' on legitimate interest, which is no Art. 9 ground`,
        };
      }
    }
  },
};
