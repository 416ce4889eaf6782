/**
 * Faults (issue 8): the server SIGKILLed under mixed writes twenty times, PostgreSQL dropping every
 * connection mid-stream, and the SMTP server down then back. Nothing acknowledged is lost, the hash chains
 * verify, the server recovers without a restart of its own, and every queued email goes out exactly once.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite, type Store } from '../../src/db/connect.js';
import { verifyAuditTrail } from '../../src/modules/audit/audit.verify.js';
import { verifyLedger } from '../../src/modules/consent/ledger.maintenance.js';
import { startTestSteward } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { availableDialects, createTestDatabase, postgresAvailable } from '../support/databases.js';
import {
  type PrivatePostgres,
  privatePostgresAvailable,
  startPrivatePostgres,
} from '../support/private-postgres.js';
import { startServerProcess } from '../support/server-process.js';
import { startSmtpSink } from '../support/smtp-sink.js';

const dialects = await availableDialects();
const hasPostgres = await postgresAvailable();
const hasPrivatePostgres = privatePostgresAvailable();
const secrets = {
  STEWARD_UNSUBSCRIBE_KEYS: `k1:${Buffer.alloc(32, 5).toString('base64url')}`,
  STEWARD_LEDGER_SIGNING_KEY: Buffer.alloc(32, 6).toString('base64url'),
};
const CYCLES = 20;

/** Every acknowledged consent event and subject is stored; the ledger and the audit trail verify. */
async function expectNothingLost(
  store: Store,
  acked: { consents: readonly string[]; subjects: readonly string[] },
): Promise<void> {
  const events = new Set(
    (await store.db.selectFrom('consent_events').select('id').execute()).map((r) => r.id),
  );
  expect(acked.consents.filter((id) => !events.has(id))).toEqual([]);
  const subjects = new Set((await store.db.selectFrom('subjects').select('id').execute()).map((r) => r.id));
  expect(acked.subjects.filter((id) => !subjects.has(id))).toEqual([]);
  expect((await verifyLedger(store.db)).ok).toBe(true);
  expect((await verifyAuditTrail(store.db)).ok).toBe(true);
}

describe.each(dialects)(
  'SIGKILL under mixed writes, %d cycles, on %s'.replace('%d', String(CYCLES)),
  (dialect) => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-faults-'));
    let drop: () => Promise<void> = async () => {};
    afterAll(async () => {
      await drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    it('loses no acknowledged write; ledger and audit trail verify', async () => {
      const database = await createTestDatabase(dialect);
      drop = () => database.drop();
      const env: Record<string, string> = {
        ...secrets,
        STEWARD_DATA_DIR: dataDir,
        STEWARD_SWEEP_INTERVAL_MINUTES: '0',
        ...(dialect === 'postgres' ? { DATABASE_URL: database.location } : {}),
      };
      const token = (await runCli(['keys', 'create', '--role', 'service'], env)).stdout.trim();
      const consents: string[] = [];
      const subjects: string[] = [];
      for (let cycle = 0; cycle < CYCLES; cycle++) {
        const server = await startServerProcess(env);
        let stop = false;
        const post = (url: string, body: unknown) =>
          fetch(`${server.url}${url}`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify(body),
          });
        const writer = async (w: number) => {
          for (let i = 0; !stop; i++) {
            const email = `k${cycle}.${w}.${i % 20}@example.com`;
            try {
              if (i % 3 === 0) {
                const res = await post('/v1/subjects', {
                  identities: [{ type: 'email', value: email }],
                  relationships: [{ kind: 'customer' }],
                });
                if (res.status === 201 || res.status === 200)
                  subjects.push(((await res.json()) as { id: string }).id);
              } else {
                const res = await post('/v1/consents', {
                  subject: { identity: { type: 'email', value: email } },
                  purpose: 'consent_marketing',
                  action: i % 4 === 0 ? 'withdrawn' : 'given',
                  channel: 'api',
                });
                if (res.status === 201) consents.push(((await res.json()) as { id: string }).id);
              }
            } catch {
              return; // killed mid-request: never acknowledged
            }
          }
        };
        const before = consents.length + subjects.length;
        const writers = Array.from({ length: 8 }, (_, w) => writer(w));
        const deadline = Date.now() + 10_000;
        while (consents.length + subjects.length < before + 15 && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 20));
        await server.kill('SIGKILL');
        stop = true;
        await Promise.all(writers);
      }
      expect(consents.length).toBeGreaterThan(CYCLES * 5);

      const store =
        dialect === 'postgres'
          ? openPostgres(database.location, 2)
          : openSqlite(path.join(dataDir, 'steward.sqlite'));
      try {
        await expectNothingLost(store, { consents, subjects });
      } finally {
        await store.close();
      }
    }, 300_000);
  },
);

