import type { FastifyRequest } from 'fastify';
import type { DestinationStream, LoggerOptions } from 'pino';

/**
 * Logger options for a privacy product: requests are logged by method, route pattern and status only.
 * No query string (it may carry an email), no IP, no headers (tokens, cookies), no bodies; known
 * personal-data keys are redacted wherever they appear.
 */
export function loggerOptions(level: string): LoggerOptions {
  return {
    level,
    redact: {
      paths: [
        'email',
        '*.email',
        'phone',
        '*.phone',
        'name',
        '*.name',
        'ip',
        '*.ip',
        'token',
        '*.token',
        'authorization',
        '*.authorization',
        'cookie',
        '*.cookie',
        'password',
        '*.password',
        'value',
        '*.value',
        'err.detail',
        'err.parameters',
        'err.query',
      ],
      censor: '[redacted]',
    },
    serializers: {
      req(request: FastifyRequest) {
        return { method: request.method, route: request.routeOptions?.url ?? 'unmatched', id: request.id };
      },
      res(reply: { statusCode: number }) {
        return { statusCode: reply.statusCode };
      },
      err(error: Error & { code?: string; statusCode?: number }) {
        // Whatever was thrown: a string or object thrown as an error is logged by its kind only.
        if (!(error instanceof Error)) return { type: typeof error };
        return {
          type: error.name,
          code: error.code,
          statusCode: error.statusCode,
          message: scrub(error.message),
          stack: scrub(error.stack ?? ''),
        };
      },
    },
  };
}

const EMAIL = /[^\s@<>"']+@[^\s@<>"']+/g;
const IPV4 = /\b\d{1,3}(?:\.\d{1,3}){3}\b/g;
const BEARER = /stw_[A-Za-z0-9_-]{10,}/g;

/** Last line of defence for free text that may quote input (driver errors, parser messages). */
export function scrub(text: string): string {
  return text.replace(EMAIL, '[email]').replace(IPV4, '[ip]').replace(BEARER, '[token]');
}

export type LogDestination = DestinationStream;
