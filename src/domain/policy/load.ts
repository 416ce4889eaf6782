/**
 * Reads a policy file: YAML → zod schema → lint rules, every problem a positioned diagnostic. The file is
 * untrusted input (it may come from a pull request, or be anything at all), so this never throws: empty
 * files, lists, binary junk, alias bombs and absurd nesting all come back as diagnostics.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { type Document, LineCounter, parseDocument } from 'yaml';
import { canonicalize } from '../consent/canonical-json.js';
import { type Diagnostic, type DiagnosticPath, type Severity, sortDiagnostics } from './diagnostics.js';
import { runRules } from './rules/index.js';
import { type Policy, PolicySchema } from './schema.js';
import { describeIssues } from './schema-issues.js';
import { locate, positionOf } from './yaml-position.js';

/** A real policy is tens of kilobytes; a 2,000-purpose one stays well under this. */
export const MAX_POLICY_BYTES = 4 * 1024 * 1024;
/**
 * Billion-laughs guard: yaml counts the nodes each alias expands to; this allows a few anchors reused for
 * convenience and refuses exponential expansion.
 */
export const MAX_ALIAS_COUNT = 50;

export interface PolicySource {
  readonly file: string;
  readonly text: string;
}

export type LoadResult =
  | {
      readonly policy: Policy;
      readonly contentHash: string;
      readonly diagnostics: Diagnostic[];
      readonly source: PolicySource;
    }
  | {
      readonly policy?: undefined;
      readonly contentHash?: undefined;
      readonly diagnostics: Diagnostic[];
      readonly source: PolicySource;
    };

/** SHA-256 (hex) of the RFC 8785 canonical JSON of a parsed policy: comments and layout do not count. */
export function hashPolicy(policy: Policy): string {
  return createHash('sha256').update(canonicalize(policy)).digest('hex');
}

/** Content hash of a policy text, or undefined when the text is not a valid policy. */
export function contentHash(text: string): string | undefined {
  return loadPolicyText(text).contentHash;
}

function diagnostic(
  file: string,
  line: number,
  col: number,
  rule: string,
  message: string,
  severity: Severity = 'error',
): Diagnostic {
  return { file, line, col, severity, rule, message, path: [] };
}

export function loadPolicyText(text: string, fileName = 'policy.yaml'): LoadResult {
  const source: PolicySource = { file: fileName, text };
  const fail = (line: number, col: number, rule: string, message: string): LoadResult => ({
    diagnostics: [diagnostic(fileName, line, col, rule, message)],
    source,
  });
  try {
    if (text.length > MAX_POLICY_BYTES) {
      return fail(1, 1, 'file-too-large', `policy text longer than ${MAX_POLICY_BYTES} characters`);
    }
    const nul = text.indexOf('\u0000');
    if (nul >= 0) {
      const line = text.slice(0, nul).split('\n').length;
      const col = nul - text.lastIndexOf('\n', nul - 1);
      return fail(line, col, 'yaml-syntax', 'binary content (NUL byte): not a YAML text file');
    }
    return parseAndCheck(text.replace(/^\uFEFF/, ''), source);
  } catch (error) {
    // A stack overflow in the YAML composer or any unforeseen input: still a diagnostic, never a crash.
    const reason = error instanceof Error ? error.message : String(error);
    return fail(1, 1, 'yaml-syntax', `cannot read the policy: ${reason}`);
  }
}

function parseAndCheck(text: string, source: PolicySource): LoadResult {
  const at = (line: number, col: number, rule: string, message: string, severity?: Severity) =>
    diagnostic(source.file, line, col, rule, message, severity);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const syntax = [
    ...doc.errors.map((e) => ({ e, severity: 'error' as const })),
    ...doc.warnings.map((e) => ({ e, severity: 'warning' as const })),
  ].map(({ e, severity }) => {
    const { line, col } = positionOf(lineCounter, e.pos[0]);
    return at(line, col, 'yaml-syntax', e.message.split('\n')[0] ?? e.message, severity);
  });
  if (doc.errors.length > 0) return { diagnostics: sortDiagnostics(syntax), source };

  let raw: unknown;
  try {
    raw = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { diagnostics: [...syntax, at(1, 1, 'yaml-syntax', `YAML aliases refused: ${reason}`)], source };
  }
  if (raw === null || raw === undefined) {
    return { diagnostics: [...syntax, at(1, 1, 'empty-file', 'the policy file is empty')], source };
  }

  const place = (f: Positioned): Diagnostic => {
    const { line, col } = locate(doc as Document, lineCounter, f.path, { key: f.atKey });
    return { ...at(line, col, f.rule, f.message, f.severity), path: f.path };
  };
  const protoKeys = findProtoKeys(raw).map((path) => ({
    path,
    atKey: true,
    rule: 'unknown-key',
    message: "'__proto__' is not allowed as a key (it would vanish from the parsed policy)",
  }));
  const parsed = PolicySchema.safeParse(raw);
  if (!parsed.success || protoKeys.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues;
    const findings = describeIssues(issues, raw, PolicySchema).filter((f) => f.path.at(-1) !== '__proto__');
    return { diagnostics: sortDiagnostics([...syntax, ...[...protoKeys, ...findings].map(place)]), source };
  }

  const policy = parsed.data;
  const lint = runRules(policy).map(place);
  return {
    policy,
    contentHash: hashPolicy(policy),
    diagnostics: sortDiagnostics([...syntax, ...lint]),
    source,
  };
}

interface Positioned {
  readonly path: DiagnosticPath;
  readonly atKey: boolean;
  readonly rule: string;
  readonly message: string;
  readonly severity?: Severity;
}

/**
 * Paths of every `__proto__` key. YAML keeps it as an own property, but zod skips it in records (to
 * protect the output prototype), so `fields: {__proto__: special.health}` would otherwise pass unseen.
 */
function findProtoKeys(raw: unknown): DiagnosticPath[] {
  const found: DiagnosticPath[] = [];
  const stack: { value: unknown; path: DiagnosticPath }[] = [{ value: raw, path: [] }];
  while (stack.length > 0) {
    const { value, path } = stack.pop()!;
    if (value === null || typeof value !== 'object') continue;
    for (const key of Object.keys(value)) {
      const child = [...path, Array.isArray(value) ? Number(key) : key];
      if (key === '__proto__') found.push(child);
      else stack.push({ value: (value as Record<string, unknown>)[key], path: child });
    }
  }
  return found;
}

/** Reads and checks a file; unreadable, oversized or non-UTF-8 files are diagnostics too. */
export function loadPolicyFile(file: string): LoadResult {
  const fail = (message: string, rule = 'file-unreadable'): LoadResult => ({
    diagnostics: [{ file, line: 1, col: 1, severity: 'error', rule, message, path: [] }],
    source: { file, text: '' },
  });
  let bytes: Buffer;
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return fail('not a regular file');
    if (stat.size > MAX_POLICY_BYTES)
      return fail(`policy file larger than ${MAX_POLICY_BYTES} bytes`, 'file-too-large');
    bytes = fs.readFileSync(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return fail(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return fail('not UTF-8 text', 'yaml-syntax');
  }
  return loadPolicyText(text, file);
}
