import { performance } from 'node:perf_hooks';

/** One bench figure with the baseline it is measured against in the same run. */
export interface BenchResult {
  readonly name: string;
  readonly figure: number;
  readonly unit: string;
  readonly baseline: { readonly name: string; readonly figure: number };
  /** figure / baseline for rates (higher is better); baseline / figure for times, so > 1 always means faster. */
  readonly ratio: number;
  readonly target?: string;
  readonly met?: boolean;
  readonly notes?: string;
}

export interface BenchCase {
  readonly name: string;
  /** Needs PostgreSQL (skipped with a note when it does not answer). */
  readonly needsPostgres?: boolean;
  run(): Promise<BenchResult[]>;
}

/** Runs `fn` repeatedly for about `ms` milliseconds (after a warm-up) and returns operations per second. */
export async function opsPerSecond(
  fn: () => unknown | Promise<unknown>,
  ms = 1500,
  batch = 1,
): Promise<number> {
  const warmUntil = performance.now() + Math.min(300, ms / 5);
  while (performance.now() < warmUntil) await fn();
  let ops = 0;
  const start = performance.now();
  let now = start;
  while (now - start < ms) {
    await fn();
    ops += batch;
    now = performance.now();
  }
  return (ops * 1000) / (now - start);
}

/** Median wall time of `runs` executions of `fn`, in milliseconds. */
export async function medianMs(fn: () => unknown | Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}
