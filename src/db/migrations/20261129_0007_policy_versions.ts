import type { Kysely } from 'kysely';

/**
 * Published policy versions (clause 6; GDPR Art. 13(3), WP260 rev.01): each edition stored immutably with
 * its text, its diff against the edition before and when it takes effect, and the notice of a material
 * change owed to each account holder. `seq` is unique, so concurrent publishers extend one linear history
 * (the loser re-reads the head and diffs against it); the notices' primary key admits one notice per
 * (version, person), so re-running or concurrently running a publication never emails anyone twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('policy_versions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('content_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('policy_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('label', 'varchar(64)')
    .addColumn('yaml', 'text', (c) => c.notNull())
    .addColumn('policy', 'text', (c) => c.notNull())
    .addColumn('previous_id', 'varchar(64)')
    .addColumn('changes', 'text', (c) => c.notNull())
    .addColumn('material', 'integer', (c) => c.notNull())
    .addColumn('effective_at', 'bigint', (c) => c.notNull())
    .addColumn('published_at', 'bigint', (c) => c.notNull())
    .addColumn('published_by', 'varchar(64)', (c) => c.notNull())
    .addColumn('notices_state', 'varchar(16)', (c) => c.notNull())
    .addColumn('notices_cursor', 'varchar(64)')
    .addColumn('notices_queued_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('policy_versions_content')
    .on('policy_versions')
    .columns(['content_hash'])
    .execute();
  await db.schema
    .createIndex('policy_versions_policy_hash')
    .on('policy_versions')
    .columns(['policy_hash'])
    .execute();

  await db.schema
    .createTable('policy_notices')
    .addColumn('version_id', 'varchar(64)', (c) => c.notNull().references('policy_versions.id'))
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('outbox_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('policy_notices_pk', ['version_id', 'subject_id'])
    .execute();
  await db.schema
    .createIndex('policy_notices_subject')
    .on('policy_notices')
    .columns(['subject_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of ['policy_notices', 'policy_versions']) {
    await db.schema.dropTable(table).ifExists().execute();
  }
}
