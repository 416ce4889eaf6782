import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { listAudit, presentAudit } from '../audit/audit.repo.js';
import type { SubjectRow } from './subjects.repo.js';
import {
  AuditEntrySchema,
  EndRelationshipBodySchema,
  IdentityInputSchema,
  LookupSubjectBodySchema,
  RelationshipInputSchema,
  RelationshipParamsSchema,
  type Subject,
  SubjectParamsSchema,
  SubjectSchema,
  UpsertSubjectBodySchema,
} from './subjects.schemas.js';
import type { SubjectsService } from './subjects.service.js';

const iso = (ms: number) => new Date(ms).toISOString();
const ms = (value: string | undefined) => (value === undefined ? undefined : Date.parse(value));

/** Output allowlist: every field of a subject the API shows, picked by name. */
export function presentSubject(row: SubjectRow, now = Date.now()): Subject {
  return {
    id: row.id,
    createdAt: iso(row.createdAt),
    updatedAt: iso(row.updatedAt),
    identities: row.identities.map((i) => ({
      id: i.id,
      type: i.type as Subject['identities'][number]['type'],
      namespace: i.namespace,
      value: i.value,
      createdAt: iso(i.createdAt),
    })),
    relationships: row.relationships.map((r) => ({
      id: r.id,
      kind: r.kind,
      startedAt: iso(r.startedAt),
      endedAt: r.endedAt === null ? null : iso(r.endedAt),
      active: r.startedAt <= now && (r.endedAt === null || r.endedAt > now),
      reference: r.reference,
    })),
  };
}

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const WRITERS = ['admin', 'agent', 'service'] as const;
const READERS = ['admin', 'agent', 'service'] as const;

export function registerSubjectRoutes(
  app: FastifyInstance,
  deps: { subjects: SubjectsService; db: Kysely<DB> },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { subjects } = deps;

  r.post(
    '/v1/subjects',
    {
      config: { roles: WRITERS },
      schema: {
        operationId: 'upsertSubject',
        tags: ['subjects'],
        security: API_KEY_SECURITY,
        summary:
          'Find the subject owning any of these identities, or create one; add identities and relationships',
        body: UpsertSubjectBodySchema,
        response: {
          200: SubjectSchema,
          201: SubjectSchema,
          409: ProblemSchema,
          422: ProblemSchema,
          ...errors,
        },
      },
    },
    async (request, reply) => {
      const body = request.body;
      const result = await subjects.upsert(
        {
          identities: body.identities,
          relationships: body.relationships?.map((rel) => ({
            kind: rel.kind,
            startedAt: ms(rel.startedAt),
            endedAt: ms(rel.endedAt),
            reference: rel.reference,
          })),
          defaultCountry: body.defaultCountry,
        },
        actorOf(request),
      );
      return reply.code(result.created ? 201 : 200).send(presentSubject(result.row));
    },
  );

  r.post(
    '/v1/subjects/lookup',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'lookupSubject',
        tags: ['subjects'],
        security: API_KEY_SECURITY,
        summary:
          'Find a subject by identity (in the body, so that identities never appear in URLs or access logs)',
        body: LookupSubjectBodySchema,
        response: { 200: SubjectSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      presentSubject(
        await subjects.lookup(request.body.identity, actorOf(request), request.body.defaultCountry),
      ),
  );

  r.get(
    '/v1/subjects/:id',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'getSubject',
        tags: ['subjects'],
        security: API_KEY_SECURITY,
        params: SubjectParamsSchema,
        response: { 200: SubjectSchema, ...errors },
      },
    },
    async (request) => presentSubject(await subjects.get(request.params.id, actorOf(request))),
  );

  r.post(
    '/v1/subjects/:id/identities',
    {
      config: { roles: WRITERS },
      schema: {
        operationId: 'linkIdentities',
        tags: ['subjects'],
        security: API_KEY_SECURITY,
        params: SubjectParamsSchema,
        body: z
          .object({
            identities: z.array(IdentityInputSchema).min(1).max(20),
            defaultCountry: z.string().length(2).optional(),
          })
          .strict(),
        response: { 200: SubjectSchema, 409: ProblemSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      presentSubject(
        await subjects.addIdentities(
          request.params.id,
          request.body.identities,
          actorOf(request),
          request.body.defaultCountry,
        ),
      ),
  );

  r.post(
    '/v1/subjects/:id/relationships',
    {
      config: { roles: WRITERS },
      schema: {
        operationId: 'startRelationship',
        tags: ['subjects'],
        security: API_KEY_SECURITY,
        params: SubjectParamsSchema,
        body: RelationshipInputSchema,
        response: { 201: SubjectSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const row = await subjects.addRelationship(
        request.params.id,
        { kind: b.kind, startedAt: ms(b.startedAt), endedAt: ms(b.endedAt), reference: b.reference },
        actorOf(request),
      );
      return reply.code(201).send(presentSubject(row));
    },
  );

  r.post(
    '/v1/subjects/:id/relationships/:relationshipId/end',
    {
      config: { roles: WRITERS },
      schema: {
        operationId: 'endRelationship',
        tags: ['subjects'],
        security: API_KEY_SECURITY,
        params: RelationshipParamsSchema,
        body: EndRelationshipBodySchema,
        response: { 200: SubjectSchema, 422: ProblemSchema, ...errors },
      },
    },
    async (request) =>
      presentSubject(
        await subjects.endRelationship(
          request.params.id,
          request.params.relationshipId,
          ms(request.body.endedAt),
          actorOf(request),
        ),
      ),
  );

  r.get(
    '/v1/subjects/:id/audit',
    {
      config: { roles: ['admin', 'auditor'] },
      schema: {
        operationId: 'listSubjectAudit',
        tags: ['audit'],
        security: API_KEY_SECURITY,
        params: SubjectParamsSchema,
        querystring: z
          .object({
            after: z.coerce.number().int().min(0).optional(),
            limit: z.coerce.number().int().min(1).max(500).default(100),
          })
          .strict(),
        response: { 200: z.object({ entries: z.array(AuditEntrySchema) }), ...errors },
      },
    },
    async (request) => {
      const entries = await listAudit(deps.db, {
        subjectId: request.params.id,
        afterSeq: request.query.after,
        limit: request.query.limit,
      });
      return {
        entries: entries.map(presentAudit),
      };
    },
  );
}
