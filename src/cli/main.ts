import { Command, CommanderError, Option } from 'commander';
import { packageVersion } from '../app.js';
import { ConfigError } from '../config/env.js';
import { PolicyInvalidError } from '../modules/policy/policy.loader.js';
import { registerAuditCommands } from './commands/audit.js';
import { registerConformanceCommand } from './commands/conformance.js';
import { registerKeyCommands } from './commands/keys.js';
import { registerLedgerCommands } from './commands/ledger.js';
import { registerLogCommands } from './commands/logs.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerOperatorCommands } from './commands/operators.js';
import { registerOutboxCommands } from './commands/outbox.js';
import { registerPolicyCommands } from './commands/policy.js';
import { registerRetentionCommands } from './commands/retention.js';
import { registerSecretsCommands } from './commands/secrets.js';
import { registerServeCommand } from './commands/serve.js';
import { CliError } from './output.js';

/** Exit codes: 0 ok, 1 findings (e.g. policy errors), 2 usage, 78 configuration (EX_CONFIG), 70 internal. */
export function buildCli(): Command {
  const program = new Command('steward')
    .description('Privacy policy as code: keeps every promise of your policy, and proves it.')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerMigrateCommand(program);
  registerPolicyCommands(program);
  registerKeyCommands(program);
  registerAuditCommands(program);
  registerLedgerCommands(program);
  registerSecretsCommands(program);
  registerOutboxCommands(program);
  registerOperatorCommands(program);
  registerLogCommands(program);
  registerRetentionCommands(program);
  registerConformanceCommand(program);
  return program;
}

export async function main(argv: readonly string[]): Promise<void> {
  const program = buildCli();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof ConfigError) {
      process.stderr.write(`steward: ${error.message}\n`);
      process.exitCode = 78;
      return;
    }
    if (error instanceof PolicyInvalidError) {
      process.stderr.write(`${error.report}\nsteward: the policy has errors; fix them and start again\n`);
      process.exitCode = 1;
      return;
    }
    if (error instanceof CliError) {
      process.stderr.write(`steward: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    throw error;
  }
}

export { Option };
