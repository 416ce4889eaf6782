import type BetterSqlite3 from 'better-sqlite3';
import type { Kysely } from 'kysely';
import type pg from 'pg';
import type { Store } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { GENESIS_HASH, hashEntry } from '../../domain/consent/ledger-chain.js';
import { newId } from '../../domain/identity/ids.js';
import { lastChangePerRow, type ProjectionChange, projectionChange } from './ledger.projection.js';
import { LEDGER_CHAIN, type LedgerEntry, type LedgerInput, ledgerBody } from './ledger.types.js';

/** Appends a batch of entries to the ledger and its projections in ONE committed transaction. */
export interface LedgerAppender {
  append(inputs: readonly LedgerInput[], now: number): Promise<LedgerEntry[]>;
}

function chainEntries(
  inputs: readonly LedgerInput[],
  head: { seq: number; hash: string },
  now: number,
): LedgerEntry[] {
  let { seq, hash: prevHash } = head;
  return inputs.map((input) => {
    seq += 1;
    const body = { ...input, id: newId('cns', now), recordedAt: now };
    const hash = hashEntry(prevHash, seq, ledgerBody(body));
    const entry: LedgerEntry = { ...body, seq, prevHash, hash };
    prevHash = hash;
    return entry;
  });
}

/**
 * SQLite: cached prepared statements (DESIGN §6: Kysely re-prepares each query). The connection is taken
 * through Kysely's connection mutex so a Kysely transaction in flight never interleaves with this one.
 */
function createSqliteAppender(db: Kysely<DB>, sqlite: BetterSqlite3.Database): LedgerAppender {
  const ensureHead = sqlite.prepare(
    'insert into chain_heads (chain, seq, hash) values (?, 0, ?) on conflict (chain) do nothing',
  );
  const readHead = sqlite.prepare<[string], { seq: number; hash: string }>(
    'select seq, hash from chain_heads where chain = ?',
  );
  const writeHead = sqlite.prepare('update chain_heads set seq = ?, hash = ? where chain = ?');
  const insertEvent = sqlite.prepare(
    `insert into consent_events (seq, id, subject_id, purpose, action, channel, occurred_at, recorded_at, actor, policy_hash, evidence, prev_hash, hash)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const upsertConsent = sqlite.prepare(
    `insert into consent_state (subject_id, purpose, status, seq, since) values (?, ?, ?, ?, ?)
     on conflict (subject_id, purpose) do update set status = excluded.status, seq = excluded.seq, since = excluded.since
     where excluded.seq > consent_state.seq`,
  );
  const upsertSuppression = sqlite.prepare(
    `insert into suppressions (subject_id, scope, active, reason, seq, since) values (?, ?, ?, ?, ?, ?)
     on conflict (subject_id, scope) do update set active = excluded.active, reason = excluded.reason, seq = excluded.seq, since = excluded.since
     where excluded.seq > suppressions.seq`,
  );
  const applyChange = (c: ProjectionChange) =>
    c.table === 'consent_state'
      ? upsertConsent.run(c.subjectId, c.purpose, c.status, c.seq, c.since)
      : upsertSuppression.run(c.subjectId, c.scope, c.active ? 1 : 0, c.reason, c.seq, c.since);

  const write = sqlite.transaction((inputs: readonly LedgerInput[], now: number): LedgerEntry[] => {
    ensureHead.run(LEDGER_CHAIN, GENESIS_HASH);
    const head = readHead.get(LEDGER_CHAIN)!;
    const entries = chainEntries(inputs, { seq: Number(head.seq), hash: head.hash }, now);
    for (const e of entries) {
      insertEvent.run(
        e.seq,
        e.id,
        e.subjectId,
        e.purpose,
        e.action,
        e.channel,
        e.occurredAt,
        e.recordedAt,
        e.actor,
        e.policyHash,
        JSON.stringify(e.evidence),
        e.prevHash,
        e.hash,
      );
    }
    for (const change of lastChangePerRow(entries.map(projectionChange))) applyChange(change);
    const last = entries[entries.length - 1];
    if (last) writeHead.run(last.seq, last.hash, LEDGER_CHAIN);
    return entries;
  });

  return {
    append: (inputs, now) => db.connection().execute(async () => write.immediate(inputs, now)),
  };
}

/** PostgreSQL: one transaction per batch; the head row lock orders writers of every instance. */
function createPostgresAppender(pool: pg.Pool): LedgerAppender {
  return {
    async append(inputs, now) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        await client.query(
          'insert into chain_heads (chain, seq, hash) values ($1, 0, $2) on conflict (chain) do nothing',
          [LEDGER_CHAIN, GENESIS_HASH],
        );
        const head = (
          await client.query<{ seq: number; hash: string }>(
            'select seq, hash from chain_heads where chain = $1 for update',
            [LEDGER_CHAIN],
          )
        ).rows[0]!;
        const entries = chainEntries(inputs, { seq: Number(head.seq), hash: head.hash }, now);
        const col = <K extends keyof LedgerEntry>(k: K) => entries.map((e) => e[k]);
        await client.query(
          `insert into consent_events (seq, id, subject_id, purpose, action, channel, occurred_at, recorded_at, actor, policy_hash, evidence, prev_hash, hash)
           select * from unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])`,
          [
            col('seq'),
            col('id'),
            col('subjectId'),
            col('purpose'),
            col('action'),
            col('channel'),
            col('occurredAt'),
            col('recordedAt'),
            col('actor'),
            col('policyHash'),
            entries.map((e) => JSON.stringify(e.evidence)),
            col('prevHash'),
            col('hash'),
          ],
        );
        const changes = lastChangePerRow(entries.map(projectionChange));
        const consents = changes.filter((c) => c.table === 'consent_state');
        const suppressions = changes.filter((c) => c.table === 'suppressions');
        if (consents.length > 0) {
          await client.query(
            `insert into consent_state (subject_id, purpose, status, seq, since)
             select * from unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[])
             on conflict (subject_id, purpose) do update set status = excluded.status, seq = excluded.seq, since = excluded.since
             where excluded.seq > consent_state.seq`,
            [
              consents.map((c) => c.subjectId),
              consents.map((c) => c.purpose),
              consents.map((c) => c.status),
              consents.map((c) => c.seq),
              consents.map((c) => c.since),
            ],
          );
        }
        if (suppressions.length > 0) {
          await client.query(
            `insert into suppressions (subject_id, scope, active, reason, seq, since)
             select * from unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::bigint[], $6::bigint[])
             on conflict (subject_id, scope) do update set active = excluded.active, reason = excluded.reason, seq = excluded.seq, since = excluded.since
             where excluded.seq > suppressions.seq`,
            [
              suppressions.map((c) => c.subjectId),
              suppressions.map((c) => c.scope),
              suppressions.map((c) => (c.active ? 1 : 0)),
              suppressions.map((c) => c.reason),
              suppressions.map((c) => c.seq),
              suppressions.map((c) => c.since),
            ],
          );
        }
        const last = entries[entries.length - 1];
        if (last)
          await client.query('update chain_heads set seq = $1, hash = $2 where chain = $3', [
            last.seq,
            last.hash,
            LEDGER_CHAIN,
          ]);
        await client.query('commit');
        return entries;
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

export function createLedgerAppender(store: Store): LedgerAppender {
  return store.dialect === 'sqlite'
    ? createSqliteAppender(store.db, store.sqlite)
    : createPostgresAppender(store.pool);
}
