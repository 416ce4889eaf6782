/**
 * Storage limitation (GDPR Art. 5(1)(e), clauses 1.4–1.5): a table may keep rows as long as one of its
 * purposes allows, or as long as a legal obligation requires (Art. 17(3)(b)), not longer. Periods are
 * compared by length (anchors differ by design); when the calendar decides (P3M vs P90D) the table period
 * counts as longer, because the rule guards against keeping data too long.
 */

import { compareDurations, isValidDuration } from '../duration.js';
import { columnRetention } from '../schema/datasets.js';
import type { Rule } from './types.js';

export const retentionExceedsPurpose: Rule = {
  id: 'retention-exceeds-purpose',
  severity: 'error',
  description:
    'A dataset table kept longer than every purpose of the table allows, without a legal hold that covers it.',
  *check(policy, ctx) {
    for (const [d, dataset] of policy.datasets.entries()) {
      for (const [t, table] of dataset.tables.entries()) {
        const duration = columnRetention(table)?.duration;
        if (!duration || !isValidDuration(duration)) continue;
        const purposes = table.purposes.flatMap((id) => ctx.purposes.get(id) ?? []);
        const holds = [table.legalHold, ...purposes.flatMap((p) => p.legalHolds)].flatMap((id) =>
          id ? (ctx.legalObligations.get(id) ?? []) : [],
        );
        const allowed = [
          ...purposes.map((p) => p.retention.duration),
          ...holds.map((h) => h.duration),
        ].filter(isValidDuration);
        if (allowed.length === 0) continue; // retention-missing / undefined-reference report it
        if (allowed.some((limit) => (compareDurations(duration, limit) ?? 1) <= 0)) continue;
        yield {
          path: ['datasets', d, 'tables', t, 'retention', 'duration'],
          message: `dataset '${dataset.id}': table '${table.name}' keeps rows ${duration}, longer than its purposes (${purposes.map((p) => `${p.id} ${p.retention.duration}`).join(', ') || 'none'}) or legal holds allow`,
        };
      }
    }
  },
};
