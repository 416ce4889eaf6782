/**
 * Connectors reach the company's own stores, where the personal data a request concerns live. Two shapes:
 * a SQL store is queried table by table (Steward walks the relations itself), a webhook is a system that
 * answers for one person at a time (a support desk) and walks its own data.
 *
 * Table and column names come only from the validated policy and are quoted per dialect on top of that;
 * values are always bound parameters, never spliced into SQL.
 */

import type { Sweeper } from './sweep.js';

/** A row as the store returns it. */
export type Row = Record<string, unknown>;

/** A primary or foreign key value. */
export type Key = string | number;

/** What Steward knows identifies the person: normalised emails, E.164 phones, external account ids. */
export interface SubjectIdentities {
  readonly emails: readonly string[];
  readonly phones: readonly string[];
  readonly externalIds: readonly string[];
}

/**
 * One condition of a select: `column IN values`. A select ORs its matches.
 * - `lowercase`: `lower(column) IN values` (emails: values are lower-case already);
 * - `exact`: text comparison, exact byte for byte (no case or accent folding, whatever the collation);
 * - `key`: a foreign key compared in its own type, so the store's index on it serves the lookup.
 */
export interface Match {
  readonly column: string;
  readonly values: readonly Key[];
  readonly compare: 'lowercase' | 'exact' | 'key';
}

export type SqlKind = 'postgres' | 'mysql' | 'sqlite';

export interface SqlConnector {
  readonly kind: SqlKind;
  /** Rows matching any of `where` (none when `where` has no values: never a whole table). */
  select(table: string, where: readonly Match[], columns: readonly string[]): Promise<Row[]>;
  /** Sets `set` on the rows whose primary key is in `pks`; returns the rows matched. */
  update(table: string, pkColumn: string, pks: readonly Key[], set: Readonly<Row>): Promise<number>;
  /** Deletes the rows whose primary key is in `pks`; returns the rows deleted. */
  delete(table: string, pkColumn: string, pks: readonly Key[]): Promise<number>;
  /** Retention: expired rows of a table, found, counted and deleted in batches (sweep.ts). */
  readonly sweep: Sweeper;
  close(): Promise<void>;
}

/** A table as the webhook protocol names it: its key and the columns Steward asks for. */
export interface WebhookTable {
  readonly name: string;
  readonly primaryKey: string;
  readonly columns: readonly string[];
}

/** What to do to one table's rows of the person: delete some, overwrite columns of others. */
export interface TableOperations {
  readonly name: string;
  readonly primaryKey: string;
  readonly delete: readonly Key[];
  readonly update: readonly { readonly pk: Key; readonly set: Readonly<Row> }[];
}

export interface WebhookConnector {
  readonly kind: 'webhook';
  find(subject: SubjectIdentities, tables: readonly WebhookTable[]): Promise<Map<string, Row[]>>;
  /** Returns, per table, the rows the remote system erased. */
  erase(subject: SubjectIdentities, tables: readonly TableOperations[]): Promise<Map<string, number>>;
  /** Returns, per table, the rows the remote system updated. */
  correct(subject: SubjectIdentities, tables: readonly TableOperations[]): Promise<Map<string, number>>;
  close(): Promise<void>;
}

export type Connector = SqlConnector | WebhookConnector;

/**
 * A connector failure. The message names the dataset, table or variable and the driver's error code,
 * never a value: driver messages can quote the data ("invalid input syntax for type integer: …").
 */
export class ConnectorError extends Error {
  readonly code: string;

  constructor(message: string, code = 'connector', options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ConnectorError';
    this.code = code;
  }
}

/** The driver's error code (`23503`, `ER_ROW_IS_REFERENCED_2`, `SQLITE_CONSTRAINT_FOREIGNKEY`), if any. */
export function driverCode(error: unknown): string {
  if (error instanceof ConnectorError) return error.code;
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Za-z0-9_]{1,64}$/.test(code) ? code : 'error';
}
