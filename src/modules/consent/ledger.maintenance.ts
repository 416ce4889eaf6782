import type { KeyObject } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  type Checkpoint,
  createCheckpoint,
  deriveKeyId,
  verifyCheckpoint,
} from '../../domain/consent/checkpoint.js';
import { type ChainVerdict, ChainVerifier } from '../../domain/consent/ledger-chain.js';
import { lastChangePerRow, type ProjectionChange, projectionChange } from './ledger.projection.js';
import { readLedgerHead, scanLedger } from './ledger.repo.js';
import { ledgerBody } from './ledger.types.js';

export type LedgerVerdict = ChainVerdict | { readonly ok: false; readonly checkpoint: string };

/**
 * Recomputes every entry's hash in seq order and names the first bad one. With a signed checkpoint,
 * also proves the ledger still holds that head unchanged: truncation and rewrites show (§6.2 item 128).
 */
export async function verifyLedger(
  db: Kysely<DB>,
  options: { checkpoint?: unknown; keyring?: ReadonlyMap<string, KeyObject> } = {},
): Promise<LedgerVerdict> {
  // Without a checkpoint, the stored head still catches an accidental truncation (read before the scan,
  // so entries appended meanwhile only add to what is read). A deliberate one also rewrites the head:
  // only a checkpoint kept outside the database shows that.
  let expectedHead: { seq: number; hash: string } | undefined = (await readLedgerHead(db)) ?? undefined;
  if (expectedHead?.seq === 0) expectedHead = undefined;
  if (options.checkpoint !== undefined) {
    const verdict = verifyCheckpoint(options.checkpoint, options.keyring ?? new Map());
    if (!verdict.ok) return { ok: false, checkpoint: `${verdict.reason}: ${verdict.message}` };
    const cp = options.checkpoint as Checkpoint;
    expectedHead = { seq: cp.seq, hash: cp.head };
  }
  const verifier = new ChainVerifier(expectedHead ? { expectedHead } : {});
  for await (const entry of scanLedger(db)) {
    if (
      !verifier.push({ seq: entry.seq, prevHash: entry.prevHash, hash: entry.hash, body: ledgerBody(entry) })
    )
      break;
  }
  return verifier.finish();
}

/** Signs the current head and stores the checkpoint; export it and keep it outside the database. */
export async function issueCheckpoint(
  db: Kysely<DB>,
  signer: { privateKey: KeyObject; origin: string },
  now = Date.now(),
): Promise<Checkpoint> {
  const head = (await readLedgerHead(db)) ?? { seq: 0, hash: '0'.repeat(64) };
  const checkpoint = createCheckpoint(
    { origin: signer.origin, seq: head.seq, head: head.hash, issuedAt: new Date(now).toISOString() },
    { keyId: deriveKeyId(signer.privateKey), privateKey: signer.privateKey },
  );
  await db
    .insertInto('ledger_checkpoints')
    .values({
      seq: checkpoint.seq,
      head: checkpoint.head,
      issued_at: now,
      key_id: checkpoint.keyId,
      document: JSON.stringify(checkpoint),
    })
    .onConflict((oc) =>
      oc.column('seq').doUpdateSet({
        head: checkpoint.head,
        issued_at: now,
        key_id: checkpoint.keyId,
        document: JSON.stringify(checkpoint),
      }),
    )
    .execute();
  return checkpoint;
}

export interface RebuildReport {
  readonly events: number;
  readonly consentRows: number;
  readonly suppressionRows: number;
  /** Rows of the live projection that differed from the rebuilt one (0 when the projection was right). */
  readonly differences: number;
}

const keyOf = (c: ProjectionChange) =>
  c.table === 'consent_state'
    ? `c|${c.subjectId}|${c.purpose}|${c.status}|${c.seq}|${c.since}`
    : `s|${c.subjectId}|${c.scope}|${c.active ? 1 : 0}|${c.reason}|${c.seq}|${c.since}`;

/** Replays the whole ledger into fresh projections, in one transaction, reporting what differed. */
export async function rebuildProjections(
  db: Kysely<DB>,
  dialect: 'sqlite' | 'postgres',
): Promise<RebuildReport> {
  return db.transaction().execute(async (tx) => {
    // Hold the ledger head so that no event is appended between the replay and the swap.
    if (dialect === 'postgres')
      await sql`select seq from chain_heads where chain = 'consent' for update`.execute(tx);
    else await sql`update chain_heads set seq = seq where chain = 'consent'`.execute(tx);
    const changes: ProjectionChange[] = [];
    let events = 0;
    for await (const entry of scanLedger(tx)) {
      events++;
      changes.push(projectionChange(entry));
    }
    const rebuilt = lastChangePerRow(changes);
    const live = new Set<string>();
    for (const r of await tx.selectFrom('consent_state').selectAll().execute())
      live.add(`c|${r.subject_id}|${r.purpose}|${r.status}|${Number(r.seq)}|${Number(r.since)}`);
    for (const r of await tx.selectFrom('suppressions').selectAll().execute())
      live.add(`s|${r.subject_id}|${r.scope}|${r.active}|${r.reason}|${Number(r.seq)}|${Number(r.since)}`);
    const fresh = new Set(rebuilt.map(keyOf));
    let differences = 0;
    for (const k of live) if (!fresh.has(k)) differences++;
    for (const k of fresh) if (!live.has(k)) differences++;
    await tx.deleteFrom('consent_state').execute();
    await tx.deleteFrom('suppressions').execute();
    const consents = rebuilt.filter((c) => c.table === 'consent_state');
    const suppressions = rebuilt.filter((c) => c.table === 'suppressions');
    for (let i = 0; i < consents.length; i += 500) {
      await tx
        .insertInto('consent_state')
        .values(
          consents.slice(i, i + 500).map((c) => ({
            subject_id: c.subjectId,
            purpose: c.purpose,
            status: c.status,
            seq: c.seq,
            since: c.since,
          })),
        )
        .execute();
    }
    for (let i = 0; i < suppressions.length; i += 500) {
      await tx
        .insertInto('suppressions')
        .values(
          suppressions.slice(i, i + 500).map((c) => ({
            subject_id: c.subjectId,
            scope: c.scope,
            active: c.active ? 1 : 0,
            reason: c.reason,
            seq: c.seq,
            since: c.since,
          })),
        )
        .execute();
    }
    return { events, consentRows: consents.length, suppressionRows: suppressions.length, differences };
  });
}