describe.skipIf(!hasPostgres)('PostgreSQL drops every connection during writes', () => {
  it('the server recovers by itself, and no acknowledged write is lost', async () => {
    const t = await startTestSteward('postgres');
    try {
      const url = t.steward.config.database.kind === 'postgres' ? t.steward.config.database.url : '';
      const dbName = new URL(url).pathname.slice(1);
      const acked: string[] = [];
      let failures = 0;
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const res = await t.request({
            method: 'POST',
            url: '/v1/consents',
            role: 'service',
            payload: {
              subject: { identity: { type: 'email', value: `pg${w}.${i % 30}@example.com` } },
              purpose: 'consent_marketing',
              action: 'given',
              channel: 'api',
            },
          });
          if (res.statusCode === 201) acked.push(res.json().id);
          else {
            failures++;
            expect(res.statusCode, res.body).toBeGreaterThanOrEqual(500);
            await new Promise((r) => setTimeout(r, 20));
          }
        }
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      while (acked.length < 100) await new Promise((r) => setTimeout(r, 10));
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      // What a restart does to the server's side: every session of this database ends at once, twice.
      for (let k = 0; k < 2; k++) {
        await admin.query(
          'select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
          [dbName],
        );
        await new Promise((r) => setTimeout(r, 300));
      }
      await admin.end();
      const after = acked.length;
      const deadline = Date.now() + 20_000;
      while (acked.length < after + 200 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      stop = true;
      await Promise.all(writers);
      expect(
        acked.length,
        `recovered: ${acked.length - after} writes after, ${failures} refused`,
      ).toBeGreaterThanOrEqual(after + 200);
      await expectNothingLost(t.steward.store, { consents: acked, subjects: [] });
      const ready = await t.request({ method: 'GET', url: '/readyz', role: null });
      expect(ready.statusCode).toBe(200);
    } finally {
      await t.close();
    }
  }, 120_000);
});

describe.skipIf(!hasPrivatePostgres)('PostgreSQL crashed and restarted during writes', () => {
  let cluster: PrivatePostgres | undefined;
  afterAll(async () => {
    await cluster?.destroy();
  });

  it('the server answers 503 while it is down, recovers by itself, and loses nothing acknowledged', async () => {
    cluster = await startPrivatePostgres();
    const env: Record<string, string> = {
      ...secrets,
      DATABASE_URL: cluster.url,
      STEWARD_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'steward-pgrestart-')),
      STEWARD_SWEEP_INTERVAL_MINUTES: '0',
    };
    const token = (await runCli(['keys', 'create', '--role', 'service'], env)).stdout.trim();
    const server = await startServerProcess(env);
    try {
      const acked: string[] = [];
      const refused = new Map<number, number>();
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          const res = await fetch(`${server.url}/v1/consents`, {
            method: 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: JSON.stringify({
              subject: { identity: { type: 'email', value: `restart${w}.${i % 30}@example.com` } },
              purpose: 'consent_marketing',
              action: 'given',
              channel: 'api',
            }),
          });
          const body = (await res.json()) as { id?: string; type?: string };
          if (res.status === 201) acked.push(body.id!);
          else {
            refused.set(res.status, (refused.get(res.status) ?? 0) + 1);
            expect(res.headers.get('content-type')).toContain('application/problem+json');
            await new Promise((r) => setTimeout(r, 50));
          }
        }
      };
      const waitFor = async (count: number, ms: number) => {
        const deadline = Date.now() + ms;
        while (acked.length < count && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        return acked.length >= count;
      };
      const writers = Array.from({ length: 8 }, (_, w) => writer(w));
      expect(await waitFor(100, 20_000)).toBe(true);

      for (const mode of ['immediate', 'fast'] as const) {
        await cluster.stop(mode);
        const down = acked.length;
        await new Promise((r) => setTimeout(r, 1500));
        // Nothing is acknowledged while the database is gone (a write already answered 201 is stored).
        expect(acked.length - down).toBeLessThanOrEqual(8);
        const ready = await fetch(`${server.url}/readyz`);
        expect(ready.status).toBe(503);
        await cluster.start();
        const back = acked.length;
        expect(await waitFor(back + 1, 30_000), `a write after the ${mode} restart`).toBe(true);
        expect(await waitFor(back + 200, 30_000), `writes after the ${mode} restart`).toBe(true);
      }
      stop = true;
      await Promise.all(writers);
      expect(server.child.exitCode, server.output()).toBeNull();
      expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
      for (const status of refused.keys()) expect(status).toBe(503);

      const store = openPostgres(cluster.url, 2);
      try {
        await expectNothingLost(store, { consents: acked, subjects: [] });
      } finally {
        await store.close();
      }
    } finally {
      await server.kill('SIGKILL');
    }
  }, 120_000);
});

describe.each(dialects)('SMTP down, then back, on %s', (dialect) => {
  it('every queued email is delivered once', async () => {
    const first = await startSmtpSink();
    const port = Number(new URL(first.url).port);
    let now = Date.UTC(2026, 10, 29, 10);
    const t = await startTestSteward(dialect, { clock: () => now, env: { SMTP_URL: first.url } });
    try {
      await first.close();
      const addresses = Array.from({ length: 5 }, (_, i) => `down${i}@example.com`);
      for (const email of addresses)
        await t.steward.app.http.inject({
          method: 'POST',
          url: '/v1/requests',
          payload: { type: 'access', email },
          remoteAddress: `198.51.100.${addresses.indexOf(email) + 50}`,
        });
      const down = await t.steward.requests.mail.drain();
      expect(down).toEqual({ sent: 0, failed: 5 });
      const pending = await t.steward.store.db
        .selectFrom('outbox_emails')
        .select(['status', 'attempts', 'last_error'])
        .execute();
      expect(pending.every((r) => r.status === 'pending' && Number(r.attempts) === 1)).toBe(true);
      expect(pending.map((r) => r.last_error).join(' ')).not.toContain('@');

      const back = await startSmtpSink(port);
      try {
        // Before the back-off has passed nothing is retried; after it, everything goes once.
        expect(await t.steward.requests.mail.drain()).toEqual({ sent: 0, failed: 0 });
        now += 61_000;
        expect(await t.steward.requests.mail.drain()).toEqual({ sent: 5, failed: 0 });
        now += 3_600_000;
        expect(await t.steward.requests.mail.drain()).toEqual({ sent: 0, failed: 0 });
        expect(back.messages.map((m) => m.to[0]).sort()).toEqual(addresses);
      } finally {
        await back.close();
      }
    } finally {
      await t.close();
    }
  });
});
