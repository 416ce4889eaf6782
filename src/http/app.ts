import { randomUUID } from 'node:crypto';
import fastifySwagger from '@fastify/swagger';
import Fastify, { type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
} from 'fastify-type-provider-zod';
import type { DestinationStream } from 'pino';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { KeysService } from '../modules/keys/keys.service.js';
import { installAuth, type SessionResolver } from './auth.js';
import { loggerOptions } from './logger.js';
import { installMetrics } from './metrics.js';
import { frameworkErrorHandler, installProblemHandlers, ProblemSchema } from './problem.js';

export interface AppOptions {
  readonly logLevel: string;
  readonly logStream?: DestinationStream;
  readonly trustProxy: boolean;
  readonly publicUrl: string;
  readonly version: string;
  readonly keys: KeysService;
  /** The admin console's signed-in operators (session cookie + CSRF token). */
  readonly sessions?: SessionResolver;
  /** Readiness probe: resolves when the store answers. */
  readonly ready: () => Promise<void>;
  /** Largest accepted body, bytes. Routes that stream (NDJSON) set their own limit. */
  readonly bodyLimit?: number;
}

export interface App {
  readonly http: FastifyInstance;
  readonly metrics: Registry;
  /** Every route registered, as method and URL pattern (for tests that must cover each one). */
  readonly routes: readonly { readonly method: string; readonly url: string }[];
}

const LOCKED_DOWN_CSP = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/** The Fastify instance with everything every route relies on: validation, problems, auth, metrics, OpenAPI. */
export async function createHttpApp(options: AppOptions): Promise<App> {
  const http = Fastify({
    logger: options.logStream
      ? { ...loggerOptions(options.logLevel), stream: options.logStream }
      : loggerOptions(options.logLevel),
    trustProxy: options.trustProxy,
    bodyLimit: options.bodyLimit ?? 1024 * 1024,
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    return503OnClosing: true,
    routerOptions: { maxParamLength: 600 },
    frameworkErrors: frameworkErrorHandler,
    forceCloseConnections: 'idle',
  });
  const routes: { method: string; url: string }[] = [];
  http.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  http.setValidatorCompiler(validatorCompiler);
  http.setSerializerCompiler(serializerCompiler);
  // The API speaks JSON (and NDJSON where a route says so); a text body is refused with 415, not parsed.
  http.removeContentTypeParser('text/plain');
  // Served over TLS (the public URL says so, usually through a proxy): browsers must keep to HTTPS
  // (RFC 6797). Over plain HTTP the header would be ignored, and on localhost it would only get in the way.
  const hsts = options.publicUrl.startsWith('https://');
  http.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
    reply.header('x-content-type-options', 'nosniff');
    if (hsts) reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    // Pages set their own policy (their stylesheet hash, their form targets); everything else — JSON,
    // problems, feeds, an HTML error — may load nothing, be framed by nobody, and send no Referer.
    if (!reply.hasHeader('content-security-policy')) reply.header('content-security-policy', LOCKED_DOWN_CSP);
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'no-referrer');
  });

  await http.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Steward API',
        version: options.version,
        description:
          'Privacy policy as code: consent, requests, retention and the evidence that each promise is kept.',
      },
      servers: [{ url: options.publicUrl }],
      components: {
        securitySchemes: {
          apiKey: { type: 'http', scheme: 'bearer', description: 'An API key from `steward keys create`' },
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: 'steward_session',
            description:
              'The admin console: the cookie set by POST /v1/session; unsafe methods also need the X-CSRF-Token header',
          },
        },
      },
    },
    // Each operation also names the roles that may call it (`x-roles`), so clients and the authorisation
    // matrix test read them from the document rather than from the code.
    // Any operation may also answer a problem its own list does not name: 503 while the database does
    // not answer, 500 on a bug. The `default` response says so once per operation.
    transform: (input) => {
      const response = (input.schema as { response?: Record<string, unknown> } | undefined)?.response;
      const out = jsonSchemaTransform(
        response && !('default' in response)
          ? { ...input, schema: { ...input.schema, response: { ...response, default: ProblemSchema } } }
          : input,
      );
      const responses = (out.schema as { response?: Record<string, Record<string, unknown>> }).response;
      if (responses?.default)
        responses.default.description =
          'A problem (RFC 9457) this operation does not list: 503 `service.unavailable` while the database does not answer (retry after `Retry-After`), 500 `internal` on a fault';
      const roles = (input.route.config as { roles?: readonly string[] } | undefined)?.roles;
      return roles ? { ...out, schema: { ...out.schema, 'x-roles': [...roles] } } : out;
    },
    transformObject: jsonSchemaTransformObject,
  });

  installProblemHandlers(http);
  installAuth(http, options.keys, options.sessions);
  const metrics = installMetrics(http);

  http.get(
    '/healthz',
    {
      schema: {
        operationId: 'getHealth',
        tags: ['operations'],
        response: { 200: z.object({ status: z.literal('ok') }) },
      },
    },
    async () => ({ status: 'ok' as const }),
  );
  http.get(
    '/readyz',
    {
      schema: {
        operationId: 'getReadiness',
        tags: ['operations'],
        response: { 200: z.object({ status: z.literal('ready') }) },
      },
    },
    async () => {
      await options.ready();
      return { status: 'ready' as const };
    },
  );
  http.get(
    '/metrics',
    { schema: { operationId: 'getMetrics', tags: ['operations'], hide: true } },
    async (_request, reply) => {
      reply.type(metrics.contentType);
      return metrics.metrics();
    },
  );
  http.get('/openapi.json', { schema: { hide: true } }, async () => http.swagger());
  return { http, metrics, routes };
}
