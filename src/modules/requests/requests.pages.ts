import type { FastifyInstance, FastifyReply } from 'fastify';
import { escapeHtml } from '../../domain/policy/render/index.js';
import type { Policy } from '../../domain/policy/schema.js';
import { isAppError } from '../../errors/app-error.js';
import { PAGE_CSP, renderPage } from '../pages/layout.js';
import type { RequestsModule } from './requests.module.js';
import type { RequestRow } from './requests.repo.js';

const TYPE_WORDS: Record<string, string> = {
  access: 'a copy of your personal data',
  correction: 'a correction of your personal data',
  erasure: 'the erasure of your personal data',
  objection: 'no more marketing',
  withdrawal: 'the withdrawal of your consent',
};
const STATE_WORDS: Record<string, string> = {
  received: 'received, waiting for your confirmation',
  verified: 'confirmed',
  in_progress: 'being handled',
  awaiting_approval: 'waiting for our review',
  completed: 'done',
  rejected: 'closed without action',
};
const ID = /^dsr_[0-9a-z]{26}$/;
const TOKEN = /^[A-Za-z0-9_-]{20,200}$/;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * The pages a person reaches from Steward's emails. Opening the emailed link changes nothing (mail
 * scanners fetch links); the button on it confirms. The full privacy center builds on these.
 */
export function registerRequestPages(
  app: FastifyInstance,
  deps: { requests: RequestsModule; policy: Policy },
): void {
  const controller = deps.policy.controller;
  const send = (reply: FastifyReply, status: number, title: string, body: string) =>
    reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('content-security-policy', PAGE_CSP)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .header('x-content-type-options', 'nosniff')
      .send(renderPage({ title, bodyHtml: body, controller, lang: deps.policy.language }));
  const invalid = (reply: FastifyReply) =>
    send(
      reply,
      404,
      'Link not valid',
      '<h1>This link is not valid</h1><p>It may have expired or been used already. You can make a new request at any time.</p>',
    );
  const statusBody = (r: RequestRow, statusUrl: string) =>
    `<h1>Your request</h1><p>You asked ${escapeHtml(controller.name)} for ${escapeHtml(TYPE_WORDS[r.type] ?? r.type)}.</p>
<p>Status: <strong>${escapeHtml(STATE_WORDS[r.state] ?? r.state)}</strong>. We answer by ${day(r.dueAt)}${r.extended ? ` (extended: ${escapeHtml(r.extensionReason ?? '')})` : ''}.</p>
<p>Keep this address to follow it: <a href="${escapeHtml(statusUrl)}">${escapeHtml(statusUrl)}</a></p>`;

  app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: 4096 },
      (_req, body, done) => {
        done(null, Object.fromEntries(new URLSearchParams(body as string)));
      },
    );

    scope.get('/privacy/center/verify', { schema: { hide: true } }, async (request, reply) => {
      const q = request.query as Record<string, unknown>;
      const id = String(q.request ?? '');
      const token = String(q.token ?? '');
      if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
      return send(
        reply,
        200,
        'Confirm your request',
        `<h1>Confirm your request</h1><p>Confirm that you asked ${escapeHtml(controller.name)} about your personal data.</p>
<form method="post" action="/privacy/center/verify"><input type="hidden" name="request" value="${escapeHtml(id)}"><input type="hidden" name="token" value="${escapeHtml(token)}"><button type="submit">Confirm my request</button></form>`,
      );
    });

    scope.post('/privacy/center/verify', { schema: { hide: true } }, async (request, reply) => {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const id = String(body.request ?? '');
      const token = String(body.token ?? '');
      if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
      try {
        const { request: verified, statusToken } = await deps.requests.intake.verify(id, token);
        const after = await deps.requests.afterVerification(verified);
        return send(
          reply,
          200,
          'Request confirmed',
          statusBody(after, `/privacy/center/requests/${id}?token=${statusToken}`),
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'resource.not_found') return invalid(reply);
        throw error;
      }
    });

    scope.get('/privacy/center/requests/:id', { schema: { hide: true } }, async (request, reply) => {
      const id = String((request.params as Record<string, unknown>).id ?? '');
      const token = String((request.query as Record<string, unknown>).token ?? '');
      if (!ID.test(id) || !TOKEN.test(token)) return invalid(reply);
      try {
        const r = await deps.requests.intake.status(id, token);
        return send(
          reply,
          200,
          'Your request',
          statusBody(r, `/privacy/center/requests/${id}?token=${token}`),
        );
      } catch (error) {
        if (isAppError(error) && error.code === 'resource.not_found') return invalid(reply);
        throw error;
      }
    });
  });
}
