/**
 * Scale-out on PostgreSQL (issue 8): 1, 2 and 3 `steward serve` processes on loopback ports, one database,
 * 128 concurrent HTTP clients spread over them writing consent events for 5 s each. Prints writes/s and p99
 * per instance count, the ratio to one instance, and checks that all instances wrote one verifiable ledger.
 * On a 2-core machine the load generator, the servers and PostgreSQL share the cores: expect little gain;
 * the point is that adding instances costs nothing in correctness.
 */
import { performance } from 'node:perf_hooks';
import { openPostgres } from '../../src/db/connect.js';
import { verifyLedger } from '../../src/modules/consent/ledger.maintenance.js';
import { runCli } from '../../test/support/cli.js';
import { createTestDatabase } from '../../test/support/databases.js';
import { type ServerProcess, startServerProcess } from '../../test/support/server-process.js';
import type { BenchCase, BenchResult } from '../harness.js';
import { formatNumber, percentile } from '../harness.js';

const CLIENTS = 128;
const MEASURE_MS = Number(process.env.STEWARD_BENCH_SCALE_MS ?? 5000);
const secrets = {
  STEWARD_UNSUBSCRIBE_KEYS: `k1:${Buffer.alloc(32, 3).toString('base64url')}`,
  STEWARD_LEDGER_SIGNING_KEY: Buffer.alloc(32, 4).toString('base64url'),
};

async function load(
  urls: readonly string[],
  token: string,
): Promise<{ rate: number; p99: number; errors: number }> {
  const latencies: number[] = [];
  let errors = 0;
  let n = 0;
  const end = performance.now() + MEASURE_MS;
  const client = async (c: number) => {
    const url = `${urls[c % urls.length]}/v1/consents`;
    while (performance.now() < end) {
      const i = n++;
      const start = performance.now();
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          subject: { identity: { type: 'email', value: `scale${i % 5000}@example.com` } },
          purpose: 'consent_marketing',
          action: i % 3 === 0 ? 'withdrawn' : 'given',
          channel: 'api',
        }),
      }).catch(() => null);
      if (res?.status === 201) latencies.push(performance.now() - start);
      else errors++;
      await res?.arrayBuffer().catch(() => {});
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CLIENTS }, (_, c) => client(c)));
  latencies.sort((a, b) => a - b);
  return {
    rate: (latencies.length * 1000) / (performance.now() - started),
    p99: percentile(latencies, 99),
    errors,
  };
}

export const scaleOut: BenchCase = {
  name: 'scale-out',
  needsPostgres: true,
  async run(): Promise<BenchResult[]> {
    const database = await createTestDatabase('postgres');
    const env = {
      ...secrets,
      DATABASE_URL: database.location,
      STEWARD_SWEEP_INTERVAL_MINUTES: '0',
      STEWARD_DATA_DIR: `/tmp/steward-scale-${process.pid}`,
      STEWARD_DB_POOL_SIZE: '10',
    };
    const servers: ServerProcess[] = [];
    try {
      const token = (await runCli(['keys', 'create', '--role', 'service'], env)).stdout.trim();
      const figures: { n: number; rate: number; p99: number; errors: number }[] = [];
      for (const n of [1, 2, 3]) {
        while (servers.length < n) servers.push(await startServerProcess(env));
        await load(
          servers.map((s) => s.url),
          token,
        ); // warm-up round, not counted
        figures.push({
          n,
          ...(await load(
            servers.map((s) => s.url),
            token,
          )),
        });
      }
      const store = openPostgres(database.location, 2);
      const verdict = await verifyLedger(store.db);
      await store.close();
      const one = figures[0]!;
      return figures.map((f) => ({
        name: `consent writes over HTTP, ${f.n} instance${f.n > 1 ? 's' : ''} on one PostgreSQL`,
        figure: f.rate,
        unit: 'writes/s',
        baseline: { name: '1 instance', figure: one.rate },
        ratio: f.rate / one.rate,
        notes: `p99 ${formatNumber(f.p99)} ms, ${f.errors} errors; ledger ${verdict.ok ? `verifies (${verdict.count} entries)` : 'BROKEN'}`,
      }));
    } finally {
      for (const s of servers) await s.kill('SIGTERM');
      await database.drop();
    }
  },
};
