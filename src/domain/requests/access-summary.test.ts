import { describe, expect, it } from 'vitest';
import { type Policy, type PolicyInput, PolicySchema } from '../policy/schema.js';
import { buildAccessSummary, type FoundTable } from './access-summary.js';
import { renderAccessSummaryHtml } from './access-summary-html.js';

/** A German shop with a US mailer (SCCs), a processor in Germany and the UK, and a tax authority. */
function shopPolicy(patch: (p: PolicyInput) => void = () => {}): Policy {
  const input: PolicyInput = {
    steward: 1,
    language: 'en-GB',
    controller: {
      name: 'Acme Widgets',
      legalName: 'Acme Widgets GmbH',
      address: ['Hauptstraße 1', '10115 Berlin'],
      country: 'DE',
      website: 'https://acme.example',
      email: 'privacy@acme.example',
      dpo: { name: 'Dana Officer', email: 'dpo@acme.example' },
      jurisdictions: ['eu'],
      sellsPersonalData: false,
      supervisoryAuthority: { name: 'Berlin DPA', url: 'https://www.datenschutz-berlin.de' },
    },
    purposes: [
      {
        id: 'orders',
        title: 'Delivering your orders',
        description: 'We deliver what you bought.',
        legalBasis: 'contract',
        subjects: ['customer'],
        categories: ['identity.name', 'contact.email', 'billing.invoice'],
        sources: ['data_subject'],
        processors: ['mailer', 'hoster'],
        recipients: ['tax_office'],
        retention: { anchor: 'relationship_ended', duration: 'P2Y' },
        legalHolds: ['accounting'],
      },
      {
        id: 'fraud',
        title: 'Preventing fraud',
        description: 'We check orders for fraud.',
        legalBasis: 'legitimate_interest',
        legitimateInterest: 'Not being defrauded.',
        subjects: ['customer'],
        categories: ['network.ip'],
        sources: ['observed', 'third_party'],
        sourceDescription: 'Our payment provider.',
        retention: { anchor: 'collected', duration: 'P90D', description: 'Longer while a case is open.' },
        automatedDecisions: 'Orders with a high risk score are held for review.',
      },
      {
        id: 'newsletter',
        title: 'Newsletter',
        description: 'News about our widgets.',
        legalBasis: 'consent',
        subjects: ['customer'],
        categories: ['contact.email'],
        processors: ['mailer'],
        retention: { anchor: 'consent_withdrawn', duration: 'P0D' },
      },
      {
        id: 'health',
        title: 'Accessibility needs',
        description: 'We adapt deliveries.',
        legalBasis: 'consent',
        specialCategoryCondition: 'explicit_consent',
        subjects: ['customer'],
        categories: ['special.health'],
        retention: { anchor: 'consent_withdrawn', duration: 'P0D' },
      },
    ],
    processors: [
      {
        id: 'mailer',
        name: 'MailCo Inc.',
        services: ['transactional_marketing_email'],
        countries: ['US'],
        transfer: { mechanism: 'scc', sccModule: 2, reference: 'https://acme.example/scc' },
      },
      {
        id: 'hoster',
        name: 'Hoster GmbH',
        services: ['hosting_infrastructure'],
        countries: ['DE', 'GB'],
      },
    ],
    recipients: [
      {
        id: 'tax_office',
        name: 'Finanzamt Berlin',
        kind: 'authority',
        description: 'Tax audits.',
        countries: ['DE'],
      },
    ],
    legalObligations: [
      {
        id: 'accounting',
        title: 'Bookkeeping',
        law: 'HGB § 257',
        categories: ['billing.invoice'],
        duration: 'P10Y',
        anchor: 'event:financial_year_end',
        restrictedTo: 'Accounting and tax audits.',
      },
    ],
    rights: {
      offered: ['access', 'rectification', 'erasure', 'objection', 'withdraw_consent', 'complaint'],
      deadlines: { eu: { respond: 'P1M', extension: 'P2M' } },
    },
    amendments: { notify: ['website_notice'], noticePeriod: 'P30D' },
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
            fields: { email: 'contact.email', name: 'identity.name' },
            erasure: { strategy: 'delete' },
          },
          {
            name: 'risk',
            purposes: ['fraud'],
            primaryKey: 'id',
            fields: { ip: 'network.ip' },
            erasure: { strategy: 'delete' },
          },
        ],
      },
    ],
  };
  patch(input);
  return PolicySchema.parse(input);
}

