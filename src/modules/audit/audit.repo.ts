import { type Kysely, sql, type Transaction } from 'kysely';
import { extendChain } from '../../db/chain.js';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../domain/identity/ids.js';

/**
 * One audited action. `detail` names fields and ids, never personal data values (no emails, names,
 * IPs or tokens): the audit trail is read by operators and auditors.
 */
export interface AuditInput {
  readonly actor: string;
  readonly action: string;
  readonly subjectId?: string | null;
  readonly target?: string | null;
  readonly detail?: Record<string, string | number | boolean | null | readonly string[]>;
}

export interface AuditRecord {
  readonly seq: number;
  readonly id: string;
  readonly at: number;
  readonly actor: string;
  readonly action: string;
  readonly subjectId: string | null;
  readonly target: string | null;
  readonly detail: Record<string, unknown>;
  readonly prevHash: string;
  readonly hash: string;
}

/** An entry as the API shows it: the time as an ISO instant, the chain's previous hash left out. */
export function presentAudit(e: AuditRecord) {
  return {
    seq: e.seq,
    id: e.id,
    at: new Date(e.at).toISOString(),
    actor: e.actor,
    action: e.action,
    subjectId: e.subjectId,
    target: e.target,
    detail: e.detail,
    hash: e.hash,
  };
}

export const AUDIT_CHAIN = 'audit';

/** Appends audit entries to the hash-chained trail inside the caller's transaction. */
export async function appendAudit(
  tx: Transaction<DB>,
  dialect: DialectName,
  inputs: readonly AuditInput[],
  now = Date.now(),
): Promise<void> {
  const bodies = inputs.map((input) => ({
    id: newId('aud', now),
    at: now,
    actor: input.actor,
    action: input.action,
    subjectId: input.subjectId ?? null,
    target: input.target ?? null,
    detail: input.detail ?? {},
  }));
  const entries = await extendChain(tx, dialect, AUDIT_CHAIN, bodies);
  if (entries.length === 0) return;
  await tx
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        seq: e.seq,
        id: e.body.id,
        at: e.body.at,
        actor: e.body.actor,
        action: e.body.action,
        subject_id: e.body.subjectId,
        target: e.body.target,
        detail: JSON.stringify(e.body.detail),
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .execute();
}

export interface AuditQuery {
  readonly subjectId?: string;
  readonly afterSeq?: number;
  readonly limit: number;
}

export async function listAudit(db: Kysely<DB>, query: AuditQuery): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'asc').limit(query.limit);
  if (query.subjectId) q = q.where('subject_id', '=', query.subjectId);
  if (query.afterSeq !== undefined) q = q.where('seq', '>', query.afterSeq);
  const rows = await q.execute();
  return rows.map(toRecord);
}

export interface AuditSearch {
  /** Entries at or after this instant (epoch ms). */
  readonly from?: number;
  /** Entries before this instant (epoch ms). */
  readonly to?: number;
  readonly actor?: string;
  /** An exact action, or a prefix ending in `*` (`consent.*`). */
  readonly action?: string;
  readonly subjectId?: string;
  /** Entries older than this sequence number (the cursor of the previous page). */
  readonly beforeSeq?: number;
  readonly limit: number;
}

/** The trail newest first, filtered; pages by sequence number, which only grows. */
export async function searchAudit(db: Kysely<DB>, query: AuditSearch): Promise<AuditRecord[]> {
  let q = db.selectFrom('audit_log').selectAll().orderBy('seq', 'desc').limit(query.limit);
  if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
  if (query.from !== undefined) q = q.where('at', '>=', query.from);
  if (query.to !== undefined) q = q.where('at', '<', query.to);
  if (query.actor !== undefined) q = q.where('actor', '=', query.actor);
  if (query.subjectId !== undefined) q = q.where('subject_id', '=', query.subjectId);
  if (query.action?.endsWith('*')) {
    // LIKE with the wildcards of the prefix escaped (`_` is common in action names); same on both dialects.
    const prefix = query.action.slice(0, -1).replace(/[\\%_]/g, (c) => `\\${c}`);
    q = q.where(sql<boolean>`action like ${`${prefix}%`} escape '\\'`);
  } else if (query.action !== undefined) q = q.where('action', '=', query.action);
  const rows = await q.execute();
  return rows.map(toRecord);
}

/** Streams the whole trail in sequence order, in pages, for verification. */
export async function* scanAudit(db: Kysely<DB>, pageSize = 5000): AsyncGenerator<AuditRecord> {
  let after = 0;
  for (;;) {
    const rows = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(pageSize)
      .execute();
    for (const row of rows) yield toRecord(row);
    if (rows.length < pageSize) return;
    after = Number(rows[rows.length - 1]!.seq);
  }
}

function toRecord(row: DB['audit_log']): AuditRecord {
  return {
    seq: Number(row.seq),
    id: row.id,
    at: Number(row.at),
    actor: row.actor,
    action: row.action,
    subjectId: row.subject_id,
    target: row.target,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** The body the chain hash covers, rebuilt from a stored record (must match `appendAudit`). */
export function auditBody(record: AuditRecord): Record<string, unknown> {
  return {
    id: record.id,
    at: record.at,
    actor: record.actor,
    action: record.action,
    subjectId: record.subjectId,
    target: record.target,
    detail: record.detail,
  };
}
