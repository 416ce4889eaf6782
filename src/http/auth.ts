import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../errors/app-error.js';
import type { KeysService, Principal, Role } from '../modules/keys/keys.service.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Roles allowed on this route; absent means a public route. */
    roles?: readonly Role[];
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The OpenAPI security requirement every authenticated route declares: an API key, or the console's session. */
export const API_KEY_SECURITY: { [scheme: string]: string[] }[] = [{ apiKey: [] }, { session: [] }];

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/** Signed-in operators of the admin console (modules/operators), looked up from the session cookie. */
export interface SessionResolver {
  authenticate(secret: string): Promise<{ principal: Principal; csrfHash: string } | null>;
  csrfMatches(csrfHash: string, presented: string | undefined): boolean;
}

export const SESSION_COOKIE = 'steward_session';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie of the request, or null (RFC 6265 §5.4 `name=value; …`). */
export function cookieValue(request: FastifyRequest, name: string): string | null {
  const header = request.headers.cookie;
  if (typeof header !== 'string' || header.length > 8192) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

async function principalOf(
  request: FastifyRequest,
  keys: KeysService,
  sessions: SessionResolver | undefined,
): Promise<Principal> {
  const token = bearerToken(request);
  if (token) {
    const principal = await keys.authenticate(token);
    if (!principal) throw new AppError('auth.invalid_credentials', 'the API key is unknown or revoked');
    return principal;
  }
  const secret = sessions ? cookieValue(request, SESSION_COOKIE) : null;
  if (!secret || !sessions)
    throw new AppError('auth.missing_credentials', 'send an API key as "Authorization: Bearer stw_…"');
  const session = await sessions.authenticate(secret);
  if (!session) throw new AppError('auth.invalid_credentials', 'the session has ended; sign in again');
  // A cookie rides along with any request the browser makes, also those another site provokes: a change
  // must prove it comes from the console by echoing the session's CSRF token (OWASP synchronizer token).
  const csrf = request.headers['x-csrf-token'];
  if (
    !SAFE_METHODS.has(request.method) &&
    !sessions.csrfMatches(session.csrfHash, typeof csrf === 'string' ? csrf : undefined)
  )
    throw new AppError('auth.csrf', "send the session's CSRF token in X-CSRF-Token");
  return session.principal;
}

/**
 * Checks the API key (or the console's session cookie) and role of every route that declares
 * `config.roles`, before its body is parsed, so an unauthenticated caller learns nothing about a route's
 * validation rules.
 */
export function installAuth(app: FastifyInstance, keys: KeysService, sessions?: SessionResolver): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const principal = await principalOf(request, keys, sessions);
    if (!roles.includes(principal.role))
      throw new AppError('auth.forbidden', `role ${principal.role} may not call this operation`);
    request.principal = principal;
  });
}

/** The actor recorded in the audit trail for a request. */
export function actorOf(request: FastifyRequest): string {
  return request.principal?.actor ?? 'public';
}
