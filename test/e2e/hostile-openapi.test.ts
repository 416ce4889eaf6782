/**
 * Hostile input on every operation of the committed `openapi.json`, and on every route the document leaves
 * out (pages, console, metrics), (issue 8): fast-check bodies (any JSON,
 * prototype keys, deep nesting, SQL metacharacters, invalid UTF-8, oversized), content types, path
 * parameters and query strings, sent with an admin key so validation and the handlers themselves are
 * reached. No answer may be a 5xx, an error must be problem+json, and an operation that refused everything
 * must have written nothing (the row count of every table is unchanged).
 *
 * Cases per operation: STEWARD_FUZZ_RUNS (default 40 per dialect and run; seeds differ between runs). The
 * deep run of issue 8 — at least 10,000 cases per operation — is
 * `STEWARD_FUZZ_RUNS=10000 npx vitest run test/e2e/hostile-openapi.test.ts`.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects, tableRowCounts } from '../support/databases.js';
import { metacharacters } from '../support/hostile.js';

const RUNS = Number(process.env.STEWARD_FUZZ_RUNS ?? 40);
/** A ceiling, not a target: the conformance report (dozens of queries) takes up to ~100 ms a case on PostgreSQL. */
const TIMEOUT_MS = 60_000 + RUNS * 200;
const dialects = await availableDialects();
const document = JSON.parse(
  fs.readFileSync(path.join(import.meta.dirname, '../../openapi.json'), 'utf8'),
) as {
  paths: Record<string, Record<string, { operationId: string }>>;
};
const DOCUMENTED = Object.entries(document.paths).flatMap(([p, methods]) =>
  Object.entries(methods).map(([method, op]) => ({
    method: method.toUpperCase(),
    template: p,
    id: op.operationId,
  })),
);
// Routes the document leaves out — the server-rendered pages (privacy center, forms), the console, metrics —
// come from the router's own list, so a new page is fuzzed the day it is added.
const probe = await startTestSteward('sqlite');
const known = new Set(DOCUMENTED.map((o) => `${o.method} ${o.template}`));
const UNDOCUMENTED = probe.steward.app.routes
  .filter((r) => r.method !== 'HEAD')
  .map((r) => ({
    method: r.method,
    template: r.url.replace(/:([A-Za-z]+)/g, '{$1}').replace('*', '{rest}'),
    id: `page ${r.method} ${r.url}`,
  }))
  .filter((o) => !known.has(`${o.method} ${o.template}`));
await probe.close();
const OPERATIONS = [...DOCUMENTED, ...UNDOCUMENTED];
/** Prefixes of routes that answer a person with an HTML page (or a file), not with problem+json. */
const PAGES = ['/privacy', '/forms', '/admin'];

const segment = fc.oneof(fc.string({ maxLength: 40 }), metacharacters).map((s) => {
  try {
    return encodeURIComponent(s) || 'x';
  } catch {
    return '%ED%A0%80'; // a lone surrogate, as invalid UTF-8 in the path
  }
});
const body = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }).map((v) => Buffer.from(JSON.stringify(v) ?? 'null')),
  fc.string({ maxLength: 300 }).map((s) => Buffer.from(s)),
  metacharacters.map((s) =>
    Buffer.from(JSON.stringify({ email: s, subjectId: s, purpose: s, yaml: s, type: s })),
  ),
  fc.constantFrom(
    Buffer.from('{"__proto__":{"role":"admin"},"constructor":{"prototype":{"polluted":true}}}'),
    Buffer.from(`${'['.repeat(5000)}${']'.repeat(5000)}`),
    Buffer.from([0xff, 0xfe, 0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    Buffer.alloc(2 * 1024 * 1024, 0x61),
  ),
  fc.uint8Array({ maxLength: 300 }).map((b) => Buffer.from(b)),
);
const contentType = fc.constantFrom(
  'application/json',
  'application/x-ndjson',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'text/plain',
  'application/xml',
);
const query = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(
          'limit',
          'before',
          'subjectId',
          'email',
          'purpose',
          'ip',
          'from',
          'to',
          'token',
          'days',
        ),
        fc.string({ maxLength: 12 }),
      ),
      fc.oneof(fc.string({ maxLength: 30 }), metacharacters),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => new URLSearchParams(pairs).toString());

describe.each(dialects)('every OpenAPI operation under hostile input (%s)', (dialect) => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  const rowCounts = () => tableRowCounts(t.steward.store);

  it.each(OPERATIONS.map((o) => [`${o.method} ${o.template}`, o] as const))(
    '%s',
    async (_name, o) => {
      const before = await rowCounts();
      let accepted = 0;
      let runs = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(segment, { minLength: 3, maxLength: 3 }),
          body,
          contentType,
          query,
          async (segments, payload, type, qs) => {
            let i = 0;
            const url = `${o.template.replace(/\{[^}]+\}/g, () => segments[i++ % 3]!)}${qs ? `?${qs}` : ''}`;
            const hasBody = !['GET', 'HEAD', 'DELETE'].includes(o.method);
            const response = await t.request({
              method: o.method as 'POST',
              url,
              role: 'admin',
              headers: hasBody ? { 'content-type': type } : {},
              ...(hasBody ? { payload } : {}),
              // A new client address per case, so per-IP rate limits do not stop cases short of the handler.
              remoteAddress: `10.${(runs >> 16) & 255}.${(runs >> 8) & 255}.${runs & 255}`,
            });
            expect(response.statusCode, `${o.id} ${url.slice(0, 120)}`).toBeLessThan(500);
            // A path segment like ../../../../etc/passwd must never reach the file system (console assets).
            expect(response.body, `${o.id} ${url.slice(0, 120)}`).not.toContain('root:x:0:0');
            if (
              response.statusCode >= 400 &&
              response.statusCode !== 404 &&
              !PAGES.some((prefix) => o.template.startsWith(prefix))
            )
              expect(response.headers['content-type'], o.id).toContain('application/problem+json');
            if (response.statusCode < 400) accepted++;
            // inject() never leaves the microtask queue when the store is synchronous (better-sqlite3), so the
            // event loop must be let through now and then, or every response waits in the immediate queue.
            if (++runs % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
          },
        ),
        { numRuns: RUNS },
      );
      if (accepted === 0) expect(await rowCounts()).toEqual(before);
      t.logs.lines.splice(0); // nothing here reads them; a deep run would otherwise hold every line
    },
    TIMEOUT_MS,
  );
});
