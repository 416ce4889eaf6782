/**
 * Published policy versions and their notices (Kysely, both dialects). The read functions here are what
 * other modules (the public /privacy/versions pages) call: `listVersions`, `getVersion`, `resolveVersion`,
 * `versionInEffect`, `countNotices`.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, PolicyVersionTable } from '../../db/schema.js';
import type { PolicyDiff } from '../../domain/policy/diff.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { VersionFacts } from '../../domain/versions/material.js';

type Executor = Kysely<DB> | Transaction<DB>;

export type NoticesState = 'none' | 'queuing' | 'queued';

/** One published version without its text: what a list shows. */
export interface VersionSummary {
  readonly id: string;
  readonly seq: number;
  readonly label: string | null;
  /** SHA-256 (hex) of the published file's bytes. */
  readonly contentHash: string;
  /** SHA-256 of the policy's canonical JSON: what the consent ledger records as `policy_hash`. */
  readonly policyHash: string;
  readonly previousId: string | null;
  readonly publishedAt: number;
  readonly publishedBy: string;
  readonly effectiveAt: number;
  /** Against the version before (empty for the first). */
  readonly diff: PolicyDiff;
  readonly noticesState: NoticesState;
}

/** One version with its text and parsed policy. */
export interface VersionRecord extends VersionSummary {
  readonly yaml: string;
  readonly policy: Policy;
  /** Notices are queued for every account holder up to this subject id. */
  readonly noticesCursor: string | null;
}

export interface NoticeCounts {
  readonly total: number;
  readonly pending: number;
  readonly sent: number;
  readonly failed: number;
}

const SUMMARY_COLUMNS = [
  'id',
  'seq',
  'label',
  'content_hash',
  'policy_hash',
  'previous_id',
  'published_at',
  'published_by',
  'effective_at',
  'changes',
  'notices_state',
] as const;

type SummaryRow = Pick<PolicyVersionTable, (typeof SUMMARY_COLUMNS)[number]>;

function toSummary(row: SummaryRow): VersionSummary {
  return {
    id: row.id,
    seq: Number(row.seq),
    label: row.label,
    contentHash: row.content_hash,
    policyHash: row.policy_hash,
    previousId: row.previous_id,
    publishedAt: Number(row.published_at),
    publishedBy: row.published_by,
    effectiveAt: Number(row.effective_at),
    diff: JSON.parse(row.changes) as PolicyDiff,
    noticesState: row.notices_state as NoticesState,
  };
}

function toRecord(row: PolicyVersionTable): VersionRecord {
  return {
    ...toSummary(row),
    yaml: row.yaml,
    policy: JSON.parse(row.policy) as Policy,
    noticesCursor: row.notices_cursor,
  };
}

/** Versions, newest first; `before` is the id of the last one of the previous page. */
export async function listVersions(
  db: Executor,
  options: { readonly limit: number; readonly before?: string } = { limit: 50 },
): Promise<VersionSummary[]> {
  let q = db
    .selectFrom('policy_versions')
    .select(SUMMARY_COLUMNS)
    .orderBy('seq', 'desc')
    .limit(options.limit);
  if (options.before) {
    const anchor = await db
      .selectFrom('policy_versions')
      .select('seq')
      .where('id', '=', options.before)
      .executeTakeFirst();
    if (!anchor) return [];
    q = q.where('seq', '<', anchor.seq);
  }
  return (await q.execute()).map(toSummary);
}

/** One version by id (`ver_…`), or null. */
export async function getVersion(db: Executor, id: string): Promise<VersionRecord | null> {
  const row = await db.selectFrom('policy_versions').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toRecord(row) : null;
}

export type Resolved =
  | { readonly found: VersionRecord }
  | { readonly found: null; readonly ambiguous: boolean };

/**
 * A version by id or by a prefix of its content hash (as `git` takes a short hash). A text published twice
 * (a change reverted) resolves to its latest version; a prefix of two different texts is ambiguous.
 */
export async function resolveVersion(db: Executor, ref: string): Promise<Resolved> {
  if (ref.startsWith('ver_')) {
    const found = await getVersion(db, ref);
    return found ? { found } : { found: null, ambiguous: false };
  }
  const prefix = ref.toLowerCase();
  if (!/^[0-9a-f]{6,64}$/.test(prefix)) return { found: null, ambiguous: false };
  const rows = await db
    .selectFrom('policy_versions')
    .select(['id', 'content_hash'])
    .where('content_hash', 'like', `${prefix}%`)
    .orderBy('seq', 'desc')
    .limit(50)
    .execute();
  if (new Set(rows.map((r) => r.content_hash)).size > 1) return { found: null, ambiguous: true };
  const found = rows[0] ? await getVersion(db, rows[0].id) : null;
  return found ? { found } : { found: null, ambiguous: false };
}

