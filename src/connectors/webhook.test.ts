import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIGNATURE_HEADER, signWebhookBody, verifyWebhookSignature } from './signature.js';
import { openWebhookConnector } from './webhook.js';

const SECRET = 'whsec_unit_only';
const SUBJECT = { emails: ['ada@example.com'], phones: [], externalIds: [] };
const TABLES = [{ name: 'tickets', primaryKey: 'id', columns: ['id', 'body'] }];

/** Answers by path: /ok, /garbage, /keyless, /huge, /hang, /status/<n>; records signature checks. */
let server: http.Server;
let base: string;
const verified: boolean[] = [];

beforeAll(async () => {
  server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const check = verifyWebhookSignature(SECRET, req.headers[SIGNATURE_HEADER] as string | undefined, body);
    verified.push(check.ok);
    if (!check.ok) return void res.writeHead(401).end();
    const path = req.url ?? '';
    if (path === '/hang') return;
    if (path.startsWith('/status/')) return void res.writeHead(Number(path.slice(8))).end('{}');
    const rows = {
      '/ok': [{ id: 7, body: 'hello', internal: 'not asked' }],
      '/keyless': [{ body: 'hello' }],
      '/huge': [{ id: 1, body: 'x'.repeat(10_000) }],
    }[path];
    const answer = rows ? { tables: [{ name: 'tickets', rows }] } : { tables: [{ name: 'users', rows: [] }] };
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(answer));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const open = (path: string, secret = SECRET, options = {}) =>
  openWebhookConnector('helpdesk', `${base}${path}`, secret, { timeoutMs: 1000, ...options });

describe('webhook connector', () => {
  it('sends a signed find and keeps only the columns asked for', async () => {
    const found = await open('/ok').find(SUBJECT, TABLES);
    expect(found.get('tickets')).toEqual([{ id: 7, body: 'hello' }]);
    expect(verified.at(-1)).toBe(true);
  });

  it.each([
    ['/ok', { secret: 'wrong' }, 'webhook_http_401'],
    ['/status/500', {}, 'webhook_http_500'],
    ['/garbage', {}, 'webhook_response_invalid'],
    ['/keyless', {}, 'webhook_response_invalid'],
    ['/huge', { maxResponseBytes: 1000 }, 'webhook_too_large'],
    ['/hang', { timeoutMs: 150 }, 'webhook_timeout'],
  ])('%s %o fails with %s', async (path, options, code) => {
    const { secret, ...rest } = options as { secret?: string };
    const error = await open(path, secret, rest)
      .find(SUBJECT, TABLES)
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'ConnectorError', code });
    expect(String((error as Error).message)).not.toMatch(/127\.0\.0\.1|whsec|ada@/);
  });

  it('refuses a URL that is not http(s), without printing it', () => {
    expect(() => openWebhookConnector('helpdesk', 'ftp://user:pw@host/x', SECRET)).toThrow(
      /not an http\(s\) URL/,
    );
    expect(() => openWebhookConnector('helpdesk', 'ftp://user:pw@host/x', SECRET)).not.toThrow(/pw@host/);
  });
});

describe('webhook signatures', () => {
  const at = (iso: string) => new Date(iso);
  const header = signWebhookBody(SECRET, '{"a":1}', at('2030-01-01T00:00:00Z'));

  it('sign t.body with HMAC-SHA-256', () => {
    expect(header).toMatch(/^t=1893456000,v1=[0-9a-f]{64}$/);
    expect(verifyWebhookSignature(SECRET, header, '{"a":1}', { now: at('2030-01-01T00:04:59Z') })).toEqual({
      ok: true,
    });
  });

  it.each([
    ['an altered body', header, '{"a":2}', '2030-01-01T00:00:00Z'],
    [
      'another secret',
      signWebhookBody('other', '{"a":1}', at('2030-01-01T00:00:00Z')),
      '{"a":1}',
      '2030-01-01T00:00:00Z',
    ],
    ['a stale call', header, '{"a":1}', '2030-01-01T00:05:01Z'],
    ['a malformed header', 't=abc,v1=zz', '{"a":1}', '2030-01-01T00:00:00Z'],
    ['no header', undefined, '{"a":1}', '2030-01-01T00:00:00Z'],
  ])('refuse %s', (_, value, body, now) => {
    expect(verifyWebhookSignature(SECRET, value, body, { now: at(now) }).ok).toBe(false);
  });
});
