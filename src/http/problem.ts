import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { driverCode } from '../connectors/types.js';
import { isDatabaseUnavailable } from '../db/errors.js';
import { AppError, type FieldProblem } from '../errors/app-error.js';
import { ERROR_CATALOGUE, type ErrorCode } from '../errors/catalogue.js';

/** RFC 9457 problem details, with the request id and field-level errors as extension members. */
export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    code: z.string(),
    requestId: z.string(),
    errors: z.array(z.object({ field: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem' });

export type Problem = z.infer<typeof ProblemSchema>;

export const PROBLEM_TYPE_BASE = 'https://steward.dev/problems/';

export function toProblem(
  code: ErrorCode,
  requestId: string,
  detail?: string,
  errors: readonly FieldProblem[] = [],
): Problem {
  const entry = ERROR_CATALOGUE[code];
  return {
    type: `${PROBLEM_TYPE_BASE}${code.replace(/\./g, '/')}`,
    title: entry.title,
    status: entry.status,
    ...(detail ? { detail } : {}),
    code,
    requestId,
    ...(errors.length > 0 ? { errors: [...errors] } : {}),
  };
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.code(problem.status).type('application/problem+json').send(JSON.stringify(problem));
}

/** Maps framework errors (validation, content type, body size, JSON syntax) to catalogue codes. */
function classify(error: FastifyError): { code: ErrorCode; detail?: string; errors?: FieldProblem[] } {
  if (error instanceof AppError)
    return { code: error.code, ...(error.detail ? { detail: error.detail } : {}), errors: [...error.errors] };
  if (hasZodFastifySchemaValidationErrors(error)) {
    const context = error.validationContext ?? 'body';
    const errors = error.validation.map((v) => ({
      field: `${context}${v.instancePath === '/' ? '' : v.instancePath.replace(/\//g, '.').replace(/^\./, '.')}`,
      message: v.message ?? 'invalid',
    }));
    return {
      code: 'request.invalid',
      detail: `invalid ${context}: ${errors.map((e) => e.field).join(', ')}`,
      errors,
    };
  }
  switch (error.code) {
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return {
        code: 'request.unsupported_media_type',
        detail: 'this route does not accept that content type',
      };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { code: 'request.body_too_large' };
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return {
        code: 'request.invalid',
        detail: 'the JSON body is empty',
        errors: [{ field: 'body', message: 'required' }],
      };
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { code: 'request.invalid', detail: 'the Content-Length does not match the body' };
  }
  if (error.statusCode === 400 || error instanceof SyntaxError) {
    return {
      code: 'request.invalid',
      detail: 'the body is not valid JSON',
      errors: [{ field: 'body', message: 'invalid JSON' }],
    };
  }
  if (error.statusCode === 413) return { code: 'request.body_too_large' };
  if (error.statusCode === 415) return { code: 'request.unsupported_media_type' };
  if (isDatabaseUnavailable(error))
    return { code: 'service.unavailable', detail: 'the database does not answer' };
  return { code: 'internal' };
}

export function installProblemHandlers(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request: FastifyRequest, reply: FastifyReply) => {
    const { code, detail, errors } = classify(error);
    if (code === 'internal') {
      // Unknown errors: a generic 500 for the caller; the log gets the stack, never the request body.
      request.log.error({ err: error }, 'unhandled error');
    } else if (code === 'service.unavailable') {
      // Nothing was acknowledged; the client may retry. The driver's code says why, without any data.
      request.log.warn({ dbError: driverCode(error) }, 'database unavailable');
      reply.header('retry-after', '5');
    }
    return sendProblem(reply, toProblem(code, request.id, detail, errors));
  });
  app.setNotFoundHandler((request, reply) => sendProblem(reply, toProblem('route.not_found', request.id)));
}

/**
 * Errors the router raises before any route runs (a path that is not valid percent-encoded UTF-8, a path
 * parameter longer than allowed): Fastify's own answer quotes the path, which may hold an email or a token.
 * They become problems that quote nothing.
 */
export function frameworkErrorHandler(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const detail =
    error.code === 'FST_ERR_MAX_PARAM_LENGTH'
      ? 'a path segment is too long'
      : error.code === 'FST_ERR_BAD_URL'
        ? 'the path is not valid percent-encoded UTF-8'
        : 'the request cannot be routed';
  sendProblem(reply, toProblem('request.invalid', String(request.id), detail));
}
