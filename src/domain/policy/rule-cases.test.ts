/**
 * Branches of the rules that the one fixture pair per rule does not reach. Each case edits the shared
 * base policy (test/fixtures/policy/base.yaml) and states which rule findings it must produce.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { loadPolicyText } from './load.js';
import { runRules } from './rules/index.js';
import type { Rule } from './rules/types.js';
import type { Policy, PolicyInput } from './schema.js';

type Doc = PolicyInput;
type Purpose = Doc['purposes'][number];
type Processor = NonNullable<Doc['processors']>[number];
type Table = NonNullable<Doc['datasets']>[number]['tables'][number];
const BASE = fs.readFileSync(
  path.resolve(import.meta.dirname, '../../../test/fixtures/policy/base.yaml'),
  'utf8',
);

function findings(edit: (doc: Doc) => void): string[] {
  const doc = parse(BASE) as Doc;
  edit(doc);
  const { policy, diagnostics } = loadPolicyText(stringify(doc), 'case.yaml');
  expect(policy, JSON.stringify(diagnostics)).toBeDefined();
  return diagnostics.map((d) => `${d.rule}: ${d.message}`);
}

const support = (doc: Doc): Purpose => doc.purposes[0]!;
const processor = (extra: Partial<Processor>): Processor => ({
  id: 'p',
  name: 'P',
  services: ['other'],
  countries: ['DE'],
  dpa: { reference: 'x' },
  ...extra,
});
const withProcessor = (extra: Partial<Processor>) => (doc: Doc) => {
  doc.processors = [processor(extra)];
  support(doc).processors = ['p'];
};

describe('transfer-without-mechanism', () => {
  it.each<[Partial<Processor>, string[]]>([
    [{ countries: ['MT'] }, []],
    [{ countries: ['US'], transfer: { mechanism: 'dpf' } }, []],
    [
      { countries: ['IN'], transfer: { mechanism: 'dpf' } },
      ['the Data Privacy Framework covers only the United States'],
    ],
    [{ countries: ['US'], transfer: { mechanism: 'adequacy' } }, ['US is not in the adequacy list']],
    [{ countries: ['US'], transfer: { mechanism: 'scc' } }, ['name the SCC module']],
    [{ countries: ['US'], transfer: { mechanism: 'none' } }, ['no transfer mechanism']],
    [{ countries: ['GB', 'JP'] }, []],
  ])('%j', (extra, expected) => {
    const out = findings(withProcessor(extra));
    expect(out).toHaveLength(expected.length);
    for (const [i, text] of expected.entries()) expect(out[i]).toContain(text);
  });

  it('does not apply to a controller without a transfer regime', () => {
    expect(
      findings((doc) => {
        withProcessor({ countries: ['US'] })(doc);
        doc.controller.jurisdictions = ['us'];
      }),
    ).toEqual([]);
  });

  it('follows a custom adequacy list, and the home region always counts', () => {
    const edit = (doc: Doc) => {
      withProcessor({ countries: ['DE', 'JP'] })(doc);
      doc.adequacy = ['CH'];
    };
    expect(findings(edit)).toEqual([expect.stringContaining("processor 'p' processes data in JP")]);
  });

  it('checks recipients too', () => {
    const out = findings((doc) => {
      doc.recipients = [{ id: 'r', name: 'R', kind: 'contractor', description: 'd', countries: ['US'] }];
      support(doc).recipients = ['r'];
    });
    expect(out).toEqual([expect.stringContaining("transfer-without-mechanism: recipient 'r'")]);
  });
});

describe('special-category-condition', () => {
  const special =
    (basis: Partial<Purpose>, condition?: Purpose['specialCategoryCondition']) => (doc: Doc) => {
      Object.assign(support(doc), basis, { categories: ['special.health'] });
      if (condition) support(doc).specialCategoryCondition = condition;
    };
  it('refuses legitimate interest with a condition that presupposes a duty', () => {
    expect(findings(special({}, 'substantial_public_interest'))).toEqual([
      expect.stringContaining('no Art. 9 ground'),
    ]);
  });
  it('accepts legitimate interest beside legal claims', () => {
    expect(findings(special({}, 'legal_claims'))).toEqual([]);
  });
  it('refuses explicit_consent on another basis', () => {
    expect(findings(special({ legalBasis: 'contract' }, 'explicit_consent'))).toEqual([
      expect.stringContaining('explicit_consent needs legalBasis consent'),
    ]);
  });
  it('sees special categories declared by the file through their parent', () => {
    const out = findings((doc) => {
      doc.dataCategories = [{ id: 'special.health.allergies', title: 'Allergies' }];
      support(doc).categories = ['special.health.allergies'];
    });
    expect(out).toEqual([expect.stringContaining("special-category data 'special.health.allergies'")]);
  });
});

describe('datasets', () => {
  const table = (extra: Partial<Table>): Table => ({
    name: 't',
    purposes: ['support'],
    primaryKey: 'id',
    fields: {},
    erasure: { strategy: 'delete' },
    ...extra,
  });
  const withTables =
    (...tables: Table[]) =>
    (doc: Doc) => {
      doc.datasets = [{ id: 'db', title: 'DB', kind: 'postgres', connection: { env: 'DB_URL' }, tables }];
    };

  it('refuses a table that references itself', () => {
    const out = findings(withTables(table({ relations: [{ column: 'parent_id', references: 't.id' }] })));
    expect(out).toEqual([expect.stringContaining('relations form a cycle (t → t)')]);
  });

  it('refuses a relation to a table the dataset does not have', () => {
    const out = findings(withTables(table({ relations: [{ column: 'x_id', references: 'x.id' }] })));
    expect(out).toEqual([expect.stringContaining("table 'x' is not declared")]);
  });

  it('treats a calendar-dependent retention as longer, and a covering legal hold as allowed', () => {
    const ambiguous = (doc: Doc) => {
      support(doc).retention.duration = 'P3M';
      withTables(table({ retention: { anchor: 'created_at', duration: 'P90D' } }))(doc);
    };
    expect(findings(ambiguous)).toEqual([expect.stringContaining('keeps rows P90D')]);
    const held = (doc: Doc) => {
      withTables(table({ retention: { anchor: 'issued_at', duration: 'P10Y' }, legalHold: 'tax' }))(doc);
      doc.legalObligations = [
        {
          id: 'tax',
          title: 'Tax',
          law: 'Tax code',
          categories: ['contact.email'],
          duration: 'P10Y',
          anchor: 'column:issued_at',
          restrictedTo: 'Tax audits',
        },
      ];
    };
    expect(findings(held)).toEqual([]);
  });

  it('reports duplicate table names within a dataset', () => {
    expect(findings(withTables(table({}), table({})))).toEqual([
      expect.stringContaining("table 't' is declared more than once"),
    ]);
  });
});

describe('forms', () => {
  const form = (extra: Partial<NonNullable<Doc['forms']>[number]>) => (doc: Doc) => {
    doc.forms = [
      {
        id: 'f',
        title: 'F',
        kind: 'feedback',
        purpose: 'support',
        anonymous: false,
        fields: [{ name: 'q', label: 'Q', type: 'text' }],
        ...extra,
      },
    ];
  };
  it('refuses an email field on an anonymous form', () => {
    const out = findings(form({ anonymous: true, fields: [{ name: 'e', label: 'E', type: 'email' }] }));
    expect(out).toEqual([expect.stringContaining('asks for an email address')]);
  });
  it('refuses consent checkboxes on an anonymous form', () => {
    const out = findings((doc) => {
      form({ anonymous: true, consents: ['support'] })(doc);
    });
    expect(out).toEqual([expect.stringContaining('is anonymous and cannot record consent')]);
  });
  it('refuses a form field category its purpose does not declare', () => {
    const out = findings(
      form({ fields: [{ name: 'p', label: 'Phone', type: 'text', category: 'contact.phone' }] }),
    );
    expect(out).toEqual([
      expect.stringContaining("collects 'contact.phone', which its purpose 'support' does not declare"),
    ]);
  });
});

describe('other branches', () => {
  it('sale-contradiction covers recipients, and is silent when the controller sells', () => {
    const recipient = (doc: Doc) => {
      doc.recipients = [{ id: 'r', name: 'R', kind: 'other', description: 'd', share: true }];
      support(doc).recipients = ['r'];
    };
    expect(findings(recipient)).toEqual([expect.stringContaining("recipient 'r' has share: true")]);
    expect(
      findings((doc) => {
        recipient(doc);
        doc.controller.sellsPersonalData = true;
      }),
    ).toEqual([]);
  });

  it('rights-incomplete asks California sellers for the opt-out', () => {
    const out = findings((doc) => {
      doc.controller.jurisdictions = ['us-ca'];
      doc.controller.sellsPersonalData = true;
      doc.rights.deadlines = { 'us-ca': { respond: 'P45D', extension: 'P45D' } };
      support(doc).sale = true;
    });
    expect(out).toEqual([expect.stringContaining('lacks opt_out_sale')]);
  });

  it('invalid-duration accepts "session" for cookies only', () => {
    const website = (duration: string) => (doc: Doc) => {
      Object.assign(support(doc), { legalBasis: 'consent', consent: { withdrawal: ['banner'] } });
      support(doc).website = {
        cookieCategory: 'analytics',
        thirdParty: false,
        cookies: [{ name: 'c', duration }],
      };
    };
    expect(findings(website('session'))).toEqual([]);
    expect(findings(website('forever'))).toEqual([
      expect.stringContaining("cookie 'c': 'forever' is not an ISO 8601"),
    ]);
    expect(findings((doc) => (doc.rights.deadlines.eu!.respond = '1 month'))).toEqual([
      expect.stringContaining("rights deadline 'eu': '1 month'"),
    ]);
  });

  it('undefined-reference checks the marketing relationship against relationshipKinds', () => {
    const out = findings((doc) => {
      support(doc).marketing = {
        channel: 'email',
        optOut: ['unsubscribe_link'],
        audience: { kind: 'relationship', relationship: 'visitor', active: true },
      };
    });
    expect(out).toEqual([expect.stringContaining("relationship kind 'visitor' is not declared")]);
  });

  it('duplicate-id refuses redefining a built-in category', () => {
    const out = findings((doc) => (doc.dataCategories = [{ id: 'contact.email', title: 'Mail' }]));
    expect(out).toEqual([expect.stringContaining("data category 'contact.email' is already built in")]);
  });

  it('a rule that throws becomes a finding instead of hiding the others', () => {
    const broken: Rule = {
      id: 'broken',
      severity: 'warning',
      description: 'd',
      check: () => {
        throw new Error('boom');
      },
    };
    const policy = loadPolicyText(BASE).policy as Policy;
    expect(runRules(policy, [broken])).toEqual([
      { path: [], message: 'rule failed: boom', rule: 'broken', severity: 'error', atKey: false },
    ]);
  });
});
