import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.js';
import { newId } from '../domain/identity/ids.js';

export interface OutgoingEmail {
  readonly to: string;
  readonly template: string;
  readonly payload: Record<string, string>;
}

/**
 * Writes an email to the outbox inside the caller's transaction (STYLE §8: no network inside a
 * transaction; the email exists if and only if the change that caused it committed).
 */
export async function enqueueEmail(
  tx: Transaction<DB> | Kysely<DB>,
  email: OutgoingEmail,
  now: number,
): Promise<string> {
  const id = newId('out', now);
  await enqueueEmailRows(tx, [{ id, to: email.to }], email.template, email.payload, now);
  return id;
}

/**
 * Many emails of one template in one statement, inside the caller's transaction (STYLE §8), with ids chosen
 * by the caller (the notices of a policy version record them next to the row that makes each one unique).
 */
export async function enqueueEmailRows(
  tx: Transaction<DB> | Kysely<DB>,
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

export interface ClaimedEmail extends OutgoingEmail {
  readonly id: string;
  readonly attempts: number;
}

/**
 * Claims due emails for one sender. The claim is a conditional update (status and lease), so two
 * instances never send the same row: whoever updates it first owns it until `claimed_until`.
 */
export async function claimDueEmails(
  db: Kysely<DB>,
  now: number,
  limit: number,
  leaseMs = 60_000,
): Promise<ClaimedEmail[]> {
  const candidates = await db
    .selectFrom('outbox_emails')
    .select(['id'])
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
  const claimed: ClaimedEmail[] = [];
  for (const { id } of candidates) {
    const result = await db
      .updateTable('outbox_emails')
      .set({ claimed_until: now + leaseMs })
      .where('id', '=', id)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('claimed_until', 'is', null), eb('claimed_until', '<', now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) !== 1) continue;
    const row = await db
      .selectFrom('outbox_emails')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    claimed.push({
      id,
      to: row.recipient,
      template: row.template,
      payload: JSON.parse(row.payload) as Record<string, string>,
      attempts: row.attempts,
    });
  }
  return claimed;
}

export async function markSent(db: Kysely<DB>, id: string, now: number): Promise<void> {
  await db
    .updateTable('outbox_emails')
    .set({ status: 'sent', sent_at: now, claimed_until: null })
    .where('id', '=', id)
    .execute();
}

/** Exponential back-off (1 min, 2, 4 … capped at 6 h); after `maxAttempts` the email is marked failed. */
export async function markFailed(
  db: Kysely<DB>,
  email: ClaimedEmail,
  error: string,
  now: number,
  maxAttempts = 12,
): Promise<void> {
  const attempts = email.attempts + 1;
  const delay = Math.min(60_000 * 2 ** (attempts - 1), 6 * 3_600_000);
  await db
    .updateTable('outbox_emails')
    .set({
      attempts,
      status: attempts >= maxAttempts ? 'failed' : 'pending',
      next_attempt_at: now + delay,
      claimed_until: null,
      last_error: error.slice(0, 500),
    })
    .where('id', '=', email.id)
    .execute();
}
