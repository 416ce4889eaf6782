import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { newId } from '../../src/domain/identity/ids.js';
import { createLedgerAppender } from '../../src/modules/consent/ledger.store.js';
import type { ConsentAction, LedgerInput } from '../../src/modules/consent/ledger.types.js';
import { createGroupCommitWriter } from '../../src/modules/consent/ledger.writer.js';
import { createTestDatabase } from '../../test/support/databases.js';
import type { BenchCase, BenchResult } from '../harness.js';
import { formatNumber, percentile } from '../harness.js';

const SUBJECTS = 10_000;
/** In-flight `writer.append` calls, each replaced as soon as it resolves; also measured at LOW_CONCURRENCY. */
const CONCURRENCY = 256;
const LOW_CONCURRENCY = 64;
const WARM_MS = 500;
const MEASURE_MS = 3000;
const PRELOAD_BATCH = 5000;
const TARGET_RATE = 10_000;
const TARGET_P99_MS = 20;
const TARGET = `≥ ${TARGET_RATE.toLocaleString('en-US')}/s and p99 ≤ ${TARGET_P99_MS} ms`;

const POLICY_HASH = randomBytes(32).toString('hex');
const PURPOSES = ['consent_marketing', 'customer_marketing'];
// Mostly consent changes, some suppressions, so both projections are written.
const ACTIONS: readonly ConsentAction[] = [
  'given',
  'withdrawn',
  'given',
  'withdrawn',
  'unsubscribed',
  'resubscribed',
];
const EVIDENCE = { formId: 'frm_bench', userAgent: 'bench/1.0', ipPrefix: '192.0.2.0/24', language: 'en' };

function makeInputs(subjectIds: readonly string[]) {
  let n = 0;
  return (): LedgerInput => {
    n++;
    return {
      subjectId: subjectIds[n % subjectIds.length]!,
      purpose: PURPOSES[n % PURPOSES.length]!,
      action: ACTIONS[n % ACTIONS.length]!,
      channel: 'api',
      occurredAt: Date.now(),
      actor: 'bench',
      policyHash: POLICY_HASH,
      evidence: EVIDENCE,
    };
  };
}

/** Raw batched insert of the subjects (no service, no audit): the writes need subjects to point at. */
async function seedSubjects(store: Store, count: number): Promise<string[]> {
  const now = Date.now();
  const ids = Array.from({ length: count }, () => newId('sub', now));
  if (store.dialect === 'sqlite') {
    const insert = store.sqlite.prepare('insert into subjects (id, created_at, updated_at) values (?, ?, ?)');
    store.sqlite.transaction(() => {
      for (const id of ids) insert.run(id, now, now);
    })();
  } else {
    for (let i = 0; i < ids.length; i += 1000) {
      const chunk = ids.slice(i, i + 1000);
      await store.pool.query(
        'insert into subjects (id, created_at, updated_at) select id, $2, $2 from unnest($1::text[]) as t(id)',
        [chunk, now],
      );
    }
  }
  return ids;
}

interface WriteRun {
  readonly rate: number;
  readonly count: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly meanBatch: number;
}

