import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqlite, type Store } from '../../src/db/connect.js';
import type { Role } from '../../src/modules/keys/keys.service.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { availableDialects, createTestDatabase, type TestDatabase } from '../support/databases.js';

const dialects = await availableDialects();
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const NOW = Date.parse('2026-06-15T12:00:00Z');
const MINIMAL_POLICY = 'examples/minimal/policy.yaml';
// Distinctive values, looked for in the server's own logs and the audit trail.
const AGENT = 'Probe-UA/9.9 (+https://scanner.example)';
const IPS = { a: '203.0.113.7', b: '203.0.113.8', v6: '2001:db8:1:2::1', old: '198.51.100.9' };

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
function stamp(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
const combined = (ip: string, ms: number, request: string, status = 200, agent = AGENT) =>
  `${ip} - - [${stamp(ms)}] "${request}" ${status} 512 "https://ref.example/?q=x" "${agent}"`;
const json = (record: object) => JSON.stringify(record);

describe.each(dialects)('security logs over HTTP on %s', (dialect) => {
  let t: TestSteward;

  beforeAll(async () => {
    t = await startTestSteward(dialect, { clock: () => NOW });
  });
  afterAll(async () => t.close());

  const ingest = (body: string, role: Role | null = 'service', headers: Record<string, string> = {}) =>
    t.request({
      method: 'POST',
      url: '/v1/logs',
      role,
      headers: { 'content-type': 'application/x-ndjson', ...headers },
      payload: body,
    });
  const search = (query: Record<string, string | number>, role: Role | null = 'agent') =>
    t.request({
      method: 'GET',
      url: `/v1/logs?${new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)]))}`,
      role,
    });
  const lastAudit = async (action: string) => {
    const row = await t.steward.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', action)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    return { ...row, detail: JSON.parse(row.detail) as Record<string, unknown> };
  };

  it('stores combined and JSON lines without query strings, truncating and refusing by age', async () => {
    const body = [
      combined(IPS.a, NOW - 1 * HOUR, 'GET /login?email=alice@example.com HTTP/1.1'),
      combined(IPS.b, NOW - 2 * HOUR, 'POST /api/orders/17 HTTP/2.0', 201),
      json({
        time: new Date(NOW - 3 * HOUR).toISOString(),
        method: 'GET',
        url: 'https://shop.example/api/orders/18?token=s3cret',
        status: '200',
        user_agent: AGENT,
        remote_addr: IPS.v6,
      }),
      json({
        time: NOW - 8 * DAY,
        method: 'GET',
        path: '/admin',
        status: 403,
        userAgent: AGENT,
        ip: IPS.old,
      }),
      '',
      json({ time: NOW - 91 * DAY, method: 'GET', path: '/', status: 200, ip: IPS.a }),
      'this is not an access log line',
      combined(IPS.a, NOW - HOUR, `GET /${'x'.repeat(20_000)} HTTP/1.1`),
      json({ time: NOW + HOUR, method: 'GET', path: '/', status: 200, ip: IPS.a }),
    ].join('\r\n');
    const res = await ingest(body);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      accepted: 4,
      rejected: 4,
      rejections: [
        { line: 6, reason: 'time.too_old' },
        { line: 7, reason: 'line.unrecognised' },
        { line: 8, reason: 'line.too_long' },
        { line: 9, reason: 'time.in_future' },
      ],
    });
    // Reasons never quote the line.
    expect(res.body).not.toContain(IPS.a);
    const audit = await lastAudit('logs.ingested');
    expect(audit.actor).toMatch(/^key:/);
    expect(audit.detail).toEqual({ accepted: 4, rejected: 4 });
  });

  it('lists everything in time order, the line older than fullIpFor truncated from the start', async () => {
    const res = await search({});
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      entries: [
        {
          time: new Date(NOW - 8 * DAY).toISOString(),
          method: 'GET',
          path: '/admin',
          status: 403,
          userAgent: AGENT,
          ip: '198.51.100.0/24',
          ipTruncated: true,
        },
        {
          time: new Date(NOW - 3 * HOUR).toISOString(),
          method: 'GET',
          path: '/api/orders/18',
          status: 200,
          userAgent: AGENT,
          ip: IPS.v6,
          ipTruncated: false,
        },
        {
          time: new Date(NOW - 2 * HOUR).toISOString(),
          method: 'POST',
          path: '/api/orders/17',
          status: 201,
          userAgent: AGENT,
          ip: IPS.b,
          ipTruncated: false,
        },
        {
          time: new Date(NOW - 1 * HOUR).toISOString(),
          method: 'GET',
          path: '/login',
          status: 200,
          userAgent: AGENT,
          ip: IPS.a,
          ipTruncated: false,
        },
      ],
      nextCursor: null,
    });
    expect(res.body).not.toMatch(/alice|s3cret|ref\.example/);
  });

  it.each([
    [
      'a period',
      { from: new Date(NOW - 2.5 * HOUR).toISOString(), to: new Date(NOW).toISOString() },
      ['/api/orders/17', '/login'],
    ],
    ['an address', { ip: IPS.a }, ['/login']],
    ['a CIDR prefix', { ip: '203.0.113.0/24' }, ['/api/orders/17', '/login']],
    ['an address inside a truncated network', { ip: IPS.old }, ['/admin']],
    ['a prefix overlapping a truncated network', { ip: '198.51.100.128/25' }, ['/admin']],
    ['an IPv6 prefix', { ip: '2001:db8:1::/48' }, ['/api/orders/18']],
    ['an IPv6 address', { ip: '2001:DB8:1:2:0:0:0:1' }, ['/api/orders/18']],
    ['an address nobody used', { ip: '192.0.2.1' }, []],
    ['a path prefix', { path: '/api/orders/*' }, ['/api/orders/18', '/api/orders/17']],
    ['an exact path, its query ignored', { path: '/login?email=x' }, ['/login']],
    ['an exact path that is only a prefix', { path: '/api' }, []],
    ['address and path', { ip: '203.0.113.0/24', path: '/login' }, ['/login']],
  ])('finds by %s, and audits the search without the address', async (_name, query, paths) => {
    const res = await search(query);
    expect(res.statusCode).toBe(200);
    expect(res.json().entries.map((e: { path: string }) => e.path)).toEqual(paths);
    const audit = await lastAudit('logs.searched');
    expect(audit.actor).toMatch(/^key:/);
    expect(audit.subject_id).toBeNull();
    const q = query as Record<string, string>;
    expect(audit.detail).toEqual({
      from: q.from ?? null,
      to: q.to ?? null,
      ipFilter: q.ip !== undefined,
      pathFilter: q.path !== undefined,
      results: paths.length,
    });
    expect(JSON.stringify(audit)).not.toMatch(/203\.0\.113|198\.51\.100|2001:db8|orders|login/i);
  });

  it('stores text with quotes, backslashes and braces exactly, and control characters replaced', async () => {
    const agent = 'a "quoted" \\ back{slash},NULL\u0000\u001b[31m';
    const line = json({
      time: NOW - 30 * 60_000,
      method: 'GET',
      path: '/odd/"{x,y}"\\',
      status: 200,
      userAgent: agent,
      ip: '192.0.2.77',
    });
    expect((await ingest(line)).json()).toMatchObject({ accepted: 1 });
    const res = await search({ ip: '192.0.2.77' });
    expect(res.json().entries).toEqual([
      expect.objectContaining({
        path: '/odd/"{x,y}"\\',
        userAgent: 'a "quoted" \\ back{slash},NULL\uFFFD\uFFFD[31m',
      }),
    ]);
    await t.steward.store.db.deleteFrom('security_logs').where('path', 'like', '/odd/%').execute();
  });

  it('pages with an opaque cursor', async () => {
    const first = await search({ limit: 3 });
    expect(first.json().entries).toHaveLength(3);
    const second = await search({ limit: 3, cursor: first.json().nextCursor });
    expect(second.json()).toMatchObject({ entries: [{ path: '/login' }], nextCursor: null });
  });

  it.each([
    [{ ip: 'not-an-address' }, 'query.ip'],
    [{ ip: '203.0.113.7/33' }, 'query.ip'],
    [{ cursor: 'bm9wZQ' }, 'query.cursor'],
    [{ from: '2026-06-15T12:00:00Z', to: '2026-06-15T11:00:00Z' }, 'query.to'],
    [{ from: 'yesterday' }, 'querystring.from'],
    [{ limit: 1001 }, 'querystring.limit'],
    [{ email: 'a@example.com' }, 'querystring'],
  ])('refuses the search %j naming %s, never echoing the value', async (query, field) => {
    const res = await search(query as Record<string, string>);
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('request.invalid');
    expect(res.json().errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.body).not.toMatch(/not-an-address|203\.0\.113|a@example/);
  });

  it.each([
    ['POST', null, 401],
    ['POST', 'agent', 403],
    ['POST', 'auditor', 403],
    ['GET', null, 401],
    ['GET', 'service', 403],
    ['GET', 'auditor', 403],
  ] as const)('%s /v1/logs as %s: %i', async (method, role, status) => {
    const res =
      method === 'POST' ? await ingest(combined(IPS.a, NOW, 'GET / HTTP/1.1'), role) : await search({}, role);
    expect(res.statusCode).toBe(status);
    expect(res.json().code).toBe(status === 401 ? 'auth.missing_credentials' : 'auth.forbidden');
  });

  it('refuses other content types and a body declared over 64 MiB', async () => {
    const asJson = await t.request({
      method: 'POST',
      url: '/v1/logs',
      role: 'service',
      payload: { time: 1 },
    });
    expect(asJson.statusCode).toBe(415);
    expect(asJson.json().code).toBe('request.unsupported_media_type');
    const asText = await ingest('x', 'service', { 'content-type': 'text/plain' });
    expect(asText.statusCode).toBe(415);
    const huge = await ingest('x', 'admin', { 'content-length': String(65 * 1024 * 1024) });
    expect(huge.statusCode).toBe(413);
    expect(huge.json().code).toBe('request.body_too_large');
    // The rest of the body is not read: the connection closes after the answer.
    expect(huge.headers.connection).toBe('close');
  });

  it('takes an empty body, and cuts a streamed body (no Content-Length) at 64 MiB, saying what was kept', async () => {
    expect((await ingest('')).json()).toEqual({ accepted: 0, rejected: 0, rejections: [] });
    const good = combined(IPS.b, NOW - 4 * HOUR, 'GET /before-the-limit HTTP/1.1');
    const filler = `${'x'.repeat(17 * 1024)}\n`; // each over the line limit: cheap to refuse
    async function* body() {
      yield `${good}\n${good}\n`;
      for (let sent = 0; sent <= 64 * 1024 * 1024; sent += filler.length) yield filler;
    }
    const res = await t.request({
      method: 'POST',
      url: '/v1/logs',
      role: 'service',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: Readable.from(body()),
    });
    expect(res.statusCode).toBe(413);
    expect(res.json()).toMatchObject({
      code: 'request.body_too_large',
      detail: 'at most 64 MiB per call; the 2 lines before the limit were stored',
    });
    expect((await search({ path: '/before-the-limit' })).json().entries).toHaveLength(2);
  });

  it('counts hostile lines as rejected, never fails, and stores the good lines among them', async () => {
    const count = async () =>
      Number(
        (
          await t.steward.store.db
            .selectFrom('security_logs')
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const hostileLine = fc
      .oneof(
        fc.string({ maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.jsonValue().map((v) => JSON.stringify(v)),
        fc.constantFrom(
          '{"__proto__":{"ip":"1.2.3.4"}}',
          `{"time":${NOW},"method":"GET","path":"/\\u0000x","status":200,"ip":"203.0.113.1","userAgent":"\\u0000\\u001b[31m"}`,
          `203.0.113.1 - - [${stamp(NOW)}] "GET /'; drop table security_logs; -- HTTP/1.1" 200 1 "-" "x"`,
          `${'{"a":['.repeat(3000)}`,
          '\uFFFD\uD800',
        ),
      )
      .map((line) => line.replace(/[\r\n]/g, ' '));
    const good = combined(IPS.b, NOW - 5 * HOUR, 'GET /fast-check HTTP/1.1');
    await fc.assert(
      fc.asyncProperty(fc.array(hostileLine, { maxLength: 30 }), async (lines) => {
        const before = await count();
        const body = [...lines, good].join('\n');
        const res = await ingest(body);
        expect(res.statusCode).toBe(200);
        const report = res.json();
        const nonBlank = [...lines, good].filter((l) => Buffer.from(l).toString('utf8').trim() !== '').length;
        expect(report.accepted + report.rejected).toBe(nonBlank);
        expect(report.accepted).toBeGreaterThanOrEqual(1);
        expect(await count()).toBe(before + report.accepted);
      }),
      { numRuns: 40 },
    );
    expect((await search({})).statusCode).toBe(200);
  });

  it('writes no address or user agent to the server logs', () => {
    const logs = t.logs.text();
    expect(logs.length).toBeGreaterThan(0);
    for (const value of [...Object.values(IPS), '2001:db8', 'Probe-UA', 'alice@example.com', 's3cret'])
      expect(logs, value).not.toContain(value);
  });
});

describe.each(dialects)('security logs without a securityLogs section on %s', (dialect) => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward(dialect, { policyFile: MINIMAL_POLICY });
  });
  afterAll(async () => t.close());

  it('answers a clear problem instead of storing lines', async () => {
    const res = await t.request({
      method: 'POST',
      url: '/v1/logs',
      role: 'service',
      headers: { 'content-type': 'application/x-ndjson' },
      payload: combined(IPS.a, Date.now(), 'GET / HTTP/1.1'),
    });
    expect(res.statusCode).toBe(409);
    expect(res.json()).toMatchObject({
      code: 'logs.not_configured',
      detail: expect.stringContaining('securityLogs'),
    });
  });
});

