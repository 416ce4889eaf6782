import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../db/schema.js';

type Executor = Kysely<DB> | Transaction<DB>;

export interface PreferenceLink {
  readonly subjectId: string;
  readonly expiresAt: number;
  readonly usedAt: number | null;
  readonly sessionExpiresAt: number | null;
}

const toLink = (row: DB['preference_links']): PreferenceLink => ({
  subjectId: row.subject_id,
  expiresAt: Number(row.expires_at),
  usedAt: row.used_at === null ? null : Number(row.used_at),
  sessionExpiresAt: row.session_expires_at === null ? null : Number(row.session_expires_at),
});

/** The subject owning this (canonical) email address, if any. */
export async function findSubjectByEmail(db: Executor, email: string): Promise<string | null> {
  const row = await db
    .selectFrom('subject_identities')
    .select('subject_id')
    .where('type', '=', 'email')
    .where('namespace', '=', '')
    .where('value', '=', email)
    .executeTakeFirst();
  return row?.subject_id ?? null;
}

export async function insertPreferenceLink(
  db: Executor,
  row: { tokenHash: string; subjectId: string; now: number; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('preference_links')
    .values({
      token_hash: row.tokenHash,
      subject_id: row.subjectId,
      created_at: row.now,
      expires_at: row.expiresAt,
      used_at: null,
      session_hash: null,
      session_expires_at: null,
    })
    .execute();
}

/** Links whose link and session have both run out are of no use to anyone: they go. */
export async function deleteSpentLinks(db: Executor, now: number): Promise<void> {
  await db
    .deleteFrom('preference_links')
    .where('expires_at', '<', now)
    .where((eb) => eb.or([eb('session_expires_at', 'is', null), eb('session_expires_at', '<', now)]))
    .execute();
}

export async function findLink(db: Executor, tokenHash: string): Promise<PreferenceLink | null> {
  const row = await db
    .selectFrom('preference_links')
    .selectAll()
    .where('token_hash', '=', tokenHash)
    .executeTakeFirst();
  return row ? toLink(row) : null;
}

export async function findSession(db: Executor, sessionHash: string): Promise<PreferenceLink | null> {
  const row = await db
    .selectFrom('preference_links')
    .selectAll()
    .where('session_hash', '=', sessionHash)
    .executeTakeFirst();
  return row ? toLink(row) : null;
}

/**
 * Uses the link up: a conditional update, so that of two concurrent first changes only one opens a
 * session (the other finds the link used). True when this call consumed it.
 */
export async function consumeLink(
  db: Executor,
  input: { tokenHash: string; sessionHash: string; sessionExpiresAt: number; now: number },
): Promise<boolean> {
  const result = await db
    .updateTable('preference_links')
    .set({ used_at: input.now, session_hash: input.sessionHash, session_expires_at: input.sessionExpiresAt })
    .where('token_hash', '=', input.tokenHash)
    .where('used_at', 'is', null)
    .where('expires_at', '>=', input.now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The consent projection of one subject (ledger-derived; see docs/consent.md). */
export async function readConsentState(
  db: Executor,
  subjectId: string,
): Promise<{ purpose: string; status: string; since: number }[]> {
  const rows = await db
    .selectFrom('consent_state')
    .select(['purpose', 'status', 'since'])
    .where('subject_id', '=', subjectId)
    .execute();
  return rows.map((r) => ({ purpose: r.purpose, status: r.status, since: Number(r.since) }));
}

/** Active suppressions ("unsubscribed from marketing") of one subject, by scope (`*` = all marketing). */
export async function readSuppressions(
  db: Executor,
  subjectId: string,
): Promise<{ scope: string; since: number }[]> {
  const rows = await db
    .selectFrom('suppressions')
    .select(['scope', 'since'])
    .where('subject_id', '=', subjectId)
    .where('active', '=', 1)
    .execute();
  return rows.map((r) => ({ scope: r.scope, since: Number(r.since) }));
}

/** When the newest access export of a request ends (the status page shows its link until then). */
export async function exportExpiry(db: Executor, requestId: string): Promise<number | null> {
  const row = await db
    .selectFrom('dsr_exports')
    .select('expires_at')
    .where('request_id', '=', requestId)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row ? Number(row.expires_at) : null;
}

/** The newest export's ZIP (base64) while it lives; null once it expired or when there is none. */
export async function exportArchive(db: Executor, requestId: string, now: number): Promise<string | null> {
  const row = await db
    .selectFrom('dsr_exports')
    .select('archive')
    .where('request_id', '=', requestId)
    .where('expires_at', '>=', now)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
  return row?.archive ?? null;
}
