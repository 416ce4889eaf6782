/**
 * `retention: { from: purposes }` erases a person's rows once every purpose of the table has run out for
 * that person. Steward can judge that only from what it records per person: relationships that ended
 * and consent withdrawn. A purpose anchored elsewhere (collected, last contact, an event) needs a column
 * rule on the table instead, and a table no identity leads to cannot be searched per person.
 */
import { planTraversal } from '../../requests/plan.js';
import type { Rule } from './types.js';

export const PER_PERSON_ANCHORS: readonly string[] = ['relationship_ended', 'consent_withdrawn'];

export const purposeRetentionAnchor: Rule = {
  id: 'purpose-retention-anchor',
  severity: 'error',
  description:
    'A table retained `from: purposes` whose purposes Steward cannot judge per person (anchor, none, or unreachable).',
  *check(policy, ctx) {
    let unreachable = new Set<string>();
    try {
      unreachable = new Set(
        planTraversal(policy).flatMap((p) => p.unreachable.map((t) => `${p.dataset.id}.${t}`)),
      );
    } catch {
      // relation-cycle / undefined-reference report a broken plan.
    }
    for (const [d, dataset] of policy.datasets.entries()) {
      for (const [t, table] of dataset.tables.entries()) {
        if (!table.retention || !('from' in table.retention)) continue;
        const path = ['datasets', d, 'tables', t, 'retention', 'from'];
        const owner = `dataset '${dataset.id}': table '${table.name}'`;
        if (table.purposes.length === 0) {
          yield { path, message: `${owner} is retained from its purposes but lists none` };
          continue;
        }
        for (const id of table.purposes) {
          const purpose = ctx.purposes.get(id);
          if (purpose && !PER_PERSON_ANCHORS.includes(purpose.retention.anchor))
            yield {
              path,
              message: `${owner}: purpose '${id}' counts from '${purpose.retention.anchor}', which Steward cannot judge per person (relationship_ended or consent_withdrawn); give the table a column rule instead`,
            };
        }
        if (unreachable.has(`${dataset.id}.${table.name}`))
          yield {
            path,
            message: `${owner} is retained per person but no identity or relation leads to its rows`,
          };
      }
    }
  },
};
