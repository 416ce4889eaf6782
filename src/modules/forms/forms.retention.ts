/**
 * Deletes form submissions whose purpose's period has run out (domain/forms/retention.ts), in bounded
 * batches so that a submission being written waits one batch at most. A person under an active legal
 * hold keeps their submissions (GDPR Art. 17(3)(e)), as they keep their rows in the company's stores.
 */
import { setImmediate as yieldToWriters } from 'node:timers/promises';
import { type ExpressionBuilder, type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { SubmissionRetention } from '../../domain/forms/retention.js';
import { retentionCutoff } from '../../domain/retention/cutoff.js';

const BATCH = 5_000;

export interface SubmissionExpiry {
  readonly rows: number;
  readonly cutoff: number;
}

/** Submissions of the rule's purpose whose period ran out before `cutoff`, as seen at `now`. */
function expired(rule: SubmissionRetention, cutoff: number, now: number) {
  return (eb: ExpressionBuilder<DB & { s: DB['form_submissions'] }, 's'>) => {
    const conditions = [
      eb('s.purpose', '=', rule.purpose),
      eb('s.submitted_at', '<', cutoff),
      eb.not(
        eb.exists(
          eb
            .selectFrom('legal_holds as h')
            .select(sql`1`.as('one'))
            .whereRef('h.subject_id', '=', 's.subject_id')
            .where('h.released_at', 'is', null)
            .where((h) => h.or([h('h.expires_at', 'is', null), h('h.expires_at', '>', now)])),
        ),
      ),
    ];
    if (rule.counted === 'latest_submission_of_person')
      conditions.push(
        eb.not(
          eb.exists(
            eb
              .selectFrom('form_submissions as n')
              .select(sql`1`.as('one'))
              .whereRef('n.subject_id', '=', 's.subject_id')
              .where('n.purpose', '=', rule.purpose)
              .where('n.submitted_at', '>=', cutoff),
          ),
        ),
      );
    return eb.and(conditions);
  };
}

export async function expireSubmissions(
  db: Kysely<DB>,
  rule: SubmissionRetention,
  now: number,
  options: { dryRun: boolean; signal?: AbortSignal },
): Promise<SubmissionExpiry> {
  const cutoff = retentionCutoff(new Date(now), rule.duration).getTime();
  if (rule.counted === null) return { rows: 0, cutoff };
  const where = expired(rule, cutoff, now);
  if (options.dryRun) {
    const row = await db
      .selectFrom('form_submissions as s')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(where)
      .executeTakeFirst();
    return { rows: Number(row?.n ?? 0), cutoff };
  }
  let rows = 0;
  for (;;) {
    if (options.signal?.aborted)
      throw new Error('interrupted: the server is stopping; the next sweep continues');
    const result = await db
      .deleteFrom('form_submissions')
      .where('id', 'in', db.selectFrom('form_submissions as s').select('s.id').where(where).limit(BATCH))
      .executeTakeFirst();
    const deleted = Number(result.numDeletedRows);
    rows += deleted;
    if (deleted < BATCH) return { rows, cutoff };
    await yieldToWriters();
  }
}
