/**
 * Cron slot claims: a scheduled job's period is cut into slots (`floor(now / every)`); an instance runs a
 * slot only after inserting its deterministic id. The primary key admits one insert per slot, so however
 * many instances share the database, each slot runs once (an instance that dies mid-run leaves its slot
 * unfinished; the next slot runs anyway, and every job is written to be safe to re-run).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

export function slotStart(now: number, everyMs: number): number {
  return Math.floor(now / everyMs) * everyMs;
}

export function slotId(job: string, start: number): string {
  return `${job}@${new Date(start).toISOString()}`;
}

/** Inserts the slot's claim; true when this instance won it. */
export async function claimSlot(
  db: Kysely<DB>,
  claim: { job: string; start: number; instance: string; now: number },
): Promise<boolean> {
  const result = await db
    .insertInto('job_slots')
    .values({
      id: slotId(claim.job, claim.start),
      job: claim.job,
      slot_start: claim.start,
      claimed_by: claim.instance,
      claimed_at: claim.now,
      finished_at: null,
      outcome: null,
    })
    .onConflict((oc) => oc.column('id').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function finishSlot(
  db: Kysely<DB>,
  slot: { job: string; start: number; now: number; outcome: 'ok' | 'partial' | 'failed' },
): Promise<void> {
  await db
    .updateTable('job_slots')
    .set({ finished_at: slot.now, outcome: slot.outcome })
    .where('id', '=', slotId(slot.job, slot.start))
    .execute();
}

/** The slots of a job, newest first (tests and the admin console). */
export async function listSlots(db: Kysely<DB>, job: string, limit = 50) {
  return db
    .selectFrom('job_slots')
    .selectAll()
    .where('job', '=', job)
    .orderBy('slot_start', 'desc')
    .limit(limit)
    .execute();
}
