import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPolicyFile } from '../load.js';
import { type Policy, type PolicyInput, PolicySchema } from '../schema.js';
import { buildPolicyDocument, renderPolicy } from './index.js';
import type { Block } from './model.js';

/** A small policy of a company that is not the example one, exercising every section of the renderer. */
function samplePolicy(patch: (p: PolicyInput) => void = () => {}): Policy {
  const input: PolicyInput = {
    steward: 1,
    version: '2026-01',
    language: 'en-GB',
    lastModified: '2026-01-15',
    controller: {
      name: 'Acme Widgets',
      legalName: 'Acme Widgets GmbH',
      address: ['Hauptstraße 1', '10115 Berlin', 'Germany'],
      country: 'DE',
      website: 'https://acme.example',
      email: 'privacy@acme.example',
      dpo: { name: 'Dana Officer', email: 'dpo@acme.example' },
      euRepresentative: { name: 'Rep Ltd', address: ['1 Rue X', 'Paris'], email: 'rep@rep.example' },
      jurisdictions: ['eu', 'us-ca'],
      sellsPersonalData: false,
      supervisoryAuthority: { name: 'Berlin DPA', url: 'https://www.datenschutz-berlin.de' },
    },
    purposes: [
      {
        id: 'customer_contract',
        title: 'You become a customer',
        description: 'We deliver what you bought.\n\nWe also manage the customer relationship.',
        legalBasis: 'contract',
        subjects: ['customer'],
        categories: ['contact.email', 'billing.address', 'tax.id'],
        sources: ['data_subject'],
        processors: ['mailer', 'hoster'],
        retention: { anchor: 'relationship_ended', duration: 'P2Y' },
        legalHolds: ['accounting'],
        required: { kind: 'contract_prerequisite', consequence: 'Without them we cannot sell to you.' },
      },
      {
        id: 'customer_marketing',
        title: 'Marketing to customers',
        description: 'News about your subscription.',
        legalBasis: 'legitimate_interest',
        legitimateInterest: 'Telling our customers about similar products (soft opt-in).',
        subjects: ['customer'],
        categories: ['identity.name', 'contact.email'],
        marketing: {
          channel: 'email',
          optOut: ['unsubscribe_link', 'one_click'],
          audience: { kind: 'relationship', relationship: 'customer', active: true },
        },
        retention: { anchor: 'relationship_ended', duration: 'P0D' },
      },
      {
        id: 'newsletter',
        title: 'Newsletter after consent',
        description: 'Offers you asked for.',
        legalBasis: 'consent',
        subjects: ['prospect', 'customer'],
        categories: ['contact.email'],
        consent: { withdrawal: ['privacy_center', 'email_link', 'support'] },
        marketing: { channel: 'email', optOut: ['unsubscribe_link'], audience: { kind: 'consent' } },
        retention: { anchor: 'consent_withdrawn', duration: 'P30D' },
      },
      {
        id: 'security',
        title: 'Keeping the website secure',
        description: 'Logs of requests.',
        legalBasis: 'legitimate_interest',
        legitimateInterest: 'Protecting our services against attacks.',
        subjects: ['visitor'],
        categories: ['network.ip', 'device.user_agent'],
        sources: ['observed'],
        retention: { anchor: 'collected', duration: 'P90D' },
      },
      {
        id: 'analytics',
        title: 'Website analytics',
        description: 'Which pages are read.',
        legalBasis: 'consent',
        subjects: ['visitor'],
        categories: ['usage.behaviour', 'device.identifier'],
        processors: ['tracker'],
        consent: { withdrawal: ['banner'] },
        website: {
          cookieCategory: 'analytics',
          thirdParty: true,
          cookies: [
            { name: '_trk', provider: 'Tracker Inc', duration: 'P13M', description: 'Counts visits.' },
          ],
        },
        retention: { anchor: 'collected', duration: 'P14M' },
      },
    ],
    processors: [
      {
        id: 'mailer',
        name: 'Mailer Corp',
        services: ['transactional_marketing_email', 'email_calendar_meetings'],
        countries: ['US'],
        transfer: { mechanism: 'scc', sccModule: 2, reference: 'https://mailer.example/dpa' },
        dpa: { reference: 'DPA 2025' },
      },
      {
        id: 'hoster',
        name: 'Hoster AG',
        services: ['hosting_infrastructure'],
        countries: ['DE'],
        dpa: { reference: 'AVV' },
      },
      {
        id: 'tracker',
        name: 'Tracker Inc',
        services: ['logs_security_analytics'],
        countries: ['US', 'GB'],
        transfer: { mechanism: 'dpf' },
        dpa: { reference: 'DPA' },
      },
    ],
    recipients: [
      { id: 'accountant', name: 'Tax & Co', kind: 'contractor', description: 'Our accountants.' },
      { id: 'tax_office', name: 'Finanzamt', kind: 'authority', description: 'When the law requires it.' },
    ],
    legalObligations: [
      {
        id: 'accounting',
        title: 'Accounting records',
        law: '§ 147 AO, § 257 HGB',
        categories: ['billing.invoice'],
        duration: 'P10Y',
        anchor: 'column:invoice_date',
        restrictedTo: 'accounting and tax audits',
      },
    ],
    rights: {
      offered: [
        'access',
        'rectification',
        'erasure',
        'restriction',
        'portability',
        'objection',
        'withdraw_consent',
        'complaint',
      ],
      deadlines: {
        eu: { respond: 'P1M', extension: 'P2M' },
        'us-ca': { respond: 'P45D', extension: 'P45D', acknowledge: 'P10D', acknowledgeCalendar: 'business' },
      },
    },
    amendments: { notify: ['email_account_holders'], noticePeriod: 'P30D' },
    securityLogs: { purpose: 'security', fullIpFor: 'P7D', deleteAfter: 'P90D' },
  };
  patch(input);
  return PolicySchema.parse(input);
}

