/**
 * Figures for the console's dashboard. `GET /v1/stats/consent`: consent given and withdrawn, unsubscribes,
 * objections and resubscriptions per UTC day, counted from the ledger. Aggregates only, so the read is not
 * audited: no person's record is touched.
 */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { DB } from '../../db/schema.js';
import { API_KEY_SECURITY } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { countConsentEventsByDay } from './stats.repo.js';

const Count = z.number().int().min(0);
const ActionCountsSchema = z.object({
  given: Count,
  withdrawn: Count,
  unsubscribed: Count.describe('Suppressions: one-click unsubscribes and unsubscribes recorded by the API'),
  objected: Count.describe('Objections to direct marketing (Art. 21(2)), which suppress it too'),
  resubscribed: Count,
});

export const ConsentStatsQuerySchema = z
  .object({
    days: z.coerce
      .number()
      .int()
      .min(1)
      .max(366)
      .default(30)
      .describe('How many UTC days, ending today, to count'),
  })
  .strict();

export const ConsentStatsSchema = z
  .object({
    from: z.string().describe('First day counted (UTC, YYYY-MM-DD)'),
    to: z.string().describe('Last day counted, today (UTC, YYYY-MM-DD)'),
    days: z
      .array(ActionCountsSchema.extend({ date: z.string() }))
      .describe('Every day of the window, oldest first'),
    totals: ActionCountsSchema,
  })
  .meta({ id: 'ConsentStats' });

export function registerStatsRoutes(
  app: FastifyInstance,
  deps: { db: Kysely<DB>; clock?: () => number },
): void {
  const clock = deps.clock ?? Date.now;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/v1/stats/consent',
    {
      config: { roles: ['admin', 'agent', 'auditor'] },
      schema: {
        operationId: 'getConsentStats',
        tags: ['console'],
        security: API_KEY_SECURITY,
        summary:
          'Consent ledger events per UTC day and action (given, withdrawn, unsubscribed…), by when they happened',
        querystring: ConsentStatsQuerySchema,
        response: { 200: ConsentStatsSchema, 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request) => {
      const days = await countConsentEventsByDay(deps.db, { days: request.query.days, now: clock() });
      const totals = { given: 0, withdrawn: 0, unsubscribed: 0, objected: 0, resubscribed: 0 };
      for (const day of days)
        for (const action of Object.keys(totals) as (keyof typeof totals)[]) totals[action] += day[action];
      return { from: days[0]!.date, to: days[days.length - 1]!.date, days, totals };
    },
  );
}
