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

/** The OpenAPI security requirement every authenticated route declares. */
export const API_KEY_SECURITY = [{ apiKey: [] }];

function bearerToken(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (typeof header !== 'string') return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  return match?.[1] ?? null;
}

/**
 * Checks the API key and role of every route that declares `config.roles`, before its body is parsed,
 * so an unauthenticated caller learns nothing about a route's validation rules.
 */
export function installAuth(app: FastifyInstance, keys: KeysService): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request) => {
    const roles = request.routeOptions.config.roles;
    if (!roles) return;
    const token = bearerToken(request);
    if (!token)
      throw new AppError('auth.missing_credentials', 'send an API key as "Authorization: Bearer stw_…"');
    const principal = await keys.authenticate(token);
    if (!principal) throw new AppError('auth.invalid_credentials', 'the API key is unknown or revoked');
    if (!roles.includes(principal.role))
      throw new AppError('auth.forbidden', `role ${principal.role} may not call this operation`);
    request.principal = principal;
  });
}

/** The actor recorded in the audit trail for a request. */
export function actorOf(request: FastifyRequest): string {
  return request.principal ? `key:${request.principal.keyId}` : 'public';
}
