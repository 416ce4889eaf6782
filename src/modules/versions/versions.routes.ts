/**
 * Policy versions over HTTP: publish (admin), list, read and diff (admin, agent, auditor). Unknown ids
 * answer 404; a text with errors answers 422 naming each line, and stores nothing.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { diffPolicies } from '../../domain/policy/diff.js';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import {
  countNotices,
  listVersions,
  type NoticeCounts,
  resolveVersion,
  type VersionSummary,
} from './versions.repo.js';
import {
  DiffQuerySchema,
  PolicyDiffSchema,
  PolicyVersionDetailSchema,
  PolicyVersionListSchema,
  PublishBodySchema,
  PublishResultSchema,
  VersionListQuerySchema,
  VersionParamsSchema,
} from './versions.schemas.js';
import type { VersionsService } from './versions.service.js';

const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema, 404: ProblemSchema };
const READERS = ['admin', 'agent', 'auditor'] as const;
const iso = (ms: number) => new Date(ms).toISOString();
/** A 4 MiB policy as a JSON string, with room for escapes; larger bodies are 413 before parsing. */
const PUBLISH_BODY_LIMIT = 10 * 1024 * 1024;

export function presentVersion(v: VersionSummary, counts: NoticeCounts | undefined) {
  return {
    id: v.id,
    seq: v.seq,
    label: v.label,
    contentHash: v.contentHash,
    policyHash: v.policyHash,
    previousId: v.previousId,
    publishedAt: iso(v.publishedAt),
    publishedBy: v.publishedBy,
    effectiveAt: iso(v.effectiveAt),
    material: v.diff.material,
    changes: v.diff.changes.map((c) => ({ ...c, purposes: [...c.purposes] })),
    notices: { state: v.noticesState, ...(counts ?? { total: 0, pending: 0, sent: 0, failed: 0 }) },
  };
}

async function mustResolve(db: Kysely<DB>, ref: string, field: string) {
  const resolved = await resolveVersion(db, ref);
  if (resolved.found) return resolved.found;
  if (resolved.ambiguous)
    throw new AppError('request.invalid', 'the hash prefix matches several versions', [
      { field, message: 'ambiguous: give more digits or the version id' },
    ]);
  throw new AppError('resource.not_found', 'no such policy version');
}

export function registerVersionRoutes(
  app: FastifyInstance,
  deps: { readonly db: Kysely<DB>; readonly versions: VersionsService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post(
    '/v1/policy/versions',
    {
      bodyLimit: PUBLISH_BODY_LIMIT,
      config: { roles: ['admin'] },
      schema: {
        operationId: 'publishPolicyVersion',
        tags: ['policy'],
        security: API_KEY_SECURITY,
        summary:
          'Publish a policy text as an immutable version; a material change schedules one email per account holder',
        body: PublishBodySchema,
        response: {
          200: PublishResultSchema,
          201: PublishResultSchema,
          ...errors,
          413: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const { yaml, effectiveAt } = request.body;
      const result = await deps.versions.publish({
        yaml,
        effectiveAt: effectiveAt === undefined ? undefined : Date.parse(effectiveAt),
        actor: actorOf(request),
      });
      const counts = await countNotices(deps.db, [result.version.id]);
      return reply.code(result.published ? 201 : 200).send({
        published: result.published,
        noticesQueued: result.noticesQueued,
        version: presentVersion(result.version, counts.get(result.version.id)),
      });
    },
  );

  r.get(
    '/v1/policy/versions',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'listPolicyVersions',
        tags: ['policy'],
        security: API_KEY_SECURITY,
        summary: 'Published policy versions, newest first, with their changes and notice deliveries',
        querystring: VersionListQuerySchema,
        response: { 200: PolicyVersionListSchema, ...errors },
      },
    },
    async (request) => {
      const { limit, before } = request.query;
      const rows = await listVersions(deps.db, { limit: limit + 1, before });
      const page = rows.slice(0, limit);
      const counts = await countNotices(
        deps.db,
        page.map((v) => v.id),
      );
      return {
        versions: page.map((v) => presentVersion(v, counts.get(v.id))),
        next: rows.length > limit ? (page.at(-1)?.id ?? null) : null,
      };
    },
  );

  r.get(
    '/v1/policy/versions/:id',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'getPolicyVersion',
        tags: ['policy'],
        security: API_KEY_SECURITY,
        summary: 'One policy version (by id or content-hash prefix) with its text',
        params: VersionParamsSchema,
        response: { 200: PolicyVersionDetailSchema, ...errors },
      },
    },
    async (request) => {
      const version = await mustResolve(deps.db, request.params.id, 'id');
      const counts = await countNotices(deps.db, [version.id]);
      return { ...presentVersion(version, counts.get(version.id)), yaml: version.yaml };
    },
  );

  r.get(
    '/v1/policy/versions/:id/diff',
    {
      config: { roles: READERS },
      schema: {
        operationId: 'diffPolicyVersions',
        tags: ['policy'],
        security: API_KEY_SECURITY,
        summary: 'What changed from one version (default: the previous) to this one, each change classified',
        params: VersionParamsSchema,
        querystring: DiffQuerySchema,
        response: { 200: PolicyDiffSchema, ...errors },
      },
    },
    async (request) => {
      const to = await mustResolve(deps.db, request.params.id, 'id');
      const fromRef = request.query.from ?? to.previousId;
      const from = fromRef ? await mustResolve(deps.db, fromRef, 'from') : null;
      const diff = from ? diffPolicies(from.policy, to.policy) : { material: false, changes: [] };
      return {
        from: from?.id ?? null,
        to: to.id,
        material: diff.material,
        changes: diff.changes.map((c) => ({ ...c, purposes: [...c.purposes] })),
      };
    },
  );
}
