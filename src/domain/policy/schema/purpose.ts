/**
 * A purpose of processing: the unit GDPR reasons in (Art. 5(1)(b), 6, 13(1)(c)). Everything Steward
 * enforces hangs off a purpose: its legal basis, whose data, which data, who receives it, how long.
 */
import { z } from 'zod';
import {
  AnchorSchema,
  CategoryIdSchema,
  ClausesSchema,
  DurationSchema,
  IdSchema,
  TextSchema,
  TitleSchema,
} from './common.js';

/** Art. 6(1)(a)–(f), in DPV terms dpv:Consent … dpv:OfficialAuthorityOfController. */
export const LEGAL_BASES = [
  'consent',
  'contract',
  'legal_obligation',
  'legitimate_interest',
  'vital_interest',
  'public_task',
] as const;
export const LegalBasisSchema = z.enum(LEGAL_BASES);

/** Art. 9(2)(a)–(j), in order (DPV eu-gdpr:A9-2-a … A9-2-j). */
export const SPECIAL_CATEGORY_CONDITIONS = [
  'explicit_consent',
  'employment_social_security',
  'vital_interests',
  'nonprofit_body',
  'made_public',
  'legal_claims',
  'substantial_public_interest',
  'health_care',
  'public_health',
  'archiving_research',
] as const;

export const WITHDRAWAL_CHANNELS = ['privacy_center', 'email_link', 'api', 'banner', 'support'] as const;

const ConsentSchema = z.strictObject({
  explicit: z.boolean().default(false).describe('Explicit consent (Art. 9(2)(a), Art. 49(1)(a))'),
  withdrawal: z
    .array(z.enum(WITHDRAWAL_CHANNELS))
    .max(WITHDRAWAL_CHANNELS.length)
    .default([])
    .describe('How consent is withdrawn; as easy as giving it (Art. 7(3))'),
  requested: TextSchema.optional().describe('The wording people see when asked'),
});

const AudienceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('relationship'),
    relationship: IdSchema.describe('Subject kind whose active relationship allows the send (soft opt-in)'),
    active: z.literal(true),
  }),
  z.strictObject({ kind: z.literal('consent') }),
]);

export const MARKETING_CHANNELS = ['email', 'sms', 'phone', 'post', 'push'] as const;
export const OPT_OUT_MECHANISMS = ['unsubscribe_link', 'one_click', 'reply', 'privacy_center'] as const;

const MarketingSchema = z
  .strictObject({
    channel: z.enum(MARKETING_CHANNELS),
    optOut: z.array(z.enum(OPT_OUT_MECHANISMS)).max(OPT_OUT_MECHANISMS.length).default([]),
    audience: AudienceSchema.describe('Who may receive it; "unsubscribed from marketing" always wins'),
  })
  .describe('Direct marketing (ePrivacy Art. 13, GDPR Art. 21(2)–(3))');

export const COOKIE_CATEGORIES = [
  'necessary',
  'functional',
  'analytics',
  'heatmaps',
  'session_replay',
  'advertising',
] as const;

const CookieSchema = z.strictObject({
  name: z.string().min(1).max(128),
  provider: TitleSchema.optional(),
  duration: z.string().max(64).describe('ISO 8601 duration, or "session"'),
  description: TextSchema.optional(),
});

const WebsiteSchema = z
  .strictObject({
    cookieCategory: z.enum(COOKIE_CATEGORIES),
    thirdParty: z.boolean(),
    cookies: z.array(CookieSchema).max(200).default([]),
  })
  .describe('Cookies and similar technologies (ePrivacy Art. 5(3)); the banner groups purposes by category');

export const RetentionSchema = z.strictObject({
  anchor: AnchorSchema,
  duration: DurationSchema,
  description: TextSchema.optional().describe('The criteria in words (Art. 13(2)(a))'),
});

export const SOURCES = ['data_subject', 'observed', 'public', 'third_party'] as const;

export const PurposeSchema = z.strictObject({
  id: IdSchema,
  title: TitleSchema,
  description: TextSchema,
  clauses: ClausesSchema,
  dpv: z
    .string()
    .regex(/^[a-z][a-z0-9-]*:[A-Za-z][A-Za-z0-9-]{0,80}$/)
    .optional()
    .describe('DPV purpose concept, e.g. dpv:CustomerCare'),
  legalBasis: LegalBasisSchema.describe('Art. 6(1) basis; exactly one per purpose'),
  legitimateInterest: TextSchema.optional().describe(
    'The interest pursued, required for legitimate_interest',
  ),
  specialCategoryCondition: z.enum(SPECIAL_CATEGORY_CONDITIONS).optional().describe('Art. 9(2) condition'),
  subjects: z.array(IdSchema).min(1).max(50).describe('Subject kinds whose data this purpose processes'),
  categories: z.array(CategoryIdSchema).min(1).max(200).describe('Data categories processed'),
  sources: z.array(z.enum(SOURCES)).max(SOURCES.length).optional().describe('Where the data come from'),
  sourceDescription: TextSchema.optional().describe('Named sources when not the person (Art. 14(2)(f))'),
  processors: z.array(IdSchema).max(100).default([]),
  recipients: z.array(IdSchema).max(100).default([]),
  sale: z.boolean().default(false).describe('Personal data sold (CCPA §1798.140(ad))'),
  share: z
    .boolean()
    .default(false)
    .describe('Shared for cross-context behavioural advertising (§1798.140(ah))'),
  consent: ConsentSchema.optional(),
  marketing: MarketingSchema.optional(),
  website: WebsiteSchema.optional(),
  retention: RetentionSchema,
  legalHolds: z
    .array(IdSchema)
    .max(20)
    .default([])
    .describe('Legal obligations that keep data after the purpose'),
  required: z
    .strictObject({
      kind: z.enum(['statutory', 'contractual', 'contract_prerequisite', 'voluntary']),
      consequence: TextSchema,
    })
    .optional()
    .describe('Whether providing the data is required, and what happens if not (Art. 13(2)(e))'),
  automatedDecisions: TextSchema.optional().describe(
    'Automated decision-making and its logic (Art. 13(2)(f))',
  ),
});
