/**
 * Wires forms and surveys (clause 1.6.5): the service, its API routes and its public pages, in one
 * encapsulated scope so that the `application/x-www-form-urlencoded` parser serves these routes only.
 * Retention of submissions is a housekeeping rule of the retention module (retention/housekeeping.ts).
 */
import type { FastifyInstance } from 'fastify';
import { registerFormPages } from './forms.pages.js';
import { installFormBodyParser, registerFormRoutes } from './forms.routes.js';
import { createFormsService, type FormsDeps, type FormsService } from './forms.service.js';

export function createFormsModule(
  deps: FormsDeps & {
    http: FastifyInstance;
    policy: FormsDeps['policy'] & Parameters<typeof registerFormPages>[1]['policy'];
  },
): { service: FormsService } {
  const service = createFormsService(deps);
  deps.http.register(async (scope) => {
    installFormBodyParser(scope, service);
    registerFormRoutes(scope, service);
    registerFormPages(scope, { service, policy: deps.policy });
  });
  return { service };
}