const FOUND: FoundTable[] = [
  {
    dataset: 'shop',
    table: 'customers',
    purposes: ['orders'],
    categories: ['contact.email', 'identity.name'],
    rowCount: 1,
  },
  { dataset: 'shop', table: 'risk', purposes: ['fraud'], categories: ['network.ip'], rowCount: 0 },
];

const EXTRA = {
  generatedAt: new Date('2026-03-04T05:06:07Z'),
  requestId: 'dsr_01TEST',
  relatedPurposes: ['newsletter'],
  recipientsDisclosed: [
    {
      recipient: 'tax_office',
      categories: ['billing.invoice'],
      at: '2026-02-01T10:00:00.000Z',
      basis: 'Tax audit request 2026/17',
    },
  ],
};

describe('buildAccessSummary', () => {
  const summary = buildAccessSummary(shopPolicy(), FOUND, EXTRA);

  it('confirms processing and lists the tables where rows were found', () => {
    expect(summary.format).toBe('steward.access-summary.v1');
    expect(summary.requestId).toBe('dsr_01TEST');
    expect(summary.generatedAt).toBe('2026-03-04T05:06:07.000Z');
    expect(summary.processing).toBe(true);
    expect(summary.confirmation).toBe(
      'Yes: Acme Widgets processes personal data about you. This summary says which, why, for how long and who receives them.',
    );
    expect(summary.data).toEqual([
      {
        dataset: 'shop',
        datasetTitle: 'Web shop',
        table: 'customers',
        rowCount: 1,
        categories: [
          { id: 'contact.email', title: 'Email address' },
          { id: 'identity.name', title: 'Name' },
        ],
      },
    ]);
  });

  it('lists the purposes of found rows and related purposes, in policy order, and no others', () => {
    // fraud: its table had no rows; health: neither found nor related.
    expect(summary.purposes.map((p) => [p.id, p.dataFound])).toEqual([
      ['orders', true],
      ['newsletter', false],
    ]);
  });

  it('gives legal basis, categories, retention, legal holds, sources and recipients of a purpose', () => {
    const orders = summary.purposes[0];
    expect(orders).toEqual({
      id: 'orders',
      title: 'Delivering your orders',
      description: 'We deliver what you bought.',
      dataFound: true,
      legalBasis: {
        code: 'contract',
        text: 'performance of a contract with you (GDPR Art. 6(1)(b))',
        legitimateInterest: null,
        specialCategoryCondition: null,
      },
      categories: [
        { id: 'identity.name', title: 'Name' },
        { id: 'contact.email', title: 'Email address' },
        { id: 'billing.invoice', title: 'Invoices and purchase history' },
      ],
      retention: '2 years after the customer relationship ends',
      retentionCriteria: null,
      legalHolds: [
        'Bookkeeping: 10 years after the “financial year end” event, used only for Accounting and tax audits (HGB § 257)',
      ],
      sources: ['you, when you provide them'],
      processors: [
        {
          id: 'mailer',
          name: 'MailCo Inc.',
          kind: 'processor',
          description: null,
          countries: [{ code: 'US', name: 'United States' }],
          transfers: [
            {
              country: 'US',
              countryName: 'United States',
              mechanism: 'scc',
              safeguard: 'EU Standard Contractual Clauses (Module 2)',
              reference: 'https://acme.example/scc',
            },
          ],
        },
        {
          id: 'hoster',
          name: 'Hoster GmbH',
          kind: 'processor',
          description: null,
          countries: [
            { code: 'DE', name: 'Germany' },
            { code: 'GB', name: 'United Kingdom' },
          ],
          // Germany is home (EEA); the UK has an adequacy decision.
          transfers: [
            {
              country: 'GB',
              countryName: 'United Kingdom',
              mechanism: 'adequacy',
              safeguard: 'Adequacy decision (GDPR Art. 45)',
              reference: null,
            },
          ],
        },
      ],
      recipients: [
        {
          id: 'tax_office',
          name: 'Finanzamt Berlin',
          kind: 'authority',
          description: 'Tax audits.',
          countries: [{ code: 'DE', name: 'Germany' }],
          transfers: [],
        },
      ],
      automatedDecisions: null,
    });
  });

  it('words legitimate interests, special categories, retention criteria, sources and automated decisions', () => {
    const s = buildAccessSummary(shopPolicy(), [{ ...FOUND[1]!, rowCount: 3 }], {
      ...EXTRA,
      relatedPurposes: ['health'],
    });
    const [fraud, health] = s.purposes;
    expect(fraud?.legalBasis).toEqual({
      code: 'legitimate_interest',
      text: 'our legitimate interests (GDPR Art. 6(1)(f))',
      legitimateInterest: 'Not being defrauded.',
      specialCategoryCondition: null,
    });
    expect([fraud?.retention, fraud?.retentionCriteria]).toEqual([
      '90 days after we collect them',
      'Longer while a case is open.',
    ]);
    expect(fraud?.sources).toEqual([
      'our systems, when you use our services',
      'third parties',
      'Our payment provider',
    ]);
    expect(fraud?.automatedDecisions).toBe('Orders with a high risk score are held for review.');
    expect(health?.legalBasis.specialCategoryCondition).toBe('your explicit consent (GDPR Art. 9(2)(a))');
    expect(health?.categories).toEqual([
      { id: 'special.health', title: 'Health data (special category, GDPR Art. 9)' },
    ]);
    expect(health?.retention).toBe('until you withdraw your consent');
  });

  it('lists disclosures, the safeguards used, rights, the complaint and the contact', () => {
    expect(summary.disclosures).toEqual([
      {
        recipient: 'tax_office',
        recipientName: 'Finanzamt Berlin',
        categories: [{ id: 'billing.invoice', title: 'Invoices and purchase history' }],
        at: '2026-02-01T10:00:00.000Z',
        basis: 'Tax audit request 2026/17',
      },
    ]);
    expect(summary.safeguards.map((s) => [s.mechanism, s.name])).toEqual([
      ['adequacy', 'Adequacy decision (GDPR Art. 45)'],
      ['scc', 'EU Standard Contractual Clauses'],
    ]);
    expect(summary.rights.map((r) => r.right)).toEqual([
      'access',
      'rectification',
      'erasure',
      'objection',
      'withdraw_consent',
    ]);
    expect(summary.rights[1]).toEqual({
      right: 'rectification',
      name: 'Correction',
      text: 'have inaccurate data corrected and incomplete data completed (Art. 16).',
    });
    expect(summary.complaint.authority).toEqual({
      name: 'Berlin DPA',
      url: 'https://www.datenschutz-berlin.de',
    });
    expect(summary.complaint.text).toMatch(/^lodge a complaint with a data protection supervisory authority/);
    expect(summary.howToExercise).toBe(
      'To exercise any of these rights, write to us at privacy@acme.example. Requests are free of charge.',
    );
    expect(summary.controller).toEqual({
      name: 'Acme Widgets',
      legalName: 'Acme Widgets GmbH',
      address: ['Hauptstraße 1', '10115 Berlin'],
      email: 'privacy@acme.example',
      phone: null,
      website: 'https://acme.example',
      dpo: { name: 'Dana Officer', email: 'dpo@acme.example' },
    });
  });

  it('says no when nothing was found, and still states the complaint right without an authority', () => {
    const policy = shopPolicy((p) => {
      p.controller.supervisoryAuthority = undefined;
      p.rights.offered = ['access'];
    });
    const none = buildAccessSummary(policy, [{ ...FOUND[0]!, rowCount: 0 }], {
      generatedAt: EXTRA.generatedAt,
      requestId: 'dsr_02',
    });
    expect(none.processing).toBe(false);
    expect(none.confirmation).toBe(
      'No: Acme Widgets found no personal data about you in the systems named in its privacy policy.',
    );
    expect([none.data, none.purposes, none.disclosures, none.safeguards]).toEqual([[], [], [], []]);
    expect(none.rights.map((r) => r.right)).toEqual(['access']);
    expect(none.complaint.authority).toBeNull();
  });

  it('is JSON: serialising and parsing gives the same value', () => {
    expect(JSON.parse(JSON.stringify(summary))).toEqual(summary);
  });
});

