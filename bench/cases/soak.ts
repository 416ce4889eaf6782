/**
 * Soak (issue 8): 60 s of mixed traffic against one `steward serve` on SQLite with autocannon: the policy
 * page, eligibility checks, consent writes and public request intake (each from its own client address, so
 * the per-address limits do not answer 429). Prints requests/s against the `/healthz` ceiling measured in
 * the same run, the errors (non-2xx and socket errors: target 0) and the server's RSS over time (target:
 * flat after warm-up).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { runCli } from '../../test/support/cli.js';
import { startServerProcess } from '../../test/support/server-process.js';
import type { BenchCase, BenchResult } from '../harness.js';
import { formatNumber } from '../harness.js';

const SECONDS = Number(process.env.STEWARD_BENCH_SOAK_SECONDS ?? 60);

const pad = (value: number, width: number) => String(value).padStart(width, '0');

/** The server's JS heap in use, from its own Prometheus metrics. */
async function heapMb(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  return Number(/^steward_nodejs_heap_size_used_bytes (\S+)/m.exec(text)?.[1] ?? Number.NaN) / 1024 / 1024;
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

function run(options: autocannon.Options): Promise<autocannon.Result> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

export const soak: BenchCase = {
  name: 'soak',
  async run(): Promise<BenchResult[]> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-soak-'));
    const env = {
      STEWARD_DATA_DIR: dataDir,
      STEWARD_TRUST_PROXY: 'true',
      STEWARD_SWEEP_INTERVAL_MINUTES: '0',
      STEWARD_UNSUBSCRIBE_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64url')}`,
      STEWARD_LEDGER_SIGNING_KEY: Buffer.alloc(32, 2).toString('base64url'),
      // e.g. `--max-old-space-size=96`: a leak then ends the server, garbage does not.
      ...(process.env.STEWARD_BENCH_SOAK_NODE_OPTIONS
        ? { NODE_OPTIONS: process.env.STEWARD_BENCH_SOAK_NODE_OPTIONS }
        : {}),
    };
    const token = (await runCli(['keys', 'create', '--role', 'service'], env)).stdout.trim();
    const server = await startServerProcess(env);
    const pid = server.child.pid!;
    try {
      const ceiling = await run({ url: `${server.url}/healthz`, connections: 32, duration: 5 });
      const auth = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
      let n = 0;
      const samples: number[] = [rssMb(pid)];
      const heap: number[] = [await heapMb(server.url)];
      const timer = setInterval(() => {
        samples.push(rssMb(pid));
        void heapMb(server.url).then((h) => heap.push(h));
      }, 5000);
      const result = await run({
        url: server.url,
        connections: 32,
        duration: SECONDS,
        // autocannon sizes a request once: every body and header of an entry keeps the same length.
        requests: [
          { method: 'GET', path: '/privacy' },
          {
            method: 'GET',
            setupRequest: (req) => ({
              ...req,
              path: `/v1/eligibility?email=soak${pad(n++ % 2000, 4)}%40example.com&purpose=consent_marketing`,
              headers: { ...auth },
            }),
          },
          ...(['given', 'withdrawn'] as const).map((action) => ({
            method: 'POST' as const,
            setupRequest: (req: autocannon.Request) => ({
              ...req,
              path: '/v1/consents',
              headers: { ...auth },
              body: JSON.stringify({
                subject: { identity: { type: 'email', value: `soak${pad(n++ % 2000, 4)}@example.com` } },
                purpose: 'consent_marketing',
                action,
                channel: 'api',
              }),
            }),
          })),
          {
            method: 'POST',
            setupRequest: (req) => {
              const i = n++;
              return {
                ...req,
                path: '/v1/requests',
                headers: {
                  'content-type': 'application/json',
                  // One client address per request (behind the trusted proxy), so no per-address limit answers.
                  'x-forwarded-for': `fd00::${(i % 65536).toString(16).padStart(4, '0')}`,
                },
                body: JSON.stringify({ type: 'objection', email: `soak.request${pad(i, 8)}@example.com` }),
              };
            },
          },
        ],
      });
      clearInterval(timer);
      samples.push(rssMb(pid));
      const errors = result.non2xx + result.errors + result.timeouts;
      const warm = samples.slice(Math.min(2, samples.length - 1));
      const growth = warm.at(-1)! - warm[0]!;
      // The JS heap after warm-up: a leak in Steward's own code shows here; RSS also counts SQLite's page
      // cache and the WAL's shared memory, which grow with the database.
      const heapWarm = heap.slice(Math.min(2, heap.length - 1));
      const heapGrowth = Math.max(...heapWarm.slice(-3)) - Math.max(...heapWarm.slice(0, 3));
      return [
        {
          name: `soak: ${SECONDS} s mixed traffic (policy page, eligibility, consent, request intake), SQLite`,
          figure: result.requests.average,
          unit: 'requests/s',
          baseline: { name: 'GET /healthz ceiling', figure: ceiling.requests.average },
          ratio: result.requests.average / ceiling.requests.average,
          target: '0 errors, memory flat',
          met: errors === 0 && heapGrowth < 20,
          notes: `${errors} errors (${result.non2xx} non-2xx ${JSON.stringify(result.statusCodeStats)}, ${result.errors} socket, ${result.timeouts} timeouts); p99 ${result.latency.p99} ms; RSS MB ${samples.map((s) => formatNumber(s)).join(' → ')} (after warm-up ${growth >= 0 ? '+' : ''}${formatNumber(growth)} MB); JS heap used MB ${heap.map((h) => formatNumber(h)).join(' → ')} (peak growth after warm-up ${formatNumber(heapGrowth)} MB)`,
        },
      ];
    } finally {
      await server.kill('SIGTERM');
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  },
};
