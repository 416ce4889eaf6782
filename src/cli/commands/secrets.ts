import type { Command } from 'commander';
import { generateSecrets } from '../../config/secrets.js';

/** `steward secrets generate`: fresh signing secrets as environment lines, for a PostgreSQL deployment. */
export function registerSecretsCommands(program: Command): void {
  program
    .command('secrets')
    .description('signing secrets')
    .command('generate')
    .description('print a fresh unsubscribe keyring and ledger signing key as environment lines')
    .action(() => {
      const secrets = generateSecrets();
      process.stdout.write(
        `STEWARD_UNSUBSCRIBE_KEYS=${secrets.unsubscribeKeys}\nSTEWARD_LEDGER_SIGNING_KEY=${secrets.ledgerSigningKey}\n`,
      );
    });
}
