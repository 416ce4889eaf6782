import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ConsentEvidence } from '../consent/ledger.types.js';
import type { LatestEvent } from './banner.rules.js';

/**
 * The latest ledger event of one subject for each of `purposes`: the `consent_state` projection points at
 * it by `seq` (one primary-key lookup per purpose, however long the subject's history).
 */
export async function latestEvents(
  db: Kysely<DB>,
  subjectId: string,
  purposes: readonly string[],
): Promise<Map<string, LatestEvent>> {
  if (purposes.length === 0) return new Map();
  const rows = await db
    .selectFrom('consent_state as s')
    .innerJoin('consent_events as e', 'e.seq', 's.seq')
    .select(['s.purpose', 'e.action', 'e.channel', 'e.evidence'])
    .where('s.subject_id', '=', subjectId)
    .where('s.purpose', 'in', [...purposes])
    .execute();
  return new Map(
    rows.map((r) => {
      const evidence = JSON.parse(r.evidence) as ConsentEvidence;
      return [
        r.purpose,
        {
          action: r.action,
          channel: r.channel,
          ...(evidence.formId ? { formId: evidence.formId } : {}),
        },
      ];
    }),
  );
}
