/**
 * The sample "customer app" of the connector tests: the example policy's demo_store (customers, invoices,
 * support tickets, newsletter subscribers) created in a fresh PostgreSQL database, a fresh MariaDB database
 * and a SQLite file, filled with the same fictional people, with dates relative to `now` so the seven-year
 * accounting hold has both running and ended invoices whenever the tests run. The returned policy is the
 * example's, with one dataset per store (`shop_postgres`, `shop_mysql`, `shop_sqlite`) whose connection
 * is in `env`.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import mysql from 'mysql2/promise';
import pg from 'pg';
import type { Row } from '../../src/connectors/types.js';
import { loadPolicyFile } from '../../src/domain/policy/load.js';
import type { Dataset, Policy } from '../../src/domain/policy/schema.js';
import { createTestDatabase, postgresAvailable } from './databases.js';
import { createMariadbDatabase, mariadbAvailable } from './mariadb.js';

export type AppKind = 'postgres' | 'mysql' | 'sqlite';

export interface AppStore {
  readonly kind: AppKind;
  readonly dataset: string;
  readonly url: string;
  /** Raw SQL for assertions, `?` placeholders on every store. */
  query(sql: string, params?: readonly unknown[]): Promise<Row[]>;
}

export interface CustomerApp {
  readonly now: Date;
  readonly policy: Policy;
  readonly env: NodeJS.ProcessEnv;
  readonly stores: readonly AppStore[];
  /** Closes the connections and drops every database. */
  drop(): Promise<void>;
}

const TYPES: Record<AppKind, Record<string, string>> = {
  postgres: {
    id: 'integer primary key',
    int: 'integer',
    text: 'varchar(320)',
    long: 'text',
    time: 'timestamptz',
  },
  mysql: { id: 'int primary key', int: 'int', text: 'varchar(320)', long: 'text', time: 'datetime(3)' },
  sqlite: { id: 'integer primary key', int: 'integer', text: 'text', long: 'text', time: 'text' },
};

const DDL = [
  `create table customers (id {id}, account_id {text} not null unique, name {text} not null, email {text} not null,
    company {text}, vat_number {text}, billing_address {text}, marketing_unsubscribed {int} not null default 0,
    created_at {time} not null)`,
  `create table invoices (id {id}, customer_id {int} not null, number {text} not null, billing_name {text} not null,
    billing_address {text}, vat_number {text}, amount_cents {int} not null, issued_at {time} not null,
    foreign key (customer_id) references customers (id))`,
  `create table support_tickets (id {id}, customer_id {int}, requester_name {text}, requester_email {text} not null,
    body {long} not null, ip_address {text}, last_reply_at {time} not null,
    foreign key (customer_id) references customers (id))`,
  `create table newsletter_subscribers (id {id}, email {text} not null unique, first_name {text},
    unsubscribed {int} not null default 0, subscribed_at {time} not null)`,
];

const DAY = 86_400_000;

/**
 * The people. Ada: an invoice past the 7-year hold and a recent one, tickets (one under 'Ada@Example.com',
 * one not linked to her account), the newsletter. Grace: recent invoice. Alan (stored mixed case): only
 * invoices past the hold. Eve and two newsletter/ticket rows carry addresses close to Ada's
 * ('ada@example.com.evil.test', 'xada@example.com', 'adá@example.com'). Bobby's name and address are
 * SQL. Charles is only a ticket and a subscriber.
 */
export function customerAppRows(now: Date): Record<string, Row[]> {
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const customer = (id: number, name: string, email: string, extra: Row, days: number): Row => ({
    id,
    account_id: `acct_${1000 + id}`,
    name,
    email,
    company: null,
    vat_number: null,
    billing_address: null,
    marketing_unsubscribed: 0,
    ...extra,
    created_at: ago(days),
  });
  const invoice = (id: number, customerId: number, name: string, days: number): Row => ({
    id,
    customer_id: customerId,
    number: `INV-${String(id).padStart(4, '0')}`,
    billing_name: name,
    billing_address: `${id} Invoice Street`,
    vat_number: null,
    amount_cents: 9900,
    issued_at: ago(days),
  });
  const ticket = (id: number, customerId: number | null, name: string, email: string, days: number): Row => ({
    id,
    customer_id: customerId,
    requester_name: name,
    requester_email: email,
    body: `Question number ${id}`,
    ip_address: `203.0.113.${id}`,
    last_reply_at: ago(days),
  });
  const subscriber = (id: number, email: string, name: string): Row => ({
    id,
    email,
    first_name: name,
    unsubscribed: 0,
    subscribed_at: ago(300),
  });
  return {
    customers: [
      customer(
        1,
        'Ada Lovelace',
        'ada@example.com',
        {
          company: 'Analytical Engines Ltd',
          vat_number: 'GB123456789',
          billing_address: '12 St James Square, London',
        },
        3650,
      ),
      customer(2, 'Grace Hopper', 'grace@example.org', { billing_address: '1 Navy Yard, Arlington VA' }, 700),
      customer(3, 'Alan Turing', 'Alan.Turing@Example.NET', { marketing_unsubscribed: 1 }, 4400),
      customer(4, 'Eve Similar', 'ada@example.com.evil.test', {}, 400),
      customer(5, "Robert'); DROP TABLE customers;--", "bobby'--@example.com", {}, 300),
    ],
    invoices: [
      invoice(1, 1, 'Ada Lovelace', 9 * 365),
      invoice(2, 1, 'Ada Lovelace', 365),
      invoice(3, 2, 'Grace Hopper', 200),
      invoice(4, 3, 'Alan Turing', 10 * 365),
      invoice(5, 3, 'Alan Turing', 8 * 365),
      invoice(6, 4, 'Eve Similar', 30),
      invoice(7, 5, "Robert'); DROP TABLE customers;--", 100),
    ],
    support_tickets: [
      ticket(1, 1, 'Ada Lovelace', 'Ada@Example.com', 60),
      ticket(2, null, 'Charles B.', 'charles@example.com', 20),
      ticket(3, 2, 'Grace Hopper', 'grace@example.org', 5),
      ticket(4, null, 'A. Lovelace', 'ada@example.com', 400),
      ticket(5, 4, 'Eve Similar', 'ada@example.com.evil.test', 3),
      ticket(6, null, 'Adá', 'adá@example.com', 9),
    ],
    newsletter_subscribers: [
      subscriber(1, 'ada@example.com', 'Ada'),
      subscriber(2, 'charles@example.com', 'Charles'),
      subscriber(3, 'xada@example.com', 'X'),
      subscriber(4, 'grace@example.org', 'Grace'),
    ],
  };
}

