import type { Kysely } from 'kysely';

/**
 * Magic links of the privacy center's preferences page (clause 1.1: withdraw as easily as you gave). Only
 * SHA-256 hashes of the emailed link token and of the short session it opens are stored; a link opens one
 * session (single use) before it expires, and the session has its own, shorter expiry.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('preference_links')
    .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('subject_id', 'varchar(64)', (c) => c.notNull().references('subjects.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addColumn('used_at', 'bigint')
    .addColumn('session_hash', 'varchar(64)', (c) => c.unique())
    .addColumn('session_expires_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('preference_links_expiry')
    .on('preference_links')
    .columns(['expires_at'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('preference_links').ifExists().execute();
}
