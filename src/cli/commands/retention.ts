import type { Command } from 'commander';
import type { Kysely } from 'kysely';
import pino from 'pino';
import { createSteward } from '../../app.js';
import { loadConfig } from '../../config/env.js';
import { openStore } from '../../db/connect.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { DB } from '../../db/schema.js';
import type { RetentionRun } from '../../modules/retention/retention.repo.js';
import { getRun, listRuns, presentRun } from '../../modules/retention/retention.repo.js';
import { CliError, idArgument, limitOption, printJson } from '../output.js';

type Format = 'text' | 'json';

function format(value: string): Format {
  if (value !== 'text' && value !== 'json')
    throw new CliError(`--format must be text or json, not ${value}`, 2);
  return value;
}

/** The report as a table: one line per rule, errors under it. */
export function renderRun(run: RetentionRun): string {
  const lines = [
    `retention run ${run.id}${run.dryRun ? ' (dry run: nothing changed)' : ''}: ${run.status}, ${run.trigger} by ${run.actor}, started ${run.startedAt}`,
  ];
  const header = ['rule', run.dryRun ? 'would' : 'action', 'rows', 'blocked', 'held', 'cut-off', 'ms'];
  const rows = run.rules.map((r) => [
    r.rule,
    r.action,
    String(r.rows),
    String(r.blocked),
    String(r.held),
    r.cutoff,
    String(r.durationMs),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i >= 2 && i <= 4 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  lines.push(line(header));
  run.rules.forEach((r, i) => {
    lines.push(line(rows[i]!));
    if (r.error) lines.push(`  error: ${r.error}`);
  });
  if (run.rules.length === 0) lines.push('(the policy declares no retention rules)');
  return `${lines.join('\n')}\n`;
}

/**
 * `steward sweep [--dry-run]`: applies every retention rule of the policy now (the server also does it on
 * a schedule); `steward retention runs|show`: the stored reports. Exit 1 when a rule failed.
 */
export function registerRetentionCommands(program: Command): void {
  program
    .command('sweep')
    .description('delete or anonymise what the policy no longer allows to keep, and store the report')
    .option('--dry-run', 'count what would be swept; change nothing')
    .option('--format <format>', 'text | json', 'text')
    .action(async (opts: { dryRun?: boolean; format: string }) => {
      const output = format(opts.format);
      const steward = await createSteward(loadConfig(), {
        logStream: pino.destination({ dest: 2, sync: true }),
      });
      try {
        const run = await steward.retention.sweep({
          trigger: 'cli',
          dryRun: opts.dryRun === true,
          actor: 'cli',
        });
        if (output === 'json') printJson(run);
        else process.stdout.write(renderRun(run));
        if (run.status !== 'ok') process.exitCode = 1;
      } finally {
        await steward.close();
      }
    });

  const retention = program.command('retention').description('stored retention runs');
  retention
    .command('runs')
    .description('list retention runs, newest first')
    .option('--limit <n>', 'how many', '10')
    .option('--format <format>', 'text | json', 'text')
    .action(async (opts: { limit: string; format: string }) => {
      const output = format(opts.format);
      const limit = limitOption(opts.limit);
      await withRuns(async (db) => {
        const runs = (await listRuns(db, { limit })).map(presentRun);
        if (output === 'json') printJson(runs);
        else
          for (const run of runs) {
            const rows = run.rules.reduce((n, r) => n + r.rows, 0);
            const errors = run.rules.filter((r) => r.error).length;
            process.stdout.write(
              `${run.id}  ${run.startedAt}  ${run.status.padEnd(7)}  ${run.dryRun ? 'dry-run' : 'applied'}  ${rows} rows  ${errors} errors  (${run.trigger})\n`,
            );
          }
      });
    });
  retention
    .command('show')
    .description("one run's report")
    .argument('<id>', 'run id (run_…)')
    .option('--format <format>', 'text | json', 'text')
    .action(async (value: string, opts: { format: string }) => {
      const output = format(opts.format);
      const id = idArgument(value, 'run', 'a retention run');
      await withRuns(async (db) => {
        const row = await getRun(db, id);
        if (!row) throw new CliError(`no retention run ${id.slice(0, 40)}`, 1);
        const run = presentRun(row);
        if (output === 'json') printJson(run);
        else process.stdout.write(renderRun(run));
      });
    });
}

async function withRuns(fn: (db: Kysely<DB>) => Promise<void>): Promise<void> {
  const store = openStore(loadConfig().database);
  try {
    await migrateToLatest(store.db);
    await fn(store.db);
  } finally {
    await store.close();
  }
}
