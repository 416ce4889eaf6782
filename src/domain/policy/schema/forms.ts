/**
 * Forms and surveys (clause 1.6.5 of the seed policy) and website security logs (clause 1.7): two
 * collection points whose rules are fixed in the file rather than in code.
 */
import { z } from 'zod';
import { CategoryIdSchema, ClausesSchema, DurationSchema, IdSchema, TitleSchema } from './common.js';

export const FIELD_TYPES = ['text', 'email', 'textarea', 'select', 'checkbox', 'rating'] as const;

const FormFieldSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[a-z][a-z0-9_]{0,63}$/, { error: 'a field name: lower-case letters, digits and _' }),
    label: TitleSchema,
    type: z.enum(FIELD_TYPES),
    category: CategoryIdSchema.optional().describe('Data category of the answer, when it is personal data'),
    required: z.boolean().default(false),
    maxLength: z.int().min(1).max(10_000).optional(),
    options: z.array(TitleSchema).min(1).max(100).optional(),
  })
  .refine((f) => f.type !== 'select' || f.options !== undefined, {
    error: 'a select field needs its options',
    path: ['options'],
  });

export const FormSchema = z.strictObject({
  id: IdSchema,
  title: TitleSchema,
  kind: z.enum(['feedback', 'inquiry', 'waitlist', 'survey', 'other']),
  purpose: IdSchema,
  anonymous: z
    .boolean()
    .describe('true: no identity, IP, user agent or cookie is stored, and no field may be personal data'),
  fields: z.array(FormFieldSchema).min(1).max(50),
  consents: z
    .array(IdSchema)
    .max(20)
    .default([])
    .describe('Consent-based purposes offered as optional, unticked checkboxes'),
  clauses: ClausesSchema,
});

/**
 * 90-day logs with the full address kept only briefly: full IPs for attack defence for days (BGH III ZR
 * 391/13 accepted 7), then truncated like Google Analytics' IP anonymisation (/24, /48), then deleted.
 */
export const SecurityLogsSchema = z.strictObject({
  purpose: IdSchema.describe('The purpose the logs serve (its legal basis and retention apply)'),
  fullIpFor: DurationSchema.default('P7D').describe('How long the full IP address is kept'),
  truncate: z
    .strictObject({
      ipv4: z.int().min(0).max(32).default(24).describe('Prefix length kept after fullIpFor'),
      ipv6: z.int().min(0).max(128).default(48),
    })
    .prefault({}),
  deleteAfter: DurationSchema.describe('When log lines are deleted'),
  clauses: ClausesSchema,
});
