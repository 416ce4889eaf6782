/**
 * Storage limitation (GDPR Art. 5(1)(e), clause 1.4): every purpose has a retention rule (the schema
 * requires it), and a dataset table must be bounded either by its own retention or by the purposes it
 * serves. A table with neither keeps its rows forever, and nothing would ever sweep it.
 */
import type { Rule } from './types.js';

export const retentionMissing: Rule = {
  id: 'retention-missing',
  severity: 'error',
  description: 'A dataset table with neither its own retention nor a purpose whose retention applies to it.',
  *check(policy) {
    for (const [d, dataset] of policy.datasets.entries()) {
      for (const [t, table] of dataset.tables.entries()) {
        if (table.retention || table.purposes.length > 0) continue;
        yield {
          path: ['datasets', d, 'tables', t, 'name'],
          message: `dataset '${dataset.id}': table '${table.name}' has no retention and no purpose: nothing bounds how long its rows are kept`,
        };
      }
    }
  },
};
