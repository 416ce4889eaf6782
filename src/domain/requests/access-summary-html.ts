/**
 * The access summary as a page (GDPR Art. 15(3): a copy in a commonly used electronic form), rendered from the
 * summary JSON through the policy document model, so every string is escaped by `toHtml`.
 */
import { renderPage } from '../../modules/pages/layout.js';
import { toHtml } from '../policy/render/html.js';
import {
  type Block,
  type Inlines,
  link,
  list,
  paragraph,
  type Section,
  slug,
  strong,
} from '../policy/render/model.js';
import { inSentence, joinWords } from '../policy/render/words.js';
import type { Policy } from '../policy/schema.js';

/** One table of a company store where rows about the person were found. */
import type { AccessSummary, CategoryRef, PartyInfo, PurposeInfo } from './access-summary.js';

const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  dateStyle: 'long',
  timeStyle: 'short',
  timeZone: 'UTC',
});
const DATE = new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: 'UTC' });

function formatDate(iso: string, format: Intl.DateTimeFormat): string {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? iso : format.format(new Date(ms));
}

const titles = (refs: readonly CategoryRef[]): string => refs.map((r) => r.title).join('; ');
const email = (address: string): Inlines => [link(address, `mailto:${address}`)];
const fact = (label: string, value: string | Inlines): Inlines => [
  strong(`${label}:`),
  ' ',
  ...(typeof value === 'string' ? [value] : value),
];
const sectionOf = (key: string, title: string, blocks: readonly Block[]): Section => ({
  kind: 'section',
  id: slug(key),
  number: '',
  title,
  blocks,
});

function partyLine(p: PartyInfo): string {
  const where = p.countries.length > 0 ? ` (${joinWords(p.countries.map((c) => c.name))})` : '';
  return `${p.name}${where}${p.description ? `: ${inSentence(p.description)}` : ''}`;
}

function purposeSection(p: PurposeInfo): Section {
  const b = p.legalBasis;
  const facts: (Inlines | undefined)[] = [
    fact('Legal basis', b.text),
    b.legitimateInterest ? fact('Our legitimate interest', b.legitimateInterest) : undefined,
    b.specialCategoryCondition
      ? fact('Special categories of data', `on the basis of ${b.specialCategoryCondition}`)
      : undefined,
    fact('Personal data', titles(p.categories)),
    p.sources.length > 0 ? fact('Where the data come from', joinWords(p.sources)) : undefined,
    fact('How long we keep them', `${p.retention}.${p.retentionCriteria ? ` ${p.retentionCriteria}` : ''}`),
    ...p.legalHolds.map((h) => fact('Kept longer where a law requires it', h)),
    p.processors.length > 0
      ? fact('Processors acting for us', p.processors.map(partyLine).join('; '))
      : undefined,
    p.recipients.length > 0 ? fact('Other recipients', p.recipients.map(partyLine).join('; ')) : undefined,
    p.automatedDecisions ? fact('Automated decisions', p.automatedDecisions) : undefined,
  ];
  return sectionOf(`purpose-${p.id}`, p.title, [
    paragraph(p.description),
    list(facts.filter((f): f is Inlines => f !== undefined)),
  ]);
}

const referenceCell = (reference: string | null): Inlines =>
  reference && /^https?:\/\//.test(reference) ? [link(reference, reference)] : [reference ?? ''];

function transfersBlocks(summary: AccessSummary): Block[] {
  const rows = summary.purposes
    .flatMap((p) => [...p.processors, ...p.recipients])
    .filter((party, i, all) => all.findIndex((x) => x.id === party.id && x.kind === party.kind) === i)
    .flatMap((party) =>
      party.transfers.map((t) => [[party.name], [t.countryName], [t.safeguard], referenceCell(t.reference)]),
    );
  if (rows.length === 0)
    return [paragraph('The recipients above do not receive your data in another country.')];
  return [
    {
      kind: 'table',
      caption: 'Transfers to other countries',
      head: ['Recipient', 'Country', 'Safeguard', 'Reference'],
      rows,
    },
    list(summary.safeguards.map((s) => [strong(`${s.name}:`), ` ${s.explanation}`])),
    paragraph(
      'To obtain a copy of these safeguards (GDPR Art. 15(2)), write to us at ',
      ...email(summary.controller.email),
      '.',
    ),
  ];
}

