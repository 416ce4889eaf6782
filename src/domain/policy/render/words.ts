/**
 * Plain-language wording of the policy's enumerations: what a reader sees instead of `legitimate_interest`
 * or `scc`. Each phrase cites the provision it paraphrases, so a reader (or a lawyer) can check it.
 */
import { describeDuration, parseDuration } from '../duration.js';
import type { Jurisdiction, LegalBasis, Purpose, Retention, Right, Transfer } from '../schema.js';

/** Art. 6(1): the basis as the seed's clause 1.3 lists it ("we have your consent; …"). */
export const LEGAL_BASIS_CLAUSE: Record<LegalBasis, string> = {
  consent: 'we have your consent (GDPR Art. 6(1)(a))',
  contract:
    'we need it to perform a contract with you, or to take steps you ask for before one (Art. 6(1)(b))',
  legal_obligation: 'a law requires it of us (legal obligation, Art. 6(1)(c))',
  legitimate_interest:
    'we have a legitimate interest that your interests and rights do not override (Art. 6(1)(f))',
  vital_interest: 'it is necessary to protect your life or that of another person (Art. 6(1)(d))',
  public_task: 'it is necessary for a task carried out in the public interest (Art. 6(1)(e))',
};

/** Art. 6(1): the basis of one purpose, as a noun phrase. */
export const LEGAL_BASIS_NAME: Record<LegalBasis, string> = {
  consent: 'your consent (GDPR Art. 6(1)(a))',
  contract: 'performance of a contract with you (GDPR Art. 6(1)(b))',
  legal_obligation: 'compliance with a legal obligation (GDPR Art. 6(1)(c))',
  legitimate_interest: 'our legitimate interests (GDPR Art. 6(1)(f))',
  vital_interest: 'protection of vital interests (GDPR Art. 6(1)(d))',
  public_task: 'a task in the public interest (GDPR Art. 6(1)(e))',
};

type Condition = NonNullable<Purpose['specialCategoryCondition']>;

/** Art. 9(2)(a)–(j). */
export const SPECIAL_CATEGORY_CONDITION: Record<Condition, string> = {
  explicit_consent: 'your explicit consent (GDPR Art. 9(2)(a))',
  employment_social_security: 'obligations of employment and social security law (GDPR Art. 9(2)(b))',
  vital_interests: 'protection of vital interests where you cannot consent (GDPR Art. 9(2)(c))',
  nonprofit_body: 'the legitimate activities of a not-for-profit body (GDPR Art. 9(2)(d))',
  made_public: 'data you have manifestly made public (GDPR Art. 9(2)(e))',
  legal_claims: 'the establishment, exercise or defence of legal claims (GDPR Art. 9(2)(f))',
  substantial_public_interest: 'a substantial public interest laid down in law (GDPR Art. 9(2)(g))',
  health_care: 'health or social care (GDPR Art. 9(2)(h))',
  public_health: 'public health (GDPR Art. 9(2)(i))',
  archiving_research: 'archiving, research or statistics (GDPR Art. 9(2)(j))',
};

export const SOURCE: Record<NonNullable<Purpose['sources']>[number], string> = {
  data_subject: 'you, when you provide them',
  observed: 'our systems, when you use our services',
  public: 'publicly available sources',
  third_party: 'third parties',
};

type Marketing = NonNullable<Purpose['marketing']>;

export const MARKETING_CHANNEL: Record<Marketing['channel'], string> = {
  email: 'email',
  sms: 'text message',
  phone: 'phone call',
  post: 'post',
  push: 'push notification',
};

export const OPT_OUT: Record<Marketing['optOut'][number], string> = {
  unsubscribe_link: 'clicking the unsubscribe link in any such message',
  one_click: 'the one-click unsubscribe button of your email program (RFC 8058)',
  reply: 'replying to any such message and asking us to stop',
  privacy_center: 'our privacy center',
};

