/**
 * A processor, recipient or legal obligation that no purpose or table uses is either stale (the public
 * sub-processor list would name a company that receives nothing) or a missing reference.
 */
import type { Rule } from './types.js';

export const unusedEntry: Rule = {
  id: 'unused-entry',
  severity: 'warning',
  description: 'A processor, recipient or legal obligation that no purpose or dataset table refers to.',
  *check(policy) {
    const processors = new Set(policy.purposes.flatMap((p) => p.processors));
    const recipients = new Set(policy.purposes.flatMap((p) => p.recipients));
    const holds = new Set([
      ...policy.purposes.flatMap((p) => p.legalHolds),
      ...policy.datasets.flatMap((d) => d.tables.flatMap((t) => (t.legalHold ? [t.legalHold] : []))),
    ]);
    for (const [i, x] of policy.processors.entries()) {
      if (!processors.has(x.id))
        yield { path: ['processors', i, 'id'], message: `processor '${x.id}' is used by no purpose` };
    }
    for (const [i, x] of policy.recipients.entries()) {
      if (!recipients.has(x.id))
        yield { path: ['recipients', i, 'id'], message: `recipient '${x.id}' is used by no purpose` };
    }
    for (const [i, x] of policy.legalObligations.entries()) {
      if (!holds.has(x.id)) {
        yield {
          path: ['legalObligations', i, 'id'],
          message: `legal obligation '${x.id}' is used by no purpose (legalHolds) or table (legalHold)`,
        };
      }
    }
  },
};
