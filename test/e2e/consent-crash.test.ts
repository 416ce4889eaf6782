import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPostgres, openSqlite } from '../../src/db/connect.js';
import { verifyLedger } from '../../src/modules/consent/ledger.maintenance.js';
import { runCli } from '../support/cli.js';
import { availableDialects, createTestDatabase } from '../support/databases.js';
import { startServerProcess } from '../support/server-process.js';

const dialects = await availableDialects();
const secrets = {
  STEWARD_UNSUBSCRIBE_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64url')}`,
  STEWARD_LEDGER_SIGNING_KEY: Buffer.alloc(32, 9).toString('base64url'),
};

describe.each(dialects)('consent writes survive SIGKILL on %s', (dialect) => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-crash-'));
  let drop: () => Promise<void> = async () => {};
  afterAll(async () => {
    await drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('every acknowledged write is there after a crash, and the ledger verifies', async () => {
    const database = await createTestDatabase(dialect);
    drop = () => database.drop();
    const env: Record<string, string> = {
      ...secrets,
      STEWARD_DATA_DIR: dataDir,
      ...(dialect === 'postgres' ? { DATABASE_URL: database.location } : {}),
    };
    if (dialect === 'sqlite') fs.rmSync(database.location, { force: true });
    const sqliteFile = path.join(dataDir, 'steward.sqlite');
    const token = (await runCli(['keys', 'create', '--role', 'service'], env)).stdout.trim();
    expect(token).toMatch(/^stw_/);

    const acked: string[] = [];
    for (let cycle = 0; cycle < 2; cycle++) {
      const server = await startServerProcess(env);
      let stop = false;
      const writer = async (w: number) => {
        for (let i = 0; !stop; i++) {
          try {
            const res = await fetch(`${server.url}/v1/consents`, {
              method: 'POST',
              headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
              body: JSON.stringify({
                subject: { identity: { type: 'email', value: `crash${w}.${i % 50}@example.com` } },
                purpose: 'consent_marketing',
                action: i % 4 === 0 ? 'withdrawn' : 'given',
                channel: 'api',
              }),
            });
            if (res.status === 201) acked.push(((await res.json()) as { id: string }).id);
          } catch {
            return; // the server died mid-request: that write was never acknowledged
          }
        }
      };
      const writers = Array.from({ length: 16 }, (_, w) => writer(w + cycle * 16));
      // Kill mid-stream: once this cycle has some acknowledged writes (however slow the machine), or after 15 s.
      const target = acked.length + 40;
      const deadline = Date.now() + 15_000;
      while (acked.length < target && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      await server.kill('SIGKILL');
      stop = true;
      await Promise.all(writers);
    }
    expect(acked.length).toBeGreaterThan(40);

    const store = dialect === 'postgres' ? openPostgres(database.location, 2) : openSqlite(sqliteFile);
    try {
      const ids = new Set(
        (await store.db.selectFrom('consent_events').select('id').execute()).map((r) => r.id),
      );
      const lost = acked.filter((id) => !ids.has(id));
      expect(lost).toEqual([]);
      const verdict = await verifyLedger(store.db);
      expect(verdict.ok).toBe(true);
    } finally {
      await store.close();
    }
  }, 120_000);
});
