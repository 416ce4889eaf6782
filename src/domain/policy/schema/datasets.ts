/**
 * Where the company's personal data live, so that access, correction, erasure and retention reach them.
 * Table and column names end up in SQL as identifiers, which cannot be bound as parameters: the strict
 * identifier pattern below is what keeps a policy file from smuggling SQL into a connector.
 */
import { z } from 'zod';
import {
  CategoryIdSchema,
  ClausesSchema,
  DurationSchema,
  EnvRefSchema,
  IdSchema,
  TitleSchema,
} from './common.js';

// `__proto__` is no column name: as a key it would vanish from parsed objects (see load.ts).
const COLUMN_PATTERN = /^(?!__proto__$)[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export const ColumnSchema = z
  .string()
  .regex(COLUMN_PATTERN, { error: 'a column name: a letter or _, then letters, digits or _ (at most 63)' });

const TableNameSchema = z.string().regex(/^([A-Za-z_][A-Za-z0-9_]{0,62}\.)?[A-Za-z_][A-Za-z0-9_]{0,62}$/, {
  error: 'a table name, optionally schema-qualified (billing.invoices)',
});

export const ANCHOR_FORMATS = ['timestamp', 'epoch_s', 'epoch_ms'] as const;

export const ERASURE_STRATEGIES = ['delete', 'null', 'mask', 'hash'] as const;

const ErasureSchema = z
  .strictObject({
    strategy: z.enum(ERASURE_STRATEGIES).describe('delete the row, or null / mask / keyed-hash the columns'),
    columns: z.array(ColumnSchema).max(200).optional(),
  })
  .refine((e) => e.strategy === 'delete' || (e.columns !== undefined && e.columns.length > 0), {
    error: 'strategies null, mask and hash need the columns they apply to',
    path: ['columns'],
  });

const FieldsSchema = z
  .record(ColumnSchema, CategoryIdSchema)
  .refine((fields) => Object.keys(fields).length <= 500, { error: 'at most 500 fields per table' })
  .describe('Personal-data columns: column name → data category');

const RetentionActionSchema = z
  .enum(['delete', 'anonymise'])
  .optional()
  .describe(
    "What the sweep does to expired rows; default: delete, or anonymise when the table's erasure keeps rows",
  );

/** Rows expire by a timestamp of their own (invoices 7 years after `issued_at`). */
export const ColumnRetentionSchema = z.strictObject({
  anchor: ColumnSchema.describe('Timestamp column the period counts from'),
  duration: DurationSchema,
  format: z
    .enum(ANCHOR_FORMATS)
    .default('timestamp')
    .describe(
      'How the anchor column stores time: a date/time type (ISO 8601 text in SQLite), or epoch seconds or milliseconds',
    ),
  action: RetentionActionSchema,
});

/**
 * A person's rows expire when every purpose of the table has run out for that person, judged from what
 * Steward records: relationships that ended (`relationship_ended`) and consent withdrawn
 * (`consent_withdrawn`). The rows are then erased as an erasure request would, limited to this table.
 */
export const PurposeRetentionSchema = z.strictObject({
  from: z.literal('purposes').describe("Per person, from the retention of the table's purposes"),
});

export const TableSchema = z.strictObject({
  name: TableNameSchema,
  purposes: z.array(IdSchema).max(50).default([]).describe('Purposes the rows serve'),
  primaryKey: ColumnSchema,
  identity: z
    .strictObject({
      email: ColumnSchema.optional(),
      phone: ColumnSchema.optional(),
      externalId: ColumnSchema.optional(),
    })
    .optional()
    .describe('Columns that identify the person: the search for a request starts in these (seed) tables'),
  fields: FieldsSchema,
  relations: z
    .array(
      z.strictObject({
        column: ColumnSchema,
        references: z.string().regex(/^([A-Za-z_][A-Za-z0-9_]{0,62}\.){1,2}[A-Za-z_][A-Za-z0-9_]{0,62}$/, {
          error: 'table.column',
        }),
      }),
    )
    .max(50)
    .default([])
    .describe(
      'This table depends on that one: its rows are found from, and erased before, the referenced rows',
    ),
  erasure: ErasureSchema,
  retention: z
    .union([ColumnRetentionSchema, PurposeRetentionSchema])
    .optional()
    .describe(
      'How long rows are kept: counted from a column of each row, or per person from the purposes of the table; `steward sweep` enforces it',
    ),
  legalHold: IdSchema.optional().describe(
    'Legal obligation that keeps these rows (restricted) after their purpose',
  ),
});

const common = {
  id: IdSchema,
  title: TitleSchema,
  clauses: ClausesSchema,
  tables: z.array(TableSchema).min(1).max(500),
};

export const DatasetSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.enum(['postgres', 'mysql', 'sqlite']), connection: EnvRefSchema }),
  z.strictObject({
    ...common,
    kind: z.literal('webhook'),
    url: EnvRefSchema.describe('Environment variable holding the endpoint URL'),
    secret: EnvRefSchema.describe('Environment variable holding the signing secret'),
  }),
]);

/** The table's column-anchored retention, if that is the kind it declares. */
export function columnRetention(table: {
  readonly retention?: z.infer<typeof ColumnRetentionSchema> | { readonly from: 'purposes' } | undefined;
}): z.infer<typeof ColumnRetentionSchema> | undefined {
  return table.retention && 'anchor' in table.retention ? table.retention : undefined;
}
