/**
 * The console's read routes on both dialects: `GET /v1/policy` (the loaded policy's structure for the data
 * map and the processor list) and `GET /v1/audit` (the whole trail, newest first, filtered and paged),
 * with their roles, their errors and hostile queries.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../../src/modules/keys/keys.service.js';
import { startTestSteward, type TestSteward } from '../support/app.js';
import { availableDialects } from '../support/databases.js';

const dialects = await availableDialects();
const T0 = Date.UTC(2026, 10, 29, 10);

describe.each(dialects)('console API on %s', (dialect) => {
  let t: TestSteward;
  let now = T0;
  const subjects: string[] = [];

  beforeAll(async () => {
    t = await startTestSteward(dialect, { clock: () => now });
    // Five subjects, one hour apart, each created (subject.created) then read by an agent (subject.read).
    for (let i = 0; i < 5; i++) {
      now = T0 + i * 3_600_000;
      const created = await t.request({
        method: 'POST',
        url: '/v1/subjects',
        role: 'service',
        payload: { identities: [{ type: 'email', value: `person${i}@example.com` }] },
      });
      expect(created.statusCode).toBe(201);
      subjects.push(created.json().id);
      const read = await t.request({
        method: 'GET',
        url: `/v1/subjects/${created.json().id}`,
        role: 'agent',
      });
      expect(read.statusCode).toBe(200);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  const get = (url: string, role: Role | null = 'admin') => t.request({ method: 'GET', url, role });

  describe('GET /v1/policy', () => {
    it('shows purposes, categories, processors, recipients and datasets of the loaded policy', async () => {
      const res = await get('/v1/policy', 'auditor');
      expect(res.statusCode).toBe(200);
      const view = res.json();
      expect(view.controller).toBe('CoCart Headless LLC');
      expect(view.contentHash).toBe(t.steward.policy.contentHash);
      expect(view.purposes).toHaveLength(t.steward.policy.policy.purposes.length);
      expect(view.purposes.find((p: { id: string }) => p.id === 'consent_marketing')).toMatchObject({
        legalBasis: 'consent',
        categories: ['identity.name', 'contact.email', 'preferences.marketing'],
        processors: ['postmark'],
        retention: { anchor: 'consent_withdrawn', duration: 'P0D' },
      });
      // Every category named anywhere is listed once, with its title and its ancestors before it.
      const ids = view.categories.map((c: { id: string }) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(view.categories).toContainEqual(
        expect.objectContaining({ id: 'contact.email', title: 'Email address', parent: 'contact' }),
      );
      expect(ids.indexOf('contact')).toBeLessThan(ids.indexOf('contact.email'));
      const aws = view.processors.find((p: { id: string }) => p.id === 'aws');
      expect(aws).toMatchObject({
        countries: [{ code: 'DE', name: 'Germany', adequate: true }],
        transfer: null,
        transferNeeded: false,
        services: [{ id: 'hosting_infrastructure', title: 'Infrastructure and hosting' }],
      });
      expect(aws.purposes).toContain('security_logs');
      expect(view.processors.find((p: { id: string }) => p.id === 'xero')).toMatchObject({
        transfer: { mechanism: 'scc', sccModule: 2, reference: 'Xero Data Processing Addendum' },
        transferNeeded: true,
        dpa: { reference: 'Xero Data Processing Addendum', signedAt: null, url: null },
      });
      expect(view.recipients.find((r: { id: string }) => r.id === 'lawyers')).toMatchObject({
        kind: 'contractor',
        purposes: ['correspondence'],
        transfer: { mechanism: 'derogation' },
      });
      const tables = view.datasets[0].tables;
      expect(tables.find((x: { name: string }) => x.name === 'invoices')).toMatchObject({
        purposes: ['customer_contract', 'accounting'],
        fields: expect.arrayContaining([{ column: 'vat_number', category: 'tax.id' }]),
        retention: { from: 'column', anchor: 'issued_at', duration: 'P7Y' },
        legalHold: 'accounting',
      });
      expect(tables.find((x: { name: string }) => x.name === 'customers').retention).toEqual({
        from: 'purposes',
        anchor: null,
        duration: null,
      });
      // No secret of the file reaches the view: datasets name their connection's variable only in the file.
      expect(JSON.stringify(view)).not.toContain('STEWARD_DEMO_DB');
    });

    it.each([
      ['admin', 200],
      ['agent', 200],
      ['auditor', 200],
      ['service', 403],
      [null, 401],
    ] as const)('answers %s with %i', async (role, status) => {
      const res = await get('/v1/policy', role);
      expect(res.statusCode).toBe(status);
      if (status !== 200) expect(res.headers['content-type']).toContain('application/problem+json');
    });
  });

  describe('GET /v1/audit', () => {
    it('lists the trail newest first, paged by sequence number until the end', async () => {
      const seen: number[] = [];
      let before: number | null = null;
      let pages = 0;
      do {
        const res = await get(`/v1/audit?limit=3${before ? `&before=${before}` : ''}`, 'auditor');
        expect(res.statusCode).toBe(200);
        const page = res.json();
        expect(page.entries.length).toBeLessThanOrEqual(3);
        seen.push(...page.entries.map((e: { seq: number }) => e.seq));
        before = page.next;
        pages++;
      } while (before !== null && pages < 50);
      expect(before).toBeNull();
      // Strictly decreasing, no gap, down to the first entry.
      expect(seen).toEqual([...seen].sort((a, b) => b - a));
      expect(seen.at(-1)).toBe(1);
      expect(new Set(seen).size).toBe(seen.length);
      expect(seen[0]! - seen.at(-1)! + 1).toBe(seen.length);
      expect(seen.length).toBeGreaterThanOrEqual(10);
    });

    it('filters by subject, action (exact or prefix), actor and period', async () => {
      const bySubject = (await get(`/v1/audit?subjectId=${subjects[2]}`)).json();
      expect(bySubject.entries.map((e: { action: string }) => e.action)).toEqual([
        'subject.read',
        'subject.created',
      ]);
      expect(bySubject.entries.every((e: { subjectId: string }) => e.subjectId === subjects[2])).toBe(true);

      const reads = (await get('/v1/audit?action=subject.read&limit=500')).json();
      expect(reads.entries).toHaveLength(5);
      const prefix = (await get('/v1/audit?action=subject.*&limit=500')).json();
      expect(prefix.entries).toHaveLength(10);
      // `_` is a literal in a prefix, not LIKE's any-character.
      expect((await get('/v1/audit?action=subject_*')).json().entries).toEqual([]);

      const actor = reads.entries[0].actor;
      expect(actor).toMatch(/^key:/);
      const byActor = (await get(`/v1/audit?actor=${encodeURIComponent(actor)}&limit=500`)).json();
      expect(byActor.entries.map((e: { action: string }) => e.action)).toEqual(Array(5).fill('subject.read'));

      // Hours 1 and 2 (from inclusive, to exclusive): subjects 1 and 2, created and read.
      const from = new Date(T0 + 3_600_000).toISOString();
      const to = new Date(T0 + 3 * 3_600_000).toISOString();
      const period = (await get(`/v1/audit?from=${from}&to=${to}&limit=500`)).json();
      expect(new Set(period.entries.map((e: { subjectId: string }) => e.subjectId))).toEqual(
        new Set([subjects[1], subjects[2]]),
      );
      expect(period.entries).toHaveLength(4);
      expect(period.next).toBeNull();
    });

    it('shows each entry as stored, with its hash, and no personal data', async () => {
      const res = await get(`/v1/audit?subjectId=${subjects[0]}&action=subject.created`);
      const [entry] = res.json().entries;
      expect(entry).toEqual({
        seq: expect.any(Number),
        id: expect.stringMatching(/^aud_/),
        at: new Date(T0).toISOString(),
        actor: expect.stringMatching(/^key:/),
        action: 'subject.created',
        subjectId: subjects[0],
        target: null,
        detail: expect.any(Object),
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      const all = await get('/v1/audit?limit=500');
      expect(all.body).not.toContain('@example.com');
    });

    it.each([
      ['admin', 200],
      ['auditor', 200],
      ['agent', 403],
      ['service', 403],
      [null, 401],
    ] as const)('answers %s with %i', async (role, status) => {
      const res = await get('/v1/audit', role);
      expect(res.statusCode).toBe(status);
    });

    it.each([
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['before=-1', 'before'],
      ['from=yesterday', 'from'],
      ['subjectId=dsr_01jd0000000000000000000000', 'subjectId'],
      ["action=x'%20or%201=1", 'action'],
      [`actor=${'a'.repeat(201)}`, 'actor'],
      ['page=2', ''],
    ])('refuses %s with a problem naming the field', async (query, field) => {
      const res = await get(`/v1/audit?${query}`);
      expect(res.statusCode).toBe(400);
      const problem = res.json();
      expect(problem.code).toBe('request.invalid');
      if (field)
        expect(problem.errors.map((e: { field: string }) => e.field)).toContain(`querystring.${field}`);
    });
  });
});
