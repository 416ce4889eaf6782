/**
 * Readers for a request's `result`, which the API types as an open record (its shape depends on the
 * request type). Each reader checks what it takes and answers null for anything else, so a result of an
 * unknown shape is shown as raw details rather than misread.
 */

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x) => typeof x === 'string') : []);
const objects = (v: unknown): Json[] => (Array.isArray(v) ? v.filter(isObject) : []);
const key = (v: unknown): string => (typeof v === 'string' || typeof v === 'number' ? String(v) : '?');

export interface WaitingInfo {
  readonly since: string;
  readonly attempts: number;
  readonly lastAttempt: string | null;
  readonly reason: string | null;
}

export function readWaiting(result: Json | null): WaitingInfo | null {
  const w = result?.waiting;
  if (!isObject(w) || !str(w.since)) return null;
  return {
    since: str(w.since)!,
    attempts: num(w.attempts),
    lastAttempt: str(w.lastAttempt),
    reason: str(w.reason),
  };
}

export interface KeptRecord {
  readonly pk: string;
  readonly rule: string;
  readonly until: string | null;
  readonly reason: string;
  readonly masked: readonly string[];
}

export interface ErasedTable {
  readonly dataset: string;
  readonly table: string;
  readonly strategy: string;
  readonly erased: number;
  readonly maskedInsteadOfDeleted: number;
  readonly kept: readonly KeptRecord[];
  readonly error: string | null;
}

export interface ErasureInfo {
  readonly complete: boolean;
  readonly erased: number;
  readonly tables: readonly ErasedTable[];
  readonly heldBy: readonly string[];
  readonly note: string | null;
}

export function readErasure(result: Json | null): ErasureInfo | null {
  const e = result?.erasure;
  if (!isObject(e)) return null;
  const tables = objects(e.tables).map((t) => ({
    dataset: str(t.dataset) ?? '?',
    table: str(t.table) ?? '?',
    strategy: str(t.strategy) ?? '?',
    erased: num(t.erased),
    maskedInsteadOfDeleted: num(t.maskedInsteadOfDeleted),
    kept: objects(t.kept).map((k) => ({
      pk: key(k.pk),
      rule: str(k.rule) ?? '?',
      until: str(k.until),
      reason: str(k.reason) ?? '',
      masked: strings(k.masked),
    })),
    error: str(t.error),
  }));
  return {
    complete: e.complete !== false,
    erased: num(e.erased),
    tables,
    heldBy: strings(e.heldBy),
    note: str(e.note),
  };
}

export interface AccessInfo {
  readonly expiresAt: string | null;
  readonly tables: readonly { dataset: string; table: string; rows: number }[];
}

export function readAccess(result: Json | null): AccessInfo | null {
  if (!result || !('exportExpiresAt' in result)) return null;
  return {
    expiresAt: str(result.exportExpiresAt),
    tables: objects(result.tables).map((t) => ({
      dataset: str(t.dataset) ?? '?',
      table: str(t.table) ?? '?',
      rows: num(t.rows),
    })),
  };
}

export interface AppliedChange {
  readonly dataset: string;
  readonly table: string;
  readonly pk: string;
  readonly column: string;
  readonly changed: boolean;
}

export function readCorrections(result: Json | null): AppliedChange[] | null {
  const c = result?.corrections;
  if (!isObject(c)) return null;
  return objects(c.applied).map((a) => ({
    dataset: str(a.dataset) ?? '?',
    table: str(a.table) ?? '?',
    pk: key(a.pk),
    column: str(a.column) ?? '?',
    changed: a.changed === true,
  }));
}

export const readWithdrawn = (result: Json | null): string[] | null =>
  Array.isArray(result?.withdrawn) ? strings(result.withdrawn) : null;

export const readSuppressed = (result: Json | null): boolean => typeof result?.suppressed === 'string';

/** What the readers above do not show, for a raw "other details" view. */
const SHOWN = new Set([
  'waiting',
  'erasure',
  'exportExpiresAt',
  'tables',
  'corrections',
  'withdrawn',
  'ledgerSeqs',
  'suppressed',
  'ledgerSeq',
]);

export function otherDetails(result: Json | null): Json | null {
  if (!result) return null;
  const rest = Object.fromEntries(Object.entries(result).filter(([k]) => !SHOWN.has(k)));
  return Object.keys(rest).length > 0 ? rest : null;
}