/** Keeps CONCURRENCY appends in flight; latency of each = call to resolved (committed) promise. */
async function measureWrites(
  store: Store,
  subjectIds: readonly string[],
  concurrency: number,
): Promise<WriteRun> {
  const appender = createLedgerAppender(store);
  let commits = 0;
  let committed = 0;
  let counting = false;
  const writer = createGroupCommitWriter({
    async append(inputs, now) {
      const entries = await appender.append(inputs, now);
      if (counting) {
        commits++;
        committed += inputs.length;
      }
      return entries;
    },
  });
  const next = makeInputs(subjectIds);
  const latencies: number[] = [];
  const warmEnd = performance.now() + WARM_MS;
  const end = warmEnd + MEASURE_MS;
  let measuredStart = 0;
  let measuredEnd = 0;
  let count = 0;
  const worker = async () => {
    for (;;) {
      const start = performance.now();
      if (start >= end) return;
      if (start >= warmEnd && !counting) {
        counting = true;
        measuredStart = start;
      }
      await writer.append(next());
      const done = performance.now();
      // Counted when issued inside the window; the window closes when the last such append resolves.
      if (start >= warmEnd) {
        latencies.push(done - start);
        count++;
        if (done > measuredEnd) measuredEnd = done;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  await writer.flush();
  latencies.sort((a, b) => a - b);
  return {
    rate: (count * 1000) / (measuredEnd - measuredStart),
    count,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1]!,
    meanBatch: committed / Math.max(1, commits),
  };
}

/** Appends `total` events through the appender in batches of PRELOAD_BATCH (a valid chain). Returns ms. */
async function preload(store: Store, subjectIds: readonly string[], total: number): Promise<number> {
  const appender = createLedgerAppender(store);
  const next = makeInputs(subjectIds);
  const start = performance.now();
  for (let done = 0; done < total; done += PRELOAD_BATCH) {
    const n = Math.min(PRELOAD_BATCH, total - done);
    await appender.append(Array.from({ length: n }, next), Date.now());
  }
  return performance.now() - start;
}

const COLUMNS = `seq bigint, id varchar(64), subject_id varchar(64), purpose varchar(64), action varchar(32),
  channel varchar(32), occurred_at bigint, recorded_at bigint, actor varchar(64), policy_hash varchar(64),
  evidence text, prev_hash varchar(64), hash varchar(64)`;

/** Baseline: the same number of rows, same columns and similar values, into a plain table (no index). */
async function rawInsertRate(store: Store, rows: number, table: string): Promise<number> {
  const now = Date.now();
  const evidence = JSON.stringify(EVIDENCE);
  const data = Array.from({ length: rows }, (_, i) => [
    i + 1,
    newId('cns', now),
    `sub_${i % SUBJECTS}`,
    PURPOSES[i % PURPOSES.length]!,
    ACTIONS[i % ACTIONS.length]!,
    'api',
    now,
    now,
    'bench',
    POLICY_HASH,
    evidence,
    randomBytes(32).toString('hex'),
    randomBytes(32).toString('hex'),
  ]);
  if (store.dialect === 'sqlite') {
    store.sqlite.exec(`create table ${table} (${COLUMNS})`);
    const insert = store.sqlite.prepare(
      `insert into ${table} values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const batch = store.sqlite.transaction((chunk: unknown[][]) => {
      for (const row of chunk) insert.run(...row);
    });
    const start = performance.now();
    for (let i = 0; i < data.length; i += 1000) batch.immediate(data.slice(i, i + 1000));
    return (rows * 1000) / (performance.now() - start);
  }
  await store.pool.query(`create table ${table} (${COLUMNS})`);
  const types = [
    'bigint',
    'text',
    'text',
    'text',
    'text',
    'text',
    'bigint',
    'bigint',
    'text',
    'text',
    'text',
    'text',
    'text',
  ];
  const text = `insert into ${table} select * from unnest(${types.map((t, i) => `$${i + 1}::${t}[]`).join(', ')})`;
  const start = performance.now();
  for (let i = 0; i < data.length; i += 1000) {
    const chunk = data.slice(i, i + 1000);
    await store.pool.query({
      name: `raw-${table}`,
      text,
      values: types.map((_, c) => chunk.map((row) => row[c])),
    });
  }
  return (rows * 1000) / (performance.now() - start);
}

function result(label: string, run: WriteRun, low: WriteRun, baseline: number, notes: string): BenchResult {
  return {
    name: `durable hash-chained consent writes, ${CONCURRENCY} concurrent callers (${label})`,
    figure: run.rate,
    unit: 'events/s',
    baseline: { name: 'raw batched insert, 1,000 rows per commit, plain table', figure: baseline },
    ratio: run.rate / baseline,
    target: TARGET,
    met: run.rate >= TARGET_RATE && run.p99 <= TARGET_P99_MS,
    notes:
      `append latency p50 ${run.p50.toFixed(1)} ms, p99 ${run.p99.toFixed(1)} ms, max ${run.max.toFixed(1)} ms; ` +
      `${formatNumber(run.count)} events in ${MEASURE_MS / 1000} s, mean ${run.meanBatch.toFixed(0)} events per commit; ` +
      `with ${LOW_CONCURRENCY} callers: ${formatNumber(low.rate)}/s, p50 ${low.p50.toFixed(1)} ms, p99 ${low.p99.toFixed(1)} ms` +
      (notes ? `; ${notes}` : ''),
  };
}

async function writesCase(dialect: 'sqlite' | 'postgres', preloadTo: number): Promise<BenchResult[]> {
  const database = await createTestDatabase(dialect);
  const store = database.open();
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  try {
    await migrateToLatest(store.db);
    const subjectIds = await seedSubjects(store, SUBJECTS);
    const empty = await measureWrites(store, subjectIds, CONCURRENCY);
    const emptyLow = await measureWrites(store, subjectIds, LOW_CONCURRENCY);
    const emptyBaseline = await rawInsertRate(store, empty.count, 'raw_events_empty');
    const stored = await store.db
      .selectFrom('consent_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const toAdd = Math.max(0, preloadTo - Number(stored.n));
    const preloadMs = await preload(store, subjectIds, toAdd);
    const full = await measureWrites(store, subjectIds, CONCURRENCY);
    const fullLow = await measureWrites(store, subjectIds, LOW_CONCURRENCY);
    const fullBaseline = await rawInsertRate(store, full.count, 'raw_events_full');
    const preloadNote =
      `ledger preloaded to ${formatNumber(preloadTo)} events first (${formatNumber(toAdd)} appended in batches ` +
      `of ${formatNumber(PRELOAD_BATCH)} in ${(preloadMs / 1000).toFixed(1)} s = ` +
      `${formatNumber((toAdd * 1000) / preloadMs)}/s)`;
    return [
      result(`${label}, empty ledger`, empty, emptyLow, emptyBaseline, ''),
      result(`${label}, ${formatNumber(preloadTo)} stored`, full, fullLow, fullBaseline, preloadNote),
    ];
  } finally {
    await store.close();
    await database.drop();
  }
}

export const consentWritesSqlite: BenchCase = {
  name: 'consent-writes-sqlite',
  run: () => writesCase('sqlite', 1_000_000),
};

export const consentWritesPostgres: BenchCase = {
  name: 'consent-writes-postgres',
  needsPostgres: true,
  run: () => writesCase('postgres', 1_000_000),
};
