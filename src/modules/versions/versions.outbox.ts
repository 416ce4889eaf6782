import type { Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

/**
 * Writes many emails of one template to the outbox in one statement, inside the caller's transaction
 * (STYLE §8), with ids chosen by the caller: the notices table records them next to the (version, person)
 * row that makes each email unique. The outbox worker sends them with retry and back-off.
 */
export async function enqueueEmailRows(
  tx: Transaction<DB>,
  rows: readonly { readonly id: string; readonly to: string }[],
  template: string,
  payload: Record<string, string>,
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  const text = JSON.stringify(payload);
  await tx
    .insertInto('outbox_emails')
    .values(
      rows.map((r) => ({
        id: r.id,
        recipient: r.to,
        template,
        payload: text,
        status: 'pending',
        attempts: 0,
        next_attempt_at: now,
        claimed_until: null,
        sent_at: null,
        last_error: null,
        created_at: now,
      })),
    )
    .execute();
}
