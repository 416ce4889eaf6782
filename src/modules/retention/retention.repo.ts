/** The stored report of every retention run (sweep), readable by API and CLI. */
import type { Kysely } from 'kysely';
import type { DB, RetentionRunTable } from '../../db/schema.js';

export type RunTrigger = 'schedule' | 'cli' | 'api';
export type RunStatus = 'running' | 'ok' | 'partial' | 'failed';

/** What one rule did (or, in a dry run, would do). */
export interface RuleReport {
  /** `<dataset>.<table>` for a table rule; `security_logs.*` and `steward.*` for Steward's own records. */
  readonly rule: string;
  readonly dataset: string | null;
  readonly table: string;
  readonly action: 'delete' | 'anonymise' | 'truncate_ip';
  /** Rows anchored before this instant are past their period (ISO 8601). */
  readonly cutoff: string;
  /** Rows deleted or anonymised (dry run: that would be). */
  readonly rows: number;
  /** Expired rows kept because rows of other tables still reference them. */
  readonly blocked: number;
  /** Rows kept under manual legal holds (per-person rules: people). */
  readonly held: number;
  /** Per-person rules: people whose purposes had all run out (erased, or in a dry run to be). */
  readonly subjects?: number;
  readonly durationMs: number;
  readonly error?: string;
}

export interface RetentionRun {
  readonly id: string;
  readonly trigger: RunTrigger;
  readonly dryRun: boolean;
  readonly status: RunStatus;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly actor: string;
  readonly rules: RuleReport[];
}

export function presentRun(row: RetentionRunTable): RetentionRun {
  const report = JSON.parse(row.report) as { rules?: RuleReport[] };
  return {
    id: row.id,
    trigger: row.trigger as RunTrigger,
    dryRun: Number(row.dry_run) === 1,
    status: row.status as RunStatus,
    startedAt: new Date(Number(row.started_at)).toISOString(),
    finishedAt: row.finished_at === null ? null : new Date(Number(row.finished_at)).toISOString(),
    actor: row.actor,
    rules: report.rules ?? [],
  };
}

export async function insertRun(db: Kysely<DB>, row: RetentionRunTable): Promise<void> {
  await db.insertInto('retention_runs').values(row).execute();
}

export async function finishRun(
  db: Kysely<DB>,
  id: string,
  done: { status: RunStatus; finishedAt: number; rules: readonly RuleReport[] },
): Promise<void> {
  await db
    .updateTable('retention_runs')
    .set({ status: done.status, finished_at: done.finishedAt, report: JSON.stringify({ rules: done.rules }) })
    .where('id', '=', id)
    .execute();
}

export async function listRuns(
  db: Kysely<DB>,
  query: { limit: number; before?: string; dryRun?: boolean },
): Promise<RetentionRunTable[]> {
  let q = db.selectFrom('retention_runs').selectAll();
  if (query.before) q = q.where('id', '<', query.before);
  if (query.dryRun !== undefined) q = q.where('dry_run', '=', query.dryRun ? 1 : 0);
  return q.orderBy('id', 'desc').limit(query.limit).execute();
}

export async function getRun(db: Kysely<DB>, id: string): Promise<RetentionRunTable | undefined> {
  return db.selectFrom('retention_runs').selectAll().where('id', '=', id).executeTakeFirst();
}