export const WITHDRAWAL: Record<NonNullable<Purpose['consent']>['withdrawal'][number], string> = {
  privacy_center: 'in our privacy center',
  email_link: 'with the link in any email we send you for this purpose',
  api: 'in your account settings',
  banner: 'in the cookie settings of our website',
  support: 'by writing to us',
};

export const COOKIE_CATEGORY: Record<NonNullable<Purpose['website']>['cookieCategory'], string> = {
  necessary: 'Strictly necessary',
  functional: 'Functional',
  analytics: 'Analytics',
  heatmaps: 'Heatmaps',
  session_replay: 'Session replay',
  advertising: 'Advertising',
};

export const REQUIRED: Record<NonNullable<Purpose['required']>['kind'], string> = {
  statutory: 'required by law',
  contractual: 'required by our contract with you',
  contract_prerequisite: 'required to enter into a contract with you',
  voluntary: 'voluntary',
};

/** Art. 13(2)(b)–(d), Art. 7(3), Art. 77; CCPA §1798.120. One line each, as clause 4 should read. */
export const RIGHT: Record<Right, { readonly name: string; readonly text: string }> = {
  access: {
    name: 'Access',
    text: 'ask whether we process your personal data and get a copy, with the purposes, recipients, retention periods and sources (GDPR Art. 15).',
  },
  rectification: {
    name: 'Correction',
    text: 'have inaccurate data corrected and incomplete data completed (Art. 16).',
  },
  erasure: {
    name: 'Erasure',
    text: 'have your data deleted when we no longer need them, you withdraw consent or object, unless a law requires us to keep them (Art. 17).',
  },
  restriction: {
    name: 'Restriction',
    text: 'have us only store your data, and not otherwise use them, while their accuracy or our grounds are disputed (Art. 18).',
  },
  portability: {
    name: 'Portability',
    text: 'receive the data you gave us, where we process them by consent or contract, in a structured, machine-readable format, or have them sent to another company (Art. 20).',
  },
  objection: {
    name: 'Objection',
    text: 'object to processing based on our legitimate interests; we then stop unless we have compelling grounds. An objection to direct marketing always stops it (Art. 21).',
  },
  withdraw_consent: {
    name: 'Withdrawing consent',
    text: 'withdraw your consent at any time, as easily as you gave it; this does not affect processing that took place before (Art. 7(3)).',
  },
  complaint: {
    name: 'Complaint',
    text: 'lodge a complaint with a data protection supervisory authority, in particular where you live or work or where you think the law was broken (Art. 77).',
  },
  opt_out_sale: {
    name: 'Opting out of sale or sharing',
    text: 'tell us not to sell or share your personal information; we also honour the Global Privacy Control signal of your browser (CCPA §1798.120, 11 CCR §7025).',
  },
};

export const JURISDICTION: Record<Jurisdiction, string> = {
  eu: 'European Union and EEA (GDPR)',
  uk: 'United Kingdom (UK GDPR)',
  ch: 'Switzerland (revFADP)',
  'us-ca': 'California (CCPA/CPRA)',
  us: 'United States',
  ca: 'Canada (PIPEDA)',
  br: 'Brazil (LGPD)',
  other: 'Other places',
};

type Mechanism = Transfer['mechanism'];

/** Art. 13(1)(f): the safeguard, short enough for a table cell. */
const TRANSFER_NAME: Record<Mechanism, string> = {
  adequacy: 'Adequacy decision (GDPR Art. 45)',
  scc: 'EU Standard Contractual Clauses',
  dpf: 'EU–US Data Privacy Framework',
  bcr: 'Binding corporate rules (GDPR Art. 47)',
  derogation: 'Derogation for a specific situation (GDPR Art. 49)',
  none: 'No safeguard',
};

