/**
 * GDPR Art. 28(3) requires a contract with every processor, and clause 3.1 promises one. A warning, not an
 * error: a company adopting Steward often lists processors before it has collected every DPA reference.
 */
import type { Rule } from './types.js';

export const processorWithoutDpa: Rule = {
  id: 'processor-without-dpa',
  severity: 'warning',
  description: 'A processor without a data processing agreement on file (Art. 28(3), clause 3.1).',
  *check(policy) {
    for (const [i, processor] of policy.processors.entries()) {
      if (processor.dpa) continue;
      yield {
        path: ['processors', i, 'id'],
        message: `processor '${processor.id}' has no DPA reference (dpa.reference)`,
      };
    }
  },
};
