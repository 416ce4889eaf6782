import { z } from 'zod';
import { IDENTITY_TYPES } from '../../domain/identity/identity.js';

const Timestamp = z.iso.datetime({ offset: true }).describe('RFC 3339 date-time');
const IdParam = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z]{2,5}_[0-9a-z]{26}$/, 'must be an id like sub_…');

export const IdentityInputSchema = z
  .object({
    type: z.enum(IDENTITY_TYPES),
    value: z.string().min(1).max(320),
    namespace: z
      .string()
      .min(1)
      .max(64)
      .regex(/^[a-z0-9_.-]+$/)
      .optional()
      .describe('For external ids: the system that issued it'),
  })
  .strict();

export const RelationshipInputSchema = z
  .object({
    kind: z
      .string()
      .min(1)
      .max(64)
      .describe('A subject kind of the policy: customer, prospect, vendor, partner, …'),
    startedAt: Timestamp.optional(),
    endedAt: Timestamp.optional(),
    reference: z.string().min(1).max(200).optional().describe('Your own id of the contract or account'),
  })
  .strict();

export const UpsertSubjectBodySchema = z
  .object({
    identities: z.array(IdentityInputSchema).min(1).max(20),
    relationships: z.array(RelationshipInputSchema).max(20).optional(),
    defaultCountry: z
      .string()
      .length(2)
      .regex(/^[A-Za-z]{2}$/)
      .optional()
      .describe('ISO 3166-1 alpha-2, for phone numbers without +'),
  })
  .strict();
export type UpsertSubjectBody = z.infer<typeof UpsertSubjectBodySchema>;

export const LookupSubjectBodySchema = z
  .object({ identity: IdentityInputSchema, defaultCountry: z.string().length(2).optional() })
  .strict();

export const IdentitySchema = z
  .object({
    id: z.string(),
    type: z.enum(IDENTITY_TYPES),
    namespace: z.string(),
    value: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'Identity' });

export const RelationshipSchema = z
  .object({
    id: z.string(),
    kind: z.string(),
    startedAt: Timestamp,
    endedAt: Timestamp.nullable(),
    active: z.boolean(),
    reference: z.string().nullable(),
  })
  .meta({ id: 'Relationship' });

export const SubjectSchema = z
  .object({
    id: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    identities: z.array(IdentitySchema),
    relationships: z.array(RelationshipSchema),
  })
  .meta({ id: 'Subject' });
export type Subject = z.infer<typeof SubjectSchema>;

export const SubjectParamsSchema = z.object({ id: IdParam }).strict();
export const RelationshipParamsSchema = z.object({ id: IdParam, relationshipId: IdParam }).strict();
export const EndRelationshipBodySchema = z.object({ endedAt: Timestamp.optional() }).strict();

export const AuditEntrySchema = z
  .object({
    seq: z.number().int(),
    id: z.string(),
    at: Timestamp,
    actor: z.string(),
    action: z.string(),
    subjectId: z.string().nullable(),
    target: z.string().nullable(),
    detail: z.record(z.string(), z.unknown()),
    hash: z.string(),
  })
  .meta({ id: 'AuditEntry' });
