import type { LedgerAppender } from './ledger.store.js';
import type { LedgerEntry, LedgerInput } from './ledger.types.js';

interface Pending {
  readonly input: LedgerInput;
  resolve(entry: LedgerEntry): void;
  reject(error: unknown): void;
}

export interface GroupCommitOptions {
  /** Largest number of events committed in one transaction. */
  readonly maxBatch?: number;
  readonly clock?: () => number;
}

/**
 * Group commit: events that arrive while a commit is in flight wait for the next one, which takes them
 * all in one transaction. Each caller's promise resolves only after the transaction holding its event
 * has committed (durable: SQLite synchronous=FULL, PostgreSQL's default synchronous_commit), so
 * throughput comes from batching, never from acknowledging early.
 */
export function createGroupCommitWriter(appender: LedgerAppender, options: GroupCommitOptions = {}) {
  const maxBatch = options.maxBatch ?? 2000;
  const clock = options.clock ?? Date.now;
  let queue: Pending[] = [];
  let running: Promise<void> | null = null;

  async function commit(batch: Pending[]): Promise<void> {
    try {
      const entries = await appender.append(
        batch.map((p) => p.input),
        clock(),
      );
      for (const [i, p] of batch.entries()) p.resolve(entries[i]!);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One bad event must not fail its neighbours: commit them one by one to isolate it.
      for (const p of batch) await commit([p]);
    }
  }

  async function drain(): Promise<void> {
    while (queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(batch.length);
      await commit(batch);
    }
  }

  function schedule(): void {
    if (running) return;
    running = new Promise<void>((resolve) => setImmediate(resolve)).then(drain).finally(() => {
      running = null;
      if (queue.length > 0) schedule();
    });
  }

  return {
    append(input: LedgerInput): Promise<LedgerEntry> {
      return new Promise<LedgerEntry>((resolve, reject) => {
        queue.push({ input, resolve, reject });
        schedule();
      });
    },
    appendMany(inputs: readonly LedgerInput[]): Promise<LedgerEntry[]> {
      return Promise.all(inputs.map((input) => this.append(input)));
    },
    /** Resolves once every event queued so far is committed (used at shutdown). */
    async flush(): Promise<void> {
      while (running || queue.length > 0) {
        if (!running) schedule();
        await running;
      }
    },
  };
}

export type LedgerWriter = ReturnType<typeof createGroupCommitWriter>;
