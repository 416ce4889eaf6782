import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { verifyAuditTrail } from '../../modules/audit/audit.verify.js';
import { CliError } from '../output.js';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('the hash-chained audit trail');
  audit
    .command('verify')
    .description('recompute every audit entry hash and name the first bad one')
    .action(async () => {
      const config = loadConfig();
      const store = openStore(config.database);
      try {
        await migrateToLatest(store.db);
        const result = await verifyAuditTrail(store.db);
        if (!result.ok)
          throw new CliError(`audit trail broken at seq ${result.firstBad.seq}: ${result.firstBad.message}`);
        process.stdout.write(`audit trail ok: ${result.count} entries\n`);
      } finally {
        await store.close();
      }
    });
}
