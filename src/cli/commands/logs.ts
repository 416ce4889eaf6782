import fs from 'node:fs';
import type { Command } from 'commander';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import { splitLines } from '../../domain/logs/line-splitter.js';
import { createLogWriter } from '../../modules/logs/logs.repo.js';
import { createLogsService, MAX_LINE_BYTES } from '../../modules/logs/logs.service.js';
import { loadPolicyOrThrow } from '../../modules/policy/policy.loader.js';
import { CliError, printJson } from '../output.js';

function openInput(file: string | undefined): NodeJS.ReadableStream {
  if (file === undefined || file === '-') return process.stdin;
  try {
    // Opened now (not lazily by the stream) so a missing file is an error before anything is stored.
    const fd = fs.openSync(file, 'r');
    return fs.createReadStream(file, { fd, highWaterMark: 256 * 1024 });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new CliError(`${file}: cannot read (${code})`, 1);
  }
}

/**
 * `steward logs ingest [FILE]`: web-server access logs (combined format or JSON lines) into the security
 * logs, straight into the store (no server needed), e.g. from logrotate's postrotate. Prints the report
 * as JSON; rejected lines are counted, not fatal. Exit 78 when the policy keeps no security logs.
 */
export function registerLogCommands(program: Command): void {
  const logs = program.command('logs').description('website security logs (policy: securityLogs)');
  logs
    .command('ingest [file]')
    .description('store access log lines from FILE, or from stdin when FILE is absent or -')
    .action(async (file: string | undefined) => {
      const config = loadConfig();
      const policy = loadPolicyOrThrow(config.policyFile);
      const securityLogs = policy.policy.securityLogs;
      if (!securityLogs)
        throw new CliError(
          `${config.policyFile}: the policy has no securityLogs section; nothing is stored`,
          78,
        );
      const input = openInput(file);
      const store = openStore(config.database);
      try {
        await migrateToLatest(store.db);
        const service = createLogsService({
          db: store.db,
          dialect: store.dialect,
          writer: createLogWriter(store),
          securityLogs,
        });
        const source = splitLines(input as AsyncIterable<Buffer>, { maxLineBytes: MAX_LINE_BYTES });
        printJson(await service.ingest(source.batches(), 'cli'));
      } finally {
        await store.close();
      }
    });
}
