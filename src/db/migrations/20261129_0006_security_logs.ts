import { type Kysely, PostgresAdapter, sql } from 'kysely';

/**
 * Website security logs (policy clause 1.7, `securityLogs`): one row per request, with the client address
 * full for `fullIpFor` and truncated after, deleted after `deleteAfter`. `ip_truncated` (0/1) leads an
 * index so the sweep finds the rows still holding a full address without scanning the table; the id is
 * the database's own sequence (SQLite rowid, PostgreSQL identity), the cheapest key for a hot insert path.
 * `ip_key`/`ip_end` are fixed-width hex compared as strings: on PostgreSQL they take the "C" collation so
 * that order is byte order whatever the database's locale.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const postgres = db.getExecutor().adapter instanceof PostgresAdapter;
  const hex = postgres ? sql`varchar(33) collate "C"` : 'varchar(33)';
  await db.schema
    .createTable('security_logs')
    .addColumn('id', postgres ? 'bigint' : 'integer', (c) =>
      postgres ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey(),
    )
    .addColumn('time', 'bigint', (c) => c.notNull())
    .addColumn('method', 'varchar(16)', (c) => c.notNull())
    .addColumn('path', 'varchar(1024)', (c) => c.notNull())
    .addColumn('status', 'integer', (c) => c.notNull())
    .addColumn('user_agent', 'varchar(512)')
    .addColumn('ip', 'varchar(64)', (c) => c.notNull())
    .addColumn('ip_truncated', 'integer', (c) => c.notNull())
    .addColumn('ip_key', hex, (c) => c.notNull())
    .addColumn('ip_end', hex)
    .execute();
  await db.schema.createIndex('security_logs_time').on('security_logs').columns(['time', 'id']).execute();
  await db.schema
    .createIndex('security_logs_truncation')
    .on('security_logs')
    .columns(['ip_truncated', 'time'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('security_logs').execute();
}
