/**
 * Who else touches the data (processors Art. 28, other recipients Art. 13(1)(e)), the transfers that
 * involves (Art. 44–49), the laws that keep data longer (Art. 17(3)(b)), and the file's own additions to
 * the built-in taxonomies.
 */
import { z } from 'zod';
import {
  AnchorSchema,
  CategoryIdSchema,
  ClausesSchema,
  CountrySchema,
  DateSchema,
  DurationSchema,
  IdSchema,
  JurisdictionSchema,
  TextSchema,
  TitleSchema,
  UrlSchema,
} from './common.js';

export const TRANSFER_MECHANISMS = ['adequacy', 'scc', 'dpf', 'bcr', 'derogation', 'none'] as const;

/** Art. 45 adequacy, Art. 46(2)(c) SCCs (Decision 2021/914), EU–US DPF, Art. 47 BCRs, Art. 49 derogations. */
export const TransferSchema = z.strictObject({
  mechanism: z.enum(TRANSFER_MECHANISMS),
  sccModule: z.int().min(1).max(4).optional().describe('SCC module: 2 = controller to processor'),
  reference: z
    .string()
    .min(1)
    .max(500)
    .optional()
    .describe('Where the safeguard is documented / how to get a copy'),
  supplementaryMeasures: TextSchema.optional(),
});

export const ProcessorSchema = z.strictObject({
  id: IdSchema,
  name: TitleSchema,
  description: TextSchema.optional(),
  services: z
    .array(IdSchema)
    .min(1)
    .max(20)
    .describe('Service categories (clause 2.2.x), built in or declared'),
  countries: z.array(CountrySchema).min(1).max(50).describe('Where the processor processes the data'),
  transfer: TransferSchema.optional(),
  dpa: z
    .strictObject({
      reference: z.string().min(1).max(500),
      signedAt: DateSchema.optional(),
      url: UrlSchema.optional(),
    })
    .optional()
    .describe('The Art. 28(3) contract'),
  website: UrlSchema.optional(),
  clauses: ClausesSchema,
});

export const RecipientSchema = z.strictObject({
  id: IdSchema,
  name: TitleSchema,
  kind: z.enum(['contractor', 'authority', 'affiliate', 'other']),
  description: TextSchema,
  categories: z.array(CategoryIdSchema).max(200).default([]),
  countries: z.array(CountrySchema).max(50).default([]),
  transfer: TransferSchema.optional(),
  sale: z.boolean().default(false),
  share: z.boolean().default(false),
  clauses: ClausesSchema,
});

export const LegalObligationSchema = z.strictObject({
  id: IdSchema,
  title: TitleSchema,
  law: z.string().min(1).max(500).describe('Citation of the law that requires keeping the data'),
  jurisdiction: JurisdictionSchema.optional(),
  categories: z.array(CategoryIdSchema).min(1).max(200),
  duration: DurationSchema,
  anchor: AnchorSchema,
  restrictedTo: TextSchema.describe(
    'The only use left for held data (Art. 18(2)), e.g. "accounting, tax audits"',
  ),
  clauses: ClausesSchema,
});

export const SubjectKindSchema = z.strictObject({
  id: IdSchema,
  title: TitleSchema,
  description: TextSchema.optional(),
});

export const DataCategorySchema = z.strictObject({
  id: CategoryIdSchema,
  title: TitleSchema,
  description: TextSchema.optional(),
  parent: CategoryIdSchema.optional().describe('Defaults to the dotted prefix when that is a category'),
  special: z.boolean().optional().describe('Art. 9 special category; inherited from the parent when omitted'),
  personal: z
    .boolean()
    .optional()
    .describe('false only for data that identify no one; inherited when omitted'),
  dpv: z.string().max(100).optional().describe('DPV personal data concept, e.g. pd:EmailAddress'),
});

export const ServiceCategorySchema = z.strictObject({
  id: IdSchema,
  title: TitleSchema,
  description: TextSchema.optional(),
  clauses: ClausesSchema,
});
