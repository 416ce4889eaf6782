import { z } from 'zod';
import { REQUEST_STATES, REQUEST_TYPES } from '../../domain/requests/state.js';

export const RequestIdParam = z
  .object({ id: z.string().regex(/^dsr_[0-9a-z]{26}$/, 'must be a request id (dsr_…)') })
  .strict();
const Token = z
  .string()
  .min(20)
  .max(200)
  .regex(/^[A-Za-z0-9_-]+$/);

export const OpenRequestBodySchema = z
  .object({
    type: z.enum(REQUEST_TYPES),
    email: z.string().min(3).max(320),
    jurisdiction: z
      .string()
      .min(2)
      .max(16)
      .optional()
      .describe('Which law the request is made under; default the first the policy serves'),
    details: z
      .object({
        corrections: z
          .array(
            z
              .object({
                field: z.string().min(1).max(100),
                value: z.string().max(2000),
                note: z.string().max(2000).optional(),
              })
              .strict(),
          )
          .max(50)
          .optional(),
        purposes: z.array(z.string().min(1).max(64)).max(100).optional(),
        message: z.string().max(4000).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

export const VerifyBodySchema = z.object({ token: Token }).strict();
export const StatusQuerySchema = z.object({ token: Token }).strict();

export const PublicRequestSchema = z
  .object({
    id: z.string(),
    type: z.enum(REQUEST_TYPES),
    state: z.enum(REQUEST_STATES),
    receivedAt: z.string(),
    dueAt: z.string(),
    extended: z.boolean(),
    extensionReason: z.string().nullable(),
    closedAt: z.string().nullable(),
  })
  .meta({ id: 'PublicRequest' });

export const AgentRequestSchema = PublicRequestSchema.extend({
  email: z.string(),
  subjectId: z.string().nullable(),
  jurisdiction: z.string(),
  verifiedAt: z.string().nullable(),
  overdue: z.boolean(),
  closingReason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  result: z.record(z.string(), z.unknown()).nullable(),
  transitions: z.array(z.enum(REQUEST_STATES)),
}).meta({ id: 'AgentRequest' });

export const TransitionBodySchema = z
  .object({
    to: z.enum(['in_progress', 'completed', 'rejected']),
    reason: z.string().min(1).max(2000).optional(),
  })
  .strict();
export const ExtendBodySchema = z.object({ reason: z.string().min(1).max(2000) }).strict();
export const ApproveCorrectionsBodySchema = z
  .object({
    changes: z
      .array(
        z
          .object({
            dataset: z.string().min(1).max(64),
            table: z.string().min(1).max(130),
            pk: z.union([z.string().max(200), z.number().int()]),
            column: z.string().min(1).max(63),
            value: z.string().max(4000).nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(100),
  })
  .strict();

export const ListRequestsQuerySchema = z
  .object({
    state: z.enum(['open', 'all']).default('open'),
    overdue: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    subjectId: z
      .string()
      .regex(/^sub_[0-9a-z]{26}$/, 'must be a subject id (sub_…)')
      .optional()
      .describe("Only this person's requests"),
  })
  .strict();

export const DisclosureBodySchema = z
  .object({
    subjectId: z.string().regex(/^sub_[0-9a-z]{26}$/),
    recipient: z.string().min(1).max(64).describe('A recipient or processor id of the policy'),
    categories: z.array(z.string().min(1).max(100)).min(1).max(100),
    basis: z.string().min(1).max(2000).describe('Why it was disclosed: the law, order or contract'),
    reference: z.string().max(200).optional(),
    disclosedAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const DisclosureSchema = z
  .object({
    id: z.string(),
    subjectId: z.string(),
    recipient: z.string(),
    categories: z.array(z.string()),
    basis: z.string(),
    reference: z.string().nullable(),
    disclosedAt: z.string(),
    recordedBy: z.string(),
  })
  .meta({ id: 'Disclosure' });
