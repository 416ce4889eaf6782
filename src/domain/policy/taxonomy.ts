/**
 * Built-in vocabularies (subject kinds, data categories, processor services, adequate countries) and the
 * resolvers that merge them with a policy file's own additions. A company adds to these in its file; it
 * never needs a code change.
 */
import type { Jurisdiction, Policy, ServiceCategory, SubjectKind } from './schema.js';

export const BUILT_IN_SUBJECT_KINDS: readonly SubjectKind[] = [
  { id: 'customer', title: 'Customers' },
  { id: 'prospect', title: 'Potential customers' },
  { id: 'vendor', title: 'Vendors' },
  { id: 'partner', title: 'Partners' },
  { id: 'data_processor', title: 'Data processors (their staff)' },
  { id: 'visitor', title: 'Website visitors' },
  { id: 'correspondent', title: 'People who contact us' },
  { id: 'employee', title: 'Employees' },
  { id: 'applicant', title: 'Job applicants' },
];

/** Kinds kept as relationships with a start and an end (clause 1.6.2 customer, 1.6.6 vendor/partner). */
export const DEFAULT_RELATIONSHIP_KINDS: readonly string[] = ['customer', 'prospect', 'vendor', 'partner'];

/** Processor services, as clause 2.2.1–2.2.8 of the seed policy groups them. */
export const BUILT_IN_SERVICE_CATEGORIES: readonly ServiceCategory[] = [
  { id: 'email_calendar_meetings', title: 'Email, calendar and digital meetings', clauses: ['2.2.1'] },
  { id: 'accounting', title: 'Accounting and bookkeeping', clauses: ['2.2.2'] },
  { id: 'website_payments_licensing', title: 'Website, online payments and licensing', clauses: ['2.2.3'] },
  { id: 'transactional_marketing_email', title: 'Transactional and marketing email', clauses: ['2.2.4'] },
  { id: 'support_tickets', title: 'Support ticket system', clauses: ['2.2.5'] },
  {
    id: 'logs_security_analytics',
    title: 'Log processing, security monitoring and analytics',
    clauses: ['2.2.6'],
  },
  { id: 'affiliate', title: 'Affiliate programme management', clauses: ['2.2.7'] },
  { id: 'hosting_infrastructure', title: 'Infrastructure and hosting', clauses: ['2.2.8'] },
  { id: 'other', title: 'Other services' },
];

export interface DataCategory {
  readonly id: string;
  readonly title: string;
  readonly parent?: string;
  /** GDPR Art. 9(1) special category: needs an Art. 9(2) condition. */
  readonly special: boolean;
  /** false only for data that identify no one (anonymous answers, aggregates). */
  readonly personal: boolean;
  /** Art. 10 data: criminal convictions and offences. */
  readonly criminal?: boolean;
  /** W3C DPV 2.0 personal-data concept (https://w3id.org/dpv/pd). */
  readonly dpv?: string;
}

type Row = [id: string, title: string, dpv?: string];
const group = (parent: string, flags: Partial<DataCategory>, rows: Row[]): DataCategory[] =>
  rows.map(([id, title, dpv]) => ({
    id,
    title,
    special: false,
    personal: true,
    ...flags,
    ...(id === parent ? {} : { parent }),
    ...(dpv ? { dpv } : {}),
  }));

