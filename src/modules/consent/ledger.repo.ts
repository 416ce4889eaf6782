import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { ConsentAction, ConsentChannel, ConsentEvidence, LedgerEntry } from './ledger.types.js';

function toEntry(row: DB['consent_events']): LedgerEntry {
  return {
    seq: Number(row.seq),
    id: row.id,
    subjectId: row.subject_id,
    purpose: row.purpose,
    action: row.action as ConsentAction,
    channel: row.channel as ConsentChannel,
    occurredAt: Number(row.occurred_at),
    recordedAt: Number(row.recorded_at),
    actor: row.actor,
    policyHash: row.policy_hash,
    evidence: JSON.parse(row.evidence) as ConsentEvidence,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

export async function findEvent(db: Kysely<DB>, id: string): Promise<LedgerEntry | null> {
  const row = await db.selectFrom('consent_events').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toEntry(row) : null;
}

export async function listSubjectEvents(
  db: Kysely<DB>,
  subjectId: string,
  limit = 500,
): Promise<LedgerEntry[]> {
  const rows = await db
    .selectFrom('consent_events')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('seq', 'asc')
    .limit(limit)
    .execute();
  return rows.map(toEntry);
}

/** Streams the whole ledger in seq order, a page at a time (verification and rebuild of a million entries). */
export async function* scanLedger(db: Kysely<DB>, pageSize = 10_000): AsyncGenerator<LedgerEntry> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('consent_events')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield toEntry(row);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

export async function readLedgerHead(db: Kysely<DB>): Promise<{ seq: number; hash: string } | null> {
  const row = await db
    .selectFrom('chain_heads')
    .select(['seq', 'hash'])
    .where('chain', '=', 'consent')
    .executeTakeFirst();
  return row ? { seq: Number(row.seq), hash: row.hash } : null;
}
