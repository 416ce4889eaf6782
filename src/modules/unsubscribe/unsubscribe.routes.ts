import type { FastifyInstance, FastifyReply } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { escapeHtml } from '../../domain/policy/render/html.js';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import { SubjectRefSchema } from '../consent/consent.schemas.js';
import { isOneClickBody, MAX_ONE_CLICK_BODY } from './one-click.js';
import type { UnsubscribeService } from './unsubscribe.service.js';

export interface UnsubscribePages {
  /** A full HTML page (the public layout, naming the company). Strings passed in are already escaped. */
  render(title: string, bodyHtml: string): string;
  readonly csp: string;
  readonly controllerName: string;
  purposeTitle(scope: string): string;
}

const TokenParams = z.object({ token: z.string().min(1).max(512) }).strict();

function sendPage(
  reply: FastifyReply,
  pages: UnsubscribePages,
  status: number,
  title: string,
  body: string,
): FastifyReply {
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .header('content-security-policy', pages.csp)
    .header('cache-control', 'no-store')
    .send(pages.render(title, body));
}

export function registerUnsubscribeRoutes(
  app: FastifyInstance,
  deps: {
    unsubscribe: UnsubscribeService;
    pages: UnsubscribePages;
    resolveSubject: (ref: z.infer<typeof SubjectRefSchema>, actor: string) => Promise<string>;
  },
): void {
  const { unsubscribe, pages } = deps;

  app.withTypeProvider<ZodTypeProvider>().post(
    '/v1/unsubscribe-links',
    {
      config: { roles: ['admin', 'service'] },
      schema: {
        operationId: 'createUnsubscribeLink',
        tags: ['unsubscribe'],
        security: API_KEY_SECURITY,
        summary:
          'A signed one-click unsubscribe URL and the List-Unsubscribe / List-Unsubscribe-Post headers for one recipient',
        body: z
          .object({
            subject: SubjectRefSchema,
            purpose: z.string().min(1).max(64).optional().describe('Omit for all marketing'),
          })
          .strict(),
        response: {
          200: z.object({
            url: z.string(),
            headers: z.object({
              'List-Unsubscribe': z.string(),
              'List-Unsubscribe-Post': z.literal('List-Unsubscribe=One-Click'),
            }),
          }),
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request) => {
      const subjectId = await deps.resolveSubject(request.body.subject, actorOf(request));
      return unsubscribe.createLink(subjectId, request.body.purpose ?? null);
    },
  );

  // The public, cookie-less, auth-less unsubscribe URL (RFC 8058), in its own scope so that its form
  // body parsers do not apply to the JSON API.
  app.register(async (scope) => {
    const raw = { parseAs: 'string' as const, bodyLimit: MAX_ONE_CLICK_BODY };
    scope.addContentTypeParser('application/x-www-form-urlencoded', raw, (_req, body, done) =>
      done(null, body),
    );
    scope.addContentTypeParser('multipart/form-data', raw, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    // GET changes nothing: mail scanners fetch links. It shows who is asking and a button that POSTs.
    r.get(
      '/u/:token',
      {
        schema: {
          operationId: 'showUnsubscribePage',
          tags: ['unsubscribe'],
          params: TokenParams,
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        const target = await unsubscribe.resolve(request.params.token);
        if (!target)
          return sendPage(
            reply,
            pages,
            404,
            'Link not valid',
            '<p>This unsubscribe link is not valid. If you keep receiving emails you did not ask for, reply to one and ask us to stop.</p>',
          );
        const what = escapeHtml(pages.purposeTitle(target.scope));
        return sendPage(
          reply,
          pages,
          200,
          'Unsubscribe',
          `<h1>Unsubscribe</h1><p>${escapeHtml(pages.controllerName)} will stop sending you ${what}.</p>
<form method="post"><input type="hidden" name="List-Unsubscribe" value="One-Click"><button type="submit">Unsubscribe</button></form>`,
        );
      },
    );

    r.post(
      '/u/:token',
      {
        schema: {
          operationId: 'unsubscribeOneClick',
          tags: ['unsubscribe'],
          params: TokenParams,
          consumes: ['application/x-www-form-urlencoded', 'multipart/form-data'],
          produces: ['text/html'],
        },
      },
      async (request, reply) => {
        if (
          !isOneClickBody(
            request.headers['content-type'],
            typeof request.body === 'string' ? request.body : '',
          )
        ) {
          throw new AppError('request.invalid', 'the body must be List-Unsubscribe=One-Click (RFC 8058)', [
            { field: 'body', message: 'expected List-Unsubscribe=One-Click' },
          ]);
        }
        const target = await unsubscribe.unsubscribe(request.params.token);
        if (!target)
          return sendPage(reply, pages, 404, 'Link not valid', '<p>This unsubscribe link is not valid.</p>');
        // 200 with a page, never a redirect: a redirected POST becomes a GET (RFC 8058 §3.2).
        return sendPage(
          reply,
          pages,
          200,
          'Unsubscribed',
          `<h1>You are unsubscribed</h1><p>${escapeHtml(pages.controllerName)} will send you no more ${escapeHtml(pages.purposeTitle(target.scope))}.</p>`,
        );
      },
    );
  });
}
