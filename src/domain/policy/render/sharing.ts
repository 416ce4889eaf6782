/**
 * Sections 2 and 3 of the seed: recipients (GDPR Art. 13(1)(e)), processors grouped by the services of
 * clause 2.2, and transfers abroad with their safeguard and how to obtain a copy (Art. 13(1)(f), 44–49).
 */
import { type Processor, type Recipient, TRANSFER_MECHANISMS, type Transfer } from '../schema.js';
import { allServiceCategories, homeRegion, TRANSFER_REGIMES } from '../taxonomy.js';
import { numbered, type RenderContext, section } from './context.js';
import { type Block, type Inlines, link, list, paragraph, type Section, strong } from './model.js';
import { countryName, describeTransfer, joinWords, TRANSFER_EXPLAINED, transferName } from './words.js';

const RECIPIENT_KINDS: readonly { kind: Recipient['kind']; title: string; intro: string }[] = [
  {
    kind: 'contractor',
    title: 'Third-party contractors',
    intro: 'such as accountants, lawyers, software developers, IT support',
  },
  { kind: 'authority', title: 'Government authorities', intro: 'when we are obliged to report to them' },
  { kind: 'affiliate', title: 'Affiliated companies', intro: 'companies of our group' },
  { kind: 'other', title: 'Other recipients', intro: 'as listed below' },
];

const countries = (codes: readonly string[]): string => joinWords(codes.map(countryName));

function processorItem(p: Processor): Inlines {
  const name = p.website ? link(p.name, p.website) : p.name;
  return [name, ` (${countries(p.countries)})`, ...(p.description ? [`: ${p.description}`] : [])];
}

function processorGroups(ctx: RenderContext): Block[] {
  const { processors } = ctx.policy;
  if (processors.length === 0) return [paragraph('We do not use data processors.')];
  const groups = allServiceCategories(ctx.policy)
    .map((service) => ({ service, members: processors.filter((p) => p.services.includes(service.id)) }))
    .filter((g) => g.members.length > 0);
  return [
    paragraph(
      'Data processors provide services to us and process personal data only on our behalf and on our documented instructions (GDPR Art. 28). We use them for:',
    ),
    ...numbered(
      '2.2',
      groups.map((g) => ({
        title: g.service.title,
        key: `service-${g.service.id}`,
        blocks: [list(g.members.map(processorItem))],
      })),
    ),
  ];
}

export function sharingSection(ctx: RenderContext): Section {
  const kinds = RECIPIENT_KINDS.map((k) => ({
    ...k,
    members: ctx.policy.recipients.filter((r) => r.kind === k.kind),
  }));
  const present = kinds.filter((k) => k.members.length > 0);
  const overview: Inlines[] = [
    ...(ctx.policy.processors.length > 0
      ? [
          [
            strong('Data processors:'),
            ' providers of services that process personal data on our behalf (2.2).',
          ],
        ]
      : []),
    ...present.map((k): Inlines => [strong(`${k.title}:`), ` ${k.intro}.`]),
  ];
  return section('2', 'Whom We Share Your Personal Data With', 'sharing', [
    section('2.1', 'Who receives personal data', 'recipients', [
      paragraph(
        'To run our business efficiently and securely, we share personal data with these kinds of recipients:',
      ),
      overview.length > 0 ? list(overview) : paragraph('We share personal data with no one.'),
    ]),
    section('2.2', 'Data processors', 'processors', processorGroups(ctx)),
    ...numbered(
      '2',
      present.map((k) => ({
        title: k.title,
        key: `recipients-${k.kind}`,
        blocks: [list(k.members.map((r): Inlines => [strong(r.name), `: ${r.description}`]))],
      })),
      3,
    ),
  ]);
}

interface TransferRow {
  readonly name: string;
  readonly country: string;
  readonly mechanism: Transfer['mechanism'] | undefined;
  readonly safeguard: string;
  readonly reference: string | undefined;
}

/**
 * Where data stay home: the territory of the transfer regimes the controller answers to (a US controller
 * under the GDPR still transfers to its US processor: EDPB Guidelines 05/2021), or, with no such regime,
 * the controller's own country.
 */
function homeCountries(ctx: RenderContext): Set<string> {
  const { controller } = ctx.policy;
  const regimes = controller.jurisdictions.filter((j) => TRANSFER_REGIMES.includes(j));
  return new Set(regimes.length > 0 ? regimes.flatMap(homeRegion) : [controller.country]);
}

function transferRows(ctx: RenderContext): TransferRow[] {
  const home = homeCountries(ctx);
  const parties = [...ctx.policy.processors, ...ctx.policy.recipients];
  return parties.flatMap((party) =>
    party.countries
      .filter((c) => !home.has(c))
      .map((c): TransferRow => {
        // An adequate country needs no other safeguard, whatever the party declares for its other countries.
        const adequate = ctx.adequate.has(c);
        return {
          name: party.name,
          country: countryName(c),
          mechanism: adequate ? 'adequacy' : party.transfer?.mechanism,
          safeguard: adequate ? transferName('adequacy') : describeTransfer(party.transfer),
          reference: adequate ? undefined : party.transfer?.reference,
        };
      }),
  );
}

function referenceCell(reference: string | undefined): Inlines {
  if (!reference) return [''];
  return /^https?:\/\//.test(reference) ? [link('document', reference)] : [reference];
}

export function transfersSection(ctx: RenderContext): Section {
  const { controller } = ctx.policy;
  const regulated = controller.jurisdictions.some((j) => TRANSFER_REGIMES.includes(j));
  const rows = transferRows(ctx);
  const allDpa = ctx.policy.processors.every((p) => p.dpa !== undefined);
  const blocks: Block[] = [];
  if (rows.length === 0) {
    blocks.push(paragraph('We do not transfer personal data to other countries.'));
  } else {
    blocks.push(
      paragraph(
        regulated
          ? 'In some cases, your personal data are transferred to another country. Where that country has no adequacy decision, we transfer them only with one of the safeguards of GDPR Art. 46–49:'
          : 'In some cases, your personal data are transferred to another country:',
      ),
      {
        kind: 'table',
        caption: 'Transfers to other countries',
        head: ['Recipient', 'Country', 'Safeguard', 'Reference'],
        rows: rows.map((r) => [[r.name], [r.country], [r.safeguard], referenceCell(r.reference)]),
      },
      list(
        TRANSFER_MECHANISMS.filter((m) => rows.some((r) => r.mechanism === m)).map(
          (m): Inlines => [strong(`${transferName(m)}:`), ` ${TRANSFER_EXPLAINED[m]}`],
        ),
      ),
      paragraph(
        'To obtain a copy of these safeguards, or if you have any concerns or questions, write to us at ',
        link(controller.email, `mailto:${controller.email}`),
        '.',
      ),
    );
  }
  if (ctx.policy.processors.length > 0 && allDpa) {
    blocks.push(
      paragraph('Every data processor we use is bound by a data processing agreement (GDPR Art. 28(3)).'),
    );
  }
  return section('3', 'Transfer of personal data', 'transfers', blocks);
}
