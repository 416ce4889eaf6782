/**
 * Steward's own records that expire: access exports (a copy of everything held on a person) and
 * verification links. Both carry an expiry set when they were made; the sweep deletes them once it has
 * passed, so an expired export is gone, not merely refused.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { HousekeepingRule } from './retention.service.js';

export function expiredLinkRules(db: Kysely<DB>): HousekeepingRule[] {
  const expiring = (table: 'dsr_exports' | 'dsr_verifications', rule: string): HousekeepingRule => ({
    rule,
    table,
    action: 'delete',
    async run({ now, dryRun }) {
      if (dryRun) {
        const row = await db
          .selectFrom(table)
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('expires_at', '<=', now)
          .executeTakeFirst();
        return { rows: Number(row?.n ?? 0), cutoff: now };
      }
      const result = await db.deleteFrom(table).where('expires_at', '<=', now).executeTakeFirst();
      return { rows: Number(result.numDeletedRows), cutoff: now };
    },
  });
  return [
    expiring('dsr_exports', 'steward.expired_exports'),
    expiring('dsr_verifications', 'steward.expired_links'),
  ];
}
