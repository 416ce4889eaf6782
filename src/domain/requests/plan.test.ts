import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DatasetSchema } from '../policy/schema/datasets.js';
import type { LegalObligation } from '../policy/schema.js';
import { accessColumns, PlanError, planTraversal } from './plan.js';

type TableInput = {
  name: string;
  identity?: Record<string, string>;
  relations?: { column: string; references: string }[];
  legalHold?: string;
  retention?: { anchor: string; duration: string };
  fields?: Record<string, string>;
};

const dataset = (id: string, tables: TableInput[], kind: 'sqlite' | 'postgres' = 'sqlite') =>
  DatasetSchema.parse({
    id,
    title: id,
    kind,
    connection: { env: 'DB' },
    tables: tables.map((t) => ({
      primaryKey: 'id',
      fields: { name: 'identity.name' },
      erasure: { strategy: 'delete' },
      ...t,
    })),
  });

const accounting: LegalObligation = {
  id: 'accounting',
  title: 'Accounting',
  law: 'A law',
  categories: ['billing'],
  duration: 'P7Y',
  anchor: 'column:issued_at',
  restrictedTo: 'Accounting',
  clauses: [],
};

const shop = dataset('shop', [
  {
    name: 'invoices',
    relations: [{ column: 'customer_id', references: 'customers.id' }],
    legalHold: 'accounting',
  },
  { name: 'customers', identity: { email: 'email', externalId: 'account_id' } },
  {
    name: 'tickets',
    identity: { email: 'requester_email' },
    relations: [{ column: 'customer_id', references: 'customers.id' }],
  },
  { name: 'audit', relations: [{ column: 'invoice_id', references: 'invoices.id' }] },
  { name: 'orphans' },
]);

describe('planTraversal', () => {
  it('walks seeds first, then tables reached through relations; erasure goes children first', () => {
    const [plan] = planTraversal({ datasets: [shop], legalObligations: [accounting] });
    expect(plan!.steps.map((s) => s.table.name)).toEqual([
      'customers',
      'invoices',
      'tickets',
      'audit',
      'orphans',
    ]);
    expect(plan!.erasureOrder.map((s) => s.table.name)).toEqual([
      'orphans',
      'audit',
      'tickets',
      'invoices',
      'customers',
    ]);
    expect(plan!.unreachable).toEqual(['orphans']);
    const customers = plan!.steps[0]!;
    expect(customers.seeds).toEqual([
      { identity: 'email', column: 'email' },
      { identity: 'externalId', column: 'account_id' },
    ]);
    expect(customers.children.map((l) => l.from)).toEqual(['invoices', 'tickets']);
  });

  it('reads the columns the walk and the hold need, and shows only key and fields', () => {
    const invoices = planTraversal({ datasets: [shop], legalObligations: [accounting] })[0]!.steps[1]!;
    expect(invoices.columns).toEqual(['id', 'name', 'customer_id', 'issued_at']);
    expect(invoices.hold).toEqual({ obligation: accounting, anchorColumn: 'issued_at' });
    expect(accessColumns(invoices.table)).toEqual(['id', 'name']);
  });

  it("prefers the table's retention anchor; an event anchor leaves the start unknown", () => {
    const byEvent = { ...accounting, anchor: 'event:invoice_issued' };
    const held = (retention?: TableInput['retention']) =>
      planTraversal({
        datasets: [
          dataset('d', [
            { name: 'invoices', identity: { email: 'email' }, legalHold: 'accounting', retention },
          ]),
        ],
        legalObligations: [byEvent],
      })[0]!.steps[0]!.hold;
    expect(held({ anchor: 'paid_at', duration: 'P7Y' })?.anchorColumn).toBe('paid_at');
    expect(held()?.anchorColumn).toBeUndefined();
  });

  it('plans every dataset on its own', () => {
    const other = dataset('crm', [{ name: 'contacts', identity: { phone: 'phone' } }], 'postgres');
    const plans = planTraversal({ datasets: [shop, other], legalObligations: [accounting] });
    expect(plans.map((p) => [p.dataset.id, p.steps.length])).toEqual([
      ['shop', 5],
      ['crm', 1],
    ]);
  });

  it('refuses cycles, self-references and undeclared obligations', () => {
    const cycle = dataset('c', [
      { name: 'a', identity: { email: 'e' }, relations: [{ column: 'b_id', references: 'b.id' }] },
      { name: 'b', relations: [{ column: 'a_id', references: 'a.id' }] },
    ]);
    const self = dataset('s', [{ name: 'a', relations: [{ column: 'parent_id', references: 'a.id' }] }]);
    expect(() => planTraversal({ datasets: [cycle], legalObligations: [] })).toThrow(PlanError);
    expect(() => planTraversal({ datasets: [self], legalObligations: [] })).toThrow(PlanError);
    expect(() => planTraversal({ datasets: [shop], legalObligations: [] })).toThrow(/accounting/);
  });

  it('orders any acyclic relation graph parents first (property)', () => {
    // Table i may reference only tables j < i, so every generated graph is acyclic; names are shuffled.
    const graph = fc.integer({ min: 1, max: 12 }).chain((n) =>
      fc.tuple(
        fc.tuple(...Array.from({ length: n }, (_, i) => fc.subarray(Array.from({ length: i }, (_, j) => j)))),
        fc.shuffledSubarray(
          Array.from({ length: n }, (_, i) => i),
          { minLength: n, maxLength: n },
        ),
      ),
    );
    fc.assert(
      fc.property(graph, ([parents, order]) => {
        const tables = order.map((i) => ({
          name: `t${i}`,
          ...(i === 0 ? { identity: { email: 'email' } } : {}),
          relations: parents[i]!.map((j) => ({ column: `t${j}_id`, references: `t${j}.id` })),
        }));
        const [plan] = planTraversal({ datasets: [dataset('g', tables)], legalObligations: [] });
        const position = new Map(plan!.steps.map((s, k) => [s.table.name, k]));
        const erasure = new Map(plan!.erasureOrder.map((s, k) => [s.table.name, k]));
        for (const [i, list] of parents.entries()) {
          for (const j of list) {
            expect(position.get(`t${j}`)!).toBeLessThan(position.get(`t${i}`)!);
            expect(erasure.get(`t${i}`)!).toBeLessThan(erasure.get(`t${j}`)!);
          }
        }
        expect(plan!.steps).toHaveLength(parents.length);
      }),
    );
  });
});
