/**
 * Compiler-style findings of `steward policy check`: `file:line:col  severity  rule-id  message`, one per
 * line, positions 1-based, pointing at the offending YAML node.
 */
import { loadPolicyFile, loadPolicyText } from './load.js';

export type Severity = 'error' | 'warning';
export type DiagnosticPath = (string | number)[];

export interface Diagnostic {
  readonly file: string;
  readonly line: number;
  readonly col: number;
  readonly severity: Severity;
  /** Rule id (`undefined-reference`) or a loader id (`yaml-syntax`, `schema`, `unknown-key`, …). */
  readonly rule: string;
  readonly message: string;
  /** Path of the offending value in the policy (`['purposes', 2, 'processors', 0]`). */
  readonly path: DiagnosticPath;
}

export type DiagnosticFormat = 'text' | 'json';

// The file is untrusted: a key or value quoted in a message could carry terminal escape sequences.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is removed.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const MAX_MESSAGE = 500;

function printable(text: string): string {
  const clean = text.replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return clean.length > MAX_MESSAGE ? `${clean.slice(0, MAX_MESSAGE)}…` : clean;
}

/** Stable order: by file, line, column, then rule, so output and tests do not depend on rule order. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) || a.line - b.line || a.col - b.col || a.rule.localeCompare(b.rule),
  );
}

/** `text`: one line per finding, fields separated by two spaces; `json`: an array of Diagnostic. */
export function formatDiagnostics(list: readonly Diagnostic[], format: DiagnosticFormat): string {
  if (format === 'json') return JSON.stringify(list, null, 2);
  return list
    .map((d) => `${printable(d.file)}:${d.line}:${d.col}  ${d.severity}  ${d.rule}  ${printable(d.message)}`)
    .join('\n');
}

/** 1 when any finding is an error, 0 otherwise (warnings alone do not fail a build). */
export function exitCodeFor(list: readonly Diagnostic[]): 0 | 1 {
  return list.some((d) => d.severity === 'error') ? 1 : 0;
}

export interface CheckResult {
  readonly diagnostics: Diagnostic[];
  readonly exitCode: 0 | 1;
}

export function checkPolicyText(text: string, fileName = 'policy.yaml'): CheckResult {
  const { diagnostics } = loadPolicyText(text, fileName);
  return { diagnostics, exitCode: exitCodeFor(diagnostics) };
}

export function checkPolicyFile(file: string): CheckResult {
  const { diagnostics } = loadPolicyFile(file);
  return { diagnostics, exitCode: exitCodeFor(diagnostics) };
}