describe('renderAccessSummaryHtml', () => {
  it('renders a complete page with every section of the summary', () => {
    const policy = shopPolicy();
    const html = renderAccessSummaryHtml(buildAccessSummary(policy, FOUND, EXTRA), policy);
    expect(html.startsWith('<!doctype html>\n<html lang="en-GB">')).toBe(true);
    expect(html).toContain('<title>Your personal data · Acme Widgets</title>');
    expect(html).toContain('<h1>Your personal data</h1>');
    expect(html).toContain('<p>Request dsr_01TEST, prepared on 4 March 2026 at 05:06 (UTC).</p>');
    const headings = [...html.matchAll(/<(h[1-6])[^>]*>(.*?)<\/h[1-6]>/g)].map((m) => `${m[1]} ${m[2]}`);
    expect(headings).toEqual([
      'h1 Your personal data',
      'h2 Do we process your personal data?',
      'h2 The data we hold about you',
      'h2 Why we process them',
      'h3 Delivering your orders',
      'h3 Newsletter',
      'h2 Transfers to other countries',
      'h2 Who received your data',
      'h2 Automated decisions',
      'h2 Your rights',
      'h2 Contact',
    ]);
    expect(html).toContain(
      '<tr><td>MailCo Inc.</td><td>United States</td><td>EU Standard Contractual Clauses (Module 2)</td><td><a href="https://acme.example/scc">https://acme.example/scc</a></td></tr>',
    );
    expect(html).toContain(
      '<tr><td>1 February 2026</td><td>Finanzamt Berlin</td><td>Invoices and purchase history</td><td>Tax audit request 2026/17</td></tr>',
    );
    expect(html).toContain(
      '<tr><td>Web shop</td><td>customers</td><td>1</td><td>Email address; Name</td></tr>',
    );
    expect(html).toContain(
      '<li><strong>Processors acting for us:</strong> MailCo Inc. (United States); Hoster GmbH (Germany and United Kingdom)</li>',
    );
    expect(html).toContain(
      'Our lead authority is <a href="https://www.datenschutz-berlin.de">Berlin DPA</a>.',
    );
    expect(html).toContain(
      '<li><strong>Data protection officer:</strong> Dana Officer, <a href="mailto:dpo@acme.example">dpo@acme.example</a></li>',
    );
    expect(html).toContain(
      '<li><strong>How long we keep them:</strong> 2 years after the customer relationship ends.</li>',
    );
    // The public pages' CSP allows the stylesheet by hash: no script, no style attribute.
    expect(html).not.toMatch(/<script|style=/);
  });

  it('escapes every string that comes from the policy or the register', () => {
    const policy = shopPolicy((p) => {
      const orders = p.purposes[0]!;
      orders.title = '<script>alert(1)</script>';
      orders.description = 'A & B "quoted" \'single\'';
    });
    const summary = buildAccessSummary(policy, FOUND, {
      ...EXTRA,
      requestId: 'dsr_<b>',
      recipientsDisclosed: [{ ...EXTRA.recipientsDisclosed[0]!, basis: '<img src=x onerror=alert(1)>' }],
    });
    const html = renderAccessSummaryHtml(summary, policy);
    expect(html).not.toMatch(/<script|<img|<b>/);
    expect(html).toContain('>&lt;script&gt;alert(1)&lt;/script&gt;</h3>');
    expect(html).toContain('<p>A &amp; B &quot;quoted&quot; &#39;single&#39;</p>');
    expect(html).toContain('<td>&lt;img src=x onerror=alert(1)&gt;</td>');
    expect(html).toContain('Request dsr_&lt;b&gt;,');
  });
});
