import type { FastifyBaseLogger } from 'fastify';
import { dueDate } from '../../domain/requests/deadline.js';
import { AppError } from '../../errors/app-error.js';
import type { JobDefinition } from '../../jobs/scheduler.js';
import { enqueueEmail } from '../../mail/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ConsentService } from '../consent/consent.service.js';
import { type CorrectionChange, createRequestActions, type DataExecutor } from './requests.actions.js';
import { findRequest, listRequests, type RequestRow, updateRequest } from './requests.repo.js';
import { createRequestIntake, type RequestsDeps, transition } from './requests.service.js';

/** Data subject requests: intake, verification, agent operations and their execution, wired together. */
export function createRequestsModule(
  deps: RequestsDeps & {
    consent: ConsentService;
    executor: DataExecutor;
    exportTtlMs: number;
    audit: AuditService;
    log: FastifyBaseLogger;
  },
) {
  const clock = deps.clock ?? Date.now;
  const intake = createRequestIntake(deps);
  const actions = createRequestActions(deps);
  const controller = deps.policy.controller.name;
  const inFlight = new Set<Promise<unknown>>();

  async function mustFind(id: string): Promise<RequestRow> {
    const request = await findRequest(deps.db, id);
    if (!request) throw new AppError('resource.not_found', 'no such request');
    return request;
  }

  /**
   * A request whose stores could not be reached stays in progress, and says so in its result: since when
   * it waits, how many attempts, and why (the error code, never a value). The resume job retries it.
   */
  async function noteWaiting(request: RequestRow, error: unknown): Promise<void> {
    const current = (await findRequest(deps.db, request.id)) ?? request;
    const previous = (current.result?.waiting ?? null) as { since: string; attempts: number } | null;
    const now = clock();
    const reason = error instanceof AppError ? error.code : 'request.datasets_unavailable';
    const waiting = {
      since: previous?.since ?? new Date(now).toISOString(),
      attempts: (previous?.attempts ?? 0) + 1,
      lastAttempt: new Date(now).toISOString(),
      reason,
    };
    await updateRequest(deps.db, request.id, { result: JSON.stringify({ ...current.result, waiting }) }, now);
  }

  /** Runs a request; a failing store leaves it in progress, noted as waiting, to be retried. */
  async function attempt(request: RequestRow, actor: string): Promise<void> {
    try {
      await actions.run(request, actor);
    } catch (error) {
      deps.log.warn(
        { err: error, requestId: request.id },
        'request could not be carried out yet; it stays in progress',
      );
      await noteWaiting(request, error).catch(() => {});
    }
  }

  function runDetached(request: RequestRow, actor: string): void {
    const job = attempt(request, actor);
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
  }

  /**
   * Retries the access and erasure requests left in progress (a store was down): those not touched for
   * `retryAfterMs`, oldest due first. Run by the scheduler, one instance per slot.
   */
  async function resumeWaiting(retryAfterMs: number): Promise<number> {
    const stale = clock() - retryAfterMs;
    const rows = await deps.db
      .selectFrom('dsr_requests')
      .select('id')
      .where('state', '=', 'in_progress')
      .where('type', 'in', ['access', 'erasure'])
      .where('updated_at', '<=', stale)
      .orderBy('due_at')
      .limit(100)
      .execute();
    for (const { id } of rows) {
      const request = await findRequest(deps.db, id);
      if (request?.state === 'in_progress') await attempt(request, 'system');
    }
    return rows.length;
  }

  return {
    intake,
    actions,

    async afterVerification(request: RequestRow): Promise<RequestRow> {
      if (request.type === 'access' || request.type === 'erasure') {
        const started = await transition(deps, request.id, 'in_progress', 'system', clock());
        runDetached(started, 'system');
        return started;
      }
      return actions.run(request, 'system');
    },

    agent: {
      async list(
        filter: { open: boolean; overdue: boolean; limit: number; subjectId?: string | undefined },
        actor: string,
      ): Promise<RequestRow[]> {
        const now = clock();
        const rows = await listRequests(deps.db, {
          open: filter.open,
          ...(filter.overdue ? { overdueAt: now } : {}),
          limit: filter.limit,
          subjectId: filter.subjectId,
        });
        await deps.audit.record({ actor, action: 'dsr.listed', detail: { count: rows.length } });
        return rows;
      },

      async get(id: string, actor: string): Promise<RequestRow> {
        const request = await mustFind(id);
        await deps.audit.record({ actor, action: 'dsr.read', subjectId: request.subjectId, target: id });
        return request;
      },

      async transition(
        id: string,
        to: 'in_progress' | 'completed' | 'rejected',
        reason: string | undefined,
        actor: string,
      ): Promise<RequestRow> {
        if (to === 'rejected' && !reason)
          throw new AppError('request.invalid', 'a rejection needs its reason (Art. 12(4))', [
            { field: 'reason', message: 'required to reject' },
          ]);
        const now = clock();
        const request = await transition(deps, id, to, actor, now, reason ? { closing_reason: reason } : {});
        if (to === 'rejected')
          await enqueueEmail(
            deps.db,
            {
              to: request.email,
              template: 'request.rejected',
              payload: { controller, reason: reason ?? '' },
            },
            now,
          );
        if (to === 'completed')
          await enqueueEmail(
            deps.db,
            { to: request.email, template: 'request.completed', payload: { controller, note: reason ?? '' } },
            now,
          );
        return request;
      },

      /** Art. 12(3): two further months where necessary, the person told within the first month, with reasons. */
      async extend(id: string, reason: string, actor: string): Promise<RequestRow> {
        const request = await mustFind(id);
        if (request.extended)
          throw new AppError('request.extension_used', 'the deadline was already extended');
        const rule =
          deps.policy.rights.deadlines[request.jurisdiction as keyof typeof deps.policy.rights.deadlines];
        if (!rule) throw new AppError('request.invalid', 'no deadline rule for this jurisdiction');
        const due = dueDate(new Date(request.receivedAt), rule, true).getTime();
        const now = clock();
        const updated = await deps.db.transaction().execute(async (tx) => {
          await tx
            .updateTable('dsr_requests')
            .set({ extended: 1, extension_reason: reason, due_at: due, updated_at: now })
            .where('id', '=', id)
            .where('extended', '=', 0)
            .execute();
          await enqueueEmail(
            tx,
            {
              to: request.email,
              template: 'request.extended',
              payload: { controller, reason, due: new Date(due).toISOString().slice(0, 10) },
            },
            now,
          );
          return findRequest(tx, id);
        });
        await deps.audit.record({
          actor,
          action: 'dsr.extended',
          subjectId: request.subjectId,
          target: id,
          detail: { due: new Date(due).toISOString() },
        });
        return updated!;
      },

      async execute(id: string, actor: string): Promise<RequestRow> {
        const request = await mustFind(id);
        if (request.state !== 'verified' && request.state !== 'in_progress') {
          throw new AppError(
            'request.invalid_transition',
            `a ${request.state} request cannot be carried out`,
          );
        }
        return actions.run(request, actor);
      },

      async approve(id: string, changes: readonly CorrectionChange[], actor: string): Promise<RequestRow> {
        return actions.approveCorrections(await mustFind(id), changes, actor);
      },
    },

    resumeWaiting,

    /** The retry of waiting requests as a scheduled job (none when `everyMs` is 0). */
    jobs(everyMs: number): JobDefinition[] {
      if (everyMs <= 0) return [];
      return [
        {
          name: 'requests.resume.v1',
          everyMs,
          async run() {
            await resumeWaiting(everyMs);
            return 'ok';
          },
        },
      ];
    },

    /** Waits for background executions (shutdown, tests). */
    async settle(): Promise<void> {
      await Promise.all([...inFlight]);
    },
  };
}

export type RequestsModule = ReturnType<typeof createRequestsModule>;
