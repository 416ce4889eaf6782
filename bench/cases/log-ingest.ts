import { performance } from 'node:perf_hooks';
import type { Store } from '../../src/db/connect.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { parseAccessLine } from '../../src/domain/logs/access-line.js';
import { storedFullIp, storedTruncatedIp } from '../../src/domain/logs/ip-range.js';
import { splitLines } from '../../src/domain/logs/line-splitter.js';
import { SecurityLogsSchema } from '../../src/domain/policy/schema/forms.js';
import { createLogWriter, type SecurityLogRow } from '../../src/modules/logs/logs.repo.js';
import { createLogsService, MAX_LINE_BYTES } from '../../src/modules/logs/logs.service.js';
import { createTestDatabase } from '../../test/support/databases.js';
import type { BenchCase, BenchResult } from '../harness.js';
import { formatNumber } from '../harness.js';

const LINES = 1_000_000;
const TARGET_RATE = 100_000;
const CHUNK_BYTES = 64 * 1024;
const DAY = 86_400_000;
const LOGS = SecurityLogsSchema.parse({ purpose: 'security_logs', fullIpFor: 'P7D', deleteAfter: 'P90D' });
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const AGENTS = [
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148',
  'curl/8.5.0',
  'Googlebot/2.1 (+http://www.google.com/bot.html)',
];
const PATHS = [
  '/',
  '/login?next=%2Faccount',
  '/api/orders/1234',
  '/static/app.3f2a.js',
  '/search?q=shoes&page=2',
];

function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}

/**
 * A rotated access log as nginx writes it: 8 days of requests in time order, so the first eighth is older
 * than fullIpFor (stored truncated); one line in 20 from an IPv6 client. Returned as 64 KiB chunks, as
 * a file or a socket gives them.
 */
function accessLog(now: number): Buffer[] {
  const chunks: Buffer[] = [];
  let text = '';
  const step = (8 * DAY) / LINES;
  for (let i = 0; i < LINES; i++) {
    const at = now - 8 * DAY + Math.floor(i * step);
    const ip =
      i % 20 === 0
        ? `2001:db8:${(i % 65536).toString(16)}::${(i % 997).toString(16)}`
        : `${10 + (i % 200)}.${(i >>> 8) & 255}.${i & 255}.${(i * 7) & 255}`;
    text += `${ip} - - [${stamp(at)}] "GET ${PATHS[i % PATHS.length]} HTTP/1.1" ${i % 17 === 0 ? 404 : 200} ${
      i % 4096
    } "https://www.example.com/" "${AGENTS[i % AGENTS.length]}"\n`;
    if (text.length >= CHUNK_BYTES) {
      chunks.push(Buffer.from(text));
      text = '';
    }
  }
  if (text) chunks.push(Buffer.from(text));
  return chunks;
}

/** The rows the service stores for these lines, parsed outside any timing, for the baseline. */
function rowsOf(chunks: readonly Buffer[], now: number): SecurityLogRow[] {
  const rows: SecurityLogRow[] = [];
  for (const line of Buffer.concat(chunks).toString('utf8').split('\n')) {
    const parsed = parseAccessLine(line);
    if (!parsed.ok) continue;
    const e = parsed.entry;
    const ip = now - e.time > 7 * DAY ? storedTruncatedIp(e.ip, LOGS.truncate)! : storedFullIp(e.ip);
    rows.push({ ...e, ip });
  }
  return rows;
}

const COLUMNS = 'time, method, path, status, user_agent, ip, ip_truncated, ip_key, ip_end';
const values = (r: SecurityLogRow) => [
  r.time,
  r.method,
  r.path,
  r.status,
  r.userAgent,
  r.ip.text,
  r.ip.truncated ? 1 : 0,
  r.ip.key,
  r.ip.end,
];

