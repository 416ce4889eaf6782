import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { honeypotName } from '../../domain/forms/validate.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import {
  FormDefinitionSchema,
  FormIdParam,
  ListSubmissionsQuerySchema,
  SubmissionAcceptedSchema,
  SubmissionBodySchema,
  SubmissionPageSchema,
} from './forms.schemas.js';
import type { FormsService } from './forms.service.js';

/** Largest submission body: 50 fields of a few thousand characters each, with room for UTF-8. */
export const MAX_FORM_BODY_BYTES = 128 * 1024;
export const URLENCODED = 'application/x-www-form-urlencoded';
export const THANK_YOU = 'Thank you. Your answers were received.';

/**
 * A plain HTML form posts `name=value` pairs: `_token` (the spam token), `_consent` (once per ticked
 * consent), the honeypot input, and one pair per field. They become the JSON shape (`token`, `consents`,
 * `honeypot`, `answers`) so that both encodings are validated by one schema. A field sent twice stays a
 * list, which the schema refuses. Routing has run before the body is parsed, so the form is known.
 */
export function installFormBodyParser(scope: FastifyInstance, service: FormsService): void {
  scope.addContentTypeParser(
    URLENCODED,
    { parseAs: 'string', bodyLimit: MAX_FORM_BODY_BYTES },
    (request, body, done) => {
      const formId = (request.params as { formId?: unknown } | undefined)?.formId;
      let honeypot = 'website';
      try {
        if (typeof formId === 'string') honeypot = honeypotName(service.formOf(formId));
      } catch {
        // An unknown form: the route answers 404.
      }
      const answers = new Map<string, string | string[]>();
      const consents: string[] = [];
      const out: Record<string, unknown> = {};
      for (const [key, value] of new URLSearchParams(body as string)) {
        if (key === '_token') out.token = value;
        else if (key === '_consent') consents.push(value);
        else if (key === honeypot) out.honeypot = value;
        else {
          const seen = answers.get(key);
          answers.set(key, seen === undefined ? value : [seen, value].flat());
        }
      }
      done(null, { ...out, answers: Object.fromEntries(answers), consents });
    },
  );
}

/** Public: a form's definition and its submissions. Agents: the submissions of a form. */
export function registerFormRoutes(scope: FastifyInstance, service: FormsService): void {
  const r = scope.withTypeProvider<ZodTypeProvider>();

  r.get(
    '/v1/forms/:formId',
    {
      schema: {
        operationId: 'getForm',
        tags: ['forms'],
        summary: 'A form as the policy declares it, to render it, with a fresh spam token (public)',
        params: FormIdParam,
        response: { 200: FormDefinitionSchema, 400: ProblemSchema, 404: ProblemSchema },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return service.definition(request.params.formId);
    },
  );

  r.post(
    '/v1/forms/:formId/submissions',
    {
      bodyLimit: MAX_FORM_BODY_BYTES,
      schema: {
        operationId: 'submitForm',
        tags: ['forms'],
        summary:
          'Send answers to a form (public; JSON or a plain HTML form). An anonymous form stores no identity, IP address, user agent or cookie',
        consumes: ['application/json', URLENCODED],
        params: FormIdParam,
        body: SubmissionBodySchema,
        response: {
          202: SubmissionAcceptedSchema,
          400: ProblemSchema,
          404: ProblemSchema,
          413: ProblemSchema,
          415: ProblemSchema,
          429: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      await service.submit(request.params.formId, request.body, request.ip);
      return reply.code(202).send({ message: THANK_YOU });
    },
  );

  r.get(
    '/v1/forms/:formId/submissions',
    {
      config: { roles: ['admin', 'agent'] },
      schema: {
        operationId: 'listFormSubmissions',
        tags: ['forms'],
        security: API_KEY_SECURITY,
        summary: 'Submissions of a form, newest first (audited)',
        params: FormIdParam,
        querystring: ListSubmissionsQuerySchema,
        response: {
          200: SubmissionPageSchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          404: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { rows, next } = await service.list(request.params.formId, request.query, actorOf(request));
      return {
        submissions: rows.map((s) => ({
          id: s.id,
          formId: s.formId,
          purpose: s.purpose,
          anonymous: s.anonymous,
          submittedAt: new Date(s.submittedAt).toISOString(),
          subjectId: s.subjectId,
          answers: s.answers as Record<string, string | number | boolean>,
        })),
        next,
      };
    },
  );
}
