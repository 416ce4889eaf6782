/**
 * `/privacy/center`: the home page, the request form and the pages a person reaches from Steward's emails
 * (confirm, follow, download). Opening an emailed link changes nothing (mail scanners fetch links); the
 * button on it confirms. Pages are hidden from the OpenAPI document, like the other public pages.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import { normaliseEmail } from '../../domain/identity/email.js';
import { isAppError } from '../../errors/app-error.js';
import type { RequestsModule } from '../requests/requests.module.js';
import type { RequestRow } from '../requests/requests.repo.js';
import type { SendPage } from './center.html.js';
import {
  CENTER,
  type CenterView,
  homePage,
  invalidLinkPage,
  notFoundPage,
  rateLimitedPage,
  requestFormPage,
  sentPage,
  statusPage,
  verifyPage,
} from './center.pages.js';
import { exportArchive, exportExpiry } from './center.repo.js';
import { type FormFields, requestFormProblems, requestFormValues, single } from './center.schemas.js';
import { CENTER_TEXT as T } from './center.text.js';

const ID = /^dsr_[0-9a-z]{26}$/;
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
const HIDDEN = { schema: { hide: true } };

export interface CenterRouteDeps {
  readonly view: CenterView;
  readonly send: SendPage;
  readonly db: Kysely<DB>;
  readonly requests: Pick<RequestsModule, 'intake' | 'afterVerification'>;
  readonly publicUrl: string;
  readonly verificationTtlMs: number;
  readonly clock: () => number;
}

/** One value of the query string, only if it was given once as text. */
export function queryText(request: FastifyRequest, name: string): string {
  const value = (request.query as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : '';
}

/** The body of a form post; anything else (JSON, a missing body) reads as an empty, unreadable form. */
export function formOf(request: FastifyRequest): FormFields | null {
  return request.body instanceof URLSearchParams ? request.body : null;
}

export function registerCenterRoutes(scope: FastifyInstance, deps: CenterRouteDeps): void {
  const { view, send } = deps;
  const policy = view.policy;
  const invalid = (reply: FastifyReply) => send(reply, 404, invalidLinkPage('request'));
  const statusPaths = (id: string, token: string) => ({
    statusPath: `${CENTER}/requests/${id}?token=${token}`,
    statusUrl: `${deps.publicUrl}${CENTER}/requests/${id}?token=${token}`,
    downloadPath: `${CENTER}/requests/${id}/download?token=${token}`,
  });
  const showStatus = async (reply: FastifyReply, r: RequestRow, token: string, confirmed = false) =>
    send(
      reply,
      200,
      statusPage(policy, r, {
        ...statusPaths(r.id, token),
        exportExpiresAt: r.type === 'access' ? await exportExpiry(deps.db, r.id) : null,
        now: deps.clock(),
        confirmed,
      }),
    );
  const notFound = (error: unknown) => isAppError(error) && error.code === 'resource.not_found';

  scope.get(CENTER, HIDDEN, async (_request, reply) => send(reply, 200, homePage(view)));
  // A mistyped address under the center is answered with a page in words, not an API problem.
  scope.get(`${CENTER}/*`, HIDDEN, async (_request, reply) => send(reply, 404, notFoundPage()));

  scope.get(`${CENTER}/request`, HIDDEN, async (request, reply) => {
    const values = requestFormValues(new URLSearchParams());
    const type = queryText(request, 'type');
    const preset = view.types.find((t) => t === type) ?? '';
    return send(reply, 200, requestFormPage(view, { ...values, type: preset }, []));
  });

  scope.post(`${CENTER}/request`, HIDDEN, async (request, reply) => {
    const form = formOf(request);
    if (!form)
      return send(
        reply,
        400,
        requestFormPage(view, requestFormValues(new URLSearchParams()), [
          { field: 'type', message: T.errors.form },
        ]),
      );
    const values = requestFormValues(form);
    const { problems, parsed } = requestFormProblems(form, {
      types: view.types,
      jurisdictions: view.jurisdictions,
    });
    if (parsed && !normaliseEmail(parsed.email).ok)
      problems.push({ field: 'email', message: T.errors.emailInvalid });
    if (!parsed || problems.length > 0) return send(reply, 400, requestFormPage(view, values, problems));
    const corrections = parsed.fixes.filter((f) => f.field && f.value);
    try {
      await deps.requests.intake.open(
        {
          type: parsed.type,
          email: parsed.email,
          ...(parsed.jurisdiction ? { jurisdiction: parsed.jurisdiction } : {}),
          details: {
            ...(parsed.type === 'correction' ? { corrections } : {}),
            ...(parsed.message.trim() ? { message: parsed.message.trim() } : {}),
          },
        },
        request.ip,
      );
    } catch (error) {
      if (isAppError(error) && error.code === 'rate_limited')
        return send(reply.header('retry-after', '3600'), 429, rateLimitedPage(policy, `${CENTER}/request`));
      if (isAppError(error) && error.code === 'request.invalid')
        return send(
          reply,
          400,
          requestFormPage(view, values, [{ field: 'jurisdiction', message: T.errors.jurisdiction }]),
        );
      throw error;
    }
    // 303 See Other: reloading the next page does not send the form again.
    return reply.redirect(`${CENTER}/request/sent`, 303);
  });

  scope.get(`${CENTER}/request/sent`, HIDDEN, async (_request, reply) =>
    send(reply, 200, sentPage(T.sent.request(T.hours(deps.verificationTtlMs)))),
  );

  scope.get(`${CENTER}/verify`, HIDDEN, async (request, reply) => {
    const id = queryText(request, 'request');
    const token = queryText(request, 'token');
    if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
    return send(reply, 200, verifyPage(policy, id, token));
  });

  scope.post(`${CENTER}/verify`, HIDDEN, async (request, reply) => {
    const form = formOf(request);
    const id = (form && single(form, 'request')) ?? '';
    const token = (form && single(form, 'token')) ?? '';
    if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
    try {
      const { request: verified, statusToken } = await deps.requests.intake.verify(id, token);
      const after = await deps.requests.afterVerification(verified);
      return await showStatus(reply, after, statusToken, true);
    } catch (error) {
      if (notFound(error)) return invalid(reply);
      throw error;
    }
  });

  scope.get(`${CENTER}/requests/:id`, HIDDEN, async (request, reply) => {
    const id = String((request.params as Record<string, unknown>).id ?? '');
    const token = queryText(request, 'token');
    if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
    try {
      return await showStatus(reply, await deps.requests.intake.status(id, token), token);
    } catch (error) {
      if (notFound(error)) return invalid(reply);
      throw error;
    }
  });

  // The export behind the status page's own token: whoever may follow the request may download its copy,
  // nobody else (a wrong token, another request's token or an expired copy all answer the same 404).
  scope.get(`${CENTER}/requests/:id/download`, HIDDEN, async (request, reply) => {
    const id = String((request.params as Record<string, unknown>).id ?? '');
    const token = queryText(request, 'token');
    if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
    try {
      const r = await deps.requests.intake.status(id, token);
      const archive = r.type === 'access' ? await exportArchive(deps.db, id, deps.clock()) : null;
      if (!archive) return invalid(reply);
      return reply
        .type('application/zip')
        .header('content-disposition', 'attachment; filename="personal-data.zip"')
        .header('cache-control', 'no-store')
        .send(Buffer.from(archive, 'base64'));
    } catch (error) {
      if (notFound(error)) return invalid(reply);
      throw error;
    }
  });
}
