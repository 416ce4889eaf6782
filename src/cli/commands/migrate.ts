import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';

export function registerMigrateCommand(program: Command): void {
  program
    .command('migrate')
    .description('bring the database to the latest schema (serve does this at start too)')
    .action(async () => {
      const config = loadConfig();
      const store = openStore(config.database);
      try {
        const report = await migrateToLatest(store.db);
        process.stdout.write(
          report.applied.length ? `applied: ${report.applied.join(', ')}\n` : 'already up to date\n',
        );
      } finally {
        await store.close();
      }
    });
}
