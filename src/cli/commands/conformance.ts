import type { Command } from 'commander';
import pino from 'pino';
import { createSteward } from '../../app.js';
import { loadConfig } from '../../config/env.js';
import type { ConformanceReport } from '../../domain/conformance/check.js';
import { CliError, printJson } from '../output.js';

const MARK = { pass: 'PASS ', fail: 'FAIL ', error: 'ERROR' } as const;

/** One line per promise, its evidence and what breaks it indented below. */
export function renderConformance(report: ConformanceReport): string {
  const { pass, fail, error } = report.summary;
  const lines = [
    `Conformance of ${report.policy.controller}'s policy${report.policy.version ? ` ${report.policy.version}` : ''} (${report.policy.contentHash.slice(0, 12)}) at ${report.generatedAt}`,
    `${pass} kept, ${fail} broken, ${error} could not be checked`,
    '',
  ];
  for (const c of report.checks) {
    lines.push(
      `${MARK[c.status]}  ${c.promise}${c.clauses.length > 0 ? ` (clauses ${c.clauses.join(', ')})` : ''}`,
    );
    lines.push(`       ${c.id}`);
    for (const [key, value] of Object.entries(c.evidence)) {
      const text = Array.isArray(value) ? (value.length === 0 ? 'none' : value.join('; ')) : String(value);
      lines.push(`       ${key}: ${text}`);
    }
    for (const b of c.breaks) lines.push(`       ✗ ${b}`);
  }
  return `${lines.join('\n')}\n`;
}

/** `steward conformance [--format json]`: exit 0 when every promise is kept, 1 otherwise. */
export function registerConformanceCommand(program: Command): void {
  program
    .command('conformance')
    .description('check every promise of the policy against live data, with evidence')
    .option('--format <format>', 'text | json', 'text')
    .action(async (opts: { format: string }) => {
      if (opts.format !== 'text' && opts.format !== 'json')
        throw new CliError(`--format must be text or json, not ${opts.format.slice(0, 20)}`, 2);
      const steward = await createSteward(loadConfig(), {
        logStream: pino.destination({ dest: 2, sync: true }),
      });
      try {
        const report = await steward.conformance.report();
        if (opts.format === 'json') printJson(report);
        else process.stdout.write(renderConformance(report));
        if (report.summary.fail + report.summary.error > 0) process.exitCode = 1;
      } finally {
        await steward.close();
      }
    });
}
