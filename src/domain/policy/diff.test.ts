import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../config/env.js';
import { diffPolicies, type PolicyChange } from './diff.js';
import { loadPolicyFile } from './load.js';
import type { Policy } from './schema.js';

function load(file: string): Policy {
  const result = loadPolicyFile(path.join(PACKAGE_ROOT, file));
  if (!result.policy) throw new Error(`${file} does not load`);
  return result.policy;
}

const MINIMAL = load('examples/minimal/policy.yaml');
const EXAMPLE = load('examples/apisecurity/policy.yaml');

/** A copy of `base` changed by `edit` (the policies are plain JSON). */
function edited(base: Policy, edit: (p: Policy) => void): Policy {
  const copy = structuredClone(base);
  edit(copy);
  return copy;
}

const purpose = (p: Policy, id: string) => p.purposes.find((x) => x.id === id)!;
const brief = (c: PolicyChange) => [c.area, c.type, c.path, c.item, c.material, c.rule];

describe('diffPolicies: one row per kind of change', () => {
  it.each<[string, Policy, (p: Policy) => void, unknown[][]]>([
    ['nothing', MINIMAL, () => {}, []],
    [
      'the edition label and date only',
      MINIMAL,
      (p) => {
        p.version = '2027-01';
        p.lastModified = '2027-01-02';
      },
      [],
    ],
    [
      'wording only: a purpose description',
      MINIMAL,
      (p) => {
        purpose(p, 'orders').description = 'We bake and deliver what you order, using your address.';
      },
      [['wording', 'changed', 'purposes.orders.description', 'description', false, null]],
    ],
    [
      'a new purpose',
      MINIMAL,
      (p) => {
        p.purposes.push({ ...structuredClone(purpose(p, 'orders')), id: 'reviews', title: 'Reviews' });
      },
      [['purpose', 'added', 'purposes', 'reviews', true, 'new_purpose']],
    ],
    [
      'a purpose dropped',
      MINIMAL,
      (p) => {
        p.purposes = p.purposes.filter((x) => x.id !== 'allergies');
      },
      [['purpose', 'removed', 'purposes', 'allergies', false, null]],
    ],
    [
      'a new data category for a purpose',
      MINIMAL,
      (p) => {
        purpose(p, 'orders').categories.push('contact.email');
      },
      [['data_category', 'added', 'purposes.orders.categories', 'contact.email', true, 'new_category']],
    ],
    [
      'a data category dropped',
      MINIMAL,
      (p) => {
        purpose(p, 'orders').categories = purpose(p, 'orders').categories.filter(
          (c) => c !== 'contact.phone',
        );
      },
      [['data_category', 'removed', 'purposes.orders.categories', 'contact.phone', false, null]],
    ],
    [
      'a new processor (reported once, not again per purpose)',
      MINIMAL,
      (p) => {
        p.processors.push({
          ...structuredClone(p.processors[0]!),
          id: 'mailer',
          name: 'Mailer Inc',
          countries: ['US'],
        });
        purpose(p, 'orders').processors.push('mailer');
      },
      [['processor', 'added', 'processors', 'mailer', true, 'new_processor']],
    ],
    [
      'a known processor used by one more purpose',
      MINIMAL,
      (p) => {
        purpose(p, 'allergies').processors.push('courier');
      },
      [['processor', 'added', 'purposes.allergies.processors', 'courier', true, 'new_processor']],
    ],
    [
      'a processor in a new country',
      MINIMAL,
      (p) => {
        p.processors[0]!.countries.push('US');
      },
      [['country', 'added', 'processors.courier.countries', 'US', true, 'new_country']],
    ],
    [
      'a processor leaving a country',
      EXAMPLE,
      (p) => {
        p.processors.find((x) => x.id === 'xero')!.countries = ['NZ'];
      },
      [['country', 'removed', 'processors.xero.countries', 'US', false, null]],
    ],
    [
      'a transfer introduced',
      MINIMAL,
      (p) => {
        p.processors[0]!.transfer = { mechanism: 'scc', sccModule: 2 };
      },
      [['transfer', 'added', 'processors.courier.transfer', 'mechanism', true, 'new_country']],
    ],
    [
      'a transfer safeguard changed',
      EXAMPLE,
      (p) => {
        p.processors.find((x) => x.id === 'stripe')!.transfer = { mechanism: 'dpf', reference: 'DPF List' };
      },
      [
        ['transfer', 'changed', 'processors.stripe.transfer', 'mechanism', true, 'new_country'],
        ['wording', 'removed', 'processors.stripe.transfer.sccModule', 'sccModule', false, null],
        ['wording', 'changed', 'processors.stripe.transfer.reference', 'reference', false, null],
      ],
    ],
    [
      'a new recipient',
      EXAMPLE,
      (p) => {
        p.recipients.push({ ...structuredClone(p.recipients[0]!), id: 'auditors', name: 'Auditors' });
        purpose(p, 'accounting').recipients.push('auditors');
      },
      [['recipient', 'added', 'recipients', 'auditors', true, 'new_processor']],
    ],
    [
      'a recipient receiving one more category',
      EXAMPLE,
      (p) => {
        p.recipients.find((r) => r.id === 'lawyers')!.categories.push('billing.invoice');
      },
      [['data_category', 'added', 'recipients.lawyers.categories', 'billing.invoice', true, 'new_category']],
    ],
    [
      'a changed legal basis',
      MINIMAL,
      (p) => {
        purpose(p, 'orders').legalBasis = 'legitimate_interest';
        purpose(p, 'orders').legitimateInterest = 'Baking.';
      },
      [
        ['legal_basis', 'changed', 'purposes.orders.legalBasis', 'legalBasis', true, 'changed_legal_basis'],
        ['wording', 'added', 'purposes.orders.legitimateInterest', 'legitimateInterest', false, null],
      ],
    ],
  ])('%s', (_name, base, edit, expected) => {
    const diff = diffPolicies(base, edited(base, edit));
    expect(diff.changes.map(brief)).toEqual(expected);
    expect(diff.material).toBe(expected.some((row) => row[4] === true));
  });
});

