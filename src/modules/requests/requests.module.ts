import type { FastifyBaseLogger } from 'fastify';
import { dueDate } from '../../domain/requests/deadline.js';
import { AppError } from '../../errors/app-error.js';
import { enqueueEmail } from '../../mail/outbox.js';
import type { AuditService } from '../audit/audit.service.js';
import type { ConsentService } from '../consent/consent.service.js';
import { type CorrectionChange, createRequestActions, type DataExecutor } from './requests.actions.js';
import { findRequest, listRequests, type RequestRow } from './requests.repo.js';
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

  /** Runs a request in the background; a failing store leaves it in progress, to be retried. */
  function runDetached(request: RequestRow, actor: string): void {
    const job = actions.run(request, actor).catch((error: unknown) => {
      deps.log.warn(
        { err: error, requestId: request.id },
        'request could not be carried out yet; it stays in progress',
      );
    });
    inFlight.add(job);
    void job.finally(() => inFlight.delete(job));
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
        filter: { open: boolean; overdue: boolean; limit: number },
        actor: string,
      ): Promise<RequestRow[]> {
        const now = clock();
        const rows = await listRequests(deps.db, {
          open: filter.open,
          ...(filter.overdue ? { overdueAt: now } : {}),
          limit: filter.limit,
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

    /** Waits for background executions (shutdown, tests). */
    async settle(): Promise<void> {
      await Promise.all([...inFlight]);
    },
  };
}

export type RequestsModule = ReturnType<typeof createRequestsModule>;
