import { z } from 'zod';
import { FIELD_TYPES } from '../../domain/policy/schema.js';

/** Any id the policy could declare; an unknown one is a 404, as every out-of-scope resource is. */
export const FormIdParam = z.object({ formId: z.string().min(1).max(64) }).strict();

const AnswerSchema = z.union([z.string().max(10_000), z.number(), z.boolean()]);

export const SubmissionBodySchema = z
  .object({
    token: z.string().max(200).describe('spam.token of GET /v1/forms/{formId}'),
    answers: z
      .record(z.string().max(64), AnswerSchema)
      .refine((a) => Object.keys(a).length <= 100, { error: 'at most 100 answers' })
      .describe('Field name → answer: text, a number (rating 1–5) or a boolean (checkbox)'),
    consents: z
      .array(z.string().max(64))
      .max(20)
      .default([])
      .describe('Purposes whose consent checkbox was ticked; never pre-ticked'),
    honeypot: z
      .string()
      .max(1000)
      .optional()
      .describe('The value of the hidden input named spam.honeypot: empty for people'),
  })
  .strict()
  .meta({ id: 'FormSubmission' });

export type SubmissionBody = z.infer<typeof SubmissionBodySchema>;

export const SubmissionAcceptedSchema = z
  .object({ message: z.string() })
  .meta({ id: 'FormSubmissionAccepted' });

export const FormDefinitionSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    kind: z.string(),
    anonymous: z.boolean().describe('true: no identity, IP address, user agent or cookie is stored'),
    purpose: z.object({ id: z.string(), title: z.string(), description: z.string() }),
    privacyPolicy: z.string().describe('Where the full privacy policy is published'),
    fields: z.array(
      z.object({
        name: z.string(),
        label: z.string(),
        type: z.enum(FIELD_TYPES),
        required: z.boolean(),
        maxLength: z.number().int().nullable(),
        options: z.array(z.string()).nullable(),
        min: z.number().int().nullable().describe('Ratings: the lowest value'),
        max: z.number().int().nullable().describe('Ratings: the highest value'),
      }),
    ),
    consents: z
      .array(z.object({ purpose: z.string(), text: z.string() }))
      .describe('Optional checkboxes, shown unticked, with the wording the policy gives'),
    spam: z.object({
      token: z.string().describe('Send back as token'),
      honeypot: z.string().describe('Name of an input hidden from people that must stay empty'),
      minSeconds: z.number().describe('Submissions sent sooner after the token was issued are refused'),
      expiresAt: z.string().describe('After this instant the token is refused: fetch the form again'),
    }),
  })
  .meta({ id: 'FormDefinition' });

export type FormDefinition = z.infer<typeof FormDefinitionSchema>;

export const ListSubmissionsQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(500).default(100),
    before: z
      .string()
      .regex(/^frm_[0-9a-z]{26}$/)
      .optional()
      .describe('next of the previous page'),
  })
  .strict();

export const SubmissionSchema = z
  .object({
    id: z.string(),
    formId: z.string(),
    purpose: z.string(),
    anonymous: z.boolean(),
    submittedAt: z.string().describe('For an anonymous form, the start of the UTC day only'),
    subjectId: z.string().nullable(),
    answers: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .meta({ id: 'FormSubmissionRecord' });

export const SubmissionPageSchema = z
  .object({ submissions: z.array(SubmissionSchema), next: z.string().nullable() })
  .meta({ id: 'FormSubmissionPage' });
