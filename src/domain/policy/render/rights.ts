/**
 * Sections 4–6 of the seed, completed with what GDPR Art. 12–13 require: every right with a line on what
 * it means (Art. 13(2)(b)–(d)), answer deadlines per jurisdiction (Art. 12(3); CCPA 11 CCR §7021), the
 * controller, DPO and representative (Art. 13(1)(a)–(b), 27), and how changes are announced (WP260).
 */
import { type Deadline, JURISDICTIONS, MATERIAL_CHANGE_KINDS, type Policy } from '../schema.js';
import { type RenderContext, section } from './context.js';
import { type Block, type Inlines, link, list, paragraph, type Section, strong } from './model.js';
import { describeDurationText, JURISDICTION, joinWords, RIGHT } from './words.js';

type Controller = Policy['controller'];

const email = (address: string) => link(address, `mailto:${address}`);

function deadlineText(d: Deadline): string {
  const ack = d.acknowledge
    ? `we confirm receipt within ${describeDurationText(d.acknowledge, d.acknowledgeCalendar)} and `
    : 'we ';
  return (
    `${ack}answer within ${describeDurationText(d.respond, d.calendar)} of receiving your request. ` +
    `Where necessary, for complex or numerous requests, we may extend this by ${describeDurationText(d.extension, d.calendar)}; ` +
    'we then tell you so, with our reasons, within the first period.'
  );
}

function rightsBlocks(ctx: RenderContext): Block[] {
  const { rights, controller, purposes } = ctx.policy;
  const offered = rights.offered.filter((r) => r !== 'complaint');
  const deadlines = JURISDICTIONS.flatMap((j) => {
    const d = rights.deadlines[j];
    return d ? [[strong(`${JURISDICTION[j]}:`), ` ${deadlineText(d)}`] as Inlines] : [];
  });
  const automated = purposes.filter((p) => p.automatedDecisions);
  const authority = controller.supervisoryAuthority;
  return [
    section('4.1', 'Your rights', 'rights-list', [
      paragraph('You have the right to:'),
      list(offered.map((r): Inlines => [strong(`${RIGHT[r].name}:`), ` ${RIGHT[r].text}`])),
      paragraph(
        automated.length > 0
          ? `We make decisions based solely on automated processing for: ${joinWords(automated.map((p) => p.title))} (see 1.6). You may ask for a person to review such a decision (GDPR Art. 22).`
          : 'We do not make decisions about you based solely on automated processing, including profiling (GDPR Art. 22).',
      ),
    ]),
    section('4.2', 'How to make a request', 'requests', [
      paragraph(
        ...(rights.howToExercise
          ? [rights.howToExercise, ' ']
          : [
              'To exercise any of these rights, write to us at ',
              email(controller.email),
              '. Requests are free of charge. ',
            ]),
        'We may ask for information to confirm your identity, and never more than we need for that (GDPR Art. 12(6)).',
      ),
      ...(deadlines.length > 0 ? [paragraph('How fast we answer:'), list(deadlines)] : []),
    ]),
    section('4.3', 'Your right to complain', 'complaint', [
      paragraph(
        'You have the right to lodge a complaint with a data protection supervisory authority, in particular in the country where you live or work or where you believe the law was broken (GDPR Art. 77)',
        ...(authority ? ['. Our lead authority is ', link(authority.name, authority.url), '.'] : ['.']),
        ' We would, however, appreciate the chance to deal with your concerns first.',
      ),
    ]),
  ];
}

export function rightsSection(ctx: RenderContext): Section {
  return section(
    '4',
    'Your Rights: Accessing and Correcting your Personal Data',
    'rights',
    rightsBlocks(ctx),
  );
}

function representative(label: string, r: Controller['euRepresentative']): Inlines | undefined {
  if (!r) return undefined;
  return [
    strong(`${label}:`),
    ` ${r.name}, ${r.address.join(', ')}`,
    ...(r.email ? [', ', email(r.email)] : []),
  ];
}

export function contactSection(ctx: RenderContext): Section {
  const c = ctx.policy.controller;
  const lines: (Inlines | undefined)[] = [
    [
      strong('Controller:'),
      ` ${c.legalName && c.legalName !== c.name ? `${c.legalName} (${c.name})` : c.name}`,
    ],
    [strong('Address:'), ` ${c.address.join(', ')}`],
    [strong('Email:'), ' ', email(c.email)],
    c.phone ? [strong('Phone:'), ` ${c.phone}`] : undefined,
    [strong('Website:'), ' ', link(c.website, c.website)],
    c.dpo
      ? [strong('Data protection officer:'), ` ${c.dpo.name ? `${c.dpo.name}, ` : ''}`, email(c.dpo.email)]
      : undefined,
    representative('Representative in the EU (GDPR Art. 27)', c.euRepresentative),
    representative('Representative in the UK', c.ukRepresentative),
  ];
  return section('5', 'How to Contact Us', 'contact', [
    paragraph(
      'If you have any questions regarding this privacy policy, or to exercise your rights, contact us:',
    ),
    list(lines.filter((l): l is Inlines => l !== undefined)),
  ]);
}

const CHANGE: Record<(typeof MATERIAL_CHANGE_KINDS)[number], string> = {
  new_purpose: 'a new purpose',
  new_category: 'a new category of personal data',
  new_processor: 'a new data processor',
  new_country: 'a transfer to a new country',
  longer_retention: 'a longer retention period',
  changed_legal_basis: 'a changed legal basis',
};

const NOTIFY: Record<Policy['amendments']['notify'][number], string> = {
  email_account_holders: 'by email to the address of your account',
  website_notice: 'by a notice on our website',
};

export function amendmentsSection(ctx: RenderContext): Section {
  const { amendments, controller } = ctx.policy;
  const material = MATERIAL_CHANGE_KINDS.filter((k) => amendments.materialChanges[k]).map((k) => CHANGE[k]);
  return section('6', 'Amendments', 'amendments', [
    paragraph(
      `${controller.name} may amend this privacy policy. `,
      material.length > 0 ? `A change is material when it introduces ${joinWords(material, 'or')}. ` : '',
      `We announce a material change ${joinWords(amendments.notify.map((n) => NOTIFY[n]))}, at least ${describeDurationText(amendments.noticePeriod)} before it takes effect, so that you can exercise your rights before then.`,
    ),
    paragraph(
      'Where a change needs your consent, we ask for it. Continuing to use our services is never taken as consent (GDPR Art. 4(11), Recital 32). Earlier versions of this policy remain available.',
    ),
  ]);
}
