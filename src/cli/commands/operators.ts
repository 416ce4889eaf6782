import { type Command, Option } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { AppError } from '../../errors/app-error.js';
import { ROLES, type Role } from '../../modules/keys/keys.service.js';
import { createOperatorsService, type OperatorsService } from '../../modules/operators/operators.service.js';
import { CliError, idArgument, printJson } from '../output.js';

async function withOperators<T>(fn: (operators: OperatorsService) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.database);
  try {
    await migrateToLatest(store.db);
    return await fn(
      createOperatorsService({
        db: store.db,
        sessionTtlMs: config.sessionTtlMs,
        maxFailures: config.login.maxFailures,
        lockMs: config.login.lockMs,
      }),
    );
  } catch (error) {
    if (error instanceof AppError)
      throw new CliError([error.message, ...error.errors.map((e) => `${e.field}: ${e.message}`)].join('; '));
    throw error;
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/**
 * `steward operators create|list|disable|enable`: the people who sign in to the admin console. The
 * password is read from standard input (never an argument: arguments show in process lists and history).
 */
export function registerOperatorCommands(program: Command): void {
  const operators = program.command('operators').description('admin console accounts (argon2id passwords)');
  operators
    .command('create')
    .description('create an operator; the password is read from standard input')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(new Option('--role <role>', 'what the operator may do').choices(ROLES).makeOptionMandatory())
    .action(async (opts: { email: string; role: Role }) => {
      if (process.stdin.isTTY)
        throw new CliError('pipe the password on standard input (e.g. from a password manager)', 2);
      const password = await readStdin();
      const created = await withOperators((o) => o.create({ email: opts.email, role: opts.role, password }));
      printJson(created);
    });
  operators
    .command('list')
    .description('list operators (never their password hashes)')
    .action(async () => printJson(await withOperators((o) => o.list())));
  for (const [name, disabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    operators
      .command(`${name} <id>`)
      .description(
        disabled ? 'disable an operator and end their sessions' : 'enable an operator again and unlock it',
      )
      .action(async (value: string) => {
        const id = idArgument(value, 'usr', 'an operator');
        if (!(await withOperators((o) => o.setDisabled(id, disabled))))
          throw new CliError(`no operator ${id.slice(0, 40)}`);
        process.stdout.write(`${name}d ${id}\n`);
      });
  }
}