/** The latest version (the head of the linear history), or null before the first publication. */
export async function latestVersion(db: Executor): Promise<VersionRecord | null> {
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

/** The version in effect at `at`: the latest one whose effective date has come (versions take effect in order). */
export async function versionInEffect(db: Executor, at: number): Promise<VersionRecord | null> {
  const row = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('effective_at', '<=', at)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row ? toRecord(row) : null;
}

export async function insertVersion(tx: Executor, row: PolicyVersionTable): Promise<void> {
  await tx.insertInto('policy_versions').values(row).execute();
}

/** What the material-change index needs of every version (few rows: one per edition). */
export async function listVersionFacts(db: Executor): Promise<VersionFacts[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .select(['id', 'seq', 'effective_at', 'policy_hash', 'material', 'changes'])
    .orderBy('seq')
    .execute();
  return rows.map((row) => {
    const diff = Number(row.material) === 1 ? (JSON.parse(row.changes) as PolicyDiff) : null;
    const purposes = diff ? diff.changes.filter((c) => c.material).flatMap((c) => c.purposes) : [];
    return {
      id: row.id,
      seq: Number(row.seq),
      effectiveAt: Number(row.effective_at),
      policyHash: row.policy_hash,
      materialPurposes: [...new Set(purposes)],
    };
  });
}

/** Delivery of each version's notices, from the outbox rows they queued. */
export async function countNotices(
  db: Executor,
  versionIds: readonly string[],
): Promise<Map<string, NoticeCounts>> {
  const out = new Map<string, NoticeCounts>();
  if (versionIds.length === 0) return out;
  const rows = await db
    .selectFrom('policy_notices as n')
    .leftJoin('outbox_emails as o', 'o.id', 'n.outbox_id')
    .select(['n.version_id', 'o.status'])
    .select((eb) => eb.fn.countAll<number | string>().as('count'))
    .where('n.version_id', 'in', [...versionIds])
    .groupBy(['n.version_id', 'o.status'])
    .execute();
  for (const id of versionIds) out.set(id, { total: 0, pending: 0, sent: 0, failed: 0 });
  for (const row of rows) {
    const counts = out.get(row.version_id)!;
    const n = Number(row.count);
    // No outbox row (purged after sending): counted in the total only.
    const status =
      row.status === 'sent' || row.status === 'failed' || row.status === 'pending' ? row.status : null;
    out.set(row.version_id, {
      ...counts,
      total: counts.total + n,
      ...(status ? { [status]: counts[status] + n } : {}),
    });
  }
  return out;
}

export interface AccountHolder {
  readonly subjectId: string;
  readonly email: string;
}

/**
 * The next account holders after `cursor`, in subject-id order: people with a relationship of one of
 * `kinds` active at `at` and an email identity (the first one, when they have several: one email each).
 */
export async function nextAccountHolders(
  db: Executor,
  query: {
    readonly kinds: readonly string[];
    readonly at: number;
    readonly cursor: string;
    readonly limit: number;
  },
): Promise<AccountHolder[]> {
  if (query.kinds.length === 0) return [];
  const rows = await db
    .selectFrom('relationships as r')
    .innerJoin('subject_identities as i', (join) =>
      join.onRef('i.subject_id', '=', 'r.subject_id').on('i.type', '=', 'email').on('i.namespace', '=', ''),
    )
    .select('r.subject_id')
    .select((eb) => eb.fn.min('i.value').as('email'))
    .where('r.kind', 'in', [...query.kinds])
    .where('r.started_at', '<=', query.at)
    .where((eb) => eb.or([eb('r.ended_at', 'is', null), eb('r.ended_at', '>', query.at)]))
    .where('r.subject_id', '>', query.cursor)
    .groupBy('r.subject_id')
    .orderBy('r.subject_id')
    .limit(query.limit)
    .execute();
  return rows.map((r) => ({ subjectId: r.subject_id, email: String(r.email) }));
}

/**
 * Records one notice per (version, person); the primary key admits one, so a second publisher (or a
 * re-run) inserting the same rows gets nothing back and queues no second email. Returns who is new.
 */
export async function insertNotices(
  tx: Transaction<DB>,
  versionId: string,
  rows: readonly { readonly subjectId: string; readonly outboxId: string }[],
  now: number,
): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  const inserted = await tx
    .insertInto('policy_notices')
    .values(
      rows.map((r) => ({
        version_id: versionId,
        subject_id: r.subjectId,
        outbox_id: r.outboxId,
        created_at: now,
      })),
    )
    .onConflict((oc) => oc.columns(['version_id', 'subject_id']).doNothing())
    .returning('subject_id')
    .execute();
  return new Set(inserted.map((r) => r.subject_id));
}

export async function advanceNoticeCursor(tx: Executor, versionId: string, cursor: string): Promise<void> {
  await tx
    .updateTable('policy_versions')
    .set({ notices_cursor: cursor })
    .where('id', '=', versionId)
    .where((eb) => eb.or([eb('notices_cursor', 'is', null), eb('notices_cursor', '<', cursor)]))
    .execute();
}

export async function finishNotices(db: Executor, versionId: string, now: number): Promise<void> {
  await db
    .updateTable('policy_versions')
    .set({ notices_state: 'queued', notices_queued_at: now })
    .where('id', '=', versionId)
    .where('notices_state', '=', 'queuing')
    .execute();
}

export async function versionsQueuingNotices(db: Executor): Promise<VersionRecord[]> {
  const rows = await db
    .selectFrom('policy_versions')
    .selectAll()
    .where('notices_state', '=', 'queuing')
    .orderBy('seq')
    .execute();
  return rows.map(toRecord);
}
