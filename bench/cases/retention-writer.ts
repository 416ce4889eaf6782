/**
 * The concurrent writer of the `retention-sweep` bench, run as its own process (forked by
 * retention-sweep.ts under tsx): inserts fresh (unexpired) rows into the swept table one at a time, each in
 * its own autocommit statement, back to back, and records when each insert started and how long it took,
 * until the parent sends 'stop'. It then sends every measurement back and exits.
 *
 * Configured by the environment: STEWARD_BENCH_WRITER_KIND (sqlite | postgres), STEWARD_BENCH_WRITER_TARGET
 * (the SQLite file or the PostgreSQL URL), STEWARD_BENCH_WRITER_FIRST_ID (the first key it inserts; keys go
 * up by one per attempt).
 */
import { performance } from 'node:perf_hooks';
import { setImmediate as tick } from 'node:timers/promises';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';

export interface WriterReady {
  readonly type: 'ready';
}

export interface WriterDone {
  readonly type: 'done';
  /** Start of each insert, in ms since the epoch (performance.timeOrigin + now(): comparable across processes). */
  readonly starts: Float64Array;
  /** Each insert's latency in ms, in the same order. */
  readonly latencies: Float64Array;
  /** Inserts that committed (keys FIRST_ID up, except the failed ones). */
  readonly written: number;
  readonly errors: number;
  readonly firstError?: string;
}

export type WriterMessage = WriterReady | WriterDone;

interface Inserter {
  insert(id: number, at: Date): Promise<void>;
  close(): Promise<void>;
}

const clock = () => performance.timeOrigin + performance.now();

async function open(kind: string, target: string): Promise<Inserter> {
  if (kind === 'sqlite') {
    // The application's own connection: a generous busy timeout, so a wait shows as latency, not an error.
    const db = new BetterSqlite3(target, { fileMustExist: true, timeout: 60_000 });
    const statement = db.prepare('insert into events (id, at, payload) values (?, ?, ?)');
    return {
      insert: async (id, at) => {
        statement.run(id, at.toISOString(), `written during the sweep ${id}`);
      },
      close: async () => {
        db.close();
      },
    };
  }
  const client = new pg.Client({ connectionString: target, application_name: 'steward-bench-writer' });
  await client.connect();
  return {
    insert: async (id, at) => {
      await client.query({
        name: 'bench-writer-insert',
        text: 'insert into events (id, at, payload) values ($1, $2, $3)',
        values: [id, at, `written during the sweep ${id}`],
      });
    },
    close: () => client.end(),
  };
}

async function main(): Promise<void> {
  const kind = process.env.STEWARD_BENCH_WRITER_KIND ?? '';
  const target = process.env.STEWARD_BENCH_WRITER_TARGET ?? '';
  const firstId = Number(process.env.STEWARD_BENCH_WRITER_FIRST_ID);
  if (!process.send || !['sqlite', 'postgres'].includes(kind) || !target || !Number.isSafeInteger(firstId))
    throw new Error('retention-writer: run by retention-sweep.ts with its environment');
  let stopping = false;
  process.on('message', (message) => {
    if (message === 'stop') stopping = true;
  });
  const inserter = await open(kind, target);
  const starts: number[] = [];
  const latencies: number[] = [];
  let written = 0;
  let errors = 0;
  let firstError: string | undefined;
  process.send({ type: 'ready' } satisfies WriterReady);
  for (let id = firstId; !stopping; id++) {
    const start = clock();
    try {
      await inserter.insert(id, new Date());
      written++;
    } catch (error) {
      errors++;
      firstError ??= error instanceof Error ? error.message : String(error);
    }
    starts.push(start);
    latencies.push(clock() - start);
    // Lets the parent's 'stop' in; costs microseconds, not part of the latency.
    await tick();
  }
  await inserter.close();
  const done: WriterDone = {
    type: 'done',
    starts: Float64Array.from(starts),
    latencies: Float64Array.from(latencies),
    written,
    errors,
    ...(firstError === undefined ? {} : { firstError }),
  };
  process.send(done, () => process.exit(0));
}

await main();