/** What each safeguard is, told once under the table (Art. 45, 46(2)(c), 47, 49; Decision 2021/914; DPF). */
export const TRANSFER_EXPLAINED: Record<Mechanism, string> = {
  adequacy:
    'the European Commission has decided that the country protects personal data adequately (GDPR Art. 45).',
  scc: 'contract clauses adopted by the European Commission in Implementing Decision (EU) 2021/914 (GDPR Art. 46(2)(c)). Module 1 is for transfers to another controller, Module 2 to a processor, Module 3 from a processor to a sub-processor.',
  dpf: 'the European Commission’s adequacy decision of 10 July 2023 for US organisations certified on the Data Privacy Framework List.',
  bcr: 'rules binding every company of a group, approved by a supervisory authority (GDPR Art. 47).',
  derogation:
    'a transfer allowed for a specific situation only, such as legal claims or your explicit consent (GDPR Art. 49).',
  none: 'the transfer has no safeguard.',
};

export const transferName = (mechanism: Mechanism): string => TRANSFER_NAME[mechanism];

/** Art. 13(1)(f): the safeguard of a transfer, in words ("EU Standard Contractual Clauses (Module 2)"). */
export function describeTransfer(transfer: Transfer | undefined): string {
  if (!transfer) return 'No safeguard declared';
  const module = transfer.mechanism === 'scc' && transfer.sccModule ? ` (Module ${transfer.sccModule})` : '';
  const words = `${TRANSFER_NAME[transfer.mechanism]}${module}`;
  return transfer.supplementaryMeasures
    ? `${words}; supplementary measures: ${inSentence(transfer.supplementaryMeasures)}`
    : words;
}

/** "United States" for "US"; the code itself when the runtime has no name for it. */
export function countryName(code: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** Text from the file placed inside a sentence of ours: without its own final full stop. */
export function inSentence(text: string): string {
  return text.trim().replace(/\.+$/, '');
}

/** "a, b and c". */
export function joinWords(items: readonly string[], last = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} ${last} ${items.at(-1)}`;
}

/** Like `joinWords`, with semicolons when an item has its own commas or "and" ("Name; Email address"). */
export function joinList(items: readonly string[]): string {
  const nested = items.some((i) => /,| and /.test(i));
  if (!nested || items.length <= 1) return joinWords(items);
  return `${items.slice(0, -1).join('; ')}; and ${items.at(-1)}`;
}

const words = (name: string): string => name.replace(/[_.]+/g, ' ').trim();

/** The event a retention period counts from, as a clause that can follow "after" or "until". */
function anchorEvent(anchor: string, relationships: readonly string[]): string {
  if (anchor === 'collected') return 'we collect them';
  if (anchor === 'consent_withdrawn') return 'you withdraw your consent';
  if (anchor === 'last_contact') return 'our last contact with you';
  if (anchor === 'relationship_ended') {
    const kinds = relationships.map(words);
    return kinds.length > 0
      ? `the ${joinWords(kinds, 'or')} relationship ends`
      : 'our relationship with you ends';
  }
  if (anchor.startsWith('column:')) return `the ${words(anchor.slice('column:'.length))}`;
  return `the “${words(anchor.slice('event:'.length))}” event`;
}

/**
 * GDPR Art. 13(2)(a): the storage period in words, from the rule's anchor and ISO 8601 duration:
 * "2 years after the customer relationship ends", "until you withdraw your consent" (zero duration).
 * `relationships` names the relationship kinds a `relationship_ended` anchor refers to.
 */
export function describeRetention(
  retention: Pick<Retention, 'anchor' | 'duration'>,
  relationships: readonly string[] = [],
): string {
  const event = anchorEvent(retention.anchor, relationships);
  const d = parseDuration(retention.duration);
  if (!d) return `a period of ${retention.duration} after ${event}`;
  const zero = Object.values(d).every((n) => n === 0);
  return zero ? `until ${event}` : `${describeDuration(d)} after ${event}`;
}

/**
 * A duration in words; the text itself when it is not a valid ISO 8601 duration (e.g. "session").
 * With `business`, days and weeks count working days ("10 business days", CCPA 11 CCR §7021).
 */
export function describeDurationText(text: string, calendar: 'calendar' | 'business' = 'calendar'): string {
  const d = parseDuration(text);
  if (!d) return text;
  const described = describeDuration(d);
  return calendar === 'business' ? described.replace(/\b(days?|weeks?)\b/g, 'business $1') : described;
}
