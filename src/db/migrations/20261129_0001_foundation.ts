import type { Kysely } from 'kysely';

/** Foundation: API keys, subjects with identities and relationships, the audit trail, chain heads. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('api_keys')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(200)', (c) => c.notNull())
    .addColumn('role', 'varchar(32)', (c) => c.notNull())
    .addColumn('hash', 'varchar(128)', (c) => c.notNull().unique())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('last_used_at', 'bigint')
    .addColumn('revoked_at', 'bigint')
    .execute();

  await db.schema
    .createTable('subjects')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('subject_identities')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('namespace', 'varchar(64)', (c) => c.notNull())
    .addColumn('value', 'varchar(320)', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addUniqueConstraint('subject_identities_lookup', ['type', 'namespace', 'value'])
    .execute();
  await db.schema
    .createIndex('subject_identities_subject')
    .on('subject_identities')
    .column('subject_id')
    .execute();

  await db.schema
    .createTable('relationships')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('kind', 'varchar(64)', (c) => c.notNull())
    .addColumn('started_at', 'bigint', (c) => c.notNull())
    .addColumn('ended_at', 'bigint')
    .addColumn('reference', 'varchar(200)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('relationships_subject')
    .on('relationships')
    .columns(['subject_id', 'kind'])
    .execute();

  await db.schema
    .createTable('audit_log')
    .addColumn('seq', 'bigint', (c) => c.primaryKey())
    .addColumn('id', 'varchar(64)', (c) => c.notNull().unique())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('actor', 'varchar(64)', (c) => c.notNull())
    .addColumn('action', 'varchar(64)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)')
    .addColumn('target', 'varchar(200)')
    .addColumn('detail', 'text', (c) => c.notNull())
    .addColumn('prev_hash', 'varchar(64)', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('audit_log_subject').on('audit_log').columns(['subject_id', 'seq']).execute();

  await db.schema
    .createTable('chain_heads')
    .addColumn('chain', 'varchar(32)', (c) => c.primaryKey())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('hash', 'varchar(64)', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'chain_heads',
    'audit_log',
    'relationships',
    'subject_identities',
    'subjects',
    'api_keys',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
