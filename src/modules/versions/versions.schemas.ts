import { z } from 'zod';
import { CHANGE_AREAS } from '../../domain/policy/diff.js';
import { MAX_POLICY_BYTES } from '../../domain/policy/load.js';
import { MATERIAL_CHANGE_KINDS } from '../../domain/policy/schema.js';

const VersionId = z.string().regex(/^ver_[0-9a-z]{26}$/, 'must be a version id (ver_…)');
const VersionRef = z
  .string()
  .max(64)
  .regex(
    /^(ver_[0-9a-z]{26}|[0-9a-fA-F]{6,64})$/,
    'a version id (ver_…) or 6–64 hex digits of its content hash',
  );

export const VersionParamsSchema = z.object({ id: VersionRef }).strict();

export const DiffQuerySchema = z
  .object({ from: VersionRef.optional().describe('Compare with this version; default: the one before') })
  .strict();

export const VersionListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: VersionId.optional().describe('Versions older than this one (the `next` of the previous page)'),
  })
  .strict();

export const PublishBodySchema = z
  .object({
    yaml: z.string().min(1).max(MAX_POLICY_BYTES).describe('The policy file, as text'),
    effectiveAt: z
      .union([z.iso.date(), z.iso.datetime({ offset: true })])
      .optional()
      .describe(
        'When it takes effect (a date is 00:00 UTC); default: now, or after the notice period for a material change',
      ),
  })
  .strict();

export const PolicyChangeSchema = z
  .object({
    area: z.enum(CHANGE_AREAS),
    type: z.enum(['added', 'removed', 'changed']),
    path: z.string().describe('Where, as ids: purposes.consent_marketing.categories'),
    item: z.string(),
    before: z.unknown().describe('The value before (null when added)'),
    after: z.unknown().describe('The value after (null when removed)'),
    purposes: z.array(z.string()).describe('Purposes whose processing the change touches'),
    material: z.boolean(),
    rule: z
      .enum(MATERIAL_CHANGE_KINDS)
      .nullable()
      .describe('The amendments.materialChanges flag that applies'),
    summary: z.string().describe('One plain-language sentence'),
  })
  .meta({ id: 'PolicyChange' });

export const PolicyDiffSchema = z
  .object({
    from: z.string().nullable().describe('Version compared from (null: nothing before)'),
    to: z.string(),
    material: z.boolean(),
    changes: z.array(PolicyChangeSchema),
  })
  .meta({ id: 'PolicyDiff' });

export const PolicyVersionSchema = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    label: z.string().nullable().describe('The file’s `version`'),
    contentHash: z.string().describe('SHA-256 of the published file’s bytes'),
    policyHash: z.string().describe('SHA-256 of the canonical policy: the consent ledger’s policy_hash'),
    previousId: z.string().nullable(),
    publishedAt: z.string(),
    publishedBy: z.string(),
    effectiveAt: z.string(),
    material: z.boolean(),
    changes: z.array(PolicyChangeSchema).describe('Against the previous version'),
    notices: z
      .object({
        state: z.enum(['none', 'queuing', 'queued']),
        total: z.number().int(),
        pending: z.number().int(),
        sent: z.number().int(),
        failed: z.number().int(),
      })
      .describe('Emails to account holders about a material change, by delivery status'),
  })
  .meta({ id: 'PolicyVersion' });

export const PolicyVersionDetailSchema = PolicyVersionSchema.extend({ yaml: z.string() }).meta({
  id: 'PolicyVersionDetail',
});

export const PolicyVersionListSchema = z
  .object({ versions: z.array(PolicyVersionSchema), next: z.string().nullable() })
  .meta({ id: 'PolicyVersionList' });

export const PublishResultSchema = z
  .object({
    published: z.boolean().describe('false: this text is already the latest version; nothing was stored'),
    noticesQueued: z.number().int(),
    version: PolicyVersionSchema,
  })
  .meta({ id: 'PolicyPublication' });
