import { describe, expect, it } from 'vitest';
import { type Policy, PolicySchema } from '../policy/schema.js';
import { type AccessExportInput, buildAccessExport, listAccessExportFiles } from './access-export.js';
import type { AccessSummary } from './access-summary.js';
import { renderAccessSummaryHtml } from './access-summary-html.js';
import { createZip } from './zip.js';

const POLICY: Policy = PolicySchema.parse({
  steward: 1,
  controller: {
    name: 'Lindqvist Bageri',
    legalName: 'Lindqvist Bageri AB',
    address: ['Storgatan 1', '111 22 Stockholm'],
    country: 'SE',
    website: 'https://bageri.example',
    email: 'integritet@bageri.example',
    jurisdictions: ['eu'],
    sellsPersonalData: false,
  },
  purposes: [
    {
      id: 'orders',
      title: 'Delivering your orders',
      description: 'We bake and deliver what you order.',
      legalBasis: 'contract',
      subjects: ['customer'],
      categories: ['identity.name', 'contact.email', 'billing.invoice'],
      retention: { anchor: 'relationship_ended', duration: 'P3M' },
    },
    {
      id: 'newsletter',
      title: 'Newsletter',
      description: 'News from the bakery.',
      legalBasis: 'consent',
      subjects: ['customer'],
      categories: ['contact.email'],
      retention: { anchor: 'consent_withdrawn', duration: 'P0D' },
    },
  ],
  recipients: [
    { id: 'police', name: 'Polismyndigheten', kind: 'authority', description: 'When the law requires.' },
  ],
  rights: {
    offered: ['access', 'erasure', 'complaint'],
    deadlines: { eu: { respond: 'P1M', extension: 'P2M' } },
  },
  amendments: { notify: ['website_notice'], noticePeriod: 'P14D' },
  datasets: [
    {
      id: 'shop',
      title: 'Web shop',
      kind: 'sqlite',
      connection: { env: 'SHOP_DB' },
      tables: [
        {
          name: 'customers',
          purposes: ['orders'],
          primaryKey: 'id',
          identity: { email: 'email' },
          fields: { email: 'contact.email', name: 'identity.name', alias: 'identity.name' },
          erasure: { strategy: 'delete' },
        },
        {
          name: 'invoices',
          purposes: ['orders'],
          primaryKey: 'id',
          fields: { total: 'billing.invoice' },
          relations: [{ column: 'customer_id', references: 'customers.id' }],
          erasure: { strategy: 'delete' },
        },
      ],
    },
  ],
});

const GENERATED = new Date('2026-05-06T07:08:10Z');

function input(patch: Partial<AccessExportInput> = {}): AccessExportInput {
  return {
    policy: POLICY,
    requestId: 'dsr_01EXPORT',
    subjectId: 'sub_01PERSON',
    generatedAt: GENERATED,
    // Deliberately out of order: the archive sorts tables by dataset and name.
    found: [
      { dataset: 'shop', table: 'invoices', purposes: ['orders'], rows: [{ id: 7, total: '12.50' }] },
      {
        dataset: 'shop',
        table: 'customers',
        purposes: ['orders'],
        rows: [
          {
            id: 9007199254740993n,
            email: 'anna@example.se',
            photo: Buffer.from('hi'),
            created: new Date('2025-01-02T03:04:05Z'),
            note: null,
          },
        ],
      },
    ],
    consentEvents: [{ id: 'cns_1', purpose: 'newsletter', action: 'grant' }],
    disclosures: [
      {
        recipient: 'police',
        categories: ['identity.name'],
        basis: 'Court order B 123-26',
        disclosedAt: '2026-04-01T09:00:00.000Z',
      },
    ],
    ...patch,
  };
}

const text = (files: ReturnType<typeof listAccessExportFiles>, name: string): string => {
  const file = files.find((f) => f.name === name);
  if (!file) throw new Error(`no ${name} in the export`);
  return file.data.toString();
};

