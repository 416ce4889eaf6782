/**
 * Turns zod issues into messages a policy author can act on: which purpose/processor/dataset, which
 * field, and for a misspelt key or enum value the closest valid one ("did you mean 'retention'?").
 */
import type { z } from 'zod';
import type { DiagnosticPath } from './diagnostics.js';

export interface SchemaFinding {
  readonly rule: 'schema' | 'unknown-key';
  readonly path: DiagnosticPath;
  readonly message: string;
  /** Point at the key rather than the value. */
  readonly atKey: boolean;
  /** For unknown keys: the key it probably meant. For missing fields: the missing key. */
  readonly suggestion?: string;
  readonly missing?: string;
}

/** Collections whose entries are named in messages by their id (or name). */
const ENTITY_NAMES: Readonly<Record<string, string>> = {
  purposes: 'purpose',
  processors: 'processor',
  recipients: 'recipient',
  legalObligations: 'legal obligation',
  datasets: 'dataset',
  tables: 'table',
  forms: 'form',
  fields: 'field',
  dataCategories: 'data category',
  subjectKinds: 'subject kind',
  serviceCategories: 'service category',
  cookies: 'cookie',
};

const SAFE_NAME = /^[A-Za-z0-9_.-]{1,64}$/;

function child(value: unknown, segment: PropertyKey): unknown {
  if (value === null || typeof value !== 'object') return undefined;
  return Object.hasOwn(value, segment) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
}

function valueAt(raw: unknown, path: readonly PropertyKey[]): unknown {
  return path.reduce<unknown>((value, segment) => child(value, segment), raw);
}

