import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { loadSecrets } from '../../config/secrets.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { deriveKeyId, parsePrivateKey, parsePublicKey } from '../../domain/consent/checkpoint.js';
import {
  issueCheckpoint,
  rebuildProjections,
  verifyLedger,
} from '../../modules/consent/ledger.maintenance.js';
import { CliError, checkWritable, printJson, writeOutput } from '../output.js';

async function withStore<T>(
  fn: (store: ReturnType<typeof openStore>, config: ReturnType<typeof loadConfig>) => Promise<T>,
): Promise<T> {
  const config = loadConfig();
  const store = openStore(config.database);
  try {
    await migrateToLatest(store.db);
    return await fn(store, config);
  } finally {
    await store.close();
  }
}

function signingKey(config: ReturnType<typeof loadConfig>) {
  const secrets = loadSecrets(process.env, {
    dataDir: config.dataDir,
    allowGenerated: config.database.kind === 'sqlite',
  });
  return parsePrivateKey(secrets.ledgerSigningKey);
}

/** The `--public-key` value as a key, or a usage error that names the option (and never quotes the value). */
function publicKeyOption(value: string) {
  try {
    return parsePublicKey(value);
  } catch {
    throw new CliError('--public-key: not an Ed25519 public key (PEM, or 32 bytes in base64url)', 2);
  }
}

/** `steward ledger verify|checkpoint|rebuild`: the consent ledger's integrity tools (GDPR Art. 7(1)). */
export function registerLedgerCommands(program: Command): void {
  const ledger = program.command('ledger').description('the tamper-evident consent ledger');

  ledger
    .command('verify')
    .description('recompute every entry hash; with a checkpoint, also detect truncation and rewrites')
    .option('--checkpoint <file>', 'a checkpoint exported earlier by `steward ledger checkpoint`')
    .option(
      '--public-key <pem-or-raw>',
      'verify the checkpoint with this Ed25519 public key (default: the configured signing key)',
    )
    .action(async (opts: { checkpoint?: string; publicKey?: string }) => {
      await withStore(async (store, config) => {
        let checkpoint: unknown;
        if (opts.checkpoint) {
          try {
            checkpoint = JSON.parse(fs.readFileSync(opts.checkpoint, 'utf8'));
          } catch (error) {
            throw new CliError(
              `${opts.checkpoint}: not a readable JSON checkpoint (${error instanceof Error ? error.message : 'unreadable'})`,
              1,
            );
          }
        }
        const publicKey = opts.publicKey
          ? publicKeyOption(opts.publicKey)
          : createPublicKey(signingKey(config));
        const keyring = new Map([[deriveKeyId(publicKey), publicKey]]);
        const verdict = await verifyLedger(store.db, { checkpoint, keyring });
        if ('checkpoint' in verdict)
          throw new CliError(`${opts.checkpoint}: checkpoint not valid: ${verdict.checkpoint}`);
        if (!verdict.ok)
          throw new CliError(
            `ledger broken at seq ${verdict.firstBad.seq} (${verdict.firstBad.reason}): ${verdict.firstBad.message}`,
          );
        process.stdout.write(
          `ledger ok: ${verdict.count} entries, head ${verdict.head.hash}${checkpoint ? ', checkpoint matches' : ''}\n`,
        );
      });
    });

  ledger
    .command('checkpoint')
    .description('sign the current head (Ed25519) and print the checkpoint; keep it outside the database')
    .option('--out <file>', 'write the checkpoint to this file')
    .action(async (opts: { out?: string }) => {
      if (opts.out !== undefined) checkWritable(opts.out);
      await withStore(async (store, config) => {
        const checkpoint = await issueCheckpoint(store.db, {
          privateKey: signingKey(config),
          origin: `${config.publicUrl}/ledger`,
        });
        if (opts.out !== undefined) writeOutput(opts.out, `${JSON.stringify(checkpoint, null, 2)}\n`);
        else printJson(checkpoint);
      });
    });

  ledger
    .command('rebuild')
    .description('replay the ledger into the current-state projections; reports rows that differed')
    .action(async () => {
      await withStore(async (store) => {
        const report = await rebuildProjections(store.db, store.dialect);
        process.stdout.write(
          `rebuilt from ${report.events} events: ${report.consentRows} consent rows, ${report.suppressionRows} suppressions; ${report.differences} differed from the live projection\n`,
        );
      });
    });
}
