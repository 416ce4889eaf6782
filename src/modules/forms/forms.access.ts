/**
 * A person's form submissions in their access export (Art. 15) and their erasure (Art. 17). Only
 * submissions linked to them (a named form with their email address) can be found: anonymous ones hold
 * nothing that leads to anybody.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { FoundRows } from '../../domain/requests/access-export.js';
import { deleteSubjectSubmissions, listSubjectSubmissions } from './forms.repo.js';

/** Where Steward's own records appear in an export and an erasure report. */
export const STEWARD_DATASET = 'steward';
export const SUBMISSIONS_TABLE = 'form_submissions';

/** The person's submissions as one table of the export, or nothing when there are none. */
export async function collectFormSubmissions(
  db: Kysely<DB>,
  policy: Pick<Policy, 'forms'>,
  subjectId: string | null,
): Promise<FoundRows[]> {
  if (!subjectId) return [];
  const rows = await listSubjectSubmissions(db, subjectId);
  if (rows.length === 0) return [];
  const titles = new Map(policy.forms.map((f) => [f.id, f.title]));
  return [
    {
      dataset: STEWARD_DATASET,
      table: SUBMISSIONS_TABLE,
      purposes: [...new Set(rows.map((r) => r.purpose))],
      rows: rows.map((r) => ({
        id: r.id,
        form: r.formId,
        formTitle: titles.get(r.formId) ?? r.formId,
        purpose: r.purpose,
        submittedAt: new Date(r.submittedAt).toISOString(),
        answers: r.answers,
      })),
    },
  ];
}

/** Deletes the person's submissions; the entry for the erasure report, in the shape of a store table's. */
export async function eraseFormSubmissions(db: Kysely<DB>, subjectId: string | null) {
  const erased = subjectId ? await deleteSubjectSubmissions(db, subjectId) : 0;
  return {
    dataset: STEWARD_DATASET,
    table: SUBMISSIONS_TABLE,
    strategy: 'delete' as const,
    erased,
    maskedInsteadOfDeleted: 0,
    kept: [],
  };
}
