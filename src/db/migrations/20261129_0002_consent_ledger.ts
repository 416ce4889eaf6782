import type { Kysely } from 'kysely';

/**
 * The consent ledger (append-only, hash-chained), its projections (current consent per subject and
 * purpose; marketing suppressions) and the checkpoints exported from it. Clauses 1.1, 1.6.3, 1.6.4.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('consent_events')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(32)', (c) => c.notNull())
    .addColumn('channel', 'varchar(32)', (c) => c.notNull())
    .addColumn('occurred_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('policy_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('consent_events_subject')
    .on('consent_events')
    .columns(['subject_id', 'seq'])
    .execute();
  await db.schema.createIndex('consent_events_time').on('consent_events').columns(['recorded_at']).execute();

  await db.schema
    .createTable('consent_state')
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('consent_state_pk', ['subject_id', 'purpose'])
    .execute();

  await db.schema
    .createTable('suppressions')
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('scope', 'varchar(64)', (c) => c.notNull())
    .addColumn('active', 'integer', (c) => c.notNull())
    .addColumn('reason', 'varchar(32)', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('since', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('suppressions_pk', ['subject_id', 'scope'])
    .execute();

  await db.schema
    .createTable('ledger_checkpoints')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('head', 'varchar(64)', (c) => c.notNull())
    .addColumn('issued_at', 'bigint', (c) => c.notNull())
    .addColumn('key_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('document', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['ledger_checkpoints', 'suppressions', 'consent_state', 'consent_events']) {
    await db.schema.dropTable(table).execute();
  }
}
