/**
 * The conformance report (issue 5 §3): every promise of the policy with a verdict from live data. Groups
 * run one after another and fail alone: a store that does not answer turns its checks into errors, the
 * others still report.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import {
  type ConformanceCheck,
  type ConformanceReport,
  failedCheck,
  summarise,
} from '../../domain/conformance/check.js';
import { policyChecks } from '../../domain/conformance/policy-checks.js';
import type { EligibilityService } from '../eligibility/eligibility.service.js';
import type { LoadedPolicy } from '../policy/policy.loader.js';
import type { RetentionService } from '../retention/retention.service.js';
import {
  describeError,
  formChecks,
  integrityChecks,
  type LiveDeps,
  marketingChecks,
  requestChecks,
  retentionChecks,
  securityLogChecks,
  sweepChecks,
} from './conformance.live.js';

/** When sweeps are not scheduled in the server, an operator's daily `steward sweep` is assumed. */
const DEFAULT_SWEEP_PERIOD_MS = 24 * 3_600_000;

export interface ConformanceService {
  report(): Promise<ConformanceReport>;
}

export function createConformanceService(deps: {
  db: Kysely<DB>;
  policy: LoadedPolicy;
  retention: RetentionService;
  eligibility: EligibilityService;
  sweepIntervalMs: number;
  clock?: () => number;
}): ConformanceService {
  const clock = deps.clock ?? Date.now;
  const periodMs = deps.sweepIntervalMs > 0 ? deps.sweepIntervalMs : DEFAULT_SWEEP_PERIOD_MS;
  const live: LiveDeps & { periodMs: number } = {
    db: deps.db,
    policy: deps.policy.policy,
    retention: deps.retention,
    eligibility: deps.eligibility,
    // An expired row may wait for the next sweep: one period, plus a minute for the sweep itself.
    graceMs: periodMs + 60_000,
    periodMs,
  };
  const groups: { id: string; promise: string; run: (now: number) => Promise<ConformanceCheck[]> }[] = [
    {
      id: 'retention',
      promise: 'Data are kept no longer than the policy says',
      run: (now) => retentionChecks(live, now),
    },
    { id: 'retention.sweeps', promise: 'Retention sweeps run', run: (now) => sweepChecks(live, now) },
    {
      id: 'security_logs',
      promise: 'Website logs are kept as promised',
      run: (now) => securityLogChecks(live, now),
    },
    { id: 'marketing', promise: 'Unsubscribing wins', run: (now) => marketingChecks(live, now) },
    { id: 'requests', promise: 'Requests are answered in time', run: (now) => requestChecks(live, now) },
    { id: 'forms', promise: 'Forms keep their promises', run: (now) => formChecks(live, now) },
    { id: 'integrity', promise: 'The records are intact', run: () => integrityChecks(live) },
  ];

  return {
    async report() {
      const now = clock();
      const checks: ConformanceCheck[] = [];
      for (const group of groups) {
        try {
          checks.push(...(await group.run(now)));
        } catch (error) {
          checks.push(
            failedCheck({ id: group.id, promise: group.promise, clauses: [] }, describeError(error)),
          );
        }
      }
      checks.push(...policyChecks(deps.policy.policy));
      const { controller, version } = deps.policy.policy;
      return {
        generatedAt: new Date(now).toISOString(),
        policy: {
          controller: controller.name,
          version: version ?? null,
          contentHash: deps.policy.contentHash,
        },
        summary: summarise(checks),
        checks,
      };
    },
  };
}
