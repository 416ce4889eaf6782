import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors/app-error.js';
import { API_KEY_SECURITY, actorOf } from '../../http/auth.js';
import { ProblemSchema } from '../../http/problem.js';
import type { AuditService } from '../audit/audit.service.js';
import { BATCH_CHUNK, type BatchVerdict, type EligibilityService } from './eligibility.service.js';

const PurposeId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z][a-z0-9_-]*$/);

export const EligibilitySchema = z
  .object({
    allowed: z.boolean(),
    purpose: z.string(),
    reasons: z.array(
      z.object({
        code: z.string(),
        message: z.string(),
        ref: z.union([
          z.object({ type: z.literal('ledger'), seq: z.number().int() }),
          z.object({ type: z.literal('relationship'), id: z.string() }),
          z.object({ type: z.literal('subject'), id: z.string().nullable() }),
          z.object({ type: z.literal('policy_version'), id: z.string() }),
        ]),
      }),
    ),
  })
  .meta({ id: 'Eligibility' });

/** Most lines a batch call takes: a campaign list of ten million addresses. */
const MAX_BATCH_LINES = 10_000_000;
const MAX_LINE_LENGTH = 1024;

function emailOfLine(line: string): string | null {
  if (line.length > MAX_LINE_LENGTH) return null;
  try {
    const value: unknown = JSON.parse(line);
    if (typeof value === 'string') return value;
    if (value && typeof value === 'object' && typeof (value as { email?: unknown }).email === 'string')
      return (value as { email: string }).email;
  } catch {
    return null;
  }
  return null;
}

const INVALID_LINE = '{"allowed":false,"reasons":["line.invalid"]}\n';
const tails = new Map<string, string>();

/** One output line, byte for byte what JSON.stringify would give, with the tail cached per verdict kind. */
function verdictLine(v: BatchVerdict): string {
  const key = `${v.allowed}|${v.reasons.join(',')}`;
  let tail = tails.get(key);
  if (tail === undefined) {
    tail = `,"allowed":${v.allowed},"reasons":${JSON.stringify(v.reasons)}}\n`;
    tails.set(key, tail);
  }
  return `{"email":${JSON.stringify(v.email)}${tail}`;
}

async function* filterLines(
  service: EligibilityService,
  input: NodeJS.ReadableStream,
  purpose: string,
  onDone: (lines: number) => Promise<void>,
): AsyncGenerator<string> {
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let chunk: string[] = [];
  let count = 0;
  const flush = async () => {
    const valid = chunk.map((line) => emailOfLine(line));
    const verdicts = await service.checkChunk(
      valid.map((e) => e ?? ''),
      purpose,
    );
    chunk = [];
    let out = '';
    for (const [i, v] of verdicts.entries()) out += valid[i] === null ? INVALID_LINE : verdictLine(v);
    return out;
  };
  for await (const line of lines) {
    if (line.trim() === '') continue;
    if (++count > MAX_BATCH_LINES) break;
    chunk.push(line);
    if (chunk.length >= BATCH_CHUNK) yield await flush();
  }
  if (chunk.length > 0) yield await flush();
  // One audit entry per list (who filtered how many addresses for which purpose), not one per address.
  await onDone(Math.min(count, MAX_BATCH_LINES));
}

export function registerEligibilityRoutes(
  app: FastifyInstance,
  deps: { eligibility: EligibilityService; audit: AuditService },
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // NDJSON bodies are streamed to the handler, never buffered whole (a million lines is ~30 MB).
  app.addContentTypeParser('application/x-ndjson', (_request, payload, done) => done(null, payload));

  r.get(
    '/v1/eligibility',
    {
      config: { roles: ['admin', 'agent', 'service'] },
      schema: {
        operationId: 'checkEligibility',
        tags: ['eligibility'],
        security: API_KEY_SECURITY,
        summary: 'May this marketing purpose reach this address now? With the reasons and what decided each',
        querystring: z.object({ email: z.string().min(1).max(320), purpose: PurposeId }).strict(),
        response: {
          200: EligibilitySchema,
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request) => {
      const { subjectId, ...verdict } = await deps.eligibility.check(
        request.query.email,
        request.query.purpose,
      );
      if (subjectId)
        await deps.audit.record({
          actor: actorOf(request),
          action: 'eligibility.checked',
          subjectId,
          detail: { purpose: verdict.purpose, allowed: verdict.allowed },
        });
      return { ...verdict, reasons: [...verdict.reasons] };
    },
  );

  r.post(
    '/v1/eligibility/batch',
    {
      config: { roles: ['admin', 'service'] },
      schema: {
        operationId: 'checkEligibilityBatch',
        tags: ['eligibility'],
        security: API_KEY_SECURITY,
        summary:
          'Filter a campaign list: NDJSON in ({"email": …} or "…" per line), one NDJSON verdict out per line, in order',
        querystring: z.object({ purpose: PurposeId }).strict(),
        consumes: ['application/x-ndjson'],
        response: {
          400: ProblemSchema,
          401: ProblemSchema,
          403: ProblemSchema,
          415: ProblemSchema,
          422: ProblemSchema,
        },
      },
    },
    async (request, reply) => {
      const purpose = request.query.purpose;
      deps.eligibility.ruleFor(purpose);
      const body = request.body as NodeJS.ReadableStream;
      if (!body || typeof (body as { pipe?: unknown }).pipe !== 'function') {
        throw new AppError('request.unsupported_media_type', 'send the list as application/x-ndjson');
      }
      const actor = actorOf(request);
      const audit = (lines: number) =>
        deps.audit.record({ actor, action: 'eligibility.batch', detail: { purpose, lines } });
      const verdicts = Readable.from(filterLines(deps.eligibility, body, purpose, audit));
      // A stream has no zod response schema; each line is a BatchVerdict.
      return reply.type('application/x-ndjson').send(verdicts as never);
    },
  );
}
