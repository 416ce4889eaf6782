import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { RequestState, RequestType } from '../../domain/requests/state.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface RequestRow {
  readonly id: string;
  readonly type: RequestType;
  readonly state: RequestState;
  readonly email: string;
  readonly subjectId: string | null;
  readonly jurisdiction: string;
  readonly receivedAt: number;
  readonly dueAt: number;
  readonly extended: boolean;
  readonly extensionReason: string | null;
  readonly verifiedAt: number | null;
  readonly closedAt: number | null;
  readonly closingReason: string | null;
  readonly details: RequestDetails;
  readonly result: Record<string, unknown> | null;
  readonly statusTokenHash: string | null;
}

export interface RequestDetails {
  /** Corrections the person asks for (free text per field), reviewed by an agent (Art. 16). */
  readonly corrections?: { field: string; value: string; note?: string }[];
  /** Purposes a withdrawal covers; absent: every consent-based purpose. */
  readonly purposes?: string[];
  readonly message?: string;
}

export function toRequest(row: DB['dsr_requests']): RequestRow {
  return {
    id: row.id,
    type: row.type as RequestType,
    state: row.state as RequestState,
    email: row.email,
    subjectId: row.subject_id,
    jurisdiction: row.jurisdiction,
    receivedAt: Number(row.received_at),
    dueAt: Number(row.due_at),
    extended: Number(row.extended) === 1,
    extensionReason: row.extension_reason,
    verifiedAt: row.verified_at === null ? null : Number(row.verified_at),
    closedAt: row.closed_at === null ? null : Number(row.closed_at),
    closingReason: row.closing_reason,
    details: JSON.parse(row.details) as RequestDetails,
    result: row.result === null ? null : (JSON.parse(row.result) as Record<string, unknown>),
    statusTokenHash: row.status_token_hash,
  };
}

export async function findRequest(db: Executor, id: string): Promise<RequestRow | null> {
  const row = await db.selectFrom('dsr_requests').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRequest(row) : null;
}

export async function listRequests(
  db: Executor,
  filter: { open?: boolean; overdueAt?: number; limit: number; subjectId?: string | undefined },
): Promise<RequestRow[]> {
  let q = db
    .selectFrom('dsr_requests')
    .selectAll()
    .orderBy('due_at', 'asc')
    .orderBy('id', 'asc')
    .limit(filter.limit);
  if (filter.open) q = q.where('state', 'not in', ['completed', 'rejected']);
  if (filter.subjectId) q = q.where('subject_id', '=', filter.subjectId);
  if (filter.overdueAt !== undefined)
    q = q.where('due_at', '<', filter.overdueAt).where('state', 'not in', ['completed', 'rejected']);
  return (await q.execute()).map(toRequest);
}

export async function updateRequest(
  db: Executor,
  id: string,
  patch: Partial<DB['dsr_requests']>,
  now: number,
): Promise<void> {
  await db
    .updateTable('dsr_requests')
    .set({ ...patch, updated_at: now })
    .where('id', '=', id)
    .execute();
}
