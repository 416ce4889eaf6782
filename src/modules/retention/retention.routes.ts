/**
 * Retention over HTTP: run a sweep (or a dry run), read the stored reports, and place or release manual
 * legal holds. Every hold change is audited; a hold on a subject of no record answers 404.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../domain/identity/ids.js';
import type { Policy } from '../../domain/policy/schema.js';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { appendAudit } from '../audit/audit.repo.js';
import { requireSubject } from '../subjects/subjects.repo.js';
import { getHold, insertHold, listHolds, presentHold, releaseHold } from './holds.repo.js';
import { getRun, listRuns, presentRun } from './retention.repo.js';
import {
  HoldBodySchema,
  HoldIdParamSchema,
  HoldListQuerySchema,
  HoldListSchema,
  LegalHoldSchema,
  RetentionRunListSchema,
  RetentionRunSchema,
  RunBodySchema,
  RunIdParamSchema,
  RunListQuerySchema,
} from './retention.schemas.js';
import type { RetentionService } from './retention.service.js';

export interface RetentionRouteDeps {
  readonly db: Kysely<DB>;
  readonly dialect: DialectName;
  readonly policy: Policy;
  readonly retention: RetentionService;
  readonly clock?: () => number;
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const READERS = ['admin', 'agent', 'auditor'] as const;

export function registerRetentionRoutes(app: FastifyInstance, deps: RetentionRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = deps.clock ?? Date.now;

  r.post(
    '/v1/retention/runs',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'runRetentionSweep',
        tags: ['retention'],
        security: API_KEY_SECURITY,
        summary: 'Sweep every retention rule now (or count, with dryRun) and store the report',
        body: RunBodySchema,
        response: { 201: RetentionRunSchema, ...errors },
      },
    },
    async (request, reply) => {
      const run = await deps.retention.sweep({
        trigger: 'api',
        dryRun: request.body.dryRun,
        actor: actorOf(request),
      });
      return reply.code(201).send(run);
    },
  );

  r.get(
    '/v1/retention/runs',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'listRetentionRuns',
        tags: ['retention'],
        security: API_KEY_SECURITY,
        summary: 'Stored retention runs, newest first',
        querystring: RunListQuerySchema,
        response: { 200: RetentionRunListSchema, ...errors },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await listRuns(deps.db, {
        limit: q.limit + 1,
        before: q.before,
        dryRun: q.dryRun === undefined ? undefined : q.dryRun === 'true',
      });
      const page = rows.slice(0, q.limit);
      return {
        runs: page.map(presentRun),
        next: rows.length > q.limit ? (page[page.length - 1]?.id ?? null) : null,
      };
    },
  );

  r.get(
    '/v1/retention/runs/:id',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'getRetentionRun',
        tags: ['retention'],
        security: API_KEY_SECURITY,
        summary: 'One retention run with its report per rule',
        params: RunIdParamSchema,
        response: { 200: RetentionRunSchema, ...errors },
      },
    },
    async (request) => {
      const row = await getRun(deps.db, request.params.id);
      if (!row) throw new AppError('resource.not_found', 'no such retention run');
      return presentRun(row);
    },
  );

  registerHoldRoutes(app, deps, clock);
}

function registerHoldRoutes(app: FastifyInstance, deps: RetentionRouteDeps, clock: () => number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tables = new Set(deps.policy.datasets.flatMap((d) => d.tables.map((t) => `${d.id}\u0000${t.name}`)));

  r.post(
    '/v1/legal-holds',
    {
      config: { roles: ['admin', 'agent'] },
      schema: {
        operationId: 'createLegalHold',
        tags: ['retention'],
        security: API_KEY_SECURITY,
        summary: 'Keep a person, or one record, beyond retention and erasure until released or expired',
        body: HoldBodySchema,
        response: { 201: LegalHoldSchema, ...errors, 422: ProblemSchema },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const now = clock();
      if ((b.subjectId === undefined) === (b.record === undefined))
        throw new AppError('request.invalid', 'a hold names either a subject or a record', [
          { field: 'subjectId', message: 'give subjectId or record, not both' },
        ]);
      if (b.record && !tables.has(`${b.record.dataset}\u0000${b.record.table}`))
        throw new AppError('request.invalid', 'the record names no table of the policy', [
          { field: 'record.table', message: 'not a table of that dataset in the policy' },
        ]);
      const expiresAt = b.expiresAt === undefined ? null : Date.parse(b.expiresAt);
      if (expiresAt !== null && expiresAt <= now)
        throw new AppError('request.invalid', 'a hold must expire in the future', [
          { field: 'expiresAt', message: 'must be in the future' },
        ]);
      const row = {
        id: newId('hold', now),
        subject_id: b.subjectId ?? null,
        dataset: b.record?.dataset ?? null,
        table_name: b.record?.table ?? null,
        row_key: b.record?.key ?? null,
        reason: b.reason,
        expires_at: expiresAt,
        created_at: now,
        created_by: actorOf(request),
        released_at: null,
        released_by: null,
      };
      await deps.db.transaction().execute(async (tx) => {
        if (b.subjectId) await requireSubject(tx, b.subjectId);
        await insertHold(tx, row);
        await appendAudit(
          tx,
          deps.dialect,
          [
            {
              actor: row.created_by,
              action: 'legal_hold.created',
              subjectId: row.subject_id ?? undefined,
              target: row.id,
              detail: { scope: b.subjectId ? 'subject' : 'record', expiresAt: b.expiresAt ?? null },
            },
          ],
          now,
        );
      });
      return reply.code(201).send(presentHold(row, now));
    },
  );

  r.get(
    '/v1/legal-holds',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'listLegalHolds',
        tags: ['retention'],
        security: API_KEY_SECURITY,
        summary: 'Manual legal holds, newest first',
        querystring: HoldListQuerySchema,
        response: { 200: HoldListSchema, ...errors },
      },
    },
    async (request) => {
      const now = clock();
      const q = request.query;
      const rows = await listHolds(deps.db, {
        now,
        active: q.active === 'true',
        subjectId: q.subjectId,
        limit: q.limit,
      });
      const holds = rows.map((row) => presentHold(row, now));
      return { holds: q.active === 'false' ? holds.filter((h) => !h.active) : holds };
    },
  );

  r.post(
    '/v1/legal-holds/:id/release',
    {
      config: { roles: ['admin'] },
      schema: {
        operationId: 'releaseLegalHold',
        tags: ['retention'],
        security: API_KEY_SECURITY,
        summary: 'Release a legal hold: its data fall under retention and erasure again',
        params: HoldIdParamSchema,
        response: { 200: LegalHoldSchema, ...errors, 409: ProblemSchema },
      },
    },
    async (request) => {
      const now = clock();
      const actor = actorOf(request);
      const id = request.params.id;
      await deps.db.transaction().execute(async (tx) => {
        const hold = await getHold(tx, id);
        if (!hold) throw new AppError('resource.not_found', 'no such legal hold');
        if (!(await releaseHold(tx, id, { now, actor })))
          throw new AppError('retention.hold_released', 'the hold was already released');
        await appendAudit(
          tx,
          deps.dialect,
          [{ actor, action: 'legal_hold.released', subjectId: hold.subject_id ?? undefined, target: id }],
          now,
        );
      });
      const row = await getHold(deps.db, id);
      return presentHold(row!, now);
    },
  );
}
