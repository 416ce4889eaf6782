/**
 * Wires the privacy center (clauses 4 and 5): its pages and the preferences service, in one encapsulated
 * scope so that its `application/x-www-form-urlencoded` parser serves these pages only.
 */
import type { FastifyInstance } from 'fastify';
import type { ConsentService } from '../consent/consent.service.js';
import type { RequestsModule } from '../requests/requests.module.js';
import { createPageSender } from './center.html.js';
import { centerView } from './center.pages.js';
import { registerPreferenceRoutes } from './center.preferences.routes.js';
import { registerCenterRoutes } from './center.routes.js';
import { MAX_FORM_BYTES } from './center.schemas.js';
import { createPreferencesService, type PreferencesDeps, type PreferencesService } from './center.service.js';

export function createCenterModule(
  deps: Omit<PreferencesDeps, 'consent'> & {
    readonly http: FastifyInstance;
    readonly requests: Pick<RequestsModule, 'intake' | 'afterVerification'>;
    readonly consent: ConsentService;
    readonly verificationTtlMs: number;
  },
): { preferences: PreferencesService } {
  const clock = deps.clock ?? Date.now;
  const preferences = createPreferencesService(deps);
  const view = centerView(deps.policy);
  const send = createPageSender(deps.policy);
  deps.http.register(async (scope) => {
    // A browser's form post; a field sent twice is kept twice (URLSearchParams), and the forms refuse it.
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: MAX_FORM_BYTES },
      (_request, body, done) => done(null, new URLSearchParams(body as string)),
    );
    registerCenterRoutes(scope, {
      view,
      send,
      db: deps.db,
      requests: deps.requests,
      publicUrl: deps.publicUrl,
      verificationTtlMs: deps.verificationTtlMs,
      clock,
    });
    registerPreferenceRoutes(scope, { view, send, preferences });
  });
  return { preferences };
}
