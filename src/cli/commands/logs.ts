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
  let fd: number;
  try {
    // Opened now (not lazily by the stream) so a missing file is an error before anything is stored.
    fd = fs.openSync(file, 'r');
  } catch (error) {
    throw cannotRead(file, error);
  }
  // A directory opens on Linux and fails only at the first read: refuse it here, before anything is stored.
  if (fs.fstatSync(fd).isDirectory()) {
    fs.closeSync(fd);
    throw new CliError(`${file.slice(0, 200)}: cannot read (EISDIR)`, 1);
  }
  return fs.createReadStream(file, { fd, highWaterMark: 256 * 1024 });
}

function cannotRead(file: string, error: unknown): CliError {
  const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
  return new CliError(`${file.slice(0, 200)}: cannot read (${code})`, 1);
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
        try {
          printJson(await service.ingest(source.batches(), 'cli'));
        } catch (error) {
          // A read failing part-way (I/O error, a device gone): the lines before it are stored, as a
          // server's would be; the command says where it stopped instead of crashing.
          if ((error as NodeJS.ErrnoException | null)?.syscall === 'read')
            throw cannotRead(file ?? '-', error);
          throw error;
        }
      } finally {
        await store.close();
      }
    });
}
