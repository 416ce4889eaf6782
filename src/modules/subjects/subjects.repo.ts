import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { CanonicalIdentity } from '../../domain/identity/identity.js';
import { AppError } from '../../errors/app-error.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface SubjectRow {
  readonly id: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  readonly identities: { id: string; type: string; namespace: string; value: string; createdAt: number }[];
  readonly relationships: {
    id: string;
    kind: string;
    startedAt: number;
    endedAt: number | null;
    reference: string | null;
  }[];
}

/** Subject ids owning any of these identities (normally zero or one). */
export async function findSubjectIdsByIdentities(
  db: Executor,
  identities: readonly CanonicalIdentity[],
): Promise<string[]> {
  if (identities.length === 0) return [];
  const rows = await db
    .selectFrom('subject_identities')
    .select('subject_id')
    .where((eb) =>
      eb.or(
        identities.map((i) =>
          eb.and([eb('type', '=', i.type), eb('namespace', '=', i.namespace), eb('value', '=', i.value)]),
        ),
      ),
    )
    .execute();
  return [...new Set(rows.map((r) => r.subject_id))];
}

export async function insertSubject(db: Executor, id: string, now: number): Promise<void> {
  await db.insertInto('subjects').values({ id, created_at: now, updated_at: now }).execute();
}

export async function touchSubject(db: Executor, id: string, now: number): Promise<void> {
  await db.updateTable('subjects').set({ updated_at: now }).where('id', '=', id).execute();
}

export async function insertIdentities(
  db: Executor,
  rows: readonly { id: string; subjectId: string; identity: CanonicalIdentity; now: number }[],
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('subject_identities')
    .values(
      rows.map((r) => ({
        id: r.id,
        subject_id: r.subjectId,
        type: r.identity.type,
        namespace: r.identity.namespace,
        value: r.identity.value,
        created_at: r.now,
      })),
    )
    .execute();
}

export async function insertRelationship(
  db: Executor,
  row: {
    id: string;
    subjectId: string;
    kind: string;
    startedAt: number;
    endedAt: number | null;
    reference: string | null;
    now: number;
  },
): Promise<void> {
  await db
    .insertInto('relationships')
    .values({
      id: row.id,
      subject_id: row.subjectId,
      kind: row.kind,
      started_at: row.startedAt,
      ended_at: row.endedAt,
      reference: row.reference,
      created_at: row.now,
      updated_at: row.now,
    })
    .execute();
}

export async function endRelationship(
  db: Executor,
  subjectId: string,
  relationshipId: string,
  endedAt: number,
  now: number,
): Promise<number> {
  const result = await db
    .updateTable('relationships')
    .set({ ended_at: endedAt, updated_at: now })
    .where('id', '=', relationshipId)
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function getSubject(db: Executor, id: string): Promise<SubjectRow | null> {
  const subject = await db.selectFrom('subjects').selectAll().where('id', '=', id).executeTakeFirst();
  if (!subject) return null;
  const [identities, relationships] = await Promise.all([
    db.selectFrom('subject_identities').selectAll().where('subject_id', '=', id).orderBy('id').execute(),
    db.selectFrom('relationships').selectAll().where('subject_id', '=', id).orderBy('id').execute(),
  ]);
  return {
    id: subject.id,
    createdAt: Number(subject.created_at),
    updatedAt: Number(subject.updated_at),
    identities: identities.map((i) => ({
      id: i.id,
      type: i.type,
      namespace: i.namespace,
      value: i.value,
      createdAt: Number(i.created_at),
    })),
    relationships: relationships.map((r) => ({
      id: r.id,
      kind: r.kind,
      startedAt: Number(r.started_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
      reference: r.reference,
    })),
  };
}

/**
 * The subject's id, or the 404 every route answers for an unknown one (and for one out of reach: the two
 * must look the same).
 */
export async function requireSubject(db: Executor, id: string): Promise<string> {
  const found = await findSubjectId(db, id);
  if (!found) throw new AppError('resource.not_found', 'no such subject');
  return found;
}

export async function findSubjectId(db: Executor, id: string): Promise<string | null> {
  const row = await db.selectFrom('subjects').select('id').where('id', '=', id).executeTakeFirst();
  return row?.id ?? null;
}

/** Every identity Steward holds for a subject, as the connectors search by them. */
export async function identitiesOfSubject(
  db: Executor,
  subjectId: string,
): Promise<{ emails: string[]; phones: string[]; externalIds: string[] }> {
  const ids = { emails: [] as string[], phones: [] as string[], externalIds: [] as string[] };
  const rows = await db
    .selectFrom('subject_identities')
    .select(['type', 'value'])
    .where('subject_id', '=', subjectId)
    .execute();
  for (const r of rows) {
    if (r.type === 'email') ids.emails.push(r.value);
    if (r.type === 'phone') ids.phones.push(r.value);
    if (r.type === 'external') ids.externalIds.push(r.value);
  }
  return ids;
}
