/**
 * The policy file: one zod schema for any company's privacy policy, written as code. Structure and value
 * shapes are checked here (`.strict()` everywhere, so a misspelt key is an error); cross-references and
 * legal consistency are checked by the rules in `rules/`, which report every finding at once with its
 * position. Other modules rely on the top-level names; add freely, never rename.
 */
import { z } from 'zod';
import { CountrySchema, IdSchema } from './schema/common.js';
import { AmendmentsSchema, ControllerSchema, RightsSchema } from './schema/controller.js';
import { DatasetSchema, type TableSchema } from './schema/datasets.js';
import { FormSchema, SecurityLogsSchema } from './schema/forms.js';
import {
  DataCategorySchema,
  LegalObligationSchema,
  ProcessorSchema,
  RecipientSchema,
  ServiceCategorySchema,
  SubjectKindSchema,
  type TransferSchema,
} from './schema/parties.js';
import { PurposeSchema, type RetentionSchema } from './schema/purpose.js';

export const PolicySchema = z
  .strictObject({
    steward: z.literal(1).describe('Version of this file format'),
    version: z.string().min(1).max(64).optional().describe('Free label of this edition, e.g. 2025-06'),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/, {
        error: 'a BCP 47 language tag such as en or en-GB',
      })
      .default('en'),
    lastModified: z.iso.date().optional().describe('Date shown as "Last modified", YYYY-MM-DD'),
    controller: ControllerSchema,
    subjectKinds: z
      .array(SubjectKindSchema)
      .max(100)
      .default([])
      .describe('Added to the built-in subject kinds'),
    relationshipKinds: z
      .array(IdSchema)
      .max(50)
      .optional()
      .describe(
        'Subject kinds kept as relationships with start and end (default customer, prospect, vendor, partner)',
      ),
    dataCategories: z
      .array(DataCategorySchema)
      .max(1000)
      .default([])
      .describe('Added to the built-in taxonomy'),
    serviceCategories: z
      .array(ServiceCategorySchema)
      .max(100)
      .default([])
      .describe('Added to built-in services'),
    purposes: z.array(PurposeSchema).min(1).max(2000),
    processors: z.array(ProcessorSchema).max(1000).default([]),
    recipients: z.array(RecipientSchema).max(500).default([]),
    legalObligations: z.array(LegalObligationSchema).max(200).default([]),
    adequacy: z
      .array(CountrySchema)
      .max(300)
      .optional()
      .describe('Countries treated as adequate; default: EU/EEA and the EU adequacy decisions'),
    rights: RightsSchema,
    amendments: AmendmentsSchema,
    securityLogs: SecurityLogsSchema.optional(),
    forms: z.array(FormSchema).max(200).default([]),
    datasets: z.array(DatasetSchema).max(200).default([]),
  })
  .describe('Steward policy file: a privacy policy written as code');

export type Policy = z.infer<typeof PolicySchema>;
/** What a file may contain before defaults are applied. */
export type PolicyInput = z.input<typeof PolicySchema>;

export type Controller = Policy['controller'];
export type Purpose = z.infer<typeof PurposeSchema>;
export type Retention = z.infer<typeof RetentionSchema>;
export type Processor = z.infer<typeof ProcessorSchema>;
export type Recipient = z.infer<typeof RecipientSchema>;
export type Transfer = z.infer<typeof TransferSchema>;
export type LegalObligation = z.infer<typeof LegalObligationSchema>;
export type SubjectKind = z.infer<typeof SubjectKindSchema>;
export type DataCategoryDeclaration = z.infer<typeof DataCategorySchema>;
export type ServiceCategory = z.infer<typeof ServiceCategorySchema>;
export type Rights = Policy['rights'];
export type Deadline = NonNullable<Rights['deadlines'][keyof Rights['deadlines']]>;
export type Amendments = Policy['amendments'];
export type SecurityLogs = z.infer<typeof SecurityLogsSchema>;
export type Form = z.infer<typeof FormSchema>;
export type FormField = Form['fields'][number];
export type Dataset = z.infer<typeof DatasetSchema>;
export type DatasetTable = z.infer<typeof TableSchema>;
export type Jurisdiction = Controller['jurisdictions'][number];
export type LegalBasis = Purpose['legalBasis'];
export type Right = Rights['offered'][number];

export { JURISDICTIONS } from './schema/common.js';
export { MATERIAL_CHANGE_KINDS, RIGHTS } from './schema/controller.js';
export { ERASURE_STRATEGIES } from './schema/datasets.js';
export { FIELD_TYPES } from './schema/forms.js';
export { TRANSFER_MECHANISMS } from './schema/parties.js';
export {
  COOKIE_CATEGORIES,
  LEGAL_BASES,
  MARKETING_CHANNELS,
  OPT_OUT_MECHANISMS,
  SOURCES,
  SPECIAL_CATEGORY_CONDITIONS,
  WITHDRAWAL_CHANNELS,
} from './schema/purpose.js';
