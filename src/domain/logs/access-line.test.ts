import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseAccessLine } from './access-line.js';
import { MAX_PATH_LENGTH, MAX_USER_AGENT_LENGTH } from './fields.js';

const REASONS = new Set([
  'line.too_long',
  'line.unrecognised',
  'json.invalid',
  'time.invalid',
  'request.invalid',
  'method.invalid',
  'path.invalid',
  'status.invalid',
  'ip.invalid',
]);
// biome-ignore lint/suspicious/noControlCharactersInRegex: asserting that none survive
const CONTROL = /[\u0000-\u001f\u007f]/;

describe('parseAccessLine: combined format', () => {
  it('reads the Apache documentation example, minus the user, referrer and query', () => {
    const line =
      '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif?user=frank@example.com HTTP/1.0" 200 2326 "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"';
    expect(parseAccessLine(line)).toEqual({
      ok: true,
      entry: {
        time: Date.parse('2000-10-10T20:55:36Z'),
        method: 'GET',
        path: '/apache_pb.gif',
        status: 200,
        userAgent: 'Mozilla/4.08 [en] (Win98; I ;Nav)',
        ip: '127.0.0.1',
      },
    });
  });

  it.each([
    [
      'IPv6, absolute-form target, no body, escaped quote in the user agent (Apache)',
      '2001:DB8::1 - - [01/Jun/2025:12:00:00 +0200] "POST http://example.com/login?next=/a HTTP/1.1" 302 - "-" "curl/8 \\"x\\""',
      {
        time: Date.parse('2025-06-01T10:00:00Z'),
        method: 'POST',
        path: '/login',
        status: 302,
        userAgent: 'curl/8 "x"',
        ip: '2001:db8::1',
      },
    ],
    [
      'common format (no referrer, no user agent), a user name with a space',
      '198.51.100.2 - jane doe [29/Feb/2024:23:59:59 +0000] "HEAD /#top HTTP/1.1" 204 0',
      {
        time: Date.parse('2024-02-29T23:59:59Z'),
        method: 'HEAD',
        path: '/',
        status: 204,
        userAgent: null,
        ip: '198.51.100.2',
      },
    ],
    [
      'extra nginx fields after the user agent, IPv4-mapped client',
      '::ffff:192.0.2.9 - - [01/Jan/2025:00:00:00 +0000] "GET /x HTTP/2.0" 500 12 "https://r.example/?q=secret" "UA" "10.0.0.1" rt=0.001',
      {
        time: Date.parse('2025-01-01T00:00:00Z'),
        method: 'GET',
        path: '/x',
        status: 500,
        userAgent: 'UA',
        ip: '192.0.2.9',
      },
    ],
    [
      'HTTP/0.9 request line and a user agent of "-"',
      '192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "GET /old" 200 5 "-" "-"',
      {
        time: Date.parse('2025-01-01T00:00:00Z'),
        method: 'GET',
        path: '/old',
        status: 200,
        userAgent: null,
        ip: '192.0.2.1',
      },
    ],
  ])('%s', (_name, line, entry) => {
    expect(parseAccessLine(line)).toEqual({ ok: true, entry });
  });

  it.each([
    ['garbage', 'line.unrecognised'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "GET / HTTP/1.1" 2000 5', 'line.unrecognised'],
    ['192.0.2.1 - - [31/Feb/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 5', 'time.invalid'],
    ['192.0.2.1 - - [01/Foo/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 5', 'time.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:24:00:00 +0000] "GET / HTTP/1.1" 200 5', 'time.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "-" 400 0 "-" "-"', 'request.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "\\x16\\x03\\x01\\x02" 400 0 "-" "-"', 'request.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "GET /a b HTTP/1.1" 400 0', 'request.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "G(T / HTTP/1.1" 400 0', 'method.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "GET ?a=b HTTP/1.1" 400 0', 'path.invalid'],
    ['192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "GET / HTTP/1.1" 099 0', 'status.invalid'],
    ['host.example - - [01/Jan/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 0', 'ip.invalid'],
    ['256.0.0.1 - - [01/Jan/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 0', 'ip.invalid'],
  ])('refuses %j: %s', (line, reason) => {
    expect(parseAccessLine(line)).toEqual({ ok: false, reason });
  });
});

describe('parseAccessLine: JSON lines', () => {
  it.each([
    [
      {
        time: '2025-06-01T12:00:00Z',
        method: 'GET',
        path: '/a?token=x',
        status: 200,
        userAgent: 'UA',
        ip: '203.0.113.7',
      },
      {
        time: Date.parse('2025-06-01T12:00:00Z'),
        method: 'GET',
        path: '/a',
        status: 200,
        userAgent: 'UA',
        ip: '203.0.113.7',
      },
    ],
    [
      {
        time: 1_748_779_200_123,
        method: 'PUT',
        url: 'https://h.example/p#f',
        status: '201',
        user_agent: 'X',
        remote_addr: '2001:db8::2',
      },
      { time: 1_748_779_200_123, method: 'PUT', path: '/p', status: 201, userAgent: 'X', ip: '2001:db8::2' },
    ],
    [
      { time: '2025-06-01T12:00:00.123456-05:30', method: 'GET', path: '/', status: 404, ip: '::1' },
      {
        time: Date.parse('2025-06-01T17:30:00.123Z'),
        method: 'GET',
        path: '/',
        status: 404,
        userAgent: null,
        ip: '::1',
      },
    ],
  ])('reads %j', (record, entry) => {
    expect(parseAccessLine(`  ${JSON.stringify(record)}`)).toEqual({ ok: true, entry });
  });

  const base = { time: '2025-06-01T12:00:00Z', method: 'GET', path: '/', status: 200, ip: '192.0.2.1' };
  it.each([
    ['{"time":', 'json.invalid'],
    ['[1,2]', 'line.unrecognised'],
    ['{}', 'time.invalid'],
    [JSON.stringify({ ...base, time: '2025-06-01T12:00:00' }), 'time.invalid'],
    [JSON.stringify({ ...base, time: '2025-02-30T12:00:00Z' }), 'time.invalid'],
    [JSON.stringify({ ...base, time: 1.5 }), 'time.invalid'],
    [JSON.stringify({ ...base, time: -1 }), 'time.invalid'],
    [JSON.stringify({ ...base, method: 7 }), 'method.invalid'],
    [JSON.stringify({ ...base, method: 'GET /' }), 'method.invalid'],
    [JSON.stringify({ ...base, path: undefined }), 'path.invalid'],
    [JSON.stringify({ ...base, path: '?q=only' }), 'path.invalid'],
    [JSON.stringify({ ...base, status: 'ok' }), 'status.invalid'],
    [JSON.stringify({ ...base, status: 600 }), 'status.invalid'],
    [JSON.stringify({ ...base, ip: '192.0.2.1, 10.0.0.1' }), 'ip.invalid'],
    [JSON.stringify({ ...base, ip: undefined, __proto__: { ip: '192.0.2.1' } }), 'ip.invalid'],
    [
      '{"__proto__":{"ip":"192.0.2.1"},"time":"2025-06-01T12:00:00Z","method":"GET","path":"/","status":200}',
      'ip.invalid',
    ],
  ])('refuses %s: %s', (line, reason) => {
    expect(parseAccessLine(line)).toEqual({ ok: false, reason });
  });
});

describe('parseAccessLine: properties', () => {
  const lineTime = fc.date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2090-01-01T00:00:00Z'),
    noInvalidDate: true,
  });
  const pathWithQuery = fc.tuple(fc.webPath(), fc.option(fc.webQueryParameters(), { nil: undefined }));
  const agent = fc.string({ maxLength: 800 }).filter((s) => !s.includes('"') && !s.includes('\\'));

  function combined(
    ip: string,
    at: Date,
    method: string,
    path: string,
    query: string | undefined,
    ua: string,
  ) {
    const d = at.toISOString();
    const mon = at.toUTCString().slice(8, 11);
    const stamp = `${d.slice(8, 10)}/${mon}/${d.slice(0, 4)}:${d.slice(11, 19)} +0000`;
    return `${ip} - - [${stamp}] "${method} ${path || '/'}${query ? `?${query}` : ''} HTTP/1.1" 200 1 "-" "${ua}"`;
  }

  it('recovers every field of a well-formed combined line, without its query string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4(), fc.ipV6()),
        lineTime,
        fc.constantFrom('GET', 'POST', 'DELETE', 'PROPFIND'),
        pathWithQuery,
        agent,
        (ip, at, method, [path, query], ua) => {
          const result = parseAccessLine(combined(ip, at, method, path, query, ua));
          if (!result.ok) throw new Error(result.reason);
          expect(result.entry.time).toBe(Math.floor(at.getTime() / 1000) * 1000);
          expect(result.entry.method).toBe(method);
          expect(result.entry.path.includes('?')).toBe(false);
          expect(result.entry.path).toBe((path || '/').slice(0, MAX_PATH_LENGTH));
          expect(result.entry.userAgent?.length ?? 0).toBeLessThanOrEqual(MAX_USER_AGENT_LENGTH);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('recovers every field of a well-formed JSON line', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.ipV4(), fc.ipV6()),
        lineTime,
        pathWithQuery,
        fc.integer({ min: 100, max: 599 }),
        (ip, at, [path, query], status) => {
          const line = JSON.stringify({
            time: at.toISOString(),
            method: 'GET',
            path: `${path || '/'}?${query ?? ''}`,
            status,
            ip,
          });
          const result = parseAccessLine(line);
          if (!result.ok) throw new Error(result.reason);
          expect(result.entry).toMatchObject({
            time: at.getTime(),
            status,
            path: (path || '/').slice(0, MAX_PATH_LENGTH),
          });
        },
      ),
      { numRuns: 300 },
    );
  });

  const hostile = fc.oneof(
    fc.string({ maxLength: 2000 }),
    fc.string({ unit: 'binary', maxLength: 500 }),
    fc.jsonValue().map((v) => JSON.stringify(v)),
    fc
      .dictionary(
        fc.constantFrom('time', 'method', 'path', 'url', 'status', 'ip', 'userAgent', '__proto__'),
        fc.jsonValue(),
      )
      .map((v) => JSON.stringify(v)),
    fc
      .tuple(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 300 }))
      .map(([a, b]) => `192.0.2.1 - ${a} [01/Jan/2025:00:00:00 +0000] "GET /${a} HTTP/1.1" 200 1 "-" "${b}"`),
  );

  it('never throws on hostile input, refuses with a known reason, and keeps only bounded clean fields', () => {
    fc.assert(
      fc.property(hostile, (line) => {
        const result = parseAccessLine(line);
        if (!result.ok) {
          expect(REASONS.has(result.reason)).toBe(true);
          return;
        }
        const { path, userAgent, method } = result.entry;
        expect(path.length).toBeLessThanOrEqual(MAX_PATH_LENGTH);
        expect((userAgent ?? '').length).toBeLessThanOrEqual(MAX_USER_AGENT_LENGTH);
        expect(method.length).toBeLessThanOrEqual(16);
        expect(CONTROL.test(path) || CONTROL.test(userAgent ?? '')).toBe(false);
        expect(path.includes('?') || path.includes('#')).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('takes linear time on lines built to make a regular expression backtrack', () => {
    const stamp = ' [01/Jan/2025:00:00:00 +0000] "';
    const lines = [
      `192.0.2.1 -${stamp.repeat(500)}`,
      `192.0.2.1 - -${stamp}${'\\"'.repeat(8000)}`,
      `192.0.2.1 - - [01/Jan/2025:00:00:00 +0000] "GET / HTTP/1.1" 200 1 "${'\\'.repeat(16000)}`,
      `{${'"a":['.repeat(3000)}`,
      `${' '.repeat(16000)}x`,
    ];
    for (const line of lines) {
      const start = performance.now();
      parseAccessLine(line);
      expect(performance.now() - start).toBeLessThan(50);
    }
  });
});
