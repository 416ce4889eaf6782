/**
 * What an erased column holds afterwards, per strategy, and how to tell it was already erased (so a second
 * run of the same erasure changes nothing and counts nothing).
 *
 * - null: NULL.
 * - mask: text becomes `erased-<primary key>`: distinct per row, so a UNIQUE column (an email) still
 *   accepts it, and it says nothing about the person; numbers become 0 and booleans false (NOT NULL
 *   columns stay valid); any other type becomes NULL.
 * - hash: HMAC-SHA-256 with the install's key, hex. Equal values hash alike, so an erased email can still
 *   be recognised when the same person asks again, and nothing else can be learnt from it without the key.
 *   That is pseudonymisation (GDPR Recital 26), the reason policies choose it only where a link must stay.
 *   Only text is hashed (a hex digest fits no other column type); other values become NULL.
 */
import { createHmac } from 'node:crypto';
import type { Key, Row } from './types.js';

export type Strategy = 'delete' | 'null' | 'mask' | 'hash';

export type KeyedHash = (value: string) => string;

export function keyedHash(key: string | Uint8Array): KeyedHash {
  return (value) => createHmac('sha256', key).update(value, 'utf8').digest('hex');
}

const HEX_DIGEST = /^[0-9a-f]{64}$/;

export function maskValue(value: unknown, pk: Key): unknown {
  if (typeof value === 'string') return `erased-${pk}`;
  if (typeof value === 'number') return 0;
  if (typeof value === 'boolean') return false;
  return null;
}

/** The text hashed for a column: emails lower-cased and trimmed, as identity lookups compare them. */
export function hashInput(value: string, isEmail: boolean): string {
  return isEmail ? value.trim().toLowerCase() : value;
}

function erasedAlready(strategy: Exclude<Strategy, 'delete'>, value: unknown, pk: Key): boolean {
  if (value === null || value === undefined) return true;
  if (strategy === 'mask') return value === maskValue(value, pk);
  // A 64-hex-digit value is taken as a digest already; no personal value of that shape is plausible.
  if (strategy === 'hash') return typeof value === 'string' && HEX_DIGEST.test(value);
  return false;
}

/**
 * The assignments that erase `columns` of `row` by `strategy`, leaving out columns already erased and
 * columns the row does not carry. An empty result means there is nothing (left) to do.
 */
export function erasureAssignments(
  strategy: Exclude<Strategy, 'delete'>,
  row: Row,
  pk: Key,
  columns: readonly string[],
  options: { hash: KeyedHash; emailColumn?: string | undefined },
): Row {
  const set: Row = {};
  for (const column of columns) {
    if (!(column in row) || erasedAlready(strategy, row[column], pk)) continue;
    const value = row[column];
    if (strategy === 'null') set[column] = null;
    else if (strategy === 'mask') set[column] = maskValue(value, pk);
    else
      set[column] =
        typeof value === 'string' ? options.hash(hashInput(value, column === options.emailColumn)) : null;
  }
  return set;
}

/** A key usable in a lookup (numbers and text); other types cannot be bound portably. */
export function asKey(value: unknown): Key | undefined {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string') return value;
  if (typeof value === 'bigint') return value.toString();
  return undefined;
}

/**
 * A timestamp read from a store: a Date (pg, mysql2), ISO text or `YYYY-MM-DD HH:MM:SS` (SQLite, read as
 * UTC), or epoch seconds / milliseconds.
 */
export function asDate(value: unknown): Date | undefined {
  let date: Date | undefined;
  if (value instanceof Date) date = value;
  else if (typeof value === 'number') date = new Date(Math.abs(value) < 1e11 ? value * 1000 : value);
  else if (typeof value === 'string') {
    const text = value.trim();
    const local = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2}(\.\d+)?)?$/.test(text);
    date = new Date(local ? `${text.replace(' ', 'T')}Z` : text);
  }
  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}
