/**
 * The retention engine on the sample customer app in real PostgreSQL, MariaDB and SQLite stores: what
 * expires goes, what is held stays, boundaries to the millisecond, offsets and DST, anonymisation,
 * blocked parents, failing rules isolated, small batches.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/db/connect.js';
import { newId } from '../../src/domain/identity/ids.js';
import type { DatasetTable, Policy } from '../../src/domain/policy/schema.js';
import { retentionCutoff } from '../../src/domain/retention/cutoff.js';
import { insertHold, releaseHold } from '../../src/modules/retention/holds.repo.js';
import { createRetentionService, type RetentionDeps } from '../../src/modules/retention/retention.service.js';
import { createSubjectsService } from '../../src/modules/subjects/subjects.service.js';
import {
  type AppKind,
  type AppStore,
  appKinds,
  type CustomerApp,
  createCustomerApp,
} from '../support/customer-app.js';
import { createTestStore } from '../support/databases.js';

const KINDS = await appKinds();
const HASH_KEY = Buffer.alloc(32, 7);

function withTables(policy: Policy, change: (t: DatasetTable) => DatasetTable): Policy {
  return { ...policy, datasets: policy.datasets.map((d) => ({ ...d, tables: d.tables.map(change) })) };
}

const ids = async (store: AppStore, table: string) =>
  (await store.query(`select id from ${table} order by id`)).map((r) => Number(r.id));

describe.each(KINDS)('retention sweep on %s', (kind: AppKind) => {
  let app: CustomerApp;
  let store: AppStore;
  let steward: Awaited<ReturnType<typeof createTestStore>>;
  const now = new Date('2026-03-29T12:00:00.000Z');

  beforeEach(async () => {
    app = await createCustomerApp([kind], now);
    store = app.stores[0]!;
    steward = await createTestStore('sqlite');
  });
  afterEach(async () => {
    await app.drop();
    await steward.cleanup();
  });

  const service = (policy: Policy = app.policy, options: Partial<RetentionDeps> = {}) =>
    createRetentionService({
      db: steward.store.db,
      dialect: steward.store.dialect,
      policy,
      env: app.env,
      hashKey: HASH_KEY,
      clock: () => now.getTime(),
      ...options,
    });
  const sweep = (policy?: Policy, dryRun = false, options?: Partial<RetentionDeps>) =>
    service(policy, options).sweep({ trigger: 'cli', dryRun, actor: 'test' });
  const ruleOf = (run: Awaited<ReturnType<typeof sweep>>, table: string) =>
    run.rules.find((r) => r.table === table)!;

  it('a dry run counts the invoices past the seven-year hold and changes nothing', async () => {
    const run = await sweep(undefined, true);
    expect(run).toMatchObject({ status: 'ok', dryRun: true });
    expect(ruleOf(run, 'invoices')).toMatchObject({ rows: 3, blocked: 0, held: 0, action: 'delete' });
    expect(ruleOf(run, 'invoices').cutoff).toBe('2019-03-29T12:00:00.000Z');
    expect(ruleOf(run, 'support_tickets').rows).toBe(0);
    expect(await ids(store, 'invoices')).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });

  it('deletes exactly the expired rows, and a second sweep finds nothing', async () => {
    const first = await sweep();
    expect(ruleOf(first, 'invoices').rows).toBe(3);
    expect(await ids(store, 'invoices')).toEqual([2, 3, 6, 7]);
    const second = await sweep();
    expect(second.rules.every((r) => r.rows === 0)).toBe(true);
    expect(await ids(store, 'support_tickets')).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it('keeps a row anchored at the cut-off and deletes the one a millisecond before it', async () => {
    const cutoff = retentionCutoff(now, 'P3Y');
    const insert = (id: number, at: Date) =>
      store.query(
        'insert into support_tickets (id, requester_email, body, last_reply_at) values (?, ?, ?, ?)',
        [id, `t${id}@example.com`, 'boundary', at],
      );
    await insert(100, new Date(cutoff.getTime() - 1));
    await insert(101, cutoff);
    await insert(102, new Date(cutoff.getTime() + 1));
    const run = await sweep();
    expect(ruleOf(run, 'support_tickets').rows).toBe(1);
    expect(await ids(store, 'support_tickets')).toEqual([1, 2, 3, 4, 5, 6, 101, 102]);
  });

  it('compares instants, whatever offset they were written with, across the DST change', async () => {
    const policy = withTables(app.policy, (t) =>
      t.name === 'support_tickets' ? { ...t, retention: { ...t.retention!, duration: 'P1D' } } : t,
    );
    // now is 29 March 2026 12:00 UTC, the day Berlin moves from +01:00 to +02:00: cut-off 28 March 12:00 UTC.
    const rows: [number, string][] = [
      [200, '2026-03-28T12:59:59.999+01:00'], // 11:59:59.999 UTC: expired
      [201, '2026-03-28T13:00:00.000+01:00'], // 12:00 UTC: kept
      [202, '2026-03-29T03:30:00.000+02:00'], // 01:30 UTC, after the change: kept
      [203, '2026-03-28T06:59:59.000-05:00'], // 11:59:59 UTC: expired
    ];
    for (const [id, text] of rows) {
      // MariaDB's DATETIME has no offsets: the driver writes the instant in UTC.
      const value = kind === 'mysql' ? new Date(text) : text;
      await store.query(
        'insert into support_tickets (id, requester_email, body, last_reply_at) values (?, ?, ?, ?)',
        [id, `t${id}@example.com`, 'dst', value],
      );
    }
    const run = await sweep(policy);
    // Every older ticket of the app (3 to 400 days) is past one day as well.
    const left = await ids(store, 'support_tickets');
    expect(left).toEqual([201, 202]);
    expect(ruleOf(run, 'support_tickets').rows).toBe(8);
  });

  it('never deletes what a manual hold keeps, until the hold is released', async () => {
    const subjects = createSubjectsService({
      db: steward.store.db,
      dialect: 'sqlite',
      relationshipKinds: new Set(['customer']),
    });
    const alan = await subjects.upsert(
      { identities: [{ type: 'email', value: 'alan.turing@example.net' }] },
      'test',
    );
    const base = {
      subject_id: null,
      dataset: null,
      table_name: null,
      row_key: null,
      reason: 'litigation',
      expires_at: null,
      created_at: now.getTime(),
      created_by: 'test',
      released_at: null,
      released_by: null,
    };
    const subjectHold = newId('hold');
    await insertHold(steward.store.db, { ...base, id: subjectHold, subject_id: alan.row.id });
    await insertHold(steward.store.db, {
      ...base,
      id: newId('hold'),
      dataset: store.dataset,
      table_name: 'invoices',
      row_key: '1',
    });
    const held = await sweep();
    expect(ruleOf(held, 'invoices')).toMatchObject({ rows: 0, held: 3 });
    expect(await ids(store, 'invoices')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    await releaseHold(steward.store.db, subjectHold, { now: now.getTime(), actor: 'test' });
    const released = await sweep();
    expect(ruleOf(released, 'invoices')).toMatchObject({ rows: 2, held: 1 });
    expect(await ids(store, 'invoices')).toEqual([1, 2, 3, 6, 7]);
  });

  it('anonymises a table whose erasure keeps rows, once', async () => {
    const policy = withTables(app.policy, (t) =>
      t.name === 'customers'
        ? { ...t, retention: { anchor: 'created_at', duration: 'P5Y', format: 'timestamp' } }
        : t,
    );
    const run = await sweep(policy);
    expect(ruleOf(run, 'customers')).toMatchObject({ action: 'anonymise', rows: 2 });
    const rows = await store.query('select id, name, email from customers order by id');
    expect(rows.map((r) => [Number(r.id), r.name])).toEqual([
      [1, 'erased-1'],
      [2, 'Grace Hopper'],
      [3, 'erased-3'],
      [4, 'Eve Similar'],
      [5, "Robert'); DROP TABLE customers;--"],
    ]);
    expect(ruleOf(await sweep(policy), 'customers').rows).toBe(0);
  });

  it('keeps a parent that rows of other tables still reference, and says so', async () => {
    const policy = withTables(app.policy, (t) =>
      t.name === 'customers'
        ? {
            ...t,
            retention: { anchor: 'created_at', duration: 'P5Y', format: 'timestamp', action: 'delete' },
          }
        : t,
    );
    const run = await sweep(policy);
    // Alan's invoices all expired and went first (children first), so Alan goes; Ada keeps a recent invoice.
    expect(ruleOf(run, 'customers')).toMatchObject({ action: 'delete', rows: 1, blocked: 1 });
    expect(await ids(store, 'customers')).toEqual([1, 2, 4, 5]);
  });

  it('a failing rule is reported and the others still run', async () => {
    const policy = {
      ...app.policy,
      datasets: app.policy.datasets.map((d) => ({
        ...d,
        tables: [
          ...d.tables,
          {
            ...d.tables.find((t) => t.name === 'support_tickets')!,
            name: 'no_such_table',
            identity: undefined,
            relations: [],
          },
        ],
      })),
    };
    const run = await sweep(policy);
    expect(run.status).toBe('partial');
    expect(ruleOf(run, 'no_such_table').error).toMatch(/table 'no_such_table' failed/);
    expect(ruleOf(run, 'invoices').rows).toBe(3);
  });

  it('walks many rows in small batches', async () => {
    for (let i = 0; i < 25; i++)
      await store.query(
        'insert into support_tickets (id, requester_email, body, last_reply_at) values (?, ?, ?, ?)',
        [1000 + i, `b${i}@example.com`, 'batch', new Date(now.getTime() - (4 * 365 + i) * 86_400_000)],
      );
    const run = await sweep(undefined, false, { batchSize: 2 });
    expect(ruleOf(run, 'support_tickets').rows).toBe(25);
    expect(ruleOf(run, 'invoices').rows).toBe(3);
    expect(await ids(store, 'support_tickets')).toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('epoch anchors', () => {
  let steward: Awaited<ReturnType<typeof createTestStore>>;
  let app: CustomerApp;
  beforeEach(async () => {
    app = await createCustomerApp(['sqlite']);
    steward = await createTestStore('sqlite');
  });
  afterEach(async () => {
    await app.drop();
    await steward.cleanup();
  });

  it.each(['epoch_s', 'epoch_ms'] as const)('%s columns compare as numbers', async (format) => {
    const store = app.stores[0]!;
    const now = Date.UTC(2026, 10, 29);
    await store.query('create table events (id integer primary key, at integer not null)');
    const unit = format === 'epoch_s' ? 1000 : 1;
    const cutoff = now - 30 * 86_400_000;
    // 1: a second (or ms) before the cut-off; 2: at it; 3: after.
    await store.query('insert into events values (1, ?), (2, ?), (3, ?)', [
      Math.floor((cutoff - unit) / unit),
      cutoff / unit,
      (cutoff + unit) / unit,
    ]);
    const policy = {
      ...app.policy,
      datasets: app.policy.datasets.map((d) => ({
        ...d,
        tables: [
          {
            name: 'events',
            purposes: [],
            primaryKey: 'id',
            fields: {},
            relations: [],
            erasure: { strategy: 'delete' as const },
            retention: { anchor: 'at', duration: 'P30D', format },
          },
        ],
      })),
    };
    const run = await createRetentionService({
      db: steward.store.db as Store['db'],
      dialect: 'sqlite',
      policy,
      env: app.env,
      hashKey: HASH_KEY,
      clock: () => now,
    }).sweep({ trigger: 'cli', dryRun: false, actor: 'test' });
    expect(run.rules[0]).toMatchObject({ rule: `${store.dataset}.events`, rows: 1 });
    expect((await store.query('select id from events order by id')).map((r) => r.id)).toEqual([2, 3]);
  });
});
