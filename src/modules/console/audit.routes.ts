/**
 * `GET /v1/audit`: the whole audit trail for admins and auditors, newest first, filtered by period,
 * actor, action and subject, paged by sequence number. Details are shown as stored: they name fields and
 * ids, never personal data (see audit.repo.ts).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { API_KEY_SECURITY } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { presentAudit, searchAudit } from '../audit/audit.repo.js';
import { AuditEntrySchema } from '../subjects/subjects.schemas.js';

const Instant = z.iso.datetime({ offset: true });

export const AuditQuerySchema = z
  .object({
    from: Instant.optional().describe('Entries at or after this instant'),
    to: Instant.optional().describe('Entries before this instant'),
    actor: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('Exactly this actor, e.g. operator:opr_… or key:key_…'),
    action: z
      .string()
      .min(1)
      .max(100)
      .regex(/^[a-z0-9_.]+\*?$/, 'an action such as consent.timeline_read, or a prefix ending in *')
      .optional()
      .describe('An exact action, or a prefix ending in * (consent.*)'),
    subjectId: z
      .string()
      .max(64)
      .regex(/^sub_[0-9a-z]{26}$/, 'must be a subject id (sub_…)')
      .optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    before: z.coerce.number().int().min(1).optional().describe('The `next` of the previous page'),
  })
  .strict();

export const AuditPageSchema = z
  .object({
    entries: z.array(AuditEntrySchema),
    next: z.number().int().nullable().describe('Pass as `before` for the next (older) page; null at the end'),
  })
  .meta({ id: 'AuditPage' });

export function registerAuditRoutes(app: FastifyInstance, deps: { db: Kysely<DB> }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/audit',
    {
      config: { roles: ['admin', 'auditor'] },
      schema: {
        operationId: 'searchAudit',
        tags: ['audit'],
        security: API_KEY_SECURITY,
        summary: 'The audit trail, newest first: filter by period, actor, action or subject; paged',
        querystring: AuditQuerySchema,
        response: { 200: AuditPageSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await searchAudit(deps.db, {
        from: q.from === undefined ? undefined : Date.parse(q.from),
        to: q.to === undefined ? undefined : Date.parse(q.to),
        actor: q.actor,
        action: q.action,
        subjectId: q.subjectId,
        beforeSeq: q.before,
        limit: q.limit + 1,
      });
      const page = rows.slice(0, q.limit);
      return {
        entries: page.map(presentAudit),
        next: rows.length > q.limit ? (page.at(-1)?.seq ?? null) : null,
      };
    },
  );
}
