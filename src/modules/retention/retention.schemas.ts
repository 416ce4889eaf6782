import { z } from 'zod';

const Id = (prefix: string) =>
  z.string().regex(new RegExp(`^${prefix}_[0-9a-z]{26}$`), `must be an id (${prefix}_…)`);

export const RunIdParamSchema = z.object({ id: Id('run') }).strict();
export const HoldIdParamSchema = z.object({ id: Id('hold') }).strict();

export const RunBodySchema = z
  .object({ dryRun: z.boolean().default(false).describe('Count what would be swept; change nothing') })
  .strict()
  .prefault({});

export const RunListQuerySchema = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(20),
    before: Id('run').optional().describe('Runs older than this one (the `next` of the previous page)'),
    dryRun: z.enum(['true', 'false']).optional(),
  })
  .strict();

export const RuleReportSchema = z
  .object({
    rule: z.string(),
    dataset: z.string().nullable(),
    table: z.string(),
    action: z.enum(['delete', 'anonymise', 'truncate_ip']),
    cutoff: z.string().describe('Rows anchored before this instant are past their period'),
    rows: z.number().int().describe('Rows deleted or anonymised (in a dry run: that would be)'),
    blocked: z.number().int().describe('Expired rows kept because rows of other tables reference them'),
    held: z.number().int().describe('Rows kept under manual legal holds (per-person rules: people)'),
    subjects: z.number().int().optional().describe('Per-person rules: people whose purposes had all run out'),
    durationMs: z.number().int(),
    error: z.string().optional(),
  })
  .meta({ id: 'RetentionRuleReport' });

export const RetentionRunSchema = z
  .object({
    id: z.string(),
    trigger: z.enum(['schedule', 'cli', 'api']),
    dryRun: z.boolean(),
    status: z.enum(['running', 'ok', 'partial', 'failed']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    actor: z.string(),
    rules: z.array(RuleReportSchema),
  })
  .meta({ id: 'RetentionRun' });

export const RetentionRunListSchema = z
  .object({ runs: z.array(RetentionRunSchema), next: z.string().nullable() })
  .meta({ id: 'RetentionRunList' });

const Name = z.string().regex(/^[A-Za-z_][A-Za-z0-9_.]{0,129}$/);

export const HoldBodySchema = z
  .object({
    subjectId: Id('sub').optional().describe('Hold everything of this person'),
    record: z
      .object({
        dataset: Name.describe('Dataset id of the policy'),
        table: Name.describe('Table of that dataset'),
        key: z.string().min(1).max(200).describe("The row's primary key"),
      })
      .strict()
      .optional()
      .describe('Hold one row of a company store'),
    reason: z.string().trim().min(3).max(2000).describe('Why the data must be kept (litigation, an order…)'),
    expiresAt: z.iso
      .datetime({ offset: true })
      .optional()
      .describe('When the hold ends; absent: until released'),
  })
  .strict();

export const LegalHoldSchema = z
  .object({
    id: z.string(),
    scope: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('subject'), subjectId: z.string() }),
      z.object({ kind: z.literal('record'), dataset: z.string(), table: z.string(), recordKey: z.string() }),
    ]),
    reason: z.string(),
    expiresAt: z.string().nullable(),
    createdAt: z.string(),
    createdBy: z.string(),
    releasedAt: z.string().nullable(),
    releasedBy: z.string().nullable(),
    active: z.boolean(),
  })
  .meta({ id: 'LegalHold' });

export const HoldListQuerySchema = z
  .object({
    active: z.enum(['true', 'false']).optional(),
    subjectId: Id('sub').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .strict();

export const HoldListSchema = z.object({ holds: z.array(LegalHoldSchema) }).meta({ id: 'LegalHoldList' });
