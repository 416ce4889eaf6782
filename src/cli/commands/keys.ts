import { type Command, Option } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { createKeysService, ROLES, type Role } from '../../modules/keys/keys.service.js';
import { CliError, idArgument, printJson } from '../output.js';

async function withKeys<T>(fn: (keys: ReturnType<typeof createKeysService>) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.database);
  try {
    await migrateToLatest(store.db);
    return await fn(createKeysService({ db: store.db }));
  } finally {
    await store.close();
  }
}

export function registerKeyCommands(program: Command): void {
  const keys = program.command('keys').description('API keys (stored hashed; the token is shown once)');
  keys
    .command('create')
    .description('create an API key')
    .addOption(new Option('--role <role>', 'what the key may do').choices(ROLES).makeOptionMandatory())
    .option('--name <name>', 'a label for the key', 'unnamed')
    .option('--json', 'print JSON')
    .action(async (opts: { role: Role; name: string; json?: boolean }) => {
      if (opts.name.length > 200) throw new CliError('--name: at most 200 characters', 2);
      const key = await withKeys((k) => k.create(opts.role, opts.name));
      if (opts.json) printJson(key);
      else process.stdout.write(`${key.token}\n`);
      process.stderr.write(`created ${key.id} (${key.role}); store the token now, it is not shown again\n`);
    });
  keys
    .command('list')
    .description('list API keys (never their tokens)')
    .action(async () => printJson(await withKeys((k) => k.list())));
  keys
    .command('revoke <id>')
    .description('revoke an API key')
    .action(async (value: string) => {
      const id = idArgument(value, 'key', 'an API key');
      const done = await withKeys((k) => k.revoke(id));
      if (!done) throw new CliError(`no active key ${id}`);
      process.stdout.write(`revoked ${id}\n`);
    });
}