describe.each(dialects)('steward logs ingest on %s', (dialect) => {
  let database: TestDatabase;
  let env: Record<string, string>;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-logs-'));

  beforeAll(async () => {
    database = await createTestDatabase(dialect);
    env =
      dialect === 'postgres'
        ? { DATABASE_URL: database.location, STEWARD_DATA_DIR: tmp }
        : { STEWARD_DATA_DIR: path.dirname(database.location) };
  });
  afterAll(async () => {
    await database.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const withStore = async <T>(fn: (store: Store) => Promise<T>): Promise<T> => {
    const store = dialect === 'sqlite' ? openSqlite(database.location) : database.open();
    try {
      return await fn(store);
    } finally {
      await store.close();
    }
  };

  it('reads a file, stdin and "-", and prints the report', async () => {
    const now = Date.now();
    const file = path.join(tmp, 'access.log');
    fs.writeFileSync(
      file,
      [
        combined(IPS.a, now - HOUR, 'GET /file?session=abc HTTP/1.1'),
        json({ time: now - 9 * DAY, method: 'GET', path: '/file-old', status: 200, ip: IPS.v6 }),
        'nonsense',
      ].join('\n'),
    );
    const fromFile = await runCli(['logs', 'ingest', file], env);
    expect(fromFile.code).toBe(0);
    expect(JSON.parse(fromFile.stdout)).toEqual({
      accepted: 2,
      rejected: 1,
      rejections: [{ line: 3, reason: 'line.unrecognised' }],
    });
    const stdin = `${combined(IPS.b, now - HOUR, 'GET /stdin HTTP/1.1')}\n`;
    const fromStdin = await runCli(['logs', 'ingest'], env, stdin);
    expect(fromStdin.code).toBe(0);
    expect(JSON.parse(fromStdin.stdout)).toMatchObject({ accepted: 1, rejected: 0 });
    const fromDash = await runCli(['logs', 'ingest', '-'], env, stdin);
    expect(JSON.parse(fromDash.stdout)).toMatchObject({ accepted: 1 });

    const rows = await withStore((store) =>
      store.db.selectFrom('security_logs').select(['path', 'ip', 'ip_truncated']).orderBy('id').execute(),
    );
    expect(rows.map((r) => [r.path, r.ip, Number(r.ip_truncated)])).toEqual([
      ['/file', IPS.a, 0],
      ['/file-old', '2001:db8:1::/48', 1],
      ['/stdin', IPS.b, 0],
      ['/stdin', IPS.b, 0],
    ]);
    const audit = await withStore((store) =>
      store.db
        .selectFrom('audit_log')
        .select(['actor', 'detail'])
        .where('action', '=', 'logs.ingested')
        .execute(),
    );
    expect(audit.map((a) => a.actor)).toEqual(['cli', 'cli', 'cli']);
  });

  it('exits non-zero on a missing file and when the policy keeps no security logs', async () => {
    const missing = await runCli(['logs', 'ingest', path.join(tmp, 'nope.log')], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('nope.log');
    const unconfigured = await runCli(['logs', 'ingest'], { ...env, STEWARD_POLICY: MINIMAL_POLICY }, 'x\n');
    expect(unconfigured.code).toBe(78);
    expect(unconfigured.stderr).toContain('securityLogs');
  });
});
