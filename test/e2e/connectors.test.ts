/**
 * Access, erasure and correction through the connectors, on the sample customer app in real PostgreSQL,
 * MariaDB and SQLite databases, and on a webhook served on 127.0.0.1.
 */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EXAMPLE_POLICY } from '../../src/config/env.js';
import { keyedHash } from '../../src/connectors/erasure-values.js';
import { openConnector, SIGNATURE_HEADER, verifyWebhookSignature } from '../../src/connectors/index.js';
import type { Connector, Row, SubjectIdentities, TableOperations } from '../../src/connectors/types.js';
import { addDuration } from '../../src/domain/policy/duration.js';
import { DatasetSchema } from '../../src/domain/policy/schema/datasets.js';
import type { DatasetTable, Policy } from '../../src/domain/policy/schema.js';
import { loadPolicyOrThrow } from '../../src/modules/policy/policy.loader.js';
import { prepareDatasets } from '../../src/modules/requests/datasets.js';
import { applyCorrection, collectSubjectData, eraseSubjectData } from '../../src/modules/requests/fanout.js';
import {
  type AppKind,
  type AppStore,
  appKinds,
  type CustomerApp,
  createCustomerApp,
  exampleStore,
} from '../support/customer-app.js';

const KINDS = await appKinds();
const HASH_KEY = 'test-erasure-key';
const ADA: SubjectIdentities = { emails: ['ada@example.com'], phones: [], externalIds: [] };
const ADA_AND_ACCOUNT: SubjectIdentities = {
  emails: ['ada@example.com'],
  phones: [],
  externalIds: ['acct_1001'],
};

/** The app's policy with one table's definition changed. */
function withTable(policy: Policy, name: string, change: Partial<DatasetTable>): Policy {
  return {
    ...policy,
    datasets: policy.datasets.map((d) => ({
      ...d,
      tables: d.tables.map((t) => (t.name === name ? { ...t, ...change } : t)),
    })),
  };
}

const ids = (rows: readonly Row[]) => rows.map((r) => Number(r.id)).sort((a, b) => a - b);

