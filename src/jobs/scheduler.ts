/**
 * Runs scheduled jobs inside `steward serve`. Each job has a period; every instance ticks, and the one
 * that claims the current slot (slots.ts) runs it. A job never overlaps itself within an instance, and
 * `stop()` aborts the run in flight at its next batch boundary and waits for it.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.js';
import { claimSlot, finishSlot, slotStart } from './slots.js';

export type JobOutcome = 'ok' | 'partial' | 'failed';

export interface JobDefinition {
  /** Stable name; part of every slot id. Bump a suffix (`retention.sweep.v2`) when its meaning changes. */
  readonly name: string;
  readonly everyMs: number;
  run(signal: AbortSignal): Promise<JobOutcome>;
}

export interface Scheduler {
  start(): void;
  /** Ticks once now (tests): claims and runs every job whose current slot is free. */
  tick(): Promise<void>;
  stop(): Promise<void>;
}

export interface SchedulerDeps {
  readonly db: Kysely<DB>;
  readonly jobs: readonly JobDefinition[];
  readonly clock?: () => number;
  /** Identifies this instance in claims. */
  readonly instance?: string;
  readonly onError?: (job: string, error: unknown) => void;
  /** How often to look for a free slot (default: a tenth of the shortest period, 1 s … 30 s). */
  readonly tickMs?: number;
}

export function createScheduler(deps: SchedulerDeps): Scheduler {
  const clock = deps.clock ?? Date.now;
  const instance = deps.instance ?? `inst_${randomBytes(6).toString('hex')}`;
  const shortest = Math.min(...deps.jobs.map((j) => j.everyMs));
  const tickMs = deps.tickMs ?? Math.min(30_000, Math.max(1_000, Math.floor(shortest / 10)));
  const controller = new AbortController();
  const running = new Map<string, Promise<void>>();
  const lastSlot = new Map<string, number>();
  let timer: NodeJS.Timeout | undefined;

  async function runJob(job: JobDefinition): Promise<void> {
    const start = slotStart(clock(), job.everyMs);
    if (lastSlot.get(job.name) === start) return;
    lastSlot.set(job.name, start);
    if (!(await claimSlot(deps.db, { job: job.name, start, instance, now: clock() }))) return;
    let outcome: JobOutcome = 'failed';
    try {
      outcome = await job.run(controller.signal);
    } finally {
      await finishSlot(deps.db, { job: job.name, start, now: clock(), outcome }).catch(() => {});
    }
  }

  async function tick(): Promise<void> {
    await Promise.all(
      deps.jobs.map((job) => {
        const inFlight = running.get(job.name);
        if (inFlight || controller.signal.aborted) return inFlight;
        const run = runJob(job)
          .catch((error) => deps.onError?.(job.name, error))
          .finally(() => running.delete(job.name));
        running.set(job.name, run);
        return run;
      }),
    );
  }

  return {
    start() {
      if (timer || deps.jobs.length === 0) return;
      timer = setInterval(() => void tick(), tickMs);
      timer.unref();
      void tick();
    },
    tick,
    async stop() {
      if (timer) clearInterval(timer);
      timer = undefined;
      controller.abort();
      await Promise.allSettled([...running.values()]);
    },
  };
}
