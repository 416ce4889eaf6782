import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../policy/load.js';
import type { Policy } from '../policy/schema.js';
import { type PersonFacts, personExpired, planPersonRetention } from './person.js';

const DAY = 86_400_000;
const now = new Date('2026-11-29T12:00:00.000Z');
const ago = (days: number) => now.getTime() - days * DAY;

function example(): Policy {
  const loaded = loadPolicyFile(path.join(import.meta.dirname, '../../../examples/apisecurity/policy.yaml'));
  if (!loaded.policy) throw new Error('example policy does not load');
  return loaded.policy;
}

const facts = (
  relationships: PersonFacts['relationships'],
  consents: [string, { status: string; since: number }][] = [],
): PersonFacts => ({ relationships, consents: new Map(consents) });

describe('per-person retention of the example', () => {
  const rules = planPersonRetention(example());
  const customers = rules.find((r) => r.table === 'customers')!;
  const subscribers = rules.find((r) => r.table === 'newsletter_subscribers')!;

  it('customers: 120 days after the last customer relationship ended', () => {
    expect(customers.clocks.map((c) => [c.purpose, c.anchor, c.duration, c.kinds])).toEqual([
      ['customer_contract', 'relationship_ended', 'P120D', ['customer']],
      ['customer_marketing', 'relationship_ended', 'P0D', ['customer']],
    ]);
    const table: [string, PersonFacts, boolean][] = [
      ['still a customer', facts([{ kind: 'customer', endedAt: null }]), false],
      ['ended 119 days ago', facts([{ kind: 'customer', endedAt: ago(119) }]), false],
      ['ended exactly 120 days ago (last instant)', facts([{ kind: 'customer', endedAt: ago(120) }]), false],
      ['ended 120 days and a millisecond ago', facts([{ kind: 'customer', endedAt: ago(120) - 1 }]), true],
      [
        'an old relationship ended, a new one is active',
        facts([
          { kind: 'customer', endedAt: ago(900) },
          { kind: 'customer', endedAt: null },
        ]),
        false,
      ],
      [
        'the last of two ended recently',
        facts([
          { kind: 'customer', endedAt: ago(900) },
          { kind: 'customer', endedAt: ago(10) },
        ]),
        false,
      ],
      ['ends in ten days: still active', facts([{ kind: 'customer', endedAt: ago(-10) }]), false],
      ['never a customer on record: unknown keeps', facts([{ kind: 'prospect', endedAt: ago(900) }]), false],
    ];
    for (const [name, f, expired] of table) expect(personExpired(customers, f, now), name).toBe(expired);
  });

  it('newsletter subscribers: as soon as consent is withdrawn; never given keeps', () => {
    expect(subscribers.clocks.map((c) => [c.purpose, c.anchor, c.duration])).toEqual([
      ['consent_marketing', 'consent_withdrawn', 'P0D'],
    ]);
    expect(
      personExpired(
        subscribers,
        facts([], [['consent_marketing', { status: 'withdrawn', since: ago(1) }]]),
        now,
      ),
    ).toBe(true);
    expect(
      personExpired(subscribers, facts([], [['consent_marketing', { status: 'given', since: ago(1) }]]), now),
    ).toBe(false);
    expect(personExpired(subscribers, facts([]), now)).toBe(false);
  });
});
