/**
 * Clause 1.2 ("we do not rent, buy or sell personal data"): when the controller says it sells none, no
 * purpose or recipient may sell or share (CCPA "share" = cross-context behavioural advertising, which a
 * consumer reads as selling). The policy check refuses the contradiction before it is published.
 */
import type { Rule } from './types.js';

export const saleContradiction: Rule = {
  id: 'sale-contradiction',
  severity: 'error',
  description:
    'A purpose or recipient that sells or shares personal data when controller.sellsPersonalData is false (clause 1.2).',
  *check(policy) {
    if (policy.controller.sellsPersonalData) return;
    const entries = [
      ...policy.purposes.map((x, i) => ({ x, path: ['purposes', i], owner: `purpose '${x.id}'` })),
      ...policy.recipients.map((x, i) => ({ x, path: ['recipients', i], owner: `recipient '${x.id}'` })),
    ];
    for (const { x, path, owner } of entries) {
      for (const flag of ['sale', 'share'] as const) {
        if (!x[flag]) continue;
        yield {
          path: [...path, flag],
          message: `${owner} has ${flag}: true but controller.sellsPersonalData is false (the policy promises no sale)`,
        };
      }
    }
  },
};
