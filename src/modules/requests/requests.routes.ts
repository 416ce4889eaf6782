import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { allowedTransitions, isOpen } from '../../domain/requests/state.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import type { RequestsModule } from './requests.module.js';
import type { RequestRow } from './requests.repo.js';
import {
  AgentRequestSchema,
  ApproveCorrectionsBodySchema,
  ExtendBodySchema,
  ListRequestsQuerySchema,
  OpenRequestBodySchema,
  PublicRequestSchema,
  RequestIdParam,
  StatusQuerySchema,
  TransitionBodySchema,
  VerifyBodySchema,
} from './requests.schemas.js';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
const problems = {
  400: ProblemSchema,
  404: ProblemSchema,
  409: ProblemSchema,
  422: ProblemSchema,
  429: ProblemSchema,
};
const AGENTS = ['admin', 'agent'] as const;

export function presentPublic(r: RequestRow) {
  return {
    id: r.id,
    type: r.type,
    state: r.state,
    receivedAt: iso(r.receivedAt)!,
    dueAt: iso(r.dueAt)!,
    extended: r.extended,
    extensionReason: r.extensionReason,
    closedAt: iso(r.closedAt),
  };
}

export function presentAgent(r: RequestRow, now: number) {
  return {
    ...presentPublic(r),
    email: r.email,
    subjectId: r.subjectId,
    jurisdiction: r.jurisdiction,
    verifiedAt: iso(r.verifiedAt),
    overdue: isOpen(r.state) && r.dueAt < now,
    closingReason: r.closingReason,
    details: { ...r.details },
    result: r.result,
    transitions: [...allowedTransitions(r.state)],
  };
}

export function registerRequestRoutes(app: FastifyInstance, m: RequestsModule): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const secured = { security: API_KEY_SECURITY, tags: ['requests'] };

  r.post(
    '/v1/requests',
    {
      schema: {
        operationId: 'openRequest',
        tags: ['requests'],
        summary:
          'Open a data subject request (public). The answer is the same whether or not the address is known; a confirmation link is emailed',
        body: OpenRequestBodySchema,
        response: { 202: z.object({ id: z.string(), message: z.string() }), ...problems },
      },
    },
    async (request, reply) => {
      const { id } = await m.intake.open(request.body, request.ip);
      return reply.code(202).send({
        id,
        message: 'If this address can receive email, a link to confirm the request is on its way.',
      });
    },
  );

  r.post(
    '/v1/requests/:id/verify',
    {
      schema: {
        operationId: 'verifyRequest',
        tags: ['requests'],
        summary: 'Confirm a request with the emailed token (public, single use)',
        params: RequestIdParam,
        body: VerifyBodySchema,
        response: { 200: z.object({ request: PublicRequestSchema, statusToken: z.string() }), ...problems },
      },
    },
    async (request) => {
      const { request: verified, statusToken } = await m.intake.verify(request.params.id, request.body.token);
      const after = await m.afterVerification(verified);
      return { request: presentPublic(after), statusToken };
    },
  );

  r.get(
    '/v1/requests/:id/status',
    {
      schema: {
        operationId: 'getRequestStatus',
        tags: ['requests'],
        summary: "A request's state, for its author (token from verification)",
        params: RequestIdParam,
        querystring: StatusQuerySchema,
        response: { 200: PublicRequestSchema, ...problems },
      },
    },
    async (request) => presentPublic(await m.intake.status(request.params.id, request.query.token)),
  );

  r.get(
    '/v1/exports/:token',
    {
      schema: {
        operationId: 'downloadExport',
        tags: ['requests'],
        summary: 'Download an access export (expiring link from the completion email)',
        params: z.object({ token: z.string().min(20).max(200) }).strict(),
        produces: ['application/zip'],
      },
    },
    async (request, reply) => {
      const archive = await m.actions.download(request.params.token);
      return reply
        .type('application/zip')
        .header('content-disposition', 'attachment; filename="personal-data.zip"')
        .header('cache-control', 'no-store')
        .send(archive);
    },
  );

  r.get(
    '/v1/requests',
    {
      config: { roles: AGENTS },
      schema: {
        ...secured,
        operationId: 'listRequests',
        summary: 'Requests by due date (open ones by default; overdue=true for those past due)',
        querystring: ListRequestsQuerySchema,
        response: { 200: z.object({ requests: z.array(AgentRequestSchema) }), ...problems },
      },
    },
    async (request) => {
      const now = Date.now();
      const q = request.query;
      const rows = await m.agent.list(
        { open: q.state === 'open', overdue: q.overdue === 'true', limit: q.limit, subjectId: q.subjectId },
        actorOf(request),
      );
      return { requests: rows.map((row) => presentAgent(row, now)) };
    },
  );

  r.get(
    '/v1/requests/:id',
    {
      config: { roles: AGENTS },
      schema: {
        ...secured,
        operationId: 'getRequest',
        params: RequestIdParam,
        response: { 200: AgentRequestSchema, ...problems },
      },
    },
    async (request) => presentAgent(await m.agent.get(request.params.id, actorOf(request)), Date.now()),
  );

  r.post(
    '/v1/requests/:id/transitions',
    {
      config: { roles: AGENTS },
      schema: {
        ...secured,
        operationId: 'transitionRequest',
        summary: 'Move a request: start, complete or reject (with a reason the person is told)',
        params: RequestIdParam,
        body: TransitionBodySchema,
        response: { 200: AgentRequestSchema, ...problems },
      },
    },
    async (request) =>
      presentAgent(
        await m.agent.transition(request.params.id, request.body.to, request.body.reason, actorOf(request)),
        Date.now(),
      ),
  );

  r.post(
    '/v1/requests/:id/extend',
    {
      config: { roles: AGENTS },
      schema: {
        ...secured,
        operationId: 'extendRequest',
        summary: 'Extend the deadline once, with the reason sent to the person (Art. 12(3))',
        params: RequestIdParam,
        body: ExtendBodySchema,
        response: { 200: AgentRequestSchema, ...problems },
      },
    },
    async (request) =>
      presentAgent(
        await m.agent.extend(request.params.id, request.body.reason, actorOf(request)),
        Date.now(),
      ),
  );

  r.post(
    '/v1/requests/:id/execute',
    {
      config: { roles: AGENTS },
      schema: {
        ...secured,
        operationId: 'executeRequest',
        summary: 'Carry out a verified request now (or retry one whose stores were unreachable)',
        params: RequestIdParam,
        response: { 200: AgentRequestSchema, ...problems },
      },
    },
    async (request) => presentAgent(await m.agent.execute(request.params.id, actorOf(request)), Date.now()),
  );

  r.post(
    '/v1/requests/:id/corrections/approve',
    {
      config: { roles: AGENTS },
      schema: {
        ...secured,
        operationId: 'approveCorrections',
        summary: 'Apply reviewed corrections through the connectors (Art. 16)',
        params: RequestIdParam,
        body: ApproveCorrectionsBodySchema,
        response: { 200: AgentRequestSchema, ...problems },
      },
    },
    async (request) =>
      presentAgent(
        await m.agent.approve(request.params.id, request.body.changes, actorOf(request)),
        Date.now(),
      ),
  );
}
