/**
 * Manual legal holds: a person, or one record of a company store, kept beyond its retention period for a
 * stated reason (litigation, an investigation, an authority's order), until a date or until released.
 * Nothing under an active hold is swept or erased (GDPR Art. 17(3)(e), 18(1)(c)).
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, LegalHoldTable } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface LegalHold {
  readonly id: string;
  readonly scope:
    | { readonly kind: 'subject'; readonly subjectId: string }
    | {
        readonly kind: 'record';
        readonly dataset: string;
        readonly table: string;
        readonly recordKey: string;
      };
  readonly reason: string;
  readonly expiresAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly releasedAt: string | null;
  readonly releasedBy: string | null;
  readonly active: boolean;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(Number(ms)).toISOString());

export function presentHold(row: LegalHoldTable, now: number): LegalHold {
  const scope: LegalHold['scope'] = row.subject_id
    ? { kind: 'subject', subjectId: row.subject_id }
    : {
        kind: 'record',
        dataset: row.dataset ?? '',
        table: row.table_name ?? '',
        recordKey: row.row_key ?? '',
      };
  return {
    id: row.id,
    scope,
    reason: row.reason,
    expiresAt: iso(row.expires_at),
    createdAt: iso(row.created_at)!,
    createdBy: row.created_by,
    releasedAt: iso(row.released_at),
    releasedBy: row.released_by,
    active: row.released_at === null && (row.expires_at === null || Number(row.expires_at) > now),
  };
}

export async function insertHold(db: Executor, row: LegalHoldTable): Promise<void> {
  await db.insertInto('legal_holds').values(row).execute();
}

export async function getHold(db: Executor, id: string): Promise<LegalHoldTable | undefined> {
  return db.selectFrom('legal_holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listHolds(
  db: Executor,
  query: { now: number; active?: boolean; subjectId?: string; limit: number },
): Promise<LegalHoldTable[]> {
  let q = db.selectFrom('legal_holds').selectAll();
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
  if (query.active)
    q = q
      .where('released_at', 'is', null)
      .where((eb) => eb.or([eb('expires_at', 'is', null), eb('expires_at', '>', query.now)]));
  return q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
}

export async function releaseHold(
  db: Executor,
  id: string,
  release: { now: number; actor: string },
): Promise<boolean> {
  const result = await db
    .updateTable('legal_holds')
    .set({ released_at: release.now, released_by: release.actor })
    .where('id', '=', id)
    .where('released_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The active holds on a subject; an erasure or a sweep leaves the subject's data where it is. */
export async function activeSubjectHolds(db: Executor, subjectId: string, now: number) {
  return listHolds(db, { now, active: true, subjectId, limit: 100 });
}
