/**
 * The copy GDPR Art. 15(3) owes, "in a commonly used electronic form": one ZIP with a README, the Art. 15
 * summary (HTML for people, JSON for machines), one JSON file per store table holding the rows found for
 * this person, and their consent ledger. Equal input gives equal bytes: every entry carries the time the
 * export was generated, and tables are ordered by dataset and table name.
 */
import type { Policy } from '../policy/schema.js';
import { type AccessSummary, buildAccessSummary } from './access-summary.js';
import { renderAccessSummaryHtml } from './access-summary-html.js';
import { createZip, type ZipFile } from './zip.js';

/** Rows of one table found for the person by the connectors (Art. 15(4): theirs only). */
export interface FoundRows {
  readonly dataset: string;
  readonly table: string;
  readonly purposes: readonly string[];
  readonly rows: readonly Record<string, unknown>[];
}

/** An entry of the disclosures register, as the disclosures module lists it. */
export interface DisclosureInput {
  readonly recipient: string;
  readonly categories: readonly string[];
  readonly basis: string;
  readonly disclosedAt: string;
}

export interface AccessExportInput {
  readonly policy: Policy;
  readonly requestId: string;
  readonly subjectId: string;
  readonly generatedAt: Date;
  readonly found: readonly FoundRows[];
  /** The person's consent ledger events, already presented; the file is written when this is given. */
  readonly consentEvents?: readonly unknown[];
  readonly disclosures?: readonly DisclosureInput[];
  /** Purposes that concern the person without rows in a store (e.g. an active relationship). */
  readonly relatedPurposes?: readonly string[];
}

/**
 * JSON for values a database driver returns: bigint as a decimal string, binary as base64. `this[key]` is
 * the value before `toJSON`, which would otherwise turn a Buffer into an array of byte numbers.
 */
function jsonValue(this: unknown, key: string, value: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  if (raw instanceof Uint8Array) return { base64: Buffer.from(raw).toString('base64') };
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const prettyJson = (value: unknown): string => `${JSON.stringify(value, jsonValue, 2)}\n`;

const dataPath = (dataset: string, table: string): string => `data/${dataset}/${table}.json`;

/** One entry per table, in a fixed order, rows of repeated entries together. */
function groupTables(found: readonly FoundRows[]): FoundRows[] {
  const byKey = new Map<string, FoundRows>();
  for (const f of found) {
    const key = dataPath(f.dataset, f.table);
    const seen = byKey.get(key);
    byKey.set(
      key,
      seen
        ? {
            ...seen,
            purposes: [...new Set([...seen.purposes, ...f.purposes])],
            rows: [...seen.rows, ...f.rows],
          }
        : f,
    );
  }
  const order = (a: FoundRows, b: FoundRows): number =>
    a.dataset === b.dataset ? compare(a.table, b.table) : compare(a.dataset, b.dataset);
  return [...byKey.values()].sort(order);
}

// Code-unit order, not localeCompare: the archive must not depend on the server's locale.
const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The data categories of a table's columns, as the policy declares them. */
function tableCategories(policy: Policy, dataset: string, table: string): string[] {
  const declared = policy.datasets.find((d) => d.id === dataset)?.tables.find((t) => t.name === table);
  return declared ? [...new Set(Object.values(declared.fields))] : [];
}

/** Purposes the consent ledger names: the record of a consent is itself kept for that purpose (Art. 7(1)). */
function ledgerPurposes(events: readonly unknown[]): string[] {
  return events.flatMap((e) =>
    typeof e === 'object' && e !== null && 'purpose' in e && typeof e.purpose === 'string' ? [e.purpose] : [],
  );
}

function readme(input: AccessExportInput, summary: AccessSummary, tables: readonly FoundRows[]): string {
  const { controller } = input.policy;
  const lines = [
    `Copy of your personal data held by ${controller.legalName ?? controller.name}`,
    '',
    `Request: ${input.requestId}`,
    `Your reference with us: ${input.subjectId}`,
    `Prepared: ${summary.generatedAt}`,
    '',
    'This archive answers your request for access (GDPR Art. 15). It contains:',
    '',
    'summary.html',
    '  What we do with your data: purposes, legal bases, categories, recipients and transfers abroad,',
    '  how long we keep them, where they come from, and your rights. Open it in a web browser.',
    'summary.json',
    '  The same information in JSON, for use by a program.',
    ...tables.flatMap((t) => {
      const title = input.policy.datasets.find((d) => d.id === t.dataset)?.title ?? t.dataset;
      const count = t.rows.length === 1 ? '1 record' : `${t.rows.length} records`;
      return [
        dataPath(t.dataset, t.table),
        `  Your records in the table "${t.table}" of "${title}" (${count}), in JSON.`,
      ];
    }),
    ...(input.consentEvents
      ? ['consent-ledger.json', '  Every consent you gave or withdrew, as we recorded it, in JSON.']
      : []),
    '',
    `Questions, corrections or further requests: ${controller.email}`,
    '',
  ];
  return lines.join('\n');
}

/** The files of the export, in archive order; `buildAccessExport` zips exactly these. */
export function listAccessExportFiles(input: AccessExportInput): ZipFile[] {
  const { policy, generatedAt } = input;
  const tables = groupTables(input.found);
  const summary = buildAccessSummary(
    policy,
    tables.map((t) => ({
      dataset: t.dataset,
      table: t.table,
      purposes: t.purposes,
      categories: tableCategories(policy, t.dataset, t.table),
      rowCount: t.rows.length,
    })),
    {
      generatedAt,
      requestId: input.requestId,
      recipientsDisclosed: (input.disclosures ?? []).map((d) => ({
        recipient: d.recipient,
        categories: d.categories,
        at: d.disclosedAt,
        basis: d.basis,
      })),
      relatedPurposes: [...(input.relatedPurposes ?? []), ...ledgerPurposes(input.consentEvents ?? [])],
    },
  );
  const files: ZipFile[] = [
    { name: 'README.txt', data: readme(input, summary, tables) },
    { name: 'summary.html', data: renderAccessSummaryHtml(summary, policy) },
    { name: 'summary.json', data: prettyJson(summary) },
    ...tables.map((t) => ({ name: dataPath(t.dataset, t.table), data: prettyJson(t.rows) })),
    ...(input.consentEvents ? [{ name: 'consent-ledger.json', data: prettyJson(input.consentEvents) }] : []),
  ];
  return files.map((f) => ({ ...f, modified: generatedAt }));
}

/** The access export as ZIP bytes (GDPR Art. 15(3)). */
export function buildAccessExport(input: AccessExportInput): Buffer {
  return createZip(listAccessExportFiles(input));
}
