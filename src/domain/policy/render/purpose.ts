/**
 * One purpose, as clause 1.6.x of the seed reads, plus what GDPR Art. 13(1)(c)–(e) and 13(2)(a), (c),
 * (e), (f) and Art. 14(1)(d), 14(2)(f) require next to it: whose data, which data, from where, on what
 * basis, who receives them, for how long, and how to stop it.
 */
import type { Purpose } from '../schema.js';
import {
  categoryTitle,
  facts,
  paragraphs,
  purposeRelationships,
  type RenderContext,
  subjectTitle,
} from './context.js';
import type { Block, Inline } from './model.js';
import {
  describeRetention,
  inSentence,
  joinList,
  joinWords,
  LEGAL_BASIS_NAME,
  MARKETING_CHANNEL,
  OPT_OUT,
  REQUIRED,
  SOURCE,
  SPECIAL_CATEGORY_CONDITION,
  WITHDRAWAL,
} from './words.js';

export type Fact = readonly [string, string | readonly Inline[]] | undefined;

function sources(purpose: Purpose): Fact {
  const listed = (purpose.sources ?? []).map((s) => SOURCE[s]);
  if (purpose.sourceDescription) listed.push(inSentence(purpose.sourceDescription));
  return listed.length > 0 ? ['Where the data come from', `${joinWords(listed)}.`] : undefined;
}

function recipients(ctx: RenderContext, purpose: Purpose): Fact {
  const names = [
    ...purpose.processors.map((id) => ctx.processors.get(id)?.name ?? id),
    ...purpose.recipients.map((id) => ctx.recipients.get(id)?.name ?? id),
  ];
  return names.length > 0 ? ['Who receives them', `${joinWords(names)} (see section 2).`] : undefined;
}

function legalHolds(ctx: RenderContext, purpose: Purpose): Fact {
  const own = describeRetention(purpose.retention);
  const holds = purpose.legalHolds.flatMap((id) => {
    const o = ctx.obligations.get(id);
    // A purpose that exists to keep the law's records (bookkeeping) already states that period.
    if (!o || describeRetention(o) === own) return [];
    return [`${o.title}: ${describeRetention(o)}, used only for ${inSentence(o.restrictedTo)} (${o.law})`];
  });
  if (holds.length === 0) return undefined;
  return ['Kept longer where a law requires it', `${holds.join('; ')}. See 1.5.`];
}

function marketing(purpose: Purpose): Fact[] {
  const m = purpose.marketing;
  if (!m) return [];
  const audience =
    m.audience.kind === 'consent'
      ? 'only if you have given your consent'
      : `only while we have an active ${m.audience.relationship.replace(/_/g, ' ')} relationship with you`;
  const optOut =
    m.optOut.length > 0
      ? `You can opt out at any time, free of charge, by ${joinWords(
          m.optOut.map((o) => OPT_OUT[o]),
          'or',
        )}. `
      : '';
  return [
    ['Marketing', `we send it by ${MARKETING_CHANNEL[m.channel]}, ${audience}.`],
    [
      'Opting out',
      `${optOut}Your account is then flagged as “unsubscribed from marketing” and you receive no further marketing from us (GDPR Art. 21(2)–(3)).`,
    ],
  ];
}

function consent(ctx: RenderContext, purpose: Purpose): Fact {
  if (purpose.legalBasis !== 'consent' && purpose.specialCategoryCondition !== 'explicit_consent')
    return undefined;
  const ways = (purpose.consent?.withdrawal ?? []).map((w) =>
    w === 'support' ? `by writing to us at ${ctx.policy.controller.email}` : WITHDRAWAL[w],
  );
  const how = ways.length > 0 ? `: ${joinWords(ways, 'or')}` : '';
  return [
    'Withdrawing consent',
    `you may withdraw your consent at any time, as easily as you gave it${how}. Processing before the withdrawal remains lawful (GDPR Art. 7(3)).`,
  ];
}

function forms(ctx: RenderContext, purpose: Purpose): Fact {
  const own = ctx.policy.forms.filter((f) => f.purpose === purpose.id);
  if (own.length === 0) return undefined;
  const described = own.map((f) =>
    f.anonymous ? `${f.title} (anonymous: no personal data is processed)` : f.title,
  );
  return ['Forms and surveys', `${joinWords(described)}.`];
}

/** The body of a purpose's subsection: its description, then one fact per line (`extra` last). */
export function purposeBlocks(ctx: RenderContext, purpose: Purpose, extra: readonly Fact[] = []): Block[] {
  const relationships = purposeRelationships(ctx, purpose);
  const retention = `${describeRetention(purpose.retention, relationships)}.${purpose.retention.description ? ` ${purpose.retention.description}` : ''}`;
  return [
    ...paragraphs(purpose.description),
    facts([
      ['Whose data', `${joinList(purpose.subjects.map((s) => subjectTitle(ctx, s)))}.`],
      ['Personal data', `${joinList(purpose.categories.map((c) => categoryTitle(ctx, c)))}.`],
      sources(purpose),
      ['Legal basis', `${LEGAL_BASIS_NAME[purpose.legalBasis]}.`],
      purpose.legitimateInterest ? ['Our legitimate interest', purpose.legitimateInterest] : undefined,
      purpose.specialCategoryCondition
        ? [
            'Special categories of data',
            `processed only on the basis of ${SPECIAL_CATEGORY_CONDITION[purpose.specialCategoryCondition]}.`,
          ]
        : undefined,
      recipients(ctx, purpose),
      ['How long we keep them', retention],
      legalHolds(ctx, purpose),
      ...marketing(purpose),
      consent(ctx, purpose),
      forms(ctx, purpose),
      purpose.required
        ? ['Providing them', `${REQUIRED[purpose.required.kind]}. ${purpose.required.consequence}`]
        : undefined,
      purpose.automatedDecisions ? ['Automated decisions', purpose.automatedDecisions] : undefined,
      ...extra,
    ]),
  ];
}
