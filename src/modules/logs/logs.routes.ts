import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Store } from '../../db/connect.js';
import { splitLines } from '../../domain/logs/line-splitter.js';
import type { SecurityLogs } from '../../domain/policy/schema.js';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { createLogWriter } from './logs.repo.js';
import { LogIngestReportSchema, LogSearchQuerySchema, SecurityLogPageSchema } from './logs.schemas.js';
import { createLogsService, MAX_LINE_BYTES } from './logs.service.js';

/** Largest log body: about 300,000 lines; bigger files go in several calls or through `steward logs ingest`. */
export const MAX_LOG_BODY_BYTES = 64 * 1024 * 1024;
const NDJSON = 'application/x-ndjson';

/** Security logs (policy clause 1.7): `POST /v1/logs` to ingest access logs, `GET /v1/logs` to investigate. */
export function registerLogRoutes(
  app: FastifyInstance,
  deps: { store: Store; securityLogs: SecurityLogs | undefined; clock?: () => number },
): void {
  const logs = createLogsService({
    db: deps.store.db,
    dialect: deps.store.dialect,
    writer: createLogWriter(deps.store),
    securityLogs: deps.securityLogs,
    clock: deps.clock,
  });
  const r = app.withTypeProvider<ZodTypeProvider>();
  // The body is streamed to the handler, never buffered whole; the eligibility batch route may have
  // registered the same pass-through parser already.
  if (!app.hasContentTypeParser(NDJSON))
    app.addContentTypeParser(NDJSON, (_req, payload, done) => done(null, payload));
  const errors = { 400: ProblemSchema, 401: ProblemSchema, 403: ProblemSchema };

  r.post(
    '/v1/logs',
    {
      config: { roles: ['admin', 'service'] },
      schema: {
        operationId: 'ingestSecurityLogs',
        tags: ['logs'],
        security: API_KEY_SECURITY,
        summary:
          'Store web-server access log lines (combined format or JSON, one per line); each bad line is counted, never fatal',
        consumes: [NDJSON],
        response: {
          200: LogIngestReportSchema,
          ...errors,
          409: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      logs.settings();
      const body = request.body as NodeJS.ReadableStream | undefined;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function')
        throw new AppError('request.unsupported_media_type', `send the log lines as ${NDJSON}`);
      // Past the limit the rest of the body is not read: close the connection after answering rather than
      // let the server read and discard it (RFC 9112 §9.6).
      const tooLarge = (detail: string) => {
        reply.header('connection', 'close');
        return new AppError('request.body_too_large', detail);
      };
      const declared = Number(request.headers['content-length'] ?? 0);
      if (declared > MAX_LOG_BODY_BYTES) throw tooLarge('at most 64 MiB per call');
      const source = splitLines(body as AsyncIterable<Buffer>, {
        maxLineBytes: MAX_LINE_BYTES,
        maxBytes: MAX_LOG_BODY_BYTES,
      });
      const report = await logs.ingest(source.batches(), actorOf(request));
      // A body without a length can only be cut while streaming: say how much of it was kept.
      if (source.exceeded)
        throw tooLarge(`at most 64 MiB per call; the ${report.accepted} lines before the limit were stored`);
      return report;
    },
  );

  r.get(
    '/v1/logs',
    {
      config: { roles: ['admin', 'agent'] },
      schema: {
        operationId: 'searchSecurityLogs',
        tags: ['logs'],
        security: API_KEY_SECURITY,
        summary: 'Investigate an incident: requests by period, address or CIDR prefix, and path (audited)',
        querystring: LogSearchQuerySchema,
        response: { 200: SecurityLogPageSchema, ...errors },
      },
    },
    async (request) => logs.search(request.query, actorOf(request)),
  );
}