describe.each(KINDS)('connectors on %s', (kind: AppKind) => {
  let app: CustomerApp;
  let store: AppStore;
  let connectors: Map<string, Connector>;
  const now = new Date();

  beforeEach(async () => {
    app = await createCustomerApp([kind], now);
    store = app.stores[0]!;
    connectors = new Map(app.policy.datasets.map((d) => [d.id, openConnector(d, app.env)]));
  });
  afterEach(async () => {
    for (const c of connectors.values()) await c.close();
    await app.drop();
  });

  const table = async (name: string) => store.query(`select * from ${name} order by id`);
  const found = async (identities: SubjectIdentities = ADA, policy = app.policy) =>
    Object.fromEntries((await collectSubjectData(policy, connectors, identities)).map((f) => [f.table, f]));

  it('access returns exactly the rows of this person, and only the declared columns', async () => {
    const mine = await found();
    expect(Object.keys(mine).sort()).toEqual([
      'customers',
      'invoices',
      'newsletter_subscribers',
      'support_tickets',
    ]);
    expect(ids(mine.customers!.rows)).toEqual([1]);
    expect(ids(mine.invoices!.rows)).toEqual([1, 2]);
    // Ticket 1 is stored as 'Ada@Example.com'; ticket 4 has no account link; 5 and 6 are look-alikes.
    expect(ids(mine.support_tickets!.rows)).toEqual([1, 4]);
    expect(ids(mine.newsletter_subscribers!.rows)).toEqual([1]);
    expect(Object.keys(mine.customers!.rows[0]!).sort()).toEqual(
      ['billing_address', 'company', 'email', 'id', 'marketing_unsubscribed', 'name', 'vat_number'].sort(),
    );
    expect(mine.invoices!.purposes).toEqual(['customer_contract', 'accounting']);
    expect(JSON.stringify(mine)).not.toMatch(/Eve|evil|xada|adá|Grace|Charles/);
  });

  it('finds by external id and case-insensitive email, and nothing for a stranger', async () => {
    const byAccount = await found({ emails: [], phones: [], externalIds: ['acct_1001'] });
    expect(ids(byAccount.support_tickets!.rows)).toEqual([1]);
    expect(
      ids(
        (await found({ emails: [' ALAN.turing@example.net'], phones: [], externalIds: [] })).invoices!.rows,
      ),
    ).toEqual([4, 5]);
    expect(await found({ emails: ['nobody@example.com'], phones: [], externalIds: ['ACCT_1001'] })).toEqual(
      {},
    );
    expect(await found({ emails: [], phones: [], externalIds: [] })).toEqual({});
  });

  it('binds SQL metacharacters in identities as values', async () => {
    const hostile = [
      "' or '1'='1",
      "ada@example.com' --",
      '%',
      '_@%',
      '\\',
      '"); drop table customers; --',
      'acct_100%',
    ];
    expect(await found({ emails: hostile, phones: hostile, externalIds: hostile })).toEqual({});
    expect(await table('customers')).toHaveLength(5);
    const bobby = await found({ emails: ["BOBBY'--@example.com"], phones: [], externalIds: [] });
    expect(ids(bobby.customers!.rows)).toEqual([5]);
    expect(ids(bobby.invoices!.rows)).toEqual([7]);
  });

  it('erases per table, keeps invoices under the accounting hold, and a re-run is harmless', async () => {
    const report = await eraseSubjectData(app.policy, connectors, ADA_AND_ACCOUNT, {
      now,
      hashKey: HASH_KEY,
    });
    const byTable = Object.fromEntries(report.tables.map((t) => [t.table, t]));
    expect(report.complete).toBe(true);
    expect(byTable.support_tickets).toMatchObject({ erased: 2, strategy: 'delete', kept: [] });
    expect(byTable.newsletter_subscribers).toMatchObject({ erased: 1, kept: [] });
    expect(byTable.invoices).toMatchObject({ erased: 1, strategy: 'delete' });
    const [issued] = (await table('invoices'))
      .filter((r) => Number(r.id) === 2)
      .map((r) => (r.issued_at instanceof Date ? r.issued_at : new Date(String(r.issued_at))));
    expect(byTable.invoices!.kept).toEqual([
      expect.objectContaining({
        pk: 2,
        rule: 'accounting',
        until: addDuration(issued!, 'P7Y').toISOString(),
        masked: [],
      }),
    ]);
    expect(byTable.invoices!.kept[0]!.reason).toMatch(/Art\. 17\(3\)\(b\)/);
    expect(byTable.customers).toMatchObject({ strategy: 'mask', erased: 1, kept: [] });

    expect(ids(await table('invoices'))).toEqual([2, 3, 4, 5, 6, 7]);
    expect(ids(await table('support_tickets'))).toEqual([2, 3, 5, 6]);
    expect(ids(await table('newsletter_subscribers'))).toEqual([2, 3, 4]);
    const [ada, grace] = await table('customers');
    expect(ada).toMatchObject({
      name: 'erased-1',
      email: 'erased-1',
      vat_number: 'erased-1',
      account_id: 'acct_1001',
    });
    expect(grace).toMatchObject({ name: 'Grace Hopper', email: 'grace@example.org' });

    const again = await eraseSubjectData(app.policy, connectors, ADA_AND_ACCOUNT, { now, hashKey: HASH_KEY });
    expect(again.erased).toBe(0);
    expect(again.tables.flatMap((t) => t.kept)).toEqual(report.tables.flatMap((t) => t.kept));
  });

  it('masks instead of deleting a parent that kept rows reference; deletes it once nothing is held', async () => {
    const policy = withTable(app.policy, 'customers', { erasure: { strategy: 'delete' } });
    const report = await eraseSubjectData(policy, connectors, ADA_AND_ACCOUNT, { now, hashKey: HASH_KEY });
    const customers = report.tables.find((t) => t.table === 'customers')!;
    const invoice = report.tables.find((t) => t.table === 'invoices')!.kept[0]!;
    expect(customers.erased).toBe(0);
    expect(customers.kept).toEqual([
      expect.objectContaining({
        pk: 1,
        rule: 'accounting',
        until: invoice.until,
        masked: expect.arrayContaining(['name', 'email']),
      }),
    ]);
    expect((await table('customers'))[0]).toMatchObject({
      id: 1,
      name: 'erased-1',
      email: 'erased-1',
      marketing_unsubscribed: 0,
    });

    const alan = { emails: ['alan.turing@example.net'], phones: [], externalIds: [] };
    const gone = await eraseSubjectData(policy, connectors, alan, { now, hashKey: HASH_KEY });
    expect(gone.kept).toBe(0);
    expect(gone.tables.find((t) => t.table === 'invoices')!.erased).toBe(2);
    expect(ids(await table('customers'))).toEqual([1, 2, 4, 5]);
  });

  it.each([
    [
      'null',
      ['requester_name', 'ip_address'],
      { requester_name: null, ip_address: null, requester_email: 'ada@example.com' },
    ],
    [
      'mask',
      ['requester_name', 'requester_email', 'body'],
      { requester_name: 'erased-4', requester_email: 'erased-4', body: 'erased-4' },
    ],
    [
      'hash',
      ['requester_email', 'body'],
      {
        requester_email: keyedHash(HASH_KEY)('ada@example.com'),
        body: keyedHash(HASH_KEY)('Question number 4'),
      },
    ],
  ] as const)('applies strategy %s to the listed columns only, once', async (strategy, columns, expected) => {
    const policy = withTable(app.policy, 'support_tickets', { erasure: { strategy, columns: [...columns] } });
    const report = await eraseSubjectData(policy, connectors, ADA, { now, hashKey: HASH_KEY });
    expect(report.tables.find((t) => t.table === 'support_tickets')).toMatchObject({ strategy, erased: 2 });
    const ticket = (await table('support_tickets')).find((r) => Number(r.id) === 4)!;
    expect(ticket).toMatchObject({ ...expected, ip_address: strategy === 'null' ? null : '203.0.113.4' });
    // Tickets stay and point at Ada's account; the masked customer row stays for them.
    expect(ids(await table('customers'))).toContain(1);
    const again = await eraseSubjectData(policy, connectors, ADA, { now, hashKey: HASH_KEY });
    expect(again.tables.find((t) => t.table === 'support_tickets')!.erased).toBe(0);
  });

  it('reports a failing table without its data and leaves the tables it references alone', async () => {
    const policy = withTable(app.policy, 'support_tickets', {
      erasure: { strategy: 'null', columns: ['requester_email'] },
    });
    const report = await eraseSubjectData(policy, connectors, ADA, { now, hashKey: HASH_KEY });
    const tickets = report.tables.find((t) => t.table === 'support_tickets')!;
    expect(report.complete).toBe(false);
    expect(tickets.error).toMatch(/support_tickets/);
    expect(report.tables.find((t) => t.table === 'customers')!.error).toMatch(/skipped/);
    expect(JSON.stringify(report)).not.toMatch(/ada@|Lovelace/i);
    expect((await table('customers'))[0]).toMatchObject({ name: 'Ada Lovelace' });
  });

  it('corrects declared columns of the person’s own rows only', async () => {
    const dataset = app.policy.datasets[0]!.id;
    const change = (tableName: string, pk: number | string, column: string, value: string | null) => ({
      dataset,
      table: tableName,
      pk,
      column,
      value,
    });
    const applied = await applyCorrection(app.policy, connectors, ADA, [
      change('customers', '1', 'name', 'Ada King'),
      change('support_tickets', 4, 'requester_name', 'A. King'),
      change('customers', 1, 'company', 'Analytical Engines Ltd'),
    ]);
    expect(applied.map((a) => a.changed)).toEqual([true, true, false]);
    expect((await table('customers'))[0]).toMatchObject({ name: 'Ada King' });
    expect((await table('support_tickets')).find((r) => Number(r.id) === 4)).toMatchObject({
      requester_name: 'A. King',
    });

    await expect(
      applyCorrection(app.policy, connectors, ADA, [change('customers', 1, 'account_id', 'x')]),
    ).rejects.toMatchObject({ code: 'request.invalid' });
    await expect(
      applyCorrection(app.policy, connectors, ADA, [change('customers', 1, 'id', '9')]),
    ).rejects.toMatchObject({ code: 'request.invalid' });
    const other = [change('customers', 1, 'name', 'Ada Byron'), change('customers', 2, 'name', 'Mallory')];
    await expect(applyCorrection(app.policy, connectors, ADA, other)).rejects.toMatchObject({
      code: 'resource.not_found',
    });
    expect((await table('customers')).map((r) => r.name).slice(0, 2)).toEqual(['Ada King', 'Grace Hopper']);
  });
});

