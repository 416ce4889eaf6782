/**
 * A system Steward cannot query (a support desk, a SaaS back office) answers a signed HTTP POST for one
 * person at a time: `find` their rows, `erase` (delete some, overwrite columns of others), `correct`.
 * The protocol is in docs/connectors.md. Answers are untrusted input: validated, bounded, and cut down
 * to the tables and columns the policy declares (an access export is an allowlist, GDPR Art. 15(4)).
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { SIGNATURE_HEADER, signWebhookBody } from './signature.js';
import {
  ConnectorError,
  type Key,
  type Row,
  type SubjectIdentities,
  type TableOperations,
  type WebhookConnector,
  type WebhookTable,
} from './types.js';

export interface WebhookOptions {
  readonly timeoutMs?: number;
  readonly maxResponseBytes?: number;
  readonly clock?: () => Date;
}

const NameSchema = z.string().min(1).max(130);
const FindResponseSchema = z.object({
  tables: z
    .array(
      z.object({ name: NameSchema, rows: z.array(z.record(z.string().max(63), z.unknown())).max(100_000) }),
    )
    .max(500),
});
const CountSchema = z.int().min(0).max(10_000_000);
const EraseResponseSchema = z.object({
  tables: z.array(z.object({ name: NameSchema, erased: CountSchema })).max(500),
});
const CorrectResponseSchema = z.object({
  tables: z.array(z.object({ name: NameSchema, updated: CountSchema })).max(500),
});

/** The body as text, or undefined when it is longer than `limit` bytes (reading stops there). */
async function readLimited(response: Response, limit: number): Promise<string | undefined> {
  const reader = response.body?.getReader();
  if (!reader) return '';
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > limit) {
      await reader.cancel();
      return undefined;
    }
    parts.push(chunk.value);
  }
  return Buffer.concat(parts).toString('utf8');
}

function isKey(value: unknown): value is Key {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

export function openWebhookConnector(
  dataset: string,
  url: string,
  secret: string,
  options: WebhookOptions = {},
): WebhookConnector {
  const endpoint = URL.canParse(url) ? new URL(url) : undefined;
  if (!endpoint || !['http:', 'https:'].includes(endpoint.protocol)) {
    throw new ConnectorError(`dataset '${dataset}': the webhook URL is not an http(s) URL`, 'webhook_url');
  }
  const clock = options.clock ?? (() => new Date());
  const fail = (what: string, code: string, cause?: unknown) =>
    new ConnectorError(`dataset '${dataset}': the webhook ${what}`, code, { cause });

  async function call(action: string, subject: SubjectIdentities, payload: object): Promise<unknown> {
    const body = JSON.stringify({ id: randomUUID(), action, dataset, subject, ...payload });
    let answer: { status: number; text: string | undefined };
    try {
      // The timeout covers the whole exchange, the body included.
      const response = await fetch(endpoint!, {
        method: 'POST',
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'steward-connector/1',
          [SIGNATURE_HEADER]: signWebhookBody(secret, body, clock()),
        },
        body,
      });
      answer = {
        status: response.status,
        text: await readLimited(response, options.maxResponseBytes ?? 16 << 20),
      };
    } catch (error) {
      const timeout = error instanceof Error && error.name === 'TimeoutError';
      throw fail(
        timeout ? 'did not answer in time' : 'cannot be reached',
        timeout ? 'webhook_timeout' : 'webhook_unreachable',
        error,
      );
    }
    const { status, text } = answer;
    if (status < 200 || status > 299)
      throw fail(`answered HTTP ${status} to '${action}'`, `webhook_http_${status}`);
    if (text === undefined) throw fail(`answer to '${action}' is larger than allowed`, 'webhook_too_large');
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw fail(`answered '${action}' with invalid JSON`, 'webhook_response_invalid', error);
    }
  }

  function parse<T>(schema: z.ZodType<T>, value: unknown, action: string): T {
    const result = schema.safeParse(value);
    if (!result.success) throw fail(`answered '${action}' outside the protocol`, 'webhook_response_invalid');
    return result.data;
  }

  function counts(
    tables: readonly { name: string }[],
    answer: readonly { name: string; n: number }[],
  ): Map<string, number> {
    const asked = new Set(tables.map((t) => t.name));
    const out = new Map<string, number>();
    for (const { name, n } of answer) {
      if (!asked.has(name))
        throw fail(`answered for table '${name}', which was not asked`, 'webhook_response_invalid');
      out.set(name, (out.get(name) ?? 0) + n);
    }
    return out;
  }

  return {
    kind: 'webhook',
    async find(subject, tables: readonly WebhookTable[]) {
      const answer = parse(FindResponseSchema, await call('find', subject, { tables }), 'find');
      const asked = new Map(tables.map((t) => [t.name, t]));
      const out = new Map<string, Row[]>(tables.map((t) => [t.name, []]));
      for (const { name, rows } of answer.tables) {
        const table = asked.get(name);
        if (!table)
          throw fail(`answered for table '${name}', which was not asked`, 'webhook_response_invalid');
        for (const row of rows) {
          if (!isKey(row[table.primaryKey]))
            throw fail(`returned a row of '${name}' without its key`, 'webhook_response_invalid');
          out
            .get(name)!
            .push(Object.fromEntries(table.columns.filter((c) => c in row).map((c) => [c, row[c]])));
        }
      }
      return out;
    },
    async erase(subject, tables: readonly TableOperations[]) {
      const answer = parse(EraseResponseSchema, await call('erase', subject, { tables }), 'erase');
      return counts(
        tables,
        answer.tables.map((t) => ({ name: t.name, n: t.erased })),
      );
    },
    async correct(subject, tables: readonly TableOperations[]) {
      const payload = tables.map(({ name, primaryKey, update }) => ({ name, primaryKey, update }));
      const answer = parse(
        CorrectResponseSchema,
        await call('correct', subject, { tables: payload }),
        'correct',
      );
      return counts(
        tables,
        answer.tables.map((t) => ({ name: t.name, n: t.updated })),
      );
    },
    close: async () => {},
  };
}