const headings = (blocks: readonly Block[]): string[] =>
  blocks.flatMap((b) => (b.kind === 'section' ? [`${b.number} ${b.title}`, ...headings(b.blocks)] : []));

describe('renderPolicy', () => {
  const policy = samplePolicy();
  const md = renderPolicy(policy, 'md', { contentHash: 'abc123' });
  const html = renderPolicy(policy, 'html', { contentHash: 'abc123' });

  it('follows the seed structure: sections 1–6 with 1.1–1.7', () => {
    const titles = headings(buildPolicyDocument(policy).blocks);
    expect(titles.filter((t) => /^\d /.test(t))).toEqual([
      '1 Collecting and Processing your Personal Data',
      '2 Whom We Share Your Personal Data With',
      '3 Transfer of personal data',
      '4 Your Rights: Accessing and Correcting your Personal Data',
      '5 How to Contact Us',
      '6 Amendments',
    ]);
    expect(titles.filter((t) => /^1\.\d /.test(t)).map((t) => t.split(' ')[0])).toEqual([
      '1.1',
      '1.2',
      '1.3',
      '1.4',
      '1.5',
      '1.6',
      '1.7',
    ]);
    expect(titles).toContain('1.6.1 You become a customer');
    expect(titles).toContain('1.7.1 Security logs');
    expect(titles).toContain('1.7.2 Website analytics');
  });

  it('states concrete retention periods, legal holds and log handling in words', () => {
    expect(md).toContain('2 years after the customer relationship ends');
    expect(md).toContain('until the customer relationship ends');
    expect(md).toContain('30 days after you withdraw your consent');
    expect(md).toContain('10 years after the invoice date');
    expect(md).toContain('accounting and tax audits');
    expect(md).toContain('kept for 7 days');
    expect(md).toContain('first 24 bits (IPv4) or 48 bits (IPv6)');
    expect(md).toContain('deleted 90 days after');
  });

  it('names data categories and subjects by their titles, the basis in words, and the legitimate interest', () => {
    expect(md).toContain('Email address, Billing address and Tax or VAT number');
    expect(md).toContain('performance of a contract with you (GDPR Art. 6(1)(b))');
    expect(md).toContain('Protecting our services against attacks.');
    expect(md).toContain('Potential customers and Customers');
  });

  it('explains opting out of marketing and withdrawing consent', () => {
    expect(md).toContain('clicking the unsubscribe link in any such message');
    expect(md).toContain('“unsubscribed from marketing”');
    expect(md).toContain(
      'in our privacy center, with the link in any email we send you for this purpose or by writing to us at privacy@acme.example',
    );
    expect(md).toContain('in the cookie settings of our website');
  });

  it('groups processors by service and gives each transfer its safeguard and how to get a copy', () => {
    expect(md).toMatch(
      /### 2\.2\.\d Email, calendar and digital meetings\n\n- \[Mailer Corp\]|### 2\.2\.\d Email, calendar and digital meetings\n\n- Mailer Corp \(United States\)/,
    );
    expect(md).toContain('EU Standard Contractual Clauses (Module 2)');
    expect(md).toContain('EU–US Data Privacy Framework');
    expect(md).toMatch(/\| Tracker Inc \| United Kingdom \| Adequacy decision \(GDPR Art\. 45\)/);
    expect(md).toContain(
      '**EU Standard Contractual Clauses:** contract clauses adopted by the European Commission in Implementing Decision (EU) 2021/914',
    );
    expect(md).not.toMatch(/\| Hoster AG \| Germany/);
    expect(md).toContain('To obtain a copy of these safeguards');
    expect(md).toContain('Tax \\& Co');
    expect(md).toContain('Government authorities');
  });

  it('lists every right offered, the deadlines per jurisdiction and the right to complain', () => {
    for (const right of [
      'Access',
      'Correction',
      'Erasure',
      'Restriction',
      'Portability',
      'Objection',
      'Withdrawing consent',
    ]) {
      expect(md).toContain(`**${right}:**`);
    }
    expect(md).toContain('answer within 1 month of receiving your request');
    expect(md).toContain('extend this by 2 months');
    expect(md).toContain('confirm receipt within 10 business days');
    expect(md).toContain('lodge a complaint with a data protection supervisory authority');
    expect(md).toContain('[Berlin DPA](<https://www.datenschutz-berlin.de>)');
  });

  it('gives the contact, DPO and representative, the amendment rules and the colophon', () => {
    expect(md).toContain('Acme Widgets GmbH (Acme Widgets)');
    expect(md).toContain('dpo@acme.example');
    expect(md).toContain('Rep Ltd');
    expect(md).toContain('by email to the address of your account, at least 30 days before it takes effect');
    expect(md).toContain('Continuing to use our services is never taken as consent');
    expect(md).toContain('**Last modified:** 15 January 2026');
    expect(md).toContain('**Version:** 2026-01');
    expect(md).toContain('**Content hash:** abc123');
  });

  it('uses the controller of the file, never the example company', () => {
    expect(md).toContain('Acme Widgets may amend');
    expect(md + html).not.toMatch(/CoCart|apisecurity/i);
  });

  it('says no sale when the controller sells none, and names the cases when it does', () => {
    expect(md).toContain('We do not rent, buy or sell personal data');
    const selling = samplePolicy((p) => {
      p.controller.sellsPersonalData = true;
      p.purposes[4]!.share = true;
      p.rights.offered.push('opt_out_sale');
    });
    const text = renderPolicy(selling, 'md');
    expect(text).toContain('We sell or share personal data');
    expect(text).toContain('in these cases: Website analytics');
    expect(text).toContain('**Opting out of sale or sharing:**');
  });

  it('uses options.now when the file has no lastModified', () => {
    const undated = samplePolicy((p) => {
      delete p.lastModified;
    });
    expect(
      renderPolicy(undated, 'md', { now: new Date('2027-03-04T10:00:00Z'), versionLabel: 'v9' }),
    ).toMatch(/\*\*Last modified:\*\* 4 March 2027\n\n\*\*Version:\*\* v9/);
  });
});

