import type { Kysely } from 'kysely';

/**
 * Form and survey submissions (policy clause 1.6.5, `forms`). Answers are JSON text. A submission to a
 * named form may link the person who sent it (`subject_id`, by the email they gave); an anonymous one
 * never does, and holds no column for an IP address, user agent or cookie: there is nowhere to put them.
 * `anonymous` (0/1) records the promise made when the answers were given, whatever the policy says later.
 * Retention deletes by purpose and time; access and erasure find a person's submissions by subject.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('form_submissions')
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('form_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
    .addColumn('anonymous', 'integer', (c) => c.notNull())
    .addColumn('answers', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'bigint', (c) => c.notNull())
    .addColumn('subject_id', 'varchar(64)', (c) => c.references('subjects.id').onDelete('cascade'))
    .execute();
  await db.schema
    .createIndex('form_submissions_form')
    .on('form_submissions')
    .columns(['form_id', 'id'])
    .execute();
  await db.schema
    .createIndex('form_submissions_retention')
    .on('form_submissions')
    .columns(['purpose', 'submitted_at'])
    .execute();
  await db.schema
    .createIndex('form_submissions_subject')
    .on('form_submissions')
    .columns(['subject_id', 'purpose', 'submitted_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('form_submissions').execute();
}