export const BUILT_IN_DATA_CATEGORIES: readonly DataCategory[] = [
  ...group('contact', {}, [
    ['contact', 'Contact details', 'pd:Contact'],
    ['contact.email', 'Email address', 'pd:EmailAddress'],
    ['contact.phone', 'Telephone number', 'pd:TelephoneNumber'],
    ['contact.address', 'Postal address', 'pd:PhysicalAddress'],
    ['contact.social', 'Social media handle', 'pd:SocialMedia'],
  ]),
  ...group('identity', {}, [
    ['identity', 'Identity', 'pd:Identifying'],
    ['identity.name', 'Name', 'pd:Name'],
    ['identity.id', 'Official identifier', 'pd:OfficialID'],
    ['identity.account', 'Account identifier or username', 'pd:Username'],
  ]),
  ...group('billing', {}, [
    ['billing', 'Billing data', 'pd:Transactional'],
    ['billing.address', 'Billing address', 'pd:PhysicalAddress'],
    ['billing.invoice', 'Invoices and purchase history', 'pd:Purchase'],
  ]),
  ...group('payment', {}, [
    ['payment', 'Payment data', 'pd:FinancialAccount'],
    ['payment.card', 'Payment card details', 'pd:PaymentCardNumber'],
    ['payment.bank_account', 'Bank account details', 'pd:BankAccount'],
  ]),
  ...group('tax', {}, [
    ['tax', 'Tax data', 'pd:Tax'],
    ['tax.id', 'Tax or VAT number', 'pd:Tax'],
  ]),
  ...group('company', {}, [
    ['company', 'Company data', 'pd:Professional'],
    ['company.details', 'Company name and role', 'pd:Professional'],
  ]),
  ...group('network', {}, [
    ['network', 'Network identifiers', 'pd:DeviceBased'],
    ['network.ip', 'IP address', 'pd:IPAddress'],
  ]),
  ...group('device', {}, [
    ['device', 'Device data', 'pd:DeviceBased'],
    ['device.user_agent', 'Browser user agent', 'pd:UserAgent'],
    ['device.identifier', 'Cookie and device identifiers', 'pd:Identifier'],
  ]),
  ...group('usage', {}, [
    ['usage', 'Usage data', 'pd:Behavioral'],
    ['usage.behaviour', 'Website behaviour, heatmaps and session replays', 'pd:BrowsingBehavior'],
    ['usage.access_log', 'Access and security logs', 'pd:ServiceConsumptionBehavior'],
  ]),
  ...group('communication', {}, [
    ['communication', 'Communications', 'pd:Communication'],
    ['communication.content', 'Content of messages', 'pd:Communication'],
  ]),
  ...group('preferences', {}, [
    ['preferences', 'Preferences', 'pd:Preference'],
    ['preferences.marketing', 'Marketing preferences', 'pd:PrivacyPreference'],
  ]),
  // Art. 9(1), one category per ground it lists.
  ...group('special', { special: true }, [
    ['special', 'Special categories of personal data'],
    ['special.health', 'Health data', 'pd:Health'],
    ['special.biometric', 'Biometric data used to identify a person', 'pd:Biometric'],
    ['special.genetic', 'Genetic data', 'pd:Genetic'],
    ['special.religion', 'Religious or philosophical beliefs', 'pd:ReligiousBelief'],
    ['special.political', 'Political opinions', 'pd:PoliticalOpinion'],
    ['special.ethnic', 'Racial or ethnic origin', 'pd:EthnicOrigin'],
    ['special.sexual_orientation', 'Sex life or sexual orientation', 'pd:Sexual'],
    ['special.trade_union', 'Trade union membership', 'pd:TradeUnionMembership'],
  ]),
  // Art. 10: not an Art. 9 category, but only under official authority or where law authorises it.
  ...group('criminal', { criminal: true }, [
    ['criminal', 'Criminal law data', 'pd:Criminal'],
    ['criminal.offences', 'Criminal convictions and offences', 'pd:CriminalOffense'],
  ]),
  ...group('anonymous', { personal: false }, [
    ['anonymous', 'Anonymous data (identifies no one)'],
    ['anonymous.feedback', 'Anonymous answers (no identity, IP or user agent kept)'],
    ['anonymous.aggregate', 'Aggregated statistics'],
  ]),
];

/** Every data category the policy can use: built in, then the file's, with parent flags inherited. */
export function allDataCategories(policy: Pick<Policy, 'dataCategories'>): Map<string, DataCategory> {
  const map = new Map<string, DataCategory>(BUILT_IN_DATA_CATEGORIES.map((c) => [c.id, c]));
  for (const declared of policy.dataCategories) {
    if (map.has(declared.id)) continue; // reported by duplicate-id; the built-in meaning stays
    const prefix = declared.id.includes('.') ? declared.id.slice(0, declared.id.lastIndexOf('.')) : undefined;
    const parentId = declared.parent ?? (prefix && map.has(prefix) ? prefix : undefined);
    const parent = parentId ? map.get(parentId) : undefined;
    map.set(declared.id, {
      id: declared.id,
      title: declared.title,
      ...(parentId ? { parent: parentId } : {}),
      special: declared.special ?? parent?.special ?? false,
      personal: declared.personal ?? parent?.personal ?? true,
      ...(parent?.criminal ? { criminal: true } : {}),
      ...(declared.dpv ? { dpv: declared.dpv } : {}),
    });
  }
  return map;
}

/** True when `declared` is `category` or one of its ancestors ("contact" covers "contact.email"). */
export function categoryCovers(declared: string, category: string): boolean {
  return category === declared || category.startsWith(`${declared}.`);
}

export function allSubjectKinds(policy: Pick<Policy, 'subjectKinds'>): SubjectKind[] {
  const builtIn = new Set(BUILT_IN_SUBJECT_KINDS.map((k) => k.id));
  return [...BUILT_IN_SUBJECT_KINDS, ...policy.subjectKinds.filter((k) => !builtIn.has(k.id))];
}

/** Subject kinds kept as relationships (start/end); the relationship module accepts only these. */
export function relationshipKinds(policy: Pick<Policy, 'relationshipKinds'>): readonly string[] {
  return policy.relationshipKinds ?? DEFAULT_RELATIONSHIP_KINDS;
}

export function allServiceCategories(policy: Pick<Policy, 'serviceCategories'>): ServiceCategory[] {
  const builtIn = new Set(BUILT_IN_SERVICE_CATEGORIES.map((s) => s.id));
  return [...BUILT_IN_SERVICE_CATEGORIES, ...policy.serviceCategories.filter((s) => !builtIn.has(s.id))];
}

/** Purposes that use each processor: the "purposes" column of the sub-processor list. */
export function purposesByProcessor(policy: Pick<Policy, 'purposes'>): Map<string, string[]> {
  const map = new Map<string, string[]>();
  for (const purpose of policy.purposes) {
    for (const processor of purpose.processors)
      map.set(processor, [...(map.get(processor) ?? []), purpose.id]);
  }
  return map;
}

export {
  adequateCountries,
  EEA_COUNTRIES,
  EU_ADEQUACY_DECISIONS,
  homeRegion,
  TRANSFER_REGIMES,
} from './adequacy.js';
export type { Jurisdiction };
