/**
 * `GET /v1/policy`: the structure of the policy the server runs with, for the console's data map and
 * processor list. Read-only; the view is built once, since the loaded policy never changes while the
 * process runs (a new policy means a restart).
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { API_KEY_SECURITY } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import type { LoadedPolicy } from '../policy/policy.loader.js';
import { buildPolicyView, PolicyViewSchema } from './policy.view.js';

export function registerPolicyViewRoutes(app: FastifyInstance, deps: { policy: LoadedPolicy }): void {
  const view = buildPolicyView(deps.policy);
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/policy',
    {
      config: { roles: ['admin', 'agent', 'auditor'] },
      schema: {
        operationId: 'getPolicyView',
        tags: ['policy'],
        security: API_KEY_SECURITY,
        summary:
          'The loaded policy: purposes, data categories, processors, recipients and datasets, and how they connect',
        response: { 200: PolicyViewSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async () => view,
  );
}