describe('untrusted text from the policy file', () => {
  const hostile = samplePolicy((p) => {
    p.purposes[0]!.title = '<script>alert(1)</script> *bold* _x_ [a](javascript:alert(1)) | pipe';
    p.purposes[0]!.description = '# Not a heading\n- not a list\n1. not ordered & <b>no</b>';
    p.processors![0]!.name = '"><img src=x onerror=alert(1)>';
  });
  const html = renderPolicy(hostile, 'html');
  const md = renderPolicy(hostile, 'md');

  it('is escaped in HTML', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).not.toContain('<img');
    expect(html).toContain('&quot;&gt;&lt;img src=x onerror=alert(1)&gt;');
    expect(html).not.toContain('<b>');
  });

  it('is escaped in Markdown', () => {
    expect(md).toContain(
      '\\<script\\>alert(1)\\</script\\> \\*bold\\* \\_x\\_ \\[a\\](javascript:alert(1)) \\| pipe',
    );
    expect(md).toContain('\\# Not a heading - not a list 1. not ordered \\& \\<b\\>no\\</b\\>');
    expect(md).not.toMatch(/^# Not a heading/m);
  });
});

describe('the example policies', () => {
  const root = path.resolve(import.meta.dirname, '../../../../examples');
  const files = fs.existsSync(root)
    ? fs
        .readdirSync(root)
        .map((dir) => path.join(root, dir, 'policy.yaml'))
        .filter((f) => fs.existsSync(f))
    : [];

  it.skipIf(files.length === 0)('render with their own controller name', () => {
    for (const file of files) {
      const loaded = loadPolicyFile(file);
      expect(loaded.policy, file).toBeDefined();
      const policy = loaded.policy!;
      const md = renderPolicy(policy, 'md', { contentHash: loaded.contentHash });
      expect(md).toContain(`${policy.controller.name} may amend`);
      expect(renderPolicy(policy, 'html')).toContain('<h2 id="collecting-h">');
    }
  });
});
