import { createPublicKey } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/connect.js';
import { deriveKeyId, parsePrivateKey } from '../../src/domain/consent/checkpoint.js';
import { issueCheckpoint, verifyLedger } from '../../src/modules/consent/ledger.maintenance.js';
import { createLedgerAppender } from '../../src/modules/consent/ledger.store.js';
import type { LedgerInput } from '../../src/modules/consent/ledger.types.js';
import { TEST_SECRETS } from '../support/app.js';
import { runCli } from '../support/cli.js';
import { availableDialects, createTestStore } from '../support/databases.js';

const dialects = await availableDialects();
const privateKey = parsePrivateKey(TEST_SECRETS.ledgerSigningKey);
const publicKey = createPublicKey(privateKey);
const keyring = new Map([[deriveKeyId(publicKey), publicKey]]);

const input = (i: number): LedgerInput => ({
  subjectId: `sub_${String(i % 7).padStart(26, '0')}`,
  purpose: 'consent_marketing',
  action: i % 5 === 0 ? 'withdrawn' : 'given',
  channel: 'api',
  occurredAt: 1_700_000_000_000 + i,
  actor: 'test',
  policyHash: 'a'.repeat(64),
  evidence: { formId: `f${i}` },
});

describe.each(dialects)('ledger tampering is detected on %s', (dialect) => {
  let store: Store;
  let cleanup: () => Promise<void> = async () => {};
  beforeEach(async () => {
    await cleanup();
    ({ store, cleanup } = await createTestStore(dialect));
    const appender = createLedgerAppender(store);
    await appender.append(
      Array.from({ length: 10 }, (_, i) => input(i + 1)),
      1_700_000_100_000,
    );
  });
  afterAll(() => cleanup());

  const exec = (text: string) => sql.raw(text).execute(store.db);

  it('an untouched ledger verifies, and against its checkpoint', async () => {
    const checkpoint = await issueCheckpoint(store.db, { privateKey, origin: 'https://example.test/ledger' });
    expect(await verifyLedger(store.db, { checkpoint, keyring })).toMatchObject({ ok: true, count: 10 });
  });

  it('an edited entry is named', async () => {
    await exec(`update consent_events set action = 'given' where seq = 5`);
    expect(await verifyLedger(store.db)).toMatchObject({ ok: false, firstBad: { seq: 5, reason: 'edited' } });
  });

  it('a deleted entry is named', async () => {
    await exec('delete from consent_events where seq = 4');
    expect(await verifyLedger(store.db)).toMatchObject({
      ok: false,
      firstBad: { seq: 4, reason: 'deleted' },
    });
  });

  it('reordered entries are named', async () => {
    await exec('update consent_events set seq = -6 where seq = 6');
    await exec('update consent_events set seq = 6 where seq = 7');
    await exec('update consent_events set seq = 7 where seq = -6');
    const verdict = await verifyLedger(store.db);
    expect(verdict.ok).toBe(false);
    expect(verdict).toMatchObject({ firstBad: { seq: 6 } });
  });

  it('truncation is caught by the stored head, and when that is rewritten too, by a signed checkpoint', async () => {
    const checkpoint = await issueCheckpoint(store.db, { privateKey, origin: 'https://example.test/ledger' });
    await exec('delete from consent_events where seq > 7');
    expect(await verifyLedger(store.db)).toMatchObject({ ok: false, firstBad: { reason: 'truncated' } });
    const seven = await store.db
      .selectFrom('consent_events')
      .select('hash')
      .where('seq', '=', 7)
      .executeTakeFirstOrThrow();
    await exec(`update chain_heads set seq = 7, hash = '${seven.hash}' where chain = 'consent'`);
    expect((await verifyLedger(store.db)).ok).toBe(true);
    expect(await verifyLedger(store.db, { checkpoint, keyring })).toMatchObject({
      ok: false,
      firstBad: { reason: 'truncated' },
    });
  });

  it('a forged checkpoint is refused', async () => {
    const checkpoint = await issueCheckpoint(store.db, { privateKey, origin: 'https://example.test/ledger' });
    const forged = { ...checkpoint, seq: 3 };
    expect(await verifyLedger(store.db, { checkpoint: forged, keyring })).toMatchObject({
      ok: false,
      checkpoint: expect.stringContaining('bad_signature'),
    });
  });
});

describe('steward ledger (CLI)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-ledger-cli-'));
  const env = {
    STEWARD_DATA_DIR: dir,
    STEWARD_UNSUBSCRIBE_KEYS: TEST_SECRETS.unsubscribeKeys,
    STEWARD_LEDGER_SIGNING_KEY: TEST_SECRETS.ledgerSigningKey,
  };
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('verifies, checkpoints, names the first bad entry and detects truncation', async () => {
    expect((await runCli(['migrate'], env)).code).toBe(0);
    const { openSqlite } = await import('../../src/db/connect.js');
    const store = openSqlite(path.join(dir, 'steward.sqlite'));
    await createLedgerAppender(store).append(
      Array.from({ length: 6 }, (_, i) => input(i + 1)),
      1_700_000_100_000,
    );
    const ok = await runCli(['ledger', 'verify'], env);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ledger ok: 6 entries');
    const cpFile = path.join(dir, 'cp.json');
    expect((await runCli(['ledger', 'checkpoint', '--out', cpFile], env)).code).toBe(0);
    expect((await runCli(['ledger', 'verify', '--checkpoint', cpFile], env)).stdout).toContain(
      'checkpoint matches',
    );
    await sql`delete from consent_events where seq = 6`.execute(store.db);
    const truncated = await runCli(['ledger', 'verify', '--checkpoint', cpFile], env);
    expect(truncated.code).toBe(1);
    expect(truncated.stderr).toMatch(/truncated/);
    await sql`update consent_events set purpose = 'other' where seq = 2`.execute(store.db);
    const edited = await runCli(['ledger', 'verify'], env);
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('ledger broken at seq 2 (edited)');
    const rebuilt = await runCli(['ledger', 'rebuild'], env);
    expect(rebuilt.code).toBe(0);
    await store.close();
  }, 120_000);
});
