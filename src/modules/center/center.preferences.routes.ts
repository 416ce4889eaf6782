/**
 * `/privacy/center/preferences`: ask for a magic link by email, then see and change consents and
 * marketing on the page it opens. GET never changes anything (mail scanners fetch links); each change is
 * a POST carrying the link (first change) or the session it opened, validated on the server; no cookie.
 * After a change the browser is sent (303) to the session's page, so reloading does not repeat it.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { isAppError } from '../../errors/app-error.js';
import type { SendPage } from './center.html.js';
import { CENTER, type CenterView, invalidLinkPage, rateLimitedPage, sentPage } from './center.pages.js';
import { askPage, type Credential, MANAGE, managePage, savedMessage } from './center.preferences.pages.js';
import { formOf, queryText } from './center.routes.js';
import {
  EmailFormSchema,
  preferenceChange,
  preferenceCredential,
  single,
  TokenSchema,
} from './center.schemas.js';
import {
  PREFERENCE_LINK_TTL_MS,
  PREFERENCE_SESSION_TTL_MS,
  type PreferencesService,
} from './center.service.js';
import { CENTER_TEXT as T } from './center.text.js';

export function registerPreferenceRoutes(
  scope: FastifyInstance,
  deps: { readonly view: CenterView; readonly send: SendPage; readonly preferences: PreferencesService },
): void {
  const { view, send, preferences } = deps;
  const policy = view.policy;
  const invalid = (reply: FastifyReply, sessionEnded = false) =>
    send(reply, 404, invalidLinkPage(sessionEnded ? 'session' : 'preferences'));
  const sessionMinutes = T.minutes(PREFERENCE_SESSION_TTL_MS);

  scope.get(`${CENTER}/preferences`, { schema: { hide: true } }, async (_request, reply) =>
    send(reply, 200, askPage('', [])),
  );

  scope.post(`${CENTER}/preferences`, { schema: { hide: true } }, async (request, reply) => {
    const form = formOf(request);
    const email = form ? single(form, 'email') : undefined;
    const parsed = EmailFormSchema.safeParse({ email });
    if (!form || !parsed.success) {
      const message = !form ? T.errors.form : (parsed.error?.issues[0]?.message ?? T.errors.email);
      return send(reply, 400, askPage(typeof email === 'string' ? email : '', [{ field: 'email', message }]));
    }
    try {
      await preferences.sendLink(parsed.data.email, request.ip);
    } catch (error) {
      if (isAppError(error) && error.code === 'rate_limited')
        return send(
          reply.header('retry-after', '3600'),
          429,
          rateLimitedPage(policy, `${CENTER}/preferences`),
        );
      if (isAppError(error) && error.code === 'request.invalid')
        return send(
          reply,
          400,
          askPage(parsed.data.email, [{ field: 'email', message: T.errors.emailInvalid }]),
        );
      throw error;
    }
    return reply.redirect(`${CENTER}/preferences/sent`, 303);
  });

  scope.get(`${CENTER}/preferences/sent`, { schema: { hide: true } }, async (_request, reply) =>
    send(
      reply,
      200,
      sentPage(T.sent.preferences(T.minutes(PREFERENCE_LINK_TTL_MS)), `${CENTER}/preferences`),
    ),
  );

  scope.get(MANAGE, { schema: { hide: true } }, async (request, reply) => {
    const session = TokenSchema.safeParse(queryText(request, 'session'));
    const link = TokenSchema.safeParse(queryText(request, 'token'));
    let credential: Credential | null = null;
    let subjectId: string | null = null;
    if (session.success) {
      subjectId = await preferences.openSession(session.data);
      credential = { session: session.data };
    } else if (link.success) {
      subjectId = await preferences.openLink(link.data);
      credential = { link: link.data };
    }
    if (!subjectId || !credential) return invalid(reply, session.success);
    const query = new URL(request.url, 'http://center.invalid').searchParams;
    const saved = session.success ? savedMessage(policy, preferenceChange(query)) : null;
    return send(
      reply,
      200,
      managePage(policy, await preferences.view(subjectId), credential, { saved, sessionMinutes }),
    );
  });

  scope.post(MANAGE, { schema: { hide: true } }, async (request, reply) => {
    const form = formOf(request);
    const credential = form ? preferenceCredential(form) : null;
    const change = form ? preferenceChange(form) : null;
    if (!credential || !change) return invalid(reply);
    let result: Awaited<ReturnType<PreferencesService['change']>>;
    try {
      result = await preferences.change(credential, change, request.ip);
    } catch (error) {
      // A purpose this page never offers: a tampered form, answered like a dead link; nothing written.
      if (isAppError(error) && error.code === 'consent.unknown_purpose') return invalid(reply);
      throw error;
    }
    if (!result) return invalid(reply, 'session' in credential);
    const next = new URLSearchParams({ session: result.session, action: change.action });
    if (change.action !== 'unsubscribe_all') next.set('purpose', change.purpose);
    return reply.redirect(`${MANAGE}?${next}`, 303);
  });
}
