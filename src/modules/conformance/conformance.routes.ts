import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { API_KEY_SECURITY } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import type { ConformanceService } from './conformance.service.js';

const EvidenceValue = z.union([z.string(), z.number(), z.boolean(), z.null(), z.array(z.string())]);

export const ConformanceCheckSchema = z
  .object({
    id: z.string(),
    promise: z.string(),
    clauses: z.array(z.string()),
    status: z.enum(['pass', 'fail', 'error']),
    evidence: z.record(z.string(), EvidenceValue),
    breaks: z.array(z.string()).describe('What breaks the promise; empty when it is kept'),
  })
  .meta({ id: 'ConformanceCheck' });

export const ConformanceReportSchema = z
  .object({
    generatedAt: z.string(),
    policy: z.object({ controller: z.string(), version: z.string().nullable(), contentHash: z.string() }),
    summary: z.object({ pass: z.number().int(), fail: z.number().int(), error: z.number().int() }),
    checks: z.array(ConformanceCheckSchema),
  })
  .meta({ id: 'ConformanceReport' });

export function registerConformanceRoutes(
  app: FastifyInstance,
  deps: { conformance: ConformanceService },
): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/conformance',
    {
      config: { roles: ['admin', 'agent', 'auditor'] },
      schema: {
        operationId: 'getConformance',
        tags: ['conformance'],
        security: API_KEY_SECURITY,
        summary:
          'Each promise of the policy with a pass/fail verdict computed from live data, and its evidence',
        response: { 200: ConformanceReportSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    () => deps.conformance.report(),
  );
}
