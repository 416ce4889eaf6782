import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import { planRetention, ruleCutoff } from './rules.js';

function example(): Policy {
  const loaded = loadPolicyFile(path.join(import.meta.dirname, '../../../examples/apisecurity/policy.yaml'));
  if (!loaded.policy) throw new Error('example policy does not load');
  return loaded.policy;
}

describe('planRetention', () => {
  it('takes every table rule of the example, children before parents, with the accounting hold', () => {
    const rules = planRetention(example());
    expect(rules.map((r) => r.id)).toEqual(['demo_store.support_tickets', 'demo_store.invoices']);
    const invoices = rules.find((r) => r.table === 'invoices')!;
    expect(invoices).toMatchObject({
      anchor: 'issued_at',
      format: 'timestamp',
      duration: 'P7Y',
      hold: { obligation: 'accounting', duration: 'P7Y' },
      action: { kind: 'delete' },
      dependents: [],
    });
  });

  it('a hold longer than the table period keeps rows until the hold ends', () => {
    const policy = example();
    const dataset = policy.datasets[0]!;
    const invoices = dataset.tables.find((t) => t.name === 'invoices')!;
    const shorter = {
      ...policy,
      datasets: [
        {
          ...dataset,
          tables: dataset.tables.map((t) =>
            t === invoices ? { ...t, retention: { ...t.retention!, duration: 'P1Y' } } : t,
          ),
        },
      ],
    };
    const rule = planRetention(shorter).find((r) => r.table === 'invoices')!;
    const now = new Date('2026-11-29T00:00:00.000Z');
    expect(ruleCutoff(rule, now).toISOString()).toBe('2019-11-29T00:00:00.000Z');
  });

  it('a table whose erasure keeps rows is anonymised; a parent rule is blocked by its dependents', () => {
    const policy = example();
    const dataset = policy.datasets[0]!;
    const withCustomers = (action?: 'delete') => ({
      ...policy,
      datasets: [
        {
          ...dataset,
          tables: dataset.tables.map((t) =>
            t.name === 'customers'
              ? {
                  ...t,
                  retention: { anchor: 'created_at', duration: 'P5Y', format: 'timestamp' as const, action },
                }
              : t,
          ),
        },
      ],
    });
    const masked = planRetention(withCustomers()).find((r) => r.table === 'customers')!;
    expect(masked.action).toMatchObject({ kind: 'anonymise', strategy: 'mask', emailColumn: 'email' });
    expect(masked.dependents).toEqual([]);
    const rules = planRetention(withCustomers('delete'));
    const deleted = rules.find((r) => r.table === 'customers')!;
    expect(deleted.action).toEqual({ kind: 'delete' });
    expect(deleted.dependents.map((d) => d.table).sort()).toEqual(['invoices', 'support_tickets']);
    // Children first: the parent comes last.
    expect(rules.at(-1)?.table).toBe('customers');
  });
});
