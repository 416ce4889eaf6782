import { afterAll, describe, expect, it } from 'vitest';
import { createSteward, type Steward } from '../../src/app.js';
import { loadConfig } from '../../src/config/env.js';
import { verifyLedger } from '../../src/modules/consent/ledger.maintenance.js';
import { LogCapture, TEST_SECRETS } from '../support/app.js';
import { createTestDatabase, postgresAvailable } from '../support/databases.js';

const hasPostgres = await postgresAvailable();

describe.skipIf(!hasPostgres)('two server instances on one PostgreSQL', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('write one verifiable ledger, every seq once', async () => {
    const database = await createTestDatabase('postgres');
    cleanups.push(() => database.drop());
    const config = loadConfig({ DATABASE_URL: database.location, LOG_LEVEL: 'warn' });
    const instances: Steward[] = [];
    for (let i = 0; i < 2; i++) {
      const steward = await createSteward(config, { secrets: TEST_SECRETS, logStream: new LogCapture() });
      instances.push(steward);
      cleanups.push(() => steward.close());
    }
    const writes = [];
    for (let i = 0; i < 400; i++) {
      const steward = instances[i % 2]!;
      writes.push(
        steward.consent.consent.record(
          {
            subject: { identity: { type: 'email', value: `p${i % 60}@example.com` } },
            purpose: 'consent_marketing',
            action: i % 3 ? 'given' : 'withdrawn',
            channel: 'api',
          },
          `instance-${i % 2}`,
        ),
      );
    }
    const entries = await Promise.all(writes);
    expect(new Set(entries.map((e) => e.seq)).size).toBe(400);
    const verdict = await verifyLedger(instances[0]!.store.db);
    expect(verdict).toMatchObject({ ok: true, count: 400 });
  });
});
