/**
 * The console's only way to the server: a fetch client typed by `schema.d.ts`, which openapi-typescript
 * generates from the committed openapi.json (`npm run openapi` rewrites both; `npm test` fails when
 * either is stale). No API type is written by hand.
 */
import createClient, { type Middleware } from 'openapi-fetch';
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];

/** RFC 9457 problem as the server sends it. */
export type Problem = Schemas['Problem'];

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function csrfToken(): string | undefined {
  return document.cookie
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('steward_csrf='))
    ?.slice('steward_csrf='.length);
}

/** Signed out (session over): the app shows the sign-in page. */
export const sessionEvents = new EventTarget();

const session: Middleware = {
  onRequest({ request }) {
    const token = csrfToken();
    if (UNSAFE.has(request.method) && token) request.headers.set('x-csrf-token', token);
    return request;
  },
  onResponse({ response }) {
    if (response.status === 401) sessionEvents.dispatchEvent(new Event('signed-out'));
    return response;
  },
};

export const api = createClient<paths>({ baseUrl: '', credentials: 'same-origin' });
api.use(session);

/** A problem's words for a person: the detail, and each field's message. */
export function describeProblem(error: unknown): string {
  const p = error as Partial<Problem> | undefined;
  if (!p || typeof p !== 'object') return 'Something went wrong. Try again.';
  const fields = (p.errors ?? []).map((e) => `${e.field}: ${e.message}`);
  return [p.detail ?? p.title ?? 'Something went wrong.', ...fields].join(' — ');
}
