/**
 * Steward's own records that expire: access exports (a copy of everything held on a person),
 * verification links and preference links. Both carry an expiry set when they were made; the sweep deletes them once it has
 * passed, so an expired export is gone, not merely refused.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { planSubmissionRetention } from '../../domain/forms/retention.js';
import type { Policy, SecurityLogs } from '../../domain/policy/schema.js';
import { expireSubmissions } from '../forms/forms.retention.js';
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
  // A preference link opens a session that may outlive the link by a few minutes: both must be over.
  const preferenceLinks: HousekeepingRule = {
    rule: 'steward.expired_preference_links',
    table: 'preference_links',
    async run({ now, dryRun }) {
      const over = db
        .selectFrom('preference_links')
        .select('token_hash')
        .where('expires_at', '<=', now)
        .where((eb) => eb.or([eb('session_expires_at', 'is', null), eb('session_expires_at', '<=', now)]));
      if (dryRun) {
        const rows = await over.execute();
        return [{ action: 'delete', rows: rows.length, cutoff: now }];
      }
      const result = await db
        .deleteFrom('preference_links')
        .where('token_hash', 'in', over)
        .executeTakeFirst();
      return [{ action: 'delete', rows: Number(result.numDeletedRows), cutoff: now }];
    },
  };
  return [
    expiring('dsr_exports', 'steward.expired_exports'),
    expiring('dsr_verifications', 'steward.expired_links'),
    preferenceLinks,
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

/**
 * Form submissions (clause 1.6.5, `forms`): deleted once their purpose's period has run out, counted from
 * the submission (`collected`) or the person's latest submission (`last_contact`); one rule per purpose
 * (modules/forms/forms.retention.ts). Purposes anchored elsewhere get no rule: see domain/forms/retention.ts.
 */
export function formSubmissionRules(
  db: Kysely<DB>,
  policy: Pick<Policy, 'forms' | 'purposes'>,
): HousekeepingRule[] {
  return planSubmissionRetention(policy)
    .filter((rule) => rule.counted !== null)
    .map((rule) => ({
      rule: rule.id,
      table: 'form_submissions',
      async run({ now, dryRun, signal }) {
        const r = await expireSubmissions(db, rule, now, { dryRun, signal });
        return [{ action: 'delete', rows: r.rows, cutoff: r.cutoff }];
      },
    }));
}
