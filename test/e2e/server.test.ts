import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();

describe.each(dialects)('server basics on %s', (dialect) => {
  let t: TestSteward;
  beforeAll(async () => {
    t = await startTestSteward(dialect);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers health and readiness', async () => {
    expect((await t.request({ method: 'GET', url: '/healthz', role: null })).json()).toEqual({
      status: 'ok',
    });
    const ready = await t.request({ method: 'GET', url: '/readyz', role: null });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready' });
  });

  it('serves a valid OpenAPI 3.1 document naming every route operation', async () => {
    const res = await t.request({ method: 'GET', url: '/openapi.json', role: null });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    const validator = new Validator();
    const result = await validator.validate(doc);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    const operations = Object.values(
      doc.paths as Record<string, Record<string, { operationId?: string }>>,
    ).flatMap((p) => Object.values(p));
    expect(operations.length).toBeGreaterThan(5);
    for (const op of operations) expect(op.operationId).toMatch(/^[a-z][A-Za-z]+$/);
  });

  it('exposes Prometheus metrics labelled by route pattern only', async () => {
    await t.request({ method: 'GET', url: '/v1/subjects/sub_00000000000000000000000000' });
    const res = await t.request({ method: 'GET', url: '/metrics', role: null });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/plain');
    expect(res.body).toContain(
      'steward_http_requests_total{method="GET",route="/v1/subjects/:id",status="404"}',
    );
    expect(res.body).not.toContain('sub_00000000000000000000000000');
  });

  it('renders the policy at /privacy with a strict CSP, and as Markdown', async () => {
    const res = await t.request({ method: 'GET', url: '/privacy', role: null });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['content-security-policy']).toContain("default-src 'none'");
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    const name = t.steward.policy.policy.controller.name;
    expect(res.body).toContain(name);
    for (const heading of [
      'Collecting and Processing',
      'Whom We Share',
      'Transfer',
      'Accessing',
      'Contact',
      'Amendments',
    ]) {
      expect(res.body).toContain(heading);
    }
    const etag = res.headers.etag as string;
    expect(etag).toBeTruthy();
    const cached = await t.request({
      method: 'GET',
      url: '/privacy',
      role: null,
      headers: { 'if-none-match': etag },
    });
    expect(cached.statusCode).toBe(304);
    const md = await t.request({ method: 'GET', url: '/privacy.md', role: null });
    expect(md.statusCode).toBe(200);
    expect(md.body).toContain('# ');
  });

  it('lists the sub-processors by service, as a page and as JSON, from the policy', async () => {
    const page = await t.request({ method: 'GET', url: '/privacy/processors', role: null });
    expect(page.statusCode).toBe(200);
    expect(page.headers['content-security-policy']).toContain("default-src 'none'");
    const { processors } = t.steward.policy.policy;
    for (const p of processors)
      expect(page.body).toContain(p.name.replace(/&/g, '&amp;').replace(/'/g, '&#39;'));
    expect(page.body).toContain('aria-current="page"');
    const json = await t.request({ method: 'GET', url: '/privacy/processors.json', role: null });
    expect(json.headers['content-type']).toContain('application/json');
    const view = json.json();
    expect(view.processors.map((p: { id: string }) => p.id)).toEqual(processors.map((p) => p.id));
    const xero = view.processors.find((p: { id: string }) => p.id === 'xero');
    expect(xero).toMatchObject({
      countries: [
        { code: 'NZ', adequate: true },
        { code: 'US', adequate: false },
      ],
      transfer: { mechanism: 'scc' },
      dpa: { reference: 'Xero Data Processing Addendum' },
    });
    // Every country adequate (AWS in Frankfurt): no safeguard is needed, none is shown.
    expect(view.processors.find((p: { id: string }) => p.id === 'aws').transfer).toBeNull();
    const cached = await t.request({
      method: 'GET',
      url: '/privacy/processors.json',
      role: null,
      headers: { 'if-none-match': json.headers.etag as string },
    });
    expect(cached.statusCode).toBe(304);
  });

  it('every route: nosniff, a CSP that forbids framing, no Referer; HSTS on every one behind TLS', async () => {
    const tls = await startTestSteward(dialect, {
      env: { STEWARD_PUBLIC_URL: 'https://privacy.example.com' },
    });
    try {
      const gets = tls.steward.app.routes.filter((r) => r.method === 'GET');
      expect(gets.length).toBeGreaterThan(40);
      for (const route of gets) {
        const url = route.url.replace(/:[A-Za-z]+/g, 'x').replace('*', 'index.html');
        for (const role of [null, 'admin'] as const) {
          const res = await tls.request({ method: 'GET', url, role });
          const what = `${route.url} as ${role ?? 'anonymous'} → ${res.statusCode}`;
          expect(res.statusCode, what).toBeLessThan(500);
          expect(res.headers['x-content-type-options'], what).toBe('nosniff');
          expect(res.headers['strict-transport-security'], what).toBe('max-age=31536000; includeSubDomains');
          expect(res.headers['content-security-policy'], what).toContain("frame-ancestors 'none'");
          expect(res.headers['referrer-policy'], what).toBe('no-referrer');
          if (String(res.headers['content-type']).startsWith('text/html'))
            expect(res.headers['content-security-policy'], what).toMatch(/default-src 'none'/);
        }
      }
    } finally {
      await tls.close();
    }
  });

  it('sends HSTS only when served over TLS, and nosniff everywhere', async () => {
    const plain = await t.request({ method: 'GET', url: '/healthz', role: null });
    expect(plain.headers['strict-transport-security']).toBeUndefined();
    expect(plain.headers['x-content-type-options']).toBe('nosniff');
    const tls = await startTestSteward(dialect, {
      env: { STEWARD_PUBLIC_URL: 'https://privacy.example.com' },
    });
    try {
      for (const url of ['/healthz', '/privacy', '/v1/conformance']) {
        const res = await tls.request({ method: 'GET', url, role: null });
        expect(res.headers['strict-transport-security'], url).toBe('max-age=31536000; includeSubDomains');
      }
    } finally {
      await tls.close();
    }
  });

  it('answers unknown routes and malformed JSON with problem+json', async () => {
    const missing = await t.request({ method: 'GET', url: '/v1/nothing-here', role: null });
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ code: 'route.not_found', status: 404 });
    const broken = await t.request({
      method: 'POST',
      url: '/v1/subjects',
      payload: '{"identities": [',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.statusCode).toBe(400);
    expect(broken.json()).toMatchObject({ code: 'request.invalid', errors: [{ field: 'body' }] });
    const wrongType = await t.request({
      method: 'POST',
      url: '/v1/subjects',
      payload: 'identities=1',
      headers: { 'content-type': 'text/plain' },
    });
    expect(wrongType.statusCode).toBe(415);
    const huge = await t.request({
      method: 'POST',
      url: '/v1/subjects',
      payload: `{"identities":[{"type":"email","value":"${'a'.repeat(2_000_000)}"}]}`,
      headers: { 'content-type': 'application/json' },
    });
    expect(huge.statusCode).toBe(413);
  });
});