describe('buildAccessExport', () => {
  const files = listAccessExportFiles(input());

  it('holds the README, both summaries, one file per table and the consent ledger, all dated', () => {
    expect(files.map((f) => f.name)).toEqual([
      'README.txt',
      'summary.html',
      'summary.json',
      'data/shop/customers.json',
      'data/shop/invoices.json',
      'consent-ledger.json',
    ]);
    expect(files.every((f) => f.modified?.getTime() === GENERATED.getTime())).toBe(true);
  });

  it('writes the rows as pretty JSON, with bigint as text and binary as base64', () => {
    expect(text(files, 'data/shop/customers.json')).toBe(
      `[
  {
    "id": "9007199254740993",
    "email": "anna@example.se",
    "photo": {
      "base64": "aGk="
    },
    "created": "2025-01-02T03:04:05.000Z",
    "note": null
  }
]
`,
    );
    expect(text(files, 'data/shop/invoices.json')).toBe(
      '[\n  {\n    "id": 7,\n    "total": "12.50"\n  }\n]\n',
    );
    expect(text(files, 'consent-ledger.json')).toBe(
      '[\n  {\n    "id": "cns_1",\n    "purpose": "newsletter",\n    "action": "grant"\n  }\n]\n',
    );
  });

  it('explains every file in the README', () => {
    expect(text(files, 'README.txt')).toBe(
      [
        'Copy of your personal data held by Lindqvist Bageri AB',
        '',
        'Request: dsr_01EXPORT',
        'Your reference with us: sub_01PERSON',
        'Prepared: 2026-05-06T07:08:10.000Z',
        '',
        'This archive answers your request for access (GDPR Art. 15). It contains:',
        '',
        'summary.html',
        '  What we do with your data: purposes, legal bases, categories, recipients and transfers abroad,',
        '  how long we keep them, where they come from, and your rights. Open it in a web browser.',
        'summary.json',
        '  The same information in JSON, for use by a program.',
        'data/shop/customers.json',
        '  Your records in the table "customers" of "Web shop" (1 record), in JSON.',
        'data/shop/invoices.json',
        '  Your records in the table "invoices" of "Web shop" (1 record), in JSON.',
        'consent-ledger.json',
        '  Every consent you gave or withdrew, as we recorded it, in JSON.',
        '',
        'Questions, corrections or further requests: integritet@bageri.example',
        '',
      ].join('\n'),
    );
  });

  it('summarises from the policy: table categories, ledger purposes and disclosures', () => {
    const summary = JSON.parse(text(files, 'summary.json')) as AccessSummary;
    expect(summary.requestId).toBe('dsr_01EXPORT');
    expect(summary.data.map((d) => [d.table, d.rowCount, d.categories.map((c) => c.id)])).toEqual([
      ['customers', 1, ['contact.email', 'identity.name']],
      ['invoices', 1, ['billing.invoice']],
    ]);
    // newsletter has no table with rows: it concerns the person through the consent ledger.
    expect(summary.purposes.map((p) => [p.id, p.dataFound])).toEqual([
      ['orders', true],
      ['newsletter', false],
    ]);
    expect(summary.disclosures).toEqual([
      {
        recipient: 'police',
        recipientName: 'Polismyndigheten',
        categories: [{ id: 'identity.name', title: 'Name' }],
        at: '2026-04-01T09:00:00.000Z',
        basis: 'Court order B 123-26',
      },
    ]);
    expect(text(files, 'summary.html')).toBe(renderAccessSummaryHtml(summary, POLICY));
  });

  it('merges repeated entries of one table and leaves the ledger out when none is given', () => {
    const base = input();
    const merged = listAccessExportFiles({
      ...base,
      consentEvents: undefined,
      found: [
        { dataset: 'shop', table: 'invoices', purposes: ['orders'], rows: [{ id: 1 }] },
        { dataset: 'shop', table: 'invoices', purposes: ['orders'], rows: [{ id: 2 }] },
      ],
    });
    expect(merged.map((f) => f.name)).toEqual([
      'README.txt',
      'summary.html',
      'summary.json',
      'data/shop/invoices.json',
    ]);
    expect(JSON.parse(text(merged, 'data/shop/invoices.json'))).toEqual([{ id: 1 }, { id: 2 }]);
    expect(text(merged, 'README.txt')).toContain('(2 records)');
    expect(text(merged, 'README.txt')).not.toContain('consent-ledger.json');
  });

  it('writes an empty ledger file when the ledger is given but empty', () => {
    expect(text(listAccessExportFiles(input({ consentEvents: [] })), 'consent-ledger.json')).toBe('[]\n');
  });

  it('zips exactly those files, deterministically', () => {
    const zip = buildAccessExport(input());
    expect(zip.equals(createZip(listAccessExportFiles(input())))).toBe(true);
    expect(zip.equals(buildAccessExport(input()))).toBe(true);
    expect(zip.equals(buildAccessExport(input({ generatedAt: new Date('2026-05-06T07:08:12Z') })))).toBe(
      false,
    );
    expect(zip.subarray(0, 4).toString('hex')).toBe('504b0304');
  });
});