describe('several datasets at once', () => {
  it('collects and erases across every store of the policy', async () => {
    const app = await createCustomerApp(KINDS);
    const connectors = new Map(app.policy.datasets.map((d) => [d.id, openConnector(d, app.env)]));
    try {
      const found = await collectSubjectData(app.policy, connectors, ADA);
      expect(new Set(found.map((f) => f.dataset))).toEqual(new Set(KINDS.map((k) => `shop_${k}`)));
      const report = await eraseSubjectData(app.policy, connectors, ADA, { now: app.now, hashKey: HASH_KEY });
      expect(report).toMatchObject({ complete: true, erased: 5 * KINDS.length, kept: KINDS.length });
    } finally {
      for (const c of connectors.values()) await c.close();
      await app.drop();
    }
  });

  it('names the unset environment variable, never a value', () => {
    const dataset = { ...exampleStore().dataset, kind: 'postgres' as const, connection: { env: 'SHOP_DB' } };
    expect(() => openConnector(dataset, { OTHER: 'postgres://u:secret@h/db' })).toThrow(/SHOP_DB is not set/);
    expect(() => openConnector(dataset, { SHOP_DB: ' ' })).toThrow(/SHOP_DB is not set/);
  });
});

describe('webhook connector', () => {
  const SECRET = 'whsec_test_only';
  let server: http.Server;
  let url: string;
  let tickets: Row[];
  const seen: { action: string; verified: boolean }[] = [];

  beforeEach(async () => {
    tickets = [
      { id: 't1', email: 'ada@example.com', name: 'Ada', body: 'Hello', agent_notes: 'internal' },
      { id: 't2', email: 'eve@example.com', name: 'Eve', body: 'Hi' },
    ];
    seen.length = 0;
    server = http.createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const check = verifyWebhookSignature(SECRET, req.headers[SIGNATURE_HEADER] as string | undefined, body);
      const message = JSON.parse(body) as {
        action: string;
        subject: { emails: string[] };
        tables: TableOperations[];
      };
      seen.push({ action: message.action, verified: check.ok });
      if (!check.ok) return void res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'application/json' });
      const mine = tickets.filter((t) => message.subject.emails.includes(String(t.email)));
      if (message.action === 'find')
        return void res.end(JSON.stringify({ tables: [{ name: 'tickets', rows: mine }] }));
      const ops = message.tables[0]!;
      tickets = tickets.filter((t) => !ops.delete?.includes(String(t.id)));
      res.end(JSON.stringify({ tables: [{ name: 'tickets', erased: ops.delete?.length ?? 0 }] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/steward`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  const policy = (): Policy => {
    const { policy } = exampleStore();
    const dataset = DatasetSchema.parse({
      id: 'helpdesk',
      title: 'Help desk',
      kind: 'webhook',
      url: { env: 'HELPDESK_URL' },
      secret: { env: 'HELPDESK_SECRET' },
      tables: [
        {
          name: 'tickets',
          purposes: ['correspondence'],
          primaryKey: 'id',
          identity: { email: 'email' },
          fields: { name: 'identity.name', email: 'contact.email', body: 'communication.content' },
          erasure: { strategy: 'delete' },
        },
      ],
    });
    return { ...policy, datasets: [dataset] };
  };
  const connect = (secret = SECRET) => {
    const env = { HELPDESK_URL: url, HELPDESK_SECRET: secret };
    return new Map([['helpdesk', openConnector(policy().datasets[0]!, env)]]);
  };

  it('finds the person’s rows with a signed call and keeps only declared columns', async () => {
    const found = await collectSubjectData(policy(), connect(), ADA);
    expect(found).toEqual([
      {
        dataset: 'helpdesk',
        table: 'tickets',
        purposes: ['correspondence'],
        rows: [{ id: 't1', name: 'Ada', email: 'ada@example.com', body: 'Hello' }],
      },
    ]);
    expect(seen).toEqual([{ action: 'find', verified: true }]);
    await expect(collectSubjectData(policy(), connect('wrong'), ADA)).rejects.toMatchObject({
      code: 'webhook_http_401',
    });
    expect(seen.at(-1)).toEqual({ action: 'find', verified: false });
  });

  it('erases through the webhook; a second run erases nothing', async () => {
    const first = await eraseSubjectData(policy(), connect(), ADA, { now: new Date(), hashKey: HASH_KEY });
    expect(first).toMatchObject({ complete: true, erased: 1, kept: 0 });
    expect(tickets.map((t) => t.id)).toEqual(['t2']);
    const second = await eraseSubjectData(policy(), connect(), ADA, { now: new Date(), hashKey: HASH_KEY });
    expect(second).toMatchObject({ complete: true, erased: 0 });
    expect(seen.map((s) => s.action)).toEqual(['find', 'erase', 'find']);
  });
});

describe('demo store of the example', () => {
  it('is created once from the seed next to the policy, and the example policy finds a person in it', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-demo-'));
    try {
      const loaded = loadPolicyOrThrow(EXAMPLE_POLICY);
      const env = prepareDatasets(loaded, dir, {});
      const file = env.STEWARD_DEMO_DB!;
      expect(file).toBe(path.join(dir, 'datasets', 'demo_store.sqlite'));
      const created = fs.statSync(file).mtimeMs;
      prepareDatasets(loaded, dir, {});
      expect(fs.statSync(file).mtimeMs).toBe(created);
      const { policy } = exampleStore();
      const dataset = policy.datasets.find((d) => d.id === 'demo_store')!;
      const connectors = new Map([[dataset.id, openConnector(dataset, env)]]);
      const found = await collectSubjectData(policy, connectors, ADA);
      expect(found.map((f) => [f.table, f.rows.length])).toEqual([
        ['customers', 1],
        ['invoices', 2],
        ['support_tickets', 1],
        ['newsletter_subscribers', 1],
      ]);
      // The seed's invoices of 2021 and 2025 are inside the 7-year accounting hold (clause 1.5).
      const report = await eraseSubjectData(policy, connectors, ADA, {
        now: new Date('2026-11-29T00:00:00Z'),
        hashKey: HASH_KEY,
      });
      expect(report.tables.find((t) => t.table === 'invoices')!.kept).toHaveLength(2);
      await connectors.get(dataset.id)!.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
