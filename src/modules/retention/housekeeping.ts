/**
 * Steward's own records that expire: access exports (a copy of everything held on a person) and
 * verification links. Both carry an expiry set when they were made; the sweep deletes them once it has
 * passed, so an expired export is gone, not merely refused.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SecurityLogs } from '../../domain/policy/schema.js';
import { ageSecurityLogs } from '../logs/logs.retention.js';
import type { HousekeepingRule } from './retention.service.js';

export function expiredLinkRules(db: Kysely<DB>): HousekeepingRule[] {
  const expiring = (table: 'dsr_exports' | 'dsr_verifications', rule: string): HousekeepingRule => ({
    rule,
    table,
    async run({ now, dryRun }) {
      if (dryRun) {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('expires_at', '<=', now)
          .executeTakeFirst();
        return [{ action: 'delete', rows: Number(row?.n ?? 0), cutoff: now }];
      }
      const result = await db.deleteFrom(table).where('expires_at', '<=', now).executeTakeFirst();
      return [{ action: 'delete', rows: Number(result.numDeletedRows), cutoff: now }];
    },
  });
  return [
    expiring('dsr_exports', 'steward.expired_exports'),
    expiring('dsr_verifications', 'steward.expired_links'),
  ];
}

/**
 * Website logs (clause 1.7, `securityLogs`): full addresses shortened after `fullIpFor`, rows deleted after
 * `deleteAfter`, in bounded batches (modules/logs/logs.retention.ts).
 */
export function securityLogRules(db: Kysely<DB>, securityLogs: SecurityLogs | undefined): HousekeepingRule[] {
  if (!securityLogs) return [];
  return [
    {
      rule: 'security_logs',
      table: 'security_logs',
      async run({ now, dryRun, signal }) {
        const r = await ageSecurityLogs(db, securityLogs, now, { dryRun, signal });
        return [
          { rule: 'security_logs.delete', action: 'delete', rows: r.deleted, cutoff: r.deleteBefore },
          {
            rule: 'security_logs.truncate_ip',
            action: 'truncate_ip',
            rows: r.truncated,
            cutoff: r.truncateBefore,
          },
        ];
      },
    },
  ];
}
