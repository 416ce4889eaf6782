/** Every duration in a policy, with its path: one list for the rules that validate or compare them. */

import type { DiagnosticPath } from '../diagnostics.js';
import { columnRetention } from '../schema/datasets.js';
import type { Policy } from '../schema.js';

export interface DurationField {
  readonly path: DiagnosticPath;
  readonly value: string;
  readonly owner: string;
  /** Cookie lifetimes may also be "session". */
  readonly sessionAllowed?: boolean;
}

export function durationFields(policy: Policy): DurationField[] {
  const out: DurationField[] = [];
  for (const [p, purpose] of policy.purposes.entries()) {
    const owner = `purpose '${purpose.id}'`;
    out.push({ path: ['purposes', p, 'retention', 'duration'], value: purpose.retention.duration, owner });
    for (const [c, cookie] of (purpose.website?.cookies ?? []).entries()) {
      const path = ['purposes', p, 'website', 'cookies', c, 'duration'];
      out.push({
        path,
        value: cookie.duration,
        owner: `${owner}: cookie '${cookie.name}'`,
        sessionAllowed: true,
      });
    }
  }
  for (const [i, obligation] of policy.legalObligations.entries()) {
    const owner = `legal obligation '${obligation.id}'`;
    out.push({ path: ['legalObligations', i, 'duration'], value: obligation.duration, owner });
  }
  for (const [jurisdiction, deadline] of Object.entries(policy.rights.deadlines)) {
    if (!deadline) continue;
    for (const key of ['respond', 'extension', 'acknowledge'] as const) {
      const value = deadline[key];
      if (value !== undefined) {
        out.push({
          path: ['rights', 'deadlines', jurisdiction, key],
          value,
          owner: `rights deadline '${jurisdiction}'`,
        });
      }
    }
  }
  out.push({
    path: ['amendments', 'noticePeriod'],
    value: policy.amendments.noticePeriod,
    owner: 'amendments',
  });
  if (policy.securityLogs) {
    const { fullIpFor, deleteAfter } = policy.securityLogs;
    out.push({ path: ['securityLogs', 'fullIpFor'], value: fullIpFor, owner: 'securityLogs' });
    out.push({ path: ['securityLogs', 'deleteAfter'], value: deleteAfter, owner: 'securityLogs' });
  }
  for (const [d, dataset] of policy.datasets.entries()) {
    for (const [t, table] of dataset.tables.entries()) {
      const retention = columnRetention(table);
      if (!retention) continue;
      const owner = `dataset '${dataset.id}': table '${table.name}'`;
      out.push({
        path: ['datasets', d, 'tables', t, 'retention', 'duration'],
        value: retention.duration,
        owner,
      });
    }
  }
  return out;
}
