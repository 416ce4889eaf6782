import type { Kysely } from 'kysely';

/**
 * Retention (clauses 1.4–1.6, GDPR Art. 5(1)(e), 17(3)(b)): the report of every sweep, manual legal holds
 * (a person or a record kept beyond its period, with reason and expiry), and the slots of scheduled jobs.
 * A slot's id is deterministic (job and slot start), so when several instances claim the same slot the
 * primary key lets exactly one of them in.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('retention_runs')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('trigger', 'varchar(16)', (c) => c.notNull())
    .addColumn('dry_run', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('report', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('retention_runs_started')
    .on('retention_runs')
    .columns(['started_at'])
    .execute();

  await db.schema
    .createTable('legal_holds')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_id', 'varchar(64)', (c) => c.references('subjects.id').onDelete('restrict'))
    .addColumn('dataset', 'varchar(64)')
    .addColumn('table_name', 'varchar(130)')
    .addColumn('row_key', 'varchar(200)')
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('released_at', 'bigint')
    .addColumn('released_by', 'varchar(64)')
    .execute();
  await db.schema.createIndex('legal_holds_subject').on('legal_holds').columns(['subject_id']).execute();
  await db.schema
    .createIndex('legal_holds_record')
    .on('legal_holds')
    .columns(['dataset', 'table_name'])
    .execute();

  // People whose rows a per-person rule (`from: purposes`) has erased, so later sweeps skip them until a
  // new relationship or consent gives the rule something to judge again.
  await db.schema
    .createTable('retention_subjects')
    .addColumn('rule', 'varchar(200)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('done_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('retention_subjects_pk', ['rule', 'subject_id'])
    .execute();

  await db.schema
    .createTable('job_slots')
    .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('job', 'varchar(64)', (c) => c.notNull())
    .addColumn('slot_start', 'bigint', (c) => c.notNull())
    .addColumn('claimed_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('claimed_at', 'bigint', (c) => c.notNull())
    .addColumn('finished_at', 'bigint')
    .addColumn('outcome', 'varchar(16)')
    .execute();
  await db.schema.createIndex('job_slots_job').on('job_slots').columns(['job', 'slot_start']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['job_slots', 'retention_subjects', 'legal_holds', 'retention_runs']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
