/**
 * The retention engine (clauses 1.4–1.6, GDPR Art. 5(1)(e)): every rule of the policy applied to the
 * company's stores through the dataset connectors, and Steward's own records (security logs, expired
 * links) through housekeeping rules. A sweep works in bounded batches (a writer waits at most one batch),
 * isolates failures per rule, honours legal holds, and stores its report; a dry run counts without
 * changing anything.
 */
import { setImmediate as yieldToWriters } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { erasureAssignments, keyedHash } from '../../connectors/erasure-values.js';
import { openConnector } from '../../connectors/index.js';
import type { SweepCount, SweepSpec } from '../../connectors/sweep.js';
import { findIn } from '../../connectors/traverse.js';
import type { Connector, Key, SqlConnector } from '../../connectors/types.js';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../domain/identity/ids.js';
import type { Policy } from '../../domain/policy/schema.js';
import { planTraversal } from '../../domain/requests/plan.js';
import { type PersonRule, planPersonRetention } from '../../domain/retention/person.js';
import { planRetention, type RetentionRule, ruleCutoff } from '../../domain/retention/rules.js';
import { appendAudit } from '../audit/audit.repo.js';
import { identitiesOfSubject } from '../subjects/subjects.repo.js';
import { listHolds } from './holds.repo.js';
import { sweepPersonRule } from './person.sweep.js';
import {
  finishRun,
  insertRun,
  presentRun,
  type RetentionRun,
  type RuleReport,
  type RunStatus,
  type RunTrigger,
} from './retention.repo.js';

/** A rule over Steward's own records (security logs, expired links): not a company table. */
export interface HousekeepingRule {
  readonly rule: string;
  readonly table: string;
  /** Applies the rule (or, dry, counts); one outcome per action it takes. */
  run(context: { now: number; dryRun: boolean; signal: AbortSignal }): Promise<HousekeepingOutcome[]>;
}

export interface HousekeepingOutcome {
  /** Defaults to the rule's own id. */
  readonly rule?: string;
  readonly action: RuleReport['action'];
  readonly rows: number;
  readonly cutoff: number;
}

/** One table rule's state at an instant: what the conformance report shows as evidence. */
export interface TableRetentionState {
  readonly rule: RetentionRule;
  readonly cutoff: Date;
  readonly count?: SweepCount;
  readonly held: number;
  readonly error?: string;
}

export interface SweepOptions {
  readonly trigger: RunTrigger;
  readonly dryRun: boolean;
  readonly actor: string;
  readonly signal?: AbortSignal;
}

export interface RetentionService {
  readonly rules: readonly RetentionRule[];
  readonly personRules: readonly PersonRule[];
  sweep(options: SweepOptions): Promise<RetentionRun>;
  /** Counts, per table rule, expired, blocked and held rows at `at` (default now); changes nothing. */
  inspect(at?: number): Promise<TableRetentionState[]>;
  /** Per-person rules at `at`: the rows a sweep would erase (a dry run, not stored). */
  inspectPersons(at?: number): Promise<RuleReport[]>;
}

export interface RetentionDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  readonly policy: Policy;
  /** Where the dataset connection variables are read from. */
  readonly env: NodeJS.ProcessEnv;
  /** Key for the `hash` anonymisation strategy (the same as erasure's, so values hash alike). */
  readonly hashKey: Buffer;
  readonly housekeeping?: readonly HousekeepingRule[];
  /** Rows per batch (default 10,000): the longest a concurrent writer waits is one batch. */
  readonly batchSize?: number;
  readonly clock?: () => number;
}

const holdKey = (dataset: string, table: string) => `${dataset}\u0000${table}`;

function message(error: unknown): string {
  // Connector errors name the table and the driver code, never a value (connectors/types.ts).
  return error instanceof Error ? error.message.slice(0, 500) : 'failed';
}

