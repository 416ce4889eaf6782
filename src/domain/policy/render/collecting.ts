/** Section 1 of the seed: "Collecting and Processing your Personal Data", clauses 1.1–1.7. */
import { LEGAL_BASES, type Purpose } from '../schema.js';
import { categoryTitle, numbered, type RenderContext, section } from './context.js';
import { type Block, list, paragraph, type Section, strong } from './model.js';
import { purposeBlocks } from './purpose.js';
import { websiteSection } from './website.js';
import { describeRetention, joinWords, LEGAL_BASIS_CLAUSE, REQUIRED } from './words.js';

/** 1.1: voluntary provision, withdrawal, and the Art. 13(2)(e) exceptions where data are required. */
function voluntary(ctx: RenderContext): Block[] {
  const required = ctx.policy.purposes.filter((p) => p.required && p.required.kind !== 'voluntary');
  return [
    paragraph(
      'Unless stated otherwise below, providing us with personal data is voluntary, and where we rely on your consent you may withdraw it at any time. ' +
        'However, choosing not to provide such data may result in our inability to deliver certain services to you.',
    ),
    ...(required.length > 0
      ? [
          paragraph('Providing personal data is required in these cases (GDPR Art. 13(2)(e)):'),
          list(
            required.map((p) => [
              strong(`${p.title}:`),
              ` ${REQUIRED[p.required!.kind]}. ${p.required!.consequence}`,
            ]),
          ),
        ]
      : []),
  ];
}

/** 1.2: generated from `controller.sellsPersonalData` and the purposes/recipients that sell or share. */
function sale(ctx: RenderContext): Block[] {
  const { controller, purposes, recipients } = ctx.policy;
  if (!controller.sellsPersonalData) {
    return [
      paragraph(
        'We do not rent, buy or sell personal data from or to others, and we do not share it for cross-context behavioural advertising.',
      ),
    ];
  }
  const selling = [
    ...purposes.filter((p) => p.sale || p.share).map((p) => p.title),
    ...recipients.filter((r) => r.sale || r.share).map((r) => r.name),
  ];
  return [
    paragraph(
      `We sell or share personal data, as the California Consumer Privacy Act defines these terms, in these cases: ${joinWords(selling)}. ` +
        'You may opt out of this at any time (see section 4).',
    ),
  ];
}

/** 1.3: only the bases the purposes use, each with the purposes that rely on it (Art. 13(1)(c)). */
function legalBases(ctx: RenderContext): Block[] {
  const used = LEGAL_BASES.map((basis) => ({
    basis,
    purposes: ctx.policy.purposes.filter((p) => p.legalBasis === basis),
  })).filter((u) => u.purposes.length > 0);
  return [
    paragraph('We only collect and process your personal data when:'),
    list(
      used.map((u) => `${LEGAL_BASIS_CLAUSE[u.basis]}, for: ${joinWords(u.purposes.map((p) => p.title))}.`),
    ),
  ];
}

/** 1.5: the laws that keep data after their purpose ends, with their concrete periods. */
function legalRetention(ctx: RenderContext): Block[] {
  const { legalObligations } = ctx.policy;
  if (legalObligations.length === 0) {
    return [
      paragraph('No law requires us to keep personal data for longer than the purposes below need them.'),
    ];
  }
  return [
    paragraph(
      'We retain data beyond their purpose only for as long as a law requires, for example for accounting, tax or labour law. ' +
        'While kept for that reason, they are used for nothing else (GDPR Art. 17(3)(b), 18(2)), and deleted at the end of the period:',
    ),
    {
      kind: 'table',
      caption: 'Retention required by law',
      head: ['Obligation', 'Law', 'Data', 'Kept for', 'Used only for'],
      rows: legalObligations.map((o) => [
        [o.title],
        [o.law],
        [joinWords(o.categories.map((c) => categoryTitle(ctx, c)))],
        [describeRetention(o)],
        [o.restrictedTo],
      ]),
    },
  ];
}

/** Purposes told under 1.7 (website) rather than 1.6, as the seed does. */
export function isWebsitePurpose(ctx: RenderContext, purpose: Purpose): boolean {
  return purpose.website !== undefined || ctx.policy.securityLogs?.purpose === purpose.id;
}

function purposeList(ctx: RenderContext): Block[] {
  const purposes = ctx.policy.purposes.filter((p) => !isWebsitePurpose(ctx, p));
  if (purposes.length === 0)
    return [paragraph('We process no personal data other than on our website (see 1.7).')];
  return [
    paragraph('We process personal data for the following purposes:'),
    ...numbered(
      '1.6',
      purposes.map((p) => ({ title: p.title, key: `purpose-${p.id}`, blocks: purposeBlocks(ctx, p) })),
    ),
  ];
}

export function collectingSection(ctx: RenderContext): Section {
  const website = websiteSection(ctx);
  return section('1', 'Collecting and Processing your Personal Data', 'collecting', [
    section('1.1', 'Providing data is voluntary', 'voluntary', voluntary(ctx)),
    section(
      '1.2',
      ctx.policy.controller.sellsPersonalData ? 'Sale of personal data' : 'We do not sell personal data',
      'sale',
      sale(ctx),
    ),
    section('1.3', 'Legal bases', 'legal-bases', legalBases(ctx)),
    section('1.4', 'No longer than necessary', 'storage-limitation', [
      paragraph(
        'We do not process personal data for longer than necessary to fulfil the purpose we process them for. ' +
          'Each purpose below states its retention period; when it ends, the data are deleted or anonymised, ' +
          'unless a law requires us to keep them (1.5).',
      ),
    ]),
    section('1.5', 'Retention required by law', 'legal-retention', legalRetention(ctx)),
    section('1.6', 'Why we process personal data', 'purposes', purposeList(ctx)),
    ...(website ? [website] : []),
  ]);
}
