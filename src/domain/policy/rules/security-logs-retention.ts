/**
 * Clause 1.7 keeps logs "up to 90 days"; full IP addresses are kept shorter (standards §7: full IP ≤ 7
 * days, then truncated). The stages must be in order, and the logs may not outlive their purpose.
 */
import { compareDurations, isValidDuration } from '../duration.js';
import type { Rule } from './types.js';

export const securityLogsRetention: Rule = {
  id: 'security-logs-retention',
  severity: 'error',
  description:
    'Security logs whose full-IP period exceeds their deletion period, or which outlive their purpose retention.',
  *check(policy, ctx) {
    const logs = policy.securityLogs;
    if (!logs || !isValidDuration(logs.fullIpFor) || !isValidDuration(logs.deleteAfter)) return;
    if ((compareDurations(logs.fullIpFor, logs.deleteAfter) ?? 1) > 0) {
      yield {
        path: ['securityLogs', 'fullIpFor'],
        message: `securityLogs: full IP addresses kept ${logs.fullIpFor}, longer than the logs themselves (deleteAfter ${logs.deleteAfter})`,
      };
    }
    const purpose = ctx.purposes.get(logs.purpose);
    if (!purpose || !isValidDuration(purpose.retention.duration)) return;
    if ((compareDurations(logs.deleteAfter, purpose.retention.duration) ?? 1) > 0) {
      yield {
        path: ['securityLogs', 'deleteAfter'],
        message: `securityLogs: logs kept ${logs.deleteAfter}, longer than purpose '${purpose.id}' allows (${purpose.retention.duration})`,
      };
    }
  },
};
