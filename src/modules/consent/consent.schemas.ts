import { z } from 'zod';
import { IdentityInputSchema } from '../subjects/subjects.schemas.js';
import { CONSENT_ACTIONS, CONSENT_CHANNELS } from './ledger.types.js';

const IdParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]{2,5}_[0-9a-z]{26}$/, 'must be an id like cns_…');

export const SubjectRefSchema = z.union([
  z.object({ subjectId: IdParam }).strict(),
  z.object({ identity: IdentityInputSchema }).strict(),
]);

export const RecordConsentBodySchema = z
  .object({
    subject: SubjectRefSchema.describe(
      'The subject by id, or by an identity (created on first consent given)',
    ),
    purpose: z.string().min(1).max(64),
    action: z.enum(['given', 'withdrawn']),
    channel: z.enum(CONSENT_CHANNELS),
    occurredAt: z.iso.datetime({ offset: true }).optional().describe('When the person acted; default now'),
    evidence: z
      .object({
        formId: z.string().min(1).max(128).optional(),
        noticeId: z.string().min(1).max(128).optional(),
        policyHash: z
          .string()
          .regex(/^[0-9a-f]{64}$/)
          .optional()
          .describe('Content hash of the policy version shown; default the current one'),
        userAgent: z.string().max(1024).optional(),
        ip: z
          .string()
          .max(64)
          .optional()
          .describe('Truncated to /24 or /48 before storage; the full address is never kept'),
        language: z.string().max(35).optional(),
      })
      .strict()
      .default({}),
  })
  .strict();

export const ConsentEventSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    subjectId: z.string(),
    purpose: z.string(),
    action: z.enum(CONSENT_ACTIONS),
    channel: z.enum(CONSENT_CHANNELS),
    occurredAt: z.string(),
    recordedAt: z.string(),
    policyHash: z.string(),
    evidence: z.object({
      formId: z.string().optional(),
      noticeId: z.string().optional(),
      userAgent: z.string().optional(),
      ipPrefix: z.string().optional(),
      language: z.string().optional(),
    }),
    prevHash: z.string(),
    hash: z.string(),
    receiptUrl: z.string(),
  })
  .meta({ id: 'ConsentEvent' });

export const ConsentParamsSchema = z.object({ id: IdParam }).strict();