/** Baseline: the same rows by plain multi-row INSERT statements, into a copy of the table and its indexes. */
async function rawInsertRate(store: Store, rows: readonly SecurityLogRow[]): Promise<number> {
  const perStatement = 500;
  const perCommit = 5000;
  const tuple = (n: number, base: (k: number) => string) =>
    Array.from(
      { length: n },
      (_, i) => `(${Array.from({ length: 9 }, (_, c) => base(i * 9 + c + 1)).join(', ')})`,
    ).join(', ');
  if (store.dialect === 'sqlite') {
    store.sqlite.exec(`create table raw_logs (id integer primary key, time bigint not null, method varchar(16) not null,
      path varchar(1024) not null, status integer not null, user_agent varchar(512), ip varchar(64) not null,
      ip_truncated integer not null, ip_key varchar(33) not null, ip_end varchar(33));
      create index raw_logs_time on raw_logs (time, id); create index raw_logs_trunc on raw_logs (ip_truncated, time);`);
    const insert = store.sqlite.prepare(
      `insert into raw_logs (${COLUMNS}) values ${tuple(perStatement, () => '?')}`,
    );
    const commit = store.sqlite.transaction((chunk: readonly SecurityLogRow[]) => {
      for (let i = 0; i < chunk.length; i += perStatement)
        insert.run(chunk.slice(i, i + perStatement).flatMap(values));
    });
    const start = performance.now();
    for (let i = 0; i < rows.length; i += perCommit) commit.immediate(rows.slice(i, i + perCommit));
    return (rows.length * 1000) / (performance.now() - start);
  }
  await store.pool.query('create table raw_logs (like security_logs including all)');
  const text = `insert into raw_logs (${COLUMNS}) values ${tuple(perStatement, (k) => `$${k}`)}`;
  const client = await store.pool.connect();
  try {
    const start = performance.now();
    for (let i = 0; i < rows.length; i += perCommit) {
      await client.query('begin');
      for (let j = i; j < Math.min(rows.length, i + perCommit); j += perStatement)
        await client.query({
          name: 'raw-logs',
          text,
          values: rows.slice(j, j + perStatement).flatMap(values),
        });
      await client.query('commit');
    }
    return (rows.length * 1000) / (performance.now() - start);
  } finally {
    client.release();
  }
}

async function ingestCase(dialect: 'sqlite' | 'postgres'): Promise<BenchResult> {
  const database = await createTestDatabase(dialect);
  const store = database.open();
  const label = dialect === 'sqlite' ? 'SQLite' : 'PostgreSQL';
  try {
    await migrateToLatest(store.db);
    const now = Date.now();
    const chunks = accessLog(now);
    const bytes = chunks.reduce((n, c) => n + c.length, 0);
    const service = createLogsService({
      db: store.db,
      dialect: store.dialect,
      writer: createLogWriter(store),
      securityLogs: LOGS,
      clock: () => now,
    });
    async function* source() {
      yield* chunks;
    }
    const start = performance.now();
    const report = await service.ingest(
      splitLines(source(), { maxLineBytes: MAX_LINE_BYTES }).batches(),
      'bench',
    );
    const seconds = (performance.now() - start) / 1000;
    if (report.accepted !== LINES) throw new Error(`expected ${LINES} lines stored, got ${report.accepted}`);
    const rate = LINES / seconds;
    const baseline = await rawInsertRate(store, rowsOf(chunks, now));
    return {
      name: `security log ingestion, ${formatNumber(LINES)} combined-format lines through the service (${label})`,
      figure: rate,
      unit: 'lines/s',
      baseline: {
        name: 'raw INSERT of the parsed rows, 500 per statement, 5,000 per commit, one connection, same table and indexes',
        figure: baseline,
      },
      ratio: rate / baseline,
      target: `≥ ${formatNumber(TARGET_RATE)} lines/s`,
      met: rate >= TARGET_RATE,
      notes:
        `${(bytes / 1024 / 1024).toFixed(0)} MiB in ${seconds.toFixed(1)} s (split, parse, minimise, insert); ` +
        `8 days in time order, the first older than fullIpFor (stored truncated); 1 line in 20 IPv6`,
    };
  } finally {
    await store.close();
    await database.drop();
  }
}

export const logIngestSqlite: BenchCase = {
  name: 'log-ingest-sqlite',
  run: async () => [await ingestCase('sqlite')],
};

export const logIngestPostgres: BenchCase = {
  name: 'log-ingest-postgres',
  needsPostgres: true,
  run: async () => [await ingestCase('postgres')],
};