function summaryBlocks(summary: AccessSummary): Block[] {
  const c = summary.controller;
  const automated = summary.purposes.filter((p) => p.automatedDecisions !== null);
  const authority = summary.complaint.authority;
  return [
    paragraph(
      `Request ${summary.requestId}, prepared on ${formatDate(summary.generatedAt, DATE_TIME)} (UTC).`,
    ),
    sectionOf('confirmation', 'Do we process your personal data?', [paragraph(summary.confirmation)]),
    sectionOf('data', 'The data we hold about you', [
      summary.data.length === 0
        ? paragraph('We found no records about you in our databases.')
        : {
            kind: 'table',
            caption: 'Records found',
            head: ['Database', 'Table', 'Records', 'Personal data'],
            rows: summary.data.map((d) => [
              [d.datasetTitle],
              [d.table],
              [String(d.rowCount)],
              [titles(d.categories)],
            ]),
          },
    ]),
    sectionOf(
      'purposes',
      'Why we process them',
      summary.purposes.length === 0 ? [paragraph('None.')] : summary.purposes.map(purposeSection),
    ),
    sectionOf('transfers', 'Transfers to other countries', transfersBlocks(summary)),
    sectionOf('disclosures', 'Who received your data', [
      summary.disclosures.length === 0
        ? paragraph('Our register of disclosures records none about you.')
        : {
            kind: 'table',
            caption: 'Disclosures register',
            head: ['Date', 'Recipient', 'Personal data', 'Basis'],
            rows: summary.disclosures.map((d) => [
              [formatDate(d.at, DATE)],
              [d.recipientName],
              [titles(d.categories)],
              [d.basis],
            ]),
          },
    ]),
    sectionOf('automated', 'Automated decisions', [
      paragraph(
        automated.length > 0
          ? `We make decisions based solely on automated processing for: ${joinWords(automated.map((p) => p.title))} (see above). You may ask for a person to review such a decision (GDPR Art. 22).`
          : 'We make no decisions about you based solely on automated processing, including profiling (GDPR Art. 22).',
      ),
    ]),
    sectionOf('rights', 'Your rights', [
      list(summary.rights.map((r) => [strong(`${r.name}:`), ` ${r.text}`])),
      paragraph(summary.howToExercise),
      paragraph(
        strong('Complaint:'),
        ` you may ${summary.complaint.text}`,
        ...(authority ? [' Our lead authority is ', link(authority.name, authority.url), '.'] : []),
      ),
    ]),
    sectionOf('contact', 'Contact', [
      list([
        fact('Controller', c.legalName && c.legalName !== c.name ? `${c.legalName} (${c.name})` : c.name),
        fact('Address', c.address.join(', ')),
        fact('Email', email(c.email)),
        ...(c.phone ? [fact('Phone', c.phone)] : []),
        fact('Website', [link(c.website, c.website)]),
        ...(c.dpo
          ? [
              fact('Data protection officer', [
                `${c.dpo.name ? `${c.dpo.name}, ` : ''}`,
                ...email(c.dpo.email),
              ]),
            ]
          : []),
      ]),
    ]),
  ];
}

/** summary.html: a complete page in the public pages' shell (no script; the stylesheet allowed by hash). */
export function renderAccessSummaryHtml(summary: AccessSummary, policy: Policy): string {
  const title = 'Your personal data';
  const bodyHtml = toHtml({ title, blocks: summaryBlocks(summary) });
  return renderPage({ title, bodyHtml, controller: policy.controller, lang: policy.language });
}