export function createRetentionService(deps: RetentionDeps): RetentionService {
  const clock = deps.clock ?? Date.now;
  const batchSize = deps.batchSize ?? 10_000;
  const rules = planRetention(deps.policy);
  const personRules = planPersonRetention(deps.policy);
  const hash = keyedHash(deps.hashKey);

  async function withConnectors<T>(fn: (connectors: Map<string, Connector>) => Promise<T>): Promise<T> {
    const connectors = new Map<string, Connector>();
    try {
      for (const dataset of deps.policy.datasets) {
        if ([...rules, ...personRules].some((r) => r.dataset === dataset.id))
          connectors.set(dataset.id, openConnector(dataset, deps.env));
      }
      return await fn(connectors);
    } finally {
      for (const c of connectors.values()) await c.close().catch(() => {});
    }
  }

  /**
   * The keys under active manual holds, per table. A held person's rows are found as an access request
   * finds them. A dataset whose holds cannot be resolved is not swept at all (the error says why).
   */
  async function heldKeys(
    connectors: Map<string, Connector>,
    now: number,
  ): Promise<{ keys: Map<string, Key[]>; subjects: Set<string>; failed: Map<string, string> }> {
    const keys = new Map<string, Key[]>();
    const failed = new Map<string, string>();
    const add = (dataset: string, table: string, key: Key) => {
      const k = holdKey(dataset, table);
      const list = keys.get(k) ?? [];
      list.push(key);
      keys.set(k, list);
    };
    const holds = await listHolds(deps.db, { now, active: true, limit: 100_000 });
    for (const h of holds)
      if (h.dataset && h.table_name && h.row_key) add(h.dataset, h.table_name, h.row_key);
    const subjects = [...new Set(holds.flatMap((h) => (h.subject_id ? [h.subject_id] : [])))];
    for (const plan of planTraversal(deps.policy)) {
      if (!connectors.has(plan.dataset.id)) continue;
      for (const subjectId of subjects) {
        try {
          const found = await findIn(
            plan,
            connectors,
            await identitiesOfSubject(deps.db, subjectId),
            deps.hashKey,
          );
          for (const step of plan.steps)
            for (const row of found.get(step.table.name) ?? [])
              add(plan.dataset.id, step.table.name, row[step.table.primaryKey] as Key);
        } catch (error) {
          failed.set(plan.dataset.id, `legal holds could not be resolved: ${message(error)}`);
        }
      }
    }
    return { keys, subjects: new Set(subjects), failed };
  }

  function specOf(rule: RetentionRule, now: number, exclude: readonly Key[]): SweepSpec {
    return {
      table: rule.table,
      primaryKey: rule.primaryKey,
      anchor: rule.anchor,
      format: rule.format,
      cutoff: ruleCutoff(rule, new Date(now)),
      dependents: rule.dependents,
      // Held keys are stored as text and bound as text: each store converts a parameter compared with a
      // numeric key column to the column's type ('00123' stays '00123' for a text key).
      exclude,
    };
  }

  function sqlConnector(rule: RetentionRule, connectors: Map<string, Connector>): SqlConnector {
    const connector = connectors.get(rule.dataset);
    if (!connector || connector.kind === 'webhook')
      throw new Error(`dataset '${rule.dataset}' is reached by webhook: its own system applies retention`);
    return connector;
  }

  async function applyRule(
    rule: RetentionRule,
    connector: SqlConnector,
    spec: SweepSpec,
    signal: AbortSignal | undefined,
  ): Promise<number> {
    let rows = 0;
    let after: Key | null = null;
    for (;;) {
      if (signal?.aborted) throw new Error('interrupted: the server is stopping; the next sweep continues');
      if (rule.action.kind === 'delete') {
        const batch = await connector.sweep.deleteBatch(spec, after, batchSize);
        rows += batch.deleted;
        after = batch.next;
        if (after === null) return rows;
      } else {
        const { strategy, columns, emailColumn } = rule.action;
        const batch = await connector.sweep.selectBatch(spec, after, batchSize, columns);
        for (const row of batch) {
          const pk = row[rule.primaryKey] as Key;
          const set = erasureAssignments(strategy, row, pk, columns, { hash, emailColumn });
          if (Object.keys(set).length > 0)
            rows += await connector.update(rule.table, rule.primaryKey, [pk], set);
        }
        if (batch.length < batchSize) return rows;
        after = batch[batch.length - 1]![rule.primaryKey] as Key;
      }
      await yieldToWriters();
    }
  }

  async function sweepTables(options: SweepOptions, now: number): Promise<RuleReport[]> {
    return withConnectors(async (connectors) => {
      const { keys, subjects, failed } = await heldKeys(connectors, now);
      const reports: RuleReport[] = [];
      for (const rule of rules) {
        const started = performance.now();
        const held = keys.get(holdKey(rule.dataset, rule.table)) ?? [];
        const spec = specOf(rule, now, held);
        const base = {
          rule: rule.id,
          dataset: rule.dataset,
          table: rule.table,
          action: rule.action.kind,
          cutoff: spec.cutoff.toISOString(),
          held: held.length,
        } as const;
        try {
          const unresolved = failed.get(rule.dataset);
          if (unresolved) throw new Error(unresolved);
          const connector = sqlConnector(rule, connectors);
          let rows: number;
          let blocked = 0;
          if (options.dryRun) {
            const count = await connector.sweep.count(spec);
            blocked = count.blocked;
            rows = count.expired - (rule.action.kind === 'delete' ? count.blocked : 0);
          } else {
            rows = await applyRule(rule, connector, spec, options.signal);
            if (rule.dependents.length > 0) blocked = (await connector.sweep.count(spec)).blocked;
          }
          reports.push({ ...base, rows, blocked, durationMs: Math.round(performance.now() - started) });
        } catch (error) {
          const durationMs = Math.round(performance.now() - started);
          reports.push({ ...base, rows: 0, blocked: 0, durationMs, error: message(error) });
        }
      }
      for (const rule of personRules)
        reports.push(await runPersonRule(rule, { connectors, keys, subjects, failed }, options, now));
      return reports;
    });
  }

  async function runPersonRule(
    rule: PersonRule,
    held: {
      connectors: Map<string, Connector>;
      keys: Map<string, Key[]>;
      subjects: Set<string>;
      failed: Map<string, string>;
    },
    options: Pick<SweepOptions, 'dryRun' | 'signal'>,
    now: number,
  ): Promise<RuleReport> {
    const started = performance.now();
    const strategy = deps.policy.datasets
      .find((d) => d.id === rule.dataset)
      ?.tables.find((t) => t.name === rule.table)?.erasure.strategy;
    const base = {
      rule: `${rule.id}.per_person`,
      dataset: rule.dataset,
      table: rule.table,
      action: strategy === 'delete' ? 'delete' : 'anonymise',
      cutoff: new Date(now).toISOString(),
    } as const;
    try {
      const unresolved = held.failed.get(rule.dataset);
      if (unresolved) throw new Error(unresolved);
      const result = await sweepPersonRule({
        db: deps.db,
        policy: deps.policy,
        rule,
        connectors: held.connectors,
        hashKey: deps.hashKey,
        now,
        dryRun: options.dryRun,
        heldSubjects: held.subjects,
        heldKeys: held.keys.get(holdKey(rule.dataset, rule.table)) ?? [],
        signal: options.signal,
      });
      const durationMs = Math.round(performance.now() - started);
      return { ...base, ...result, durationMs };
    } catch (error) {
      const durationMs = Math.round(performance.now() - started);
      return { ...base, rows: 0, blocked: 0, held: 0, subjects: 0, durationMs, error: message(error) };
    }
  }

  async function sweepHousekeeping(options: SweepOptions, now: number): Promise<RuleReport[]> {
    const reports: RuleReport[] = [];
    const signal = options.signal ?? new AbortController().signal;
    for (const h of deps.housekeeping ?? []) {
      const started = performance.now();
      const base = { dataset: null, table: h.table, blocked: 0, held: 0 };
      try {
        const outcomes = await h.run({ now, dryRun: options.dryRun, signal });
        const durationMs = Math.round(performance.now() - started);
        for (const o of outcomes)
          reports.push({
            ...base,
            rule: o.rule ?? h.rule,
            action: o.action,
            cutoff: new Date(o.cutoff).toISOString(),
            rows: o.rows,
            durationMs,
          });
      } catch (error) {
        const durationMs = Math.round(performance.now() - started);
        const cutoff = new Date(now).toISOString();
        reports.push({
          ...base,
          rule: h.rule,
          action: 'delete',
          cutoff,
          rows: 0,
          durationMs,
          error: message(error),
        });
      }
    }
    return reports;
  }

  return {
    rules,
    personRules,

    inspectPersons: (at) =>
      withConnectors(async (connectors) => {
        const now = at ?? clock();
        const held = await heldKeys(connectors, now);
        const reports: RuleReport[] = [];
        for (const rule of personRules)
          reports.push(await runPersonRule(rule, { connectors, ...held }, { dryRun: true }, now));
        return reports;
      }),

    async sweep(options) {
      const startedAt = clock();
      const id = newId('run', startedAt);
      await insertRun(deps.db, {
        id,
        trigger: options.trigger,
        dry_run: options.dryRun ? 1 : 0,
        status: 'running',
        started_at: startedAt,
        finished_at: null,
        actor: options.actor,
        report: JSON.stringify({ rules: [] }),
      });
      let reports: RuleReport[];
      try {
        reports = [
          ...(await sweepTables(options, startedAt)),
          ...(await sweepHousekeeping(options, startedAt)),
        ];
      } catch (error) {
        reports = [
          {
            rule: 'sweep',
            dataset: null,
            table: '',
            action: 'delete',
            cutoff: new Date(startedAt).toISOString(),
            rows: 0,
            blocked: 0,
            held: 0,
            durationMs: 0,
            error: message(error),
          },
        ];
      }
      const errors = reports.filter((r) => r.error !== undefined).length;
      const status: RunStatus = errors === 0 ? 'ok' : errors === reports.length ? 'failed' : 'partial';
      const finishedAt = clock();
      await finishRun(deps.db, id, { status, finishedAt, rules: reports });
      if (!options.dryRun) {
        await deps.db.transaction().execute((tx) =>
          appendAudit(
            tx,
            deps.dialect,
            [
              {
                actor: options.actor,
                action: 'retention.swept',
                target: id,
                detail: {
                  status,
                  trigger: options.trigger,
                  rows: reports.reduce((n, r) => n + r.rows, 0),
                  errors,
                },
              },
            ],
            finishedAt,
          ),
        );
      }
      const row = await deps.db
        .selectFrom('retention_runs')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      return presentRun(row);
    },

    inspect: (at) =>
      withConnectors(async (connectors) => {
        const now = at ?? clock();
        const { keys, failed } = await heldKeys(connectors, now);
        const states: TableRetentionState[] = [];
        for (const rule of rules) {
          const held = keys.get(holdKey(rule.dataset, rule.table)) ?? [];
          const spec = specOf(rule, now, held);
          try {
            const unresolved = failed.get(rule.dataset);
            if (unresolved) throw new Error(unresolved);
            const count = await sqlConnector(rule, connectors).sweep.count(spec);
            states.push({ rule, cutoff: spec.cutoff, count, held: held.length });
          } catch (error) {
            states.push({ rule, cutoff: spec.cutoff, held: held.length, error: message(error) });
          }
        }
        return states;
      }),
  };
}
