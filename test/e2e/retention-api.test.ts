/**
 * Retention over HTTP on both Steward dialects (the example policy's demo store): runs and their
 * reports, legal holds and what they stop (sweeps and erasure requests), roles, hostile bodies, and the
 * scheduled sweep claimed once per slot by two instances on one database.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSteward, type Steward } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { listSlots } from '../../src/jobs/slots.js';
import { SWEEP_JOB } from '../../src/modules/retention/retention.module.js';
import { LogCapture, startTestSteward, TEST_SECRETS, type TestSteward } from '../support/app.js';
import { availableDialects, createTestDatabase } from '../support/databases.js';
import { mailTo, verificationLink } from '../support/mail.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();

describe.each(dialects)('retention API on %s', (dialect) => {
  let t: TestSteward;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let ada: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    t = await startTestSteward(dialect, { env: { SMTP_URL: smtp.url } });
    const created = await t.request({
      method: 'POST',
      url: '/v1/subjects',
      role: 'service',
      payload: {
        identities: [{ type: 'email', value: 'ada@example.com' }],
        relationships: [{ kind: 'customer' }],
      },
    });
    ada = created.json().id;
  });
  afterAll(async () => {
    await t.close();
    await smtp.close();
  });

  const demoRows = async (table: string) => {
    const found = await t.steward.retention.inspect();
    return found.find((s) => s.rule.table === table);
  };

  it('a dry run reports every rule and changes nothing; a run applies it; both are stored', async () => {
    const dry = await t.request({ method: 'POST', url: '/v1/retention/runs', payload: { dryRun: true } });
    expect(dry.statusCode).toBe(201);
    const report = dry.json();
    expect(report).toMatchObject({ dryRun: true, status: 'ok', trigger: 'api' });
    expect(report.rules.map((r: { rule: string }) => r.rule)).toEqual([
      'demo_store.support_tickets',
      'demo_store.invoices',
      'demo_store.customers.per_person',
      'demo_store.newsletter_subscribers.per_person',
      'security_logs.delete',
      'security_logs.truncate_ip',
      'steward.expired_exports',
      'steward.expired_links',
      'steward.expired_preference_links',
      'form_submissions.correspondence',
      'form_submissions.surveys_forms',
    ]);
    const expiredInvoices = report.rules[1].rows;
    expect((await demoRows('invoices'))?.count?.expired).toBe(expiredInvoices);

    const applied = (await t.request({ method: 'POST', url: '/v1/retention/runs', payload: {} })).json();
    expect(applied.rules[1].rows).toBe(expiredInvoices);
    expect((await demoRows('invoices'))?.count?.expired).toBe(0);

    const list = await t.request({ method: 'GET', url: '/v1/retention/runs?limit=1', role: 'auditor' });
    expect(list.statusCode).toBe(200);
    expect(list.json().runs.map((r: { id: string }) => r.id)).toEqual([applied.id]);
    const older = await t.request({
      method: 'GET',
      url: `/v1/retention/runs?limit=5&before=${list.json().next}`,
      role: 'agent',
    });
    expect(older.json().runs.map((r: { id: string }) => r.id)).toEqual([report.id]);
    const one = await t.request({ method: 'GET', url: `/v1/retention/runs/${applied.id}`, role: 'auditor' });
    expect(one.json()).toEqual(applied);
    const audit = await t.steward.store.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'retention.swept')
      .execute();
    expect(audit.map((a) => a.target)).toEqual([applied.id]);
  });

  it('refuses the wrong roles, unknown runs and bad queries', async () => {
    expect(
      (await t.request({ method: 'POST', url: '/v1/retention/runs', payload: {}, role: null })).statusCode,
    ).toBe(401);
    expect(
      (await t.request({ method: 'POST', url: '/v1/retention/runs', payload: {}, role: 'agent' })).statusCode,
    ).toBe(403);
    expect((await t.request({ method: 'GET', url: '/v1/retention/runs', role: 'service' })).statusCode).toBe(
      403,
    );
    const missing = await t.request({ method: 'GET', url: `/v1/retention/runs/run_${'0'.repeat(26)}` });
    expect(missing.statusCode).toBe(404);
    const bad = await t.request({ method: 'GET', url: '/v1/retention/runs?limit=0' });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors[0].field).toContain('limit');
  });

  it('a legal hold on a person stops erasure, is audited, and is released once', async () => {
    const refused = [
      [{ reason: 'no scope' }, 'subjectId'],
      [
        { subjectId: ada, record: { dataset: 'demo_store', table: 'invoices', key: '1' }, reason: 'both' },
        'subjectId',
      ],
      [
        { record: { dataset: 'demo_store', table: 'nope', key: '1' }, reason: 'unknown table' },
        'record.table',
      ],
      [{ subjectId: ada, reason: 'past', expiresAt: '2001-01-01T00:00:00Z' }, 'expiresAt'],
    ] as const;
    for (const [payload, field] of refused) {
      const response = await t.request({ method: 'POST', url: '/v1/legal-holds', payload, role: 'agent' });
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe(field);
    }
    const stranger = await t.request({
      method: 'POST',
      url: '/v1/legal-holds',
      payload: { subjectId: `sub_${'0'.repeat(26)}`, reason: 'nobody' },
    });
    expect(stranger.statusCode).toBe(404);
    expect(await t.steward.store.db.selectFrom('legal_holds').selectAll().execute()).toEqual([]);

    const created = await t.request({
      method: 'POST',
      url: '/v1/legal-holds',
      payload: { subjectId: ada, reason: 'Pending litigation, case 2026-17' },
      role: 'agent',
    });
    expect(created.statusCode).toBe(201);
    const hold = created.json();
    expect(hold).toMatchObject({ scope: { kind: 'subject', subjectId: ada }, active: true, expiresAt: null });
    const listed = await t.request({
      method: 'GET',
      url: `/v1/legal-holds?active=true&subjectId=${ada}`,
      role: 'auditor',
    });
    expect(listed.json().holds.map((h: { id: string }) => h.id)).toEqual([hold.id]);

    // Ada asks for erasure: nothing of hers is erased while the hold runs.
    await t.steward.app.http.inject({
      method: 'POST',
      url: '/v1/requests',
      payload: { type: 'erasure', email: 'ada@example.com' },
      remoteAddress: '198.51.100.7',
    });
    const mail = await mailTo(t.steward, smtp, 'ada@example.com');
    const { id, token } = verificationLink(mail);
    await t.steward.app.http.inject({ method: 'POST', url: `/v1/requests/${id}/verify`, payload: { token } });
    await t.steward.requests.settle();
    const request = (await t.request({ method: 'GET', url: `/v1/requests/${id}`, role: 'agent' })).json();
    expect(request.state).toBe('completed');
    expect(request.result.erasure).toMatchObject({ heldBy: [hold.id], tables: [] });
    const customers = await t.steward.retention.inspect();
    expect(customers.find((s) => s.rule.table === 'support_tickets')?.held).toBeGreaterThan(0);

    expect(
      (await t.request({ method: 'POST', url: `/v1/legal-holds/${hold.id}/release`, role: 'agent' }))
        .statusCode,
    ).toBe(403);
    const released = await t.request({ method: 'POST', url: `/v1/legal-holds/${hold.id}/release` });
    expect(released.json()).toMatchObject({ active: false, releasedBy: expect.any(String) });
    const again = await t.request({ method: 'POST', url: `/v1/legal-holds/${hold.id}/release` });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe('retention.hold_released');
    const actions = (
      await t.steward.store.db
        .selectFrom('audit_log')
        .select(['action', 'detail'])
        .where('target', '=', hold.id)
        .execute()
    ).map((a) => a.action);
    expect(actions).toEqual(['legal_hold.created', 'legal_hold.released']);
    // The hold's reason is the company's, not the person's: it is not in the audit trail nor the logs.
    expect(t.logs.text()).not.toContain('litigation');
  });

  it('hostile bodies get a 4xx and write nothing', async () => {
    const before = await t.steward.store.db.selectFrom('legal_holds').select('id').execute();
    await fc.assert(
      fc.asyncProperty(fc.anything({ withObjectString: true, withNullPrototype: true }), async (body) => {
        const response = await t.request({
          method: 'POST',
          url: '/v1/legal-holds',
          payload: JSON.stringify(body) ?? 'null',
          headers: { 'content-type': 'application/json' },
        });
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
      }),
      { numRuns: 150 },
    );
    expect(await t.steward.store.db.selectFrom('legal_holds').select('id').execute()).toEqual(before);
    const runs = (await t.steward.store.db.selectFrom('retention_runs').select('id').execute()).length;
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.anything({ withObjectString: true }).filter((b) => JSON.stringify(b) !== '{}'),
        async (body) => {
          const response = await t.request({
            method: 'POST',
            url: '/v1/retention/runs',
            payload: JSON.stringify(body) ?? 'null',
            headers: { 'content-type': 'application/json' },
          });
          if (response.statusCode === 201) accepted++;
          expect(response.statusCode, JSON.stringify(body)).toBe(
            typeof body === 'object' &&
              body !== null &&
              Object.keys(body).length === 1 &&
              typeof (body as { dryRun?: unknown }).dryRun === 'boolean'
              ? 201
              : 400,
          );
        },
      ),
      { numRuns: 100 },
    );
    const stored = (await t.steward.store.db.selectFrom('retention_runs').select('id').execute()).length;
    // Only well-formed bodies ran (and stored) a sweep.
    expect(stored - runs).toBe(accepted);
  });
});

describe.each(dialects)('scheduled sweeps with two instances on one %s database', (dialect) => {
  const instances: Steward[] = [];
  let drop: () => Promise<void>;
  afterAll(async () => {
    for (const s of instances) await s.close();
    await drop();
  });

  it('each slot is claimed and swept exactly once', async () => {
    const database = await createTestDatabase(dialect);
    drop = database.drop;
    let now = Date.UTC(2026, 10, 29, 10, 0, 0);
    const config = loadConfig({
      ...(dialect === 'postgres' ? { DATABASE_URL: database.location } : {}),
      STEWARD_DATA_DIR:
        dialect === 'sqlite'
          ? path.dirname(database.location)
          : fs.mkdtempSync(path.join(os.tmpdir(), 'steward-data-')),
      STEWARD_SWEEP_INTERVAL_MINUTES: '60',
      LOG_LEVEL: 'warn',
    });
    for (let i = 0; i < 2; i++)
      instances.push(
        await createSteward(config, { secrets: TEST_SECRETS, logStream: new LogCapture(), clock: () => now }),
      );
    // Both instances tick at once, three times in the same hour, then in the next hour.
    for (let round = 0; round < 3; round++) await Promise.all(instances.map((s) => s.scheduler.tick()));
    now += 3_600_000;
    await Promise.all(instances.map((s) => s.scheduler.tick()));
    const db = instances[0]!.store.db;
    const runs = await db
      .selectFrom('retention_runs')
      .selectAll()
      .where('trigger', '=', 'schedule')
      .execute();
    expect(runs).toHaveLength(2);
    const slots = await listSlots(db, SWEEP_JOB);
    expect(slots.map((s) => [new Date(Number(s.slot_start)).toISOString(), s.outcome])).toEqual([
      ['2026-11-29T11:00:00.000Z', 'ok'],
      ['2026-11-29T10:00:00.000Z', 'ok'],
    ]);
  });
});
