import { type Command, Option } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { renderEmail } from '../../mail/templates.js';
import { limitOption } from '../output.js';

const OUTBOX_STATUSES = ['pending', 'sent', 'failed'] as const;

/**
 * `steward outbox list`: the emails Steward has queued, for an operator without SMTP yet (the quick start)
 * or checking deliveries. Prints to the terminal only; nothing of it reaches a log.
 */
export function registerOutboxCommands(program: Command): void {
  program
    .command('outbox')
    .description('emails queued by Steward (verification links, notices)')
    .command('list')
    .description('print queued and sent emails, newest first')
    .addOption(new Option('--status <status>', 'which emails').choices(OUTBOX_STATUSES).default('pending'))
    .option('--limit <n>', 'how many, 1 to 500', '20')
    .action(async (opts: { status: (typeof OUTBOX_STATUSES)[number]; limit: string }) => {
      const limit = limitOption(opts.limit);
      const config = loadConfig();
      const store = openStore(config.database);
      try {
        await migrateToLatest(store.db);
        const rows = await store.db
          .selectFrom('outbox_emails')
          .selectAll()
          .where('status', '=', opts.status)
          .orderBy('created_at', 'desc')
          .limit(limit)
          .execute();
        for (const row of rows) {
          const email = renderEmail(row.template, JSON.parse(row.payload) as Record<string, string>);
          process.stdout.write(
            `--- ${row.id} to ${row.recipient} (${row.status}, ${row.attempts} attempts)\nSubject: ${email.subject}\n\n${email.text}\n`,
          );
        }
        if (rows.length === 0) process.stdout.write(`no ${opts.status} emails\n`);
      } finally {
        await store.close();
      }
    });
}
