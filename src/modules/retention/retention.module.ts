/**
 * Wires retention: the engine over the policy's datasets and Steward's own expiring records, its routes,
 * and the scheduled sweep (a job claimed per slot, so several instances sweep once per period).
 */
import type { FastifyInstance } from 'fastify';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { JobDefinition } from '../../jobs/scheduler.js';
import { expiredLinkRules, securityLogRules } from './housekeeping.js';
import { registerRetentionRoutes } from './retention.routes.js';
import { createRetentionService, type HousekeepingRule, type RetentionService } from './retention.service.js';

export const SWEEP_JOB = 'retention.sweep.v1';

export interface RetentionModule {
  readonly service: RetentionService;
  /** The scheduled sweep, or none when the interval is 0. */
  readonly jobs: readonly JobDefinition[];
}

export function createRetentionModule(deps: {
  http: FastifyInstance;
  db: Kysely<DB>;
  dialect: DialectName;
  policy: Policy;
  env: NodeJS.ProcessEnv;
  hashKey: Buffer;
  sweepIntervalMs: number;
  housekeeping?: readonly HousekeepingRule[];
  clock?: () => number;
}): RetentionModule {
  const service = createRetentionService({
    db: deps.db,
    dialect: deps.dialect,
    policy: deps.policy,
    env: deps.env,
    hashKey: deps.hashKey,
    housekeeping: [
      ...securityLogRules(deps.db, deps.policy.securityLogs),
      ...expiredLinkRules(deps.db),
      ...(deps.housekeeping ?? []),
    ],
    clock: deps.clock,
  });
  registerRetentionRoutes(deps.http, { ...deps, retention: service });
  const jobs: JobDefinition[] =
    deps.sweepIntervalMs > 0
      ? [
          {
            name: SWEEP_JOB,
            everyMs: deps.sweepIntervalMs,
            async run(signal) {
              const run = await service.sweep({
                trigger: 'schedule',
                dryRun: false,
                actor: 'schedule',
                signal,
              });
              return run.status === 'running' ? 'failed' : run.status;
            },
          },
        ]
      : [];
  return { service, jobs };
}