describe('diffPolicies: retention', () => {
  const withRetention = (duration: string, anchor = 'relationship_ended') =>
    edited(MINIMAL, (p) => {
      purpose(p, 'orders').retention = { anchor, duration };
    });

  it.each<[string, string, string, boolean | null]>([
    ['longer', 'P3M', 'P4M', true],
    ['shorter', 'P3M', 'P2M', false],
    ['the same period written otherwise', 'P1Y', 'P12M', null],
    ['maybe longer (a month against 30 days)', 'P30D', 'P1M', true],
    ['longer across units', 'P3M', 'P100D', true],
    ['shorter across units', 'P3M', 'P80D', false],
  ])('%s: %s → %s', (_name, before, after, material) => {
    const diff = diffPolicies(withRetention(before), withRetention(after));
    if (material === null) return expect(diff.changes).toEqual([]);
    expect(diff.changes.map(brief)).toEqual([
      [
        'retention',
        'changed',
        'purposes.orders.retention',
        'retention',
        material,
        material ? 'longer_retention' : null,
      ],
    ]);
  });

  it('counts another anchor as longer (nobody can promise it is not)', () => {
    const diff = diffPolicies(withRetention('P3M'), withRetention('P3M', 'collected'));
    expect(diff.changes.map(brief)).toEqual([
      ['retention', 'changed', 'purposes.orders.retention', 'retention', true, 'longer_retention'],
    ]);
  });

  it('a legal obligation kept longer is material for the purposes it holds', () => {
    const diff = diffPolicies(
      MINIMAL,
      edited(MINIMAL, (p) => {
        p.legalObligations[0]!.duration = 'P10Y';
      }),
    );
    expect(diff.changes).toMatchObject([
      { area: 'retention', path: 'legalObligations.bookkeeping', material: true, purposes: ['orders'] },
    ]);
  });
});

describe('diffPolicies: classification by amendments.materialChanges', () => {
  const newCountry = (p: Policy) => {
    p.processors[0]!.countries.push('US');
  };

  it('a flag switched off in both editions makes that kind of change non-material', () => {
    const off = edited(MINIMAL, (p) => {
      p.amendments.materialChanges.new_country = false;
    });
    const diff = diffPolicies(off, edited(off, newCountry));
    expect(diff.changes.map(brief)).toEqual([
      ['country', 'added', 'processors.courier.countries', 'US', false, 'new_country'],
    ]);
    expect(diff.material).toBe(false);
  });

  it('an edition cannot switch the rule off for its own change', () => {
    const after = edited(MINIMAL, (p) => {
      newCountry(p);
      p.amendments.materialChanges.new_country = false;
    });
    const diff = diffPolicies(MINIMAL, after);
    expect(diff.material).toBe(true);
    expect(diff.changes.find((c) => c.area === 'country')?.material).toBe(true);
  });

  it('says each change in one plain sentence, and names the purposes it touches', () => {
    const after = edited(EXAMPLE, (p) => {
      p.recipients.push({ ...structuredClone(p.recipients[0]!), id: 'ad_network', name: 'Ad Network Ltd' });
      purpose(p, 'consent_marketing').recipients.push('ad_network');
      purpose(p, 'consent_marketing').categories.push('contact.phone');
    });
    const changes = diffPolicies(EXAMPLE, after).changes;
    expect(changes.map((c) => [c.summary, c.purposes])).toEqual([
      ['“Marketing after you gave consent” now also uses your telephone number.', ['consent_marketing']],
      ['New recipient: Ad Network Ltd in United States.', ['consent_marketing']],
    ]);
  });
});
