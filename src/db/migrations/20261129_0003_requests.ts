import type { Kysely } from 'kysely';

/**
 * Data subject requests (clause 4, GDPR Art. 12, 15–21): the requests and their verification codes, the
 * access exports, the disclosures register (clause 2.1.3), rows kept under a legal hold (Art. 17(3)(b),
 * 18), the email outbox and rate-limit counters.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('dsr_requests')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('type', 'varchar(16)', (c) => c.notNull())
    .addColumn('state', 'varchar(24)', (c) => c.notNull())
    .addColumn('email', 'varchar(320)', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)')
    .addColumn('jurisdiction', 'varchar(16)', (c) => c.notNull())
    .addColumn('received_at', 'bigint', (c) => c.notNull())
    .addColumn('due_at', 'bigint', (c) => c.notNull())
    .addColumn('extended', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('extension_reason', 'text')
    .addColumn('verified_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('closing_reason', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('result', 'text')
    .addColumn('status_token_hash', 'varchar(64)')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('dsr_requests_due').on('dsr_requests').columns(['state', 'due_at']).execute();
  await db.schema
    .createIndex('dsr_requests_email')
    .on('dsr_requests')
    .columns(['email', 'received_at'])
    .execute();

  await db.schema
    .createTable('dsr_verifications')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(64)', (c) =>
      c.notNull().references('dsr_requests.id').onDelete('cascade'),
    )
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .execute();

  await db.schema
    .createTable('dsr_exports')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('request_id', 'varchar(64)', (c) =>
      c.notNull().references('dsr_requests.id').onDelete('cascade'),
    )
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('archive', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('disclosures')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('recipient', 'varchar(64)', (c) => c.notNull())
    .addColumn('categories', 'text', (c) => c.notNull())
    .addColumn('basis', 'text', (c) => c.notNull())
    .addColumn('reference', 'varchar(200)')
    .addColumn('disclosed_at', 'bigint', (c) => c.notNull())
    .addColumn('recorded_by', 'varchar(64)', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('disclosures_subject')
    .on('disclosures')
    .columns(['subject_id', 'disclosed_at'])
    .execute();

  await db.schema
    .createTable('restrictions')
    .addColumn('dataset', 'varchar(64)', (c) => c.notNull())
    .addColumn('table_name', 'varchar(130)', (c) => c.notNull())
    .addColumn('row_key', 'varchar(200)', (c) => c.notNull())
    .addColumn('request_id', 'varchar(64)')
    .addColumn('rule', 'varchar(64)', (c) => c.notNull())
    .addColumn('until', 'bigint', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('restrictions_pk', ['dataset', 'table_name', 'row_key'])
    .execute();

  await db.schema
    .createTable('outbox_emails')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('recipient', 'varchar(320)', (c) => c.notNull())
    .addColumn('template', 'varchar(64)', (c) => c.notNull())
    .addColumn('payload', 'text', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
    .addColumn('claimed_until', 'bigint')
    .addColumn('sent_at', 'bigint')
    .addColumn('last_error', 'varchar(500)')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('outbox_emails_due')
    .on('outbox_emails')
    .columns(['status', 'next_attempt_at'])
    .execute();

  await db.schema
    .createTable('rate_limits')
    .addColumn('bucket', 'varchar(128)', (c) => c.primaryKey())
    .addColumn('window_start', 'bigint', (c) => c.notNull())
    .addColumn('hits', 'integer', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'rate_limits',
    'outbox_emails',
    'restrictions',
    'disclosures',
    'dsr_exports',
    'dsr_verifications',
    'dsr_requests',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
