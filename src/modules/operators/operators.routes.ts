/**
 * The admin console's session: sign in (`POST /v1/session`), who am I (`GET`), sign out (`DELETE`). The
 * session secret travels only in an HttpOnly, SameSite=Strict cookie; the CSRF token in a readable
 * SameSite=Strict cookie the console copies into `X-CSRF-Token` (double submit, checked against the hash
 * stored with the session). Sign-in attempts are rate limited per client address.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, cookieValue, SESSION_COOKIE } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { ROLES } from '../keys/keys.service.js';
import type { RateLimiter } from '../requests/rate-limit.js';
import type { OperatorsService } from './operators.service.js';

export const CSRF_COOKIE = 'steward_csrf';
const SIGN_IN_LIMIT = { perIp: 20, windowMs: 15 * 60_000 };

const OperatorSchema = z
  .object({
    id: z.string(),
    email: z.string(),
    role: z.enum(ROLES),
    lockedUntil: z.string().nullable(),
    disabled: z.boolean(),
    lastLoginAt: z.string().nullable(),
  })
  .meta({ id: 'Operator' });

const SessionSchema = z
  .object({
    actor: z.string(),
    role: z.enum(ROLES),
    operator: OperatorSchema.nullable(),
    expiresAt: z.string().nullable(),
  })
  .meta({ id: 'Session' });

export function registerOperatorRoutes(
  app: FastifyInstance,
  deps: { operators: OperatorsService; limiter: RateLimiter; secureCookies: boolean },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const attributes = `Path=/; SameSite=Strict${deps.secureCookies ? '; Secure' : ''}`;
  const setCookies = (
    reply: FastifyReply,
    values: { secret: string; csrf: string; maxAgeS: number } | null,
  ) =>
    reply.header('set-cookie', [
      values
        ? `${SESSION_COOKIE}=${values.secret}; ${attributes}; HttpOnly; Max-Age=${values.maxAgeS}`
        : `${SESSION_COOKIE}=; ${attributes}; HttpOnly; Max-Age=0`,
      values
        ? `${CSRF_COOKIE}=${values.csrf}; ${attributes}; Max-Age=${values.maxAgeS}`
        : `${CSRF_COOKIE}=; ${attributes}; Max-Age=0`,
    ]);

  r.post(
    '/v1/session',
    {
      schema: {
        operationId: 'signIn',
        tags: ['console'],
        summary: 'Sign an operator in to the admin console: sets the session and CSRF cookies',
        body: z.object({ email: z.string().min(3).max(320), password: z.string().min(1).max(1024) }).strict(),
        response: { 200: SessionSchema, 400: ProblemSchema, 401: ProblemSchema, 429: ProblemSchema },
      },
    },
    async (request, reply) => {
      if (!(await deps.limiter.hit('sign-in-ip', request.ip, SIGN_IN_LIMIT.perIp, SIGN_IN_LIMIT.windowMs)))
        throw new AppError('rate_limited', 'too many sign-in attempts from this address; wait a while');
      const session = await deps.operators.signIn(request.body.email, request.body.password);
      const maxAgeS = Math.max(1, Math.floor((session.expiresAt - Date.now()) / 1000));
      setCookies(reply, { secret: session.secret, csrf: session.csrfToken, maxAgeS });
      return {
        actor: `operator:${session.operator.id}`,
        role: session.operator.role,
        operator: session.operator,
        expiresAt: new Date(session.expiresAt).toISOString(),
      };
    },
  );

  r.get(
    '/v1/session',
    {
      config: { roles: ROLES },
      schema: {
        operationId: 'getSession',
        tags: ['console'],
        security: API_KEY_SECURITY,
        summary: 'Who is calling: the signed-in operator, or the API key',
        response: { 200: SessionSchema, 401: ProblemSchema },
      },
    },
    async (request) => {
      const principal = request.principal!;
      const secret = cookieValue(request, SESSION_COOKIE);
      const session =
        principal.actor.startsWith('operator:') && secret ? await deps.operators.authenticate(secret) : null;
      return {
        actor: principal.actor,
        role: principal.role,
        operator: session?.operator ?? null,
        expiresAt: null,
      };
    },
  );

  r.delete(
    '/v1/session',
    {
      config: { roles: ROLES },
      schema: {
        operationId: 'signOut',
        tags: ['console'],
        security: API_KEY_SECURITY,
        summary: 'Sign out: the session ends on the server and its cookies are cleared',
        response: { 204: z.null(), 401: ProblemSchema, 403: ProblemSchema },
      },
    },
    async (request, reply) => {
      const secret = cookieValue(request, SESSION_COOKIE);
      if (secret) await deps.operators.signOut(secret);
      setCookies(reply, null);
      return reply.code(204).send(null);
    },
  );
}
