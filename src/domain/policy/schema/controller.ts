/**
 * Who is responsible (GDPR Art. 13(1)(a)–(b), Art. 27), which rights are offered and how fast requests are
 * answered (Art. 12(3), Art. 13(2)(b)–(d); CCPA 11 CCR §7021), and how changes are announced.
 */
import { z } from 'zod';
import {
  ClausesSchema,
  CountrySchema,
  DurationSchema,
  EmailSchema,
  JurisdictionSchema,
  TextSchema,
  TitleSchema,
  UrlSchema,
} from './common.js';

const AddressSchema = z.array(TitleSchema).min(1).max(10).describe('Postal address, one line per item');

const RepresentativeSchema = z.strictObject({
  name: TitleSchema,
  address: AddressSchema,
  email: EmailSchema.optional(),
});

export const ControllerSchema = z
  .strictObject({
    name: TitleSchema.describe('Name the public knows the controller by'),
    legalName: TitleSchema.optional(),
    address: AddressSchema,
    country: CountrySchema.describe('Country of establishment'),
    website: UrlSchema,
    email: EmailSchema.describe('Privacy contact (clause 5)'),
    phone: z.string().max(40).optional(),
    dpo: z
      .strictObject({ name: TitleSchema.optional(), email: EmailSchema })
      .optional()
      .describe('Art. 37–39'),
    euRepresentative: RepresentativeSchema.optional().describe('Art. 27 representative in the EU'),
    ukRepresentative: RepresentativeSchema.optional().describe('UK GDPR Art. 27 representative'),
    jurisdictions: z.array(JurisdictionSchema).min(1).max(8).describe('Legal regimes the controller serves'),
    sellsPersonalData: z
      .boolean()
      .describe('false: no purpose or recipient may sell or share personal data (CCPA "sell"/"share")'),
    supervisoryAuthority: z.strictObject({ name: TitleSchema, url: UrlSchema }).optional(),
    clauses: ClausesSchema,
  })
  .describe('The controller: identity and contact details (Art. 13(1)(a)–(b))');

export const RIGHTS = [
  'access',
  'rectification',
  'erasure',
  'restriction',
  'portability',
  'objection',
  'withdraw_consent',
  'complaint',
  'opt_out_sale',
] as const;
export const RightSchema = z.enum(RIGHTS);

const DayCountSchema = z.enum(['calendar', 'business']);

export const DeadlineSchema = z.strictObject({
  respond: DurationSchema.describe('Answer within this period from receipt'),
  extension: DurationSchema.describe('Further period allowed, with notice and reasons'),
  acknowledge: DurationSchema.optional().describe('Confirm receipt within this period'),
  calendar: DayCountSchema.default('calendar').describe('How respond/extension days are counted'),
  acknowledgeCalendar: DayCountSchema.default('calendar').describe('How acknowledge days are counted'),
});

export const RightsSchema = z.strictObject({
  offered: z.array(RightSchema).min(1).max(RIGHTS.length),
  deadlines: z
    .partialRecord(JurisdictionSchema, DeadlineSchema)
    .describe('Request deadlines per jurisdiction'),
  howToExercise: TextSchema.optional().describe('Where and how people make a request'),
  clauses: ClausesSchema,
});

export const MATERIAL_CHANGE_KINDS = [
  'new_purpose',
  'new_category',
  'new_processor',
  'new_country',
  'longer_retention',
  'changed_legal_basis',
] as const;

/** WP260 rev.01: widening recipients or adding transfers is a fundamental change; all default to material. */
const MaterialChangesSchema = z
  .strictObject(
    Object.fromEntries(MATERIAL_CHANGE_KINDS.map((k) => [k, z.boolean().default(true)])) as Record<
      (typeof MATERIAL_CHANGE_KINDS)[number],
      z.ZodDefault<z.ZodBoolean>
    >,
  )
  .prefault({});

export const AmendmentsSchema = z.strictObject({
  notify: z
    .array(z.enum(['email_account_holders', 'website_notice']))
    .min(1)
    .max(2),
  noticePeriod: DurationSchema.describe('How long before a material change takes effect people are told'),
  materialChanges: MaterialChangesSchema.describe('Which kinds of change count as material'),
  clauses: ClausesSchema,
});
