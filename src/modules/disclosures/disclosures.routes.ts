import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DialectName } from '../../db/connect.js';
import type { DB } from '../../db/schema.js';
import { newId } from '../../domain/identity/ids.js';
import type { Policy } from '../../domain/policy/schema.js';
import { allDataCategories } from '../../domain/policy/taxonomy.js';
import { AppError, type FieldProblem } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { appendAudit } from '../audit/audit.repo.js';
import { DisclosureBodySchema, DisclosureSchema } from '../requests/requests.schemas.js';
import { requireSubject } from '../subjects/subjects.repo.js';
import { SubjectParamsSchema } from '../subjects/subjects.schemas.js';

export interface DisclosureRecord {
  readonly id: string;
  readonly subjectId: string;
  readonly recipient: string;
  readonly categories: string[];
  readonly basis: string;
  readonly reference: string | null;
  readonly disclosedAt: string;
  readonly recordedBy: string;
}

export async function listDisclosures(db: Kysely<DB>, subjectId: string): Promise<DisclosureRecord[]> {
  const rows = await db
    .selectFrom('disclosures')
    .selectAll()
    .where('subject_id', '=', subjectId)
    .orderBy('disclosed_at')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    subjectId: r.subject_id,
    recipient: r.recipient,
    categories: JSON.parse(r.categories) as string[],
    basis: r.basis,
    reference: r.reference,
    disclosedAt: new Date(Number(r.disclosed_at)).toISOString(),
    recordedBy: r.recorded_by,
  }));
}

/**
 * The register of disclosures (clause 2.1.2–2.1.3; GDPR Art. 15(1)(c), 19, 30(1)(d)): who received which
 * categories of whose data, when and on what basis. An access export lists those that concern the person.
 */
export function registerDisclosureRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; dialect: DialectName; policy: Policy; clock?: () => number },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const clock = deps.clock ?? Date.now;
  const recipients = new Set([
    ...deps.policy.recipients.map((x) => x.id),
    ...deps.policy.processors.map((x) => x.id),
  ]);
  const categories = allDataCategories(deps.policy);
  const errors = {
    400: ProblemSchema,
    401: ProblemSchema,
    403: ProblemSchema,
    404: ProblemSchema,
    422: ProblemSchema,
  };

  r.post(
    '/v1/disclosures',
    {
      config: { roles: ['admin', 'agent'] },
      schema: {
        operationId: 'recordDisclosure',
        tags: ['disclosures'],
        security: API_KEY_SECURITY,
        summary: 'Record that a recipient (authority, contractor, processor) received data of a subject',
        body: DisclosureBodySchema,
        response: { 201: DisclosureSchema, ...errors },
      },
    },
    async (request, reply) => {
      const b = request.body;
      const problems: FieldProblem[] = [];
      if (!recipients.has(b.recipient))
        problems.push({ field: 'recipient', message: 'not a recipient or processor of the policy' });
      b.categories.forEach((c, i) => {
        if (!categories.has(c))
          problems.push({ field: `categories.${i}`, message: 'not a data category of the policy' });
      });
      if (problems.length > 0)
        throw new AppError('request.invalid', 'the disclosure names unknown entries', problems);
      const now = clock();
      const id = newId('disc', now);
      const disclosedAt = b.disclosedAt ? Date.parse(b.disclosedAt) : now;
      await deps.db.transaction().execute(async (tx) => {
        await requireSubject(tx, b.subjectId);
        await tx
          .insertInto('disclosures')
          .values({
            id,
            subject_id: b.subjectId,
            recipient: b.recipient,
            categories: JSON.stringify(b.categories),
            basis: b.basis,
            reference: b.reference ?? null,
            disclosed_at: disclosedAt,
            recorded_by: actorOf(request),
          })
          .execute();
        await appendAudit(
          tx,
          deps.dialect,
          [
            {
              actor: actorOf(request),
              action: 'disclosure.recorded',
              subjectId: b.subjectId,
              target: id,
              detail: { recipient: b.recipient, categories: b.categories },
            },
          ],
          now,
        );
      });
      return reply.code(201).send({
        id,
        subjectId: b.subjectId,
        recipient: b.recipient,
        categories: b.categories,
        basis: b.basis,
        reference: b.reference ?? null,
        disclosedAt: new Date(disclosedAt).toISOString(),
        recordedBy: actorOf(request),
      });
    },
  );

  r.get(
    '/v1/subjects/:id/disclosures',
    {
      config: { roles: ['admin', 'agent', 'auditor'] },
      schema: {
        operationId: 'listSubjectDisclosures',
        tags: ['disclosures'],
        security: API_KEY_SECURITY,
        params: SubjectParamsSchema,
        response: { 200: z.object({ disclosures: z.array(DisclosureSchema) }), ...errors },
      },
    },
    async (request) => {
      const subject = { id: await requireSubject(deps.db, request.params.id) };
      const disclosures = await listDisclosures(deps.db, subject.id);
      await deps.db
        .transaction()
        .execute((tx) =>
          appendAudit(
            tx,
            deps.dialect,
            [{ actor: actorOf(request), action: 'disclosure.listed', subjectId: subject.id }],
            clock(),
          ),
        );
      return { disclosures };
    },
  );
}
