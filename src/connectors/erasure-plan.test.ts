import { describe, expect, it } from 'vitest';
import { DatasetSchema } from '../domain/policy/schema/datasets.js';
import type { LegalObligation } from '../domain/policy/schema.js';
import { planTraversal } from '../domain/requests/plan.js';
import { decideErasure } from './erasure-plan.js';
import { keyedHash } from './erasure-values.js';
import type { Row } from './types.js';

const now = new Date('2026-06-01T00:00:00Z');
const hash = keyedHash('k');

const accounting: LegalObligation = {
  id: 'accounting',
  title: 'Accounting',
  law: 'A law',
  categories: ['billing', 'identity.name'],
  duration: 'P7Y',
  anchor: 'event:invoice_issued',
  restrictedTo: 'Accounting',
  clauses: [],
};

function plan(customerErasure: object, ticketErasure: object = { strategy: 'delete' }) {
  const dataset = DatasetSchema.parse({
    id: 'shop',
    title: 'Shop',
    kind: 'sqlite',
    connection: { env: 'DB' },
    tables: [
      {
        name: 'customers',
        primaryKey: 'id',
        identity: { email: 'email' },
        fields: { name: 'identity.name', email: 'contact.email', vip: 'preferences.marketing' },
        erasure: customerErasure,
      },
      {
        name: 'invoices',
        primaryKey: 'id',
        fields: { billing_name: 'identity.name', note: 'communication.content' },
        relations: [{ column: 'customer_id', references: 'customers.id' }],
        erasure: { strategy: 'delete' },
        retention: { anchor: 'issued_at', duration: 'P7Y' },
        legalHold: 'accounting',
      },
      {
        name: 'tickets',
        primaryKey: 'id',
        fields: { body: 'communication.content' },
        relations: [{ column: 'customer_id', references: 'customers.id' }],
        erasure: ticketErasure,
      },
    ],
  });
  return planTraversal({ datasets: [dataset], legalObligations: [accounting] })[0]!;
}

const customer: Row = { id: 1, name: 'Ada', email: 'ada@example.com', vip: true };
const invoice = (id: number, issued: string | null): Row => ({
  id,
  customer_id: 1,
  billing_name: 'Ada',
  note: 'call her',
  issued_at: issued,
});

const decide = (p: ReturnType<typeof plan>, rows: Record<string, Row[]>) =>
  Object.fromEntries(
    decideErasure(p, new Map(Object.entries(rows)), { now, hash }).map((d) => [d.step.table.name, d]),
  );

describe('decideErasure', () => {
  it('keeps held rows (masking what the law does not need) and masks the parent they reference', () => {
    const d = decide(plan({ strategy: 'delete' }), {
      customers: [customer],
      invoices: [invoice(1, '2018-01-10T00:00:00Z'), invoice(2, '2024-03-01 10:00:00'), invoice(3, null)],
    });
    expect(d.invoices!.operations.delete).toEqual([1]);
    expect(d.invoices!.kept.map((k) => [k.pk, k.until, k.masked])).toEqual([
      [2, '2031-03-01T10:00:00.000Z', ['note']],
      [3, null, ['note']],
    ]);
    expect(d.invoices!.operations.update).toEqual([
      { pk: 2, set: { note: 'erased-2' } },
      { pk: 3, set: { note: 'erased-3' } },
    ]);
    // The unknown start of invoice 3 wins: the parent stays as long as its longest-held child.
    expect(d.customers!.kept).toEqual([expect.objectContaining({ pk: 1, rule: 'accounting', until: null })]);
    expect(d.customers!.operations).toMatchObject({
      delete: [],
      update: [{ pk: 1, set: { name: 'erased-1', email: 'erased-1', vip: false } }],
    });
  });

  it('deletes a parent once its held children have ended', () => {
    const d = decide(plan({ strategy: 'delete' }), {
      customers: [customer],
      invoices: [invoice(1, '2010-01-01')],
    });
    expect(d.customers!.operations.delete).toEqual([1]);
    expect(d.customers!.kept).toEqual([]);
  });

  it('masks instead of deleting a parent that rows left by a null strategy still reference', () => {
    const d = decide(plan({ strategy: 'delete' }, { strategy: 'null', columns: ['body'] }), {
      customers: [customer],
      tickets: [{ id: 7, customer_id: 1, body: 'hello' }],
    });
    expect(d.tickets).toMatchObject({ erased: 1, operations: { update: [{ pk: 7, set: { body: null } }] } });
    expect(d.customers).toMatchObject({ erased: 1, maskedInsteadOfDeleted: 1, kept: [] });
  });

  it('changes nothing on rows already erased', () => {
    const masked = { id: 1, name: 'erased-1', email: 'erased-1', vip: true };
    const d = decide(plan({ strategy: 'mask', columns: ['name', 'email'] }), { customers: [masked] });
    expect(d.customers).toMatchObject({ erased: 0, operations: { update: [], delete: [] } });
    const hashed = { id: 1, name: hash('Ada'), email: hash('ada@example.com'), vip: true };
    const again = decide(plan({ strategy: 'hash', columns: ['name', 'email'] }), { customers: [hashed] });
    expect(again.customers!.erased).toBe(0);
  });

  it('hashes emails in the form identity lookups use', () => {
    const d = decide(plan({ strategy: 'hash', columns: ['email'] }), {
      customers: [{ ...customer, email: ' Ada@Example.COM' }],
    });
    expect(d.customers!.operations.update).toEqual([{ pk: 1, set: { email: hash('ada@example.com') } }]);
  });
});
