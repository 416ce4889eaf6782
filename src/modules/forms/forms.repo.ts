import type { Kysely, Transaction } from 'kysely';
import type { DB, FormSubmissionTable } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface SubmissionRow {
  readonly id: string;
  readonly formId: string;
  readonly purpose: string;
  readonly anonymous: boolean;
  readonly answers: Record<string, unknown>;
  readonly submittedAt: number;
  readonly subjectId: string | null;
}

function toRow(row: FormSubmissionTable): SubmissionRow {
  return {
    id: row.id,
    formId: row.form_id,
    purpose: row.purpose,
    anonymous: Number(row.anonymous) === 1,
    answers: JSON.parse(row.answers) as Record<string, unknown>,
    submittedAt: Number(row.submitted_at),
    subjectId: row.subject_id,
  };
}

export async function insertSubmission(db: Executor, row: FormSubmissionTable): Promise<void> {
  await db.insertInto('form_submissions').values(row).execute();
}

/** One page of a form's submissions, newest first; ids are time-ordered, so `before` is a cursor. */
export async function listSubmissions(
  db: Executor,
  query: { formId: string; before?: string; limit: number },
): Promise<SubmissionRow[]> {
  let q = db.selectFrom('form_submissions').selectAll().where('form_id', '=', query.formId);
  if (query.before) q = q.where('id', '<', query.before);
  return (await q.orderBy('id', 'desc').limit(query.limit).execute()).map(toRow);
}

/** A person's submissions to any form, oldest first (access requests, Art. 15). */
export async function listSubjectSubmissions(db: Executor, subjectId: string): Promise<SubmissionRow[]> {
  const rows = await db
    .selectFrom('form_submissions')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('id')
    .execute();
  return rows.map(toRow);
}

/** Deletes a person's submissions (erasure, Art. 17); returns how many. */
export async function deleteSubjectSubmissions(db: Executor, subjectId: string): Promise<number> {
  const result = await db
    .deleteFrom('form_submissions')
    .where('subject_id', '=', subjectId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