function fieldPath(path: readonly PropertyKey[]): string {
  return path
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

/** "purpose 'newsletter': retention.duration" — the innermost named entity, then the rest of the path. */
export function describeLocation(raw: unknown, path: readonly PropertyKey[]): string {
  let entity = '';
  let rest = 0;
  for (let i = 1; i < path.length; i++) {
    const kind = ENTITY_NAMES[String(path[i - 1])];
    if (!kind || typeof path[i] !== 'number') continue;
    const item = valueAt(raw, path.slice(0, i + 1));
    const name = child(item, 'id') ?? child(item, 'name');
    const label = typeof name === 'string' && SAFE_NAME.test(name) ? `'${name}'` : `#${Number(path[i]) + 1}`;
    entity = `${kind} ${label}`;
    rest = i + 1;
  }
  const field = fieldPath(path.slice(rest));
  if (!entity) return field || 'policy';
  return field ? `${entity}: ${field}` : entity;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/** The closest candidate within a small edit distance, for "did you mean …?". */
export function closest(input: string, candidates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(2, Math.floor(input.length / 3)) + 1;
  for (const candidate of candidates) {
    const d = distance(input.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return best;
}

interface SchemaDef {
  readonly type: string;
  readonly shape?: Record<string, z.ZodType>;
  readonly element?: z.ZodType;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly valueType?: z.ZodType;
  readonly options?: readonly z.ZodType[];
}

const defOf = (schema: z.ZodType): SchemaDef => (schema as unknown as { def: SchemaDef }).def;

/** The object keys the schema allows at `path` (all union branches merged), for suggestions. */
export function allowedKeys(schema: z.ZodType, path: readonly PropertyKey[]): string[] {
  const def = defOf(schema);
  const [head, ...tail] = path;
  const inner = def.innerType ?? def.in;
  if (inner) return allowedKeys(inner, path);
  if (def.options) return [...new Set(def.options.flatMap((o) => allowedKeys(o, path)))];
  if (head === undefined) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
  if (def.type === 'object' && def.shape) {
    const next = def.shape[String(head)];
    return next ? allowedKeys(next, tail) : [];
  }
  if (def.type === 'array' && def.element) return allowedKeys(def.element, tail);
  if (def.type === 'record' && def.valueType) return allowedKeys(def.valueType, tail);
  return [];
}

const quoteInput = (value: unknown): string =>
  typeof value === 'string'
    ? `'${value.slice(0, 80)}'`
    : (JSON.stringify(value)?.slice(0, 80) ?? String(value));

export function describeIssue(issue: z.core.$ZodIssue, raw: unknown, schema: z.ZodType): SchemaFinding[] {
  const path = issue.path as DiagnosticPath;
  const where = describeLocation(raw, path);
  if (issue.code === 'unrecognized_keys') {
    const keys = allowedKeys(schema, path);
    return issue.keys.map((key) => {
      const hint = closest(key, keys);
      const message = `${where}: unknown field '${key}'${hint ? ` (did you mean '${hint}'?)` : ''}`;
      return {
        rule: 'unknown-key',
        path: [...path, key],
        message,
        atKey: true,
        ...(hint ? { suggestion: hint } : {}),
      };
    });
  }
  const input = valueAt(raw, path);
  const missingCodes = ['invalid_type', 'invalid_value', 'invalid_union'];
  if (input === undefined && missingCodes.includes(issue.code) && path.length > 0) {
    const parent = describeLocation(raw, path.slice(0, -1));
    const missing = String(path.at(-1));
    return [
      {
        rule: 'schema',
        path,
        message: `${parent}: missing required field '${missing}'`,
        atKey: false,
        missing,
      },
    ];
  }
  let message = issue.message;
  if (issue.code === 'invalid_value' && message.startsWith('Invalid')) {
    const values = issue.values.map(String);
    const hint = typeof input === 'string' ? closest(input, values) : undefined;
    message = `${quoteInput(input)} is not one of ${values.join(', ')}${hint ? ` (did you mean '${hint}'?)` : ''}`;
  } else if (issue.code === 'invalid_union' && 'discriminator' in issue && issue.discriminator) {
    const options = allowedDiscriminators(schema, path, String(issue.discriminator));
    const got = valueAt(raw, path.at(-1) === issue.discriminator ? path : [...path, issue.discriminator]);
    message = `${quoteInput(got)} is not one of ${options.join(', ')}`;
  } else if (typeof input === 'string' && input.length <= 80 && !message.includes(input)) {
    // Custom messages say what is expected; show what was found too.
    message = `${message} (found ${quoteInput(input)})`;
  }
  return [{ rule: 'schema', path, message: `${where}: ${message}`, atKey: false }];
}

/**
 * All issues of one parse. A misspelt key produces both "unknown field 'legalbasis'" and "missing
 * 'legalBasis'"; the second says nothing new, so it is dropped when the first already suggests it.
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  raw: unknown,
  schema: z.ZodType,
): SchemaFinding[] {
  const findings = issues.flatMap((issue) => describeIssue(issue, raw, schema));
  const suggested = new Set(
    findings.filter((f) => f.suggestion).map((f) => JSON.stringify([...f.path.slice(0, -1), f.suggestion])),
  );
  return findings.filter((f) => !(f.missing && suggested.has(JSON.stringify(f.path))));
}

function allowedDiscriminators(schema: z.ZodType, path: readonly PropertyKey[], key: string): string[] {
  const collect = (s: z.ZodType, rest: readonly PropertyKey[]): string[] => {
    const def = defOf(s);
    const inner = def.innerType ?? def.in;
    if (inner) return collect(inner, rest);
    if (def.options) return def.options.flatMap((o) => collect(o, rest));
    const [head, ...tail] = rest;
    if (head === undefined) {
      const values = (s as unknown as { _zod: { values?: ReadonlySet<unknown> } })._zod.values;
      return values ? [...values].map(String) : [];
    }
    const next =
      def.type === 'object' ? def.shape?.[String(head)] : def.type === 'array' ? def.element : undefined;
    return next ? collect(next, tail) : [];
  };
  // zod reports the issue at the object or at its discriminator key, depending on the version.
  const target = path.at(-1) === key ? path : [...path, key];
  return [...new Set(collect(schema, target))];
}