/** Stores to test on this machine: SQLite always, the servers when they answer (always in CI). */
export async function appKinds(): Promise<AppKind[]> {
  const kinds: AppKind[] = ['sqlite'];
  if (await postgresAvailable()) kinds.push('postgres');
  if (await mariadbAvailable()) kinds.push('mysql');
  return kinds;
}

interface Opened {
  readonly url: string;
  readonly query: (sql: string, params: readonly unknown[]) => Promise<Row[]>;
  readonly drop: () => Promise<void>;
}

async function open(kind: AppKind): Promise<Opened> {
  if (kind === 'sqlite') {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'steward-shop-'));
    const file = path.join(dir, 'shop.sqlite');
    const db = new BetterSqlite3(file);
    const bind = (v: unknown) => (v instanceof Date ? v.toISOString() : v);
    return {
      url: file,
      query: async (sql, params) => {
        const statement = db.prepare(sql);
        if (statement.reader) return statement.all(...params.map(bind)) as Row[];
        statement.run(...params.map(bind));
        return [];
      },
      drop: async () => {
        db.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  if (kind === 'postgres') {
    const database = await createTestDatabase('postgres');
    const client = new pg.Client({ connectionString: database.location });
    await client.connect();
    return {
      url: database.location,
      query: async (sql, params) => {
        let n = 0;
        return (
          await client.query(
            sql.replace(/\?/g, () => `$${++n}`),
            [...params],
          )
        ).rows;
      },
      drop: async () => {
        await client.end();
        await database.drop();
      },
    };
  }
  const database = await createMariadbDatabase();
  const connection = await mysql.createConnection({ uri: database.url, timezone: 'Z' });
  return {
    url: database.url,
    query: async (sql, params) => {
      const [rows] = await connection.query(sql, [...params]);
      return Array.isArray(rows) ? (rows as Row[]) : [];
    },
    drop: async () => {
      await connection.end();
      await database.drop();
    },
  };
}

/** The example policy and its demo_store dataset. */
export function exampleStore(): { policy: Policy; dataset: Exclude<Dataset, { kind: 'webhook' }> } {
  const loaded = loadPolicyFile(path.join(import.meta.dirname, '../../examples/apisecurity/policy.yaml'));
  const dataset = loaded.policy?.datasets.find((d) => d.id === 'demo_store');
  if (!loaded.policy || !dataset || dataset.kind === 'webhook')
    throw new Error('the example policy has no demo_store');
  return { policy: loaded.policy, dataset };
}

export async function createCustomerApp(kinds: readonly AppKind[], now = new Date()): Promise<CustomerApp> {
  const { policy, dataset } = exampleStore();
  const stores: (AppStore & { drop: () => Promise<void> })[] = [];
  const env: NodeJS.ProcessEnv = {};
  const datasets: Dataset[] = [];
  for (const kind of kinds) {
    const opened = await open(kind);
    const query = (sql: string, params: readonly unknown[] = []) => opened.query(sql, params);
    stores.push({ kind, dataset: `shop_${kind}`, url: opened.url, query, drop: opened.drop });
    for (const statement of DDL)
      await query(statement.replace(/\{(\w+)\}/g, (_, t: string) => TYPES[kind][t]!));
    if (kind !== 'mysql') await query('create index customers_email_lower on customers (lower(email))');
    for (const [table, rows] of Object.entries(customerAppRows(now))) {
      for (const row of rows) {
        const columns = Object.keys(row);
        await query(
          `insert into ${table} (${columns.join(', ')}) values (${columns.map(() => '?').join(', ')})`,
          Object.values(row),
        );
      }
    }
    const variable = `STEWARD_TEST_SHOP_${kind.toUpperCase()}`;
    env[variable] = opened.url;
    datasets.push({ ...dataset, id: `shop_${kind}`, kind, connection: { env: variable } });
  }
  return {
    now,
    policy: { ...policy, datasets },
    env,
    stores,
    async drop() {
      for (const store of stores) await store.drop();
    },
  };
}
