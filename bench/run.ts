/**
 * `npm run bench [filter]`: runs every bench case (or those whose name contains the filter), printing each
 * figure next to the baseline measured in the same process, and the ratio between them.
 */
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PG_ADMIN_URL } from '../test/support/databases.js';
import { CASES } from './cases/index.js';
import { type BenchResult, formatNumber } from './harness.js';

async function postgresAnswers(): Promise<boolean> {
  const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

function print(result: BenchResult): void {
  const verdict = result.met === undefined ? '' : result.met ? '  [target met]' : '  [TARGET MISSED]';
  process.stdout.write(
    `${result.name}\n  ${formatNumber(result.figure)} ${result.unit}` +
      `   baseline ${result.baseline.name}: ${formatNumber(result.baseline.figure)} ${result.unit}` +
      `   ratio ${result.ratio.toFixed(2)}${result.target ? `   target ${result.target}` : ''}${verdict}\n` +
      (result.notes ? `  ${result.notes}\n` : ''),
  );
}

const filter = process.argv[2];
const hasPg = await postgresAnswers();
const results: BenchResult[] = [];
process.stdout.write(`steward bench — node ${process.version}, ${new Date().toISOString()}\n\n`);
for (const c of CASES) {
  if (filter && !c.name.includes(filter)) continue;
  if (c.needsPostgres && !hasPg) {
    process.stdout.write(`${c.name}: skipped, PostgreSQL does not answer at ${PG_ADMIN_URL}\n`);
    continue;
  }
  for (const result of await c.run()) {
    print(result);
    results.push(result);
  }
}
const out = path.join(import.meta.dirname, 'results');
fs.mkdirSync(out, { recursive: true });
fs.writeFileSync(path.join(out, 'latest.json'), `${JSON.stringify(results, null, 2)}\n`);
