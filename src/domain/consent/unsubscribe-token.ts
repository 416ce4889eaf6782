import { createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalize } from './canonical-json.js';

/**
 * Unsubscribe tokens. RFC 8058 §3.1: the one-click POST carries no cookie or auth, so the recipient's
 * identity must be in the URI, with an opaque part that is hard to forge. Format:
 *
 *   base64url(JCS(payload)) '.' base64url(HMAC-SHA-256(keys[kid], 'steward.unsub.v1.' || payloadPart)[0..16])
 *
 * The payload is readable (it holds an internal subject id, never an address); integrity comes from the MAC.
 */
export type UnsubscribeScope = { readonly purpose: string } | 'all_marketing';
export interface UnsubscribeClaims {
  readonly sub: string;
  readonly scope: UnsubscribeScope;
  /** Issued at, in seconds since the epoch. */
  readonly iat: number;
}
export interface UnsubscribePayload extends UnsubscribeClaims {
  readonly v: 1;
  readonly kid: string;
}
/** `current` signs new tokens; every key in `keys` still verifies, so rotation breaks no sent email. */
export interface HmacKeyring {
  readonly current: string;
  readonly keys: ReadonlyMap<string, Buffer>;
}
export type UnsubscribeFailureReason = 'malformed' | 'unknown_key' | 'bad_signature' | 'expired';
export type UnsubscribeVerdict =
  | { readonly ok: true; readonly payload: UnsubscribePayload }
  | { readonly ok: false; readonly reason: UnsubscribeFailureReason };
export interface VerifyTokenOptions {
  readonly nowSeconds?: number;
  /** Unset: tokens never expire. CAN-SPAM (15 U.S.C. §7704(a)(3)) needs links to work ≥ 30 days. */
  readonly maxAgeSeconds?: number;
}

const MAX_TOKEN_LENGTH = 512;
const MAC_PREFIX = 'steward.unsub.v1.';
const MAC_BYTES = 16; // 128 bits: RFC 2104 §5 allows truncation to no less than half the hash output
const MAC_CHARS = 22;
const MIN_KEY_BYTES = 32;
const KID = /^[A-Za-z0-9_-]{1,16}$/;
const BASE64URL = /^[A-Za-z0-9_-]+$/;
const PRINTABLE_ID = /^[\x21-\x7e]{1,64}$/;

export function createUnsubscribeToken(claims: UnsubscribeClaims, keyring: HmacKeyring): string {
  const { sub, scope, iat } = claims;
  if (!PRINTABLE_ID.test(sub))
    throw new Error('unsubscribe token: sub must be 1–64 printable ASCII characters');
  if (!isScope(scope)) throw new Error("unsubscribe token: scope must be 'all_marketing' or { purpose: id }");
  if (!Number.isSafeInteger(iat) || iat < 0) throw new Error('unsubscribe token: iat must be whole seconds');
  const key = keyring.keys.get(keyring.current);
  if (!key || !KID.test(keyring.current))
    throw new Error('unsubscribe token: the current key is not in the keyring');
  const payload = { v: 1, kid: keyring.current, sub, scope, iat };
  const payloadPart = Buffer.from(canonicalize(payload)).toString('base64url');
  return `${payloadPart}.${computeMac(key, payloadPart).toString('base64url')}`;
}

/** Never throws; checks the length before any work and compares MACs in constant time. */
export function verifyUnsubscribeToken(
  token: unknown,
  keyring: HmacKeyring,
  opts: VerifyTokenOptions = {},
): UnsubscribeVerdict {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const [payloadPart, macPart, extra] = token.split('.');
  if (!payloadPart || !macPart || extra !== undefined || macPart.length !== MAC_CHARS) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = decodePayload(payloadPart);
  const mac = decodeBase64url(macPart);
  if (!payload || mac?.length !== MAC_BYTES) return { ok: false, reason: 'malformed' };
  const key = keyring.keys.get(payload.kid);
  if (!key) return { ok: false, reason: 'unknown_key' };
  if (!timingSafeEqual(mac, computeMac(key, payloadPart))) return { ok: false, reason: 'bad_signature' };
  const now = opts.nowSeconds ?? Math.floor(Date.now() / 1000);
  if (opts.maxAgeSeconds !== undefined && now - payload.iat > opts.maxAgeSeconds) {
    return { ok: false, reason: 'expired' };
  }
  return { ok: true, payload };
}

/** Parses `k1:base64url,k2:base64url`; the first key is current. Errors name entries, never key bytes. */
export function parseHmacKeyring(text: string): HmacKeyring {
  if (text.trim() === '') throw new Error('HMAC keyring is empty: expected kid:<base64url key>[,…]');
  const keys = new Map<string, Buffer>();
  const entries = text.split(',').map((entry) => entry.trim());
  entries.forEach((entry, index) => {
    const at = `HMAC keyring entry ${index + 1}`;
    const [kid = '', encoded = '', extra] = entry.split(':');
    if (!KID.test(kid)) throw new Error(`${at}: key id must be 1–16 characters of [A-Za-z0-9_-]`);
    if (keys.has(kid)) throw new Error(`${at}: key id ${kid} appears twice`);
    const key = extra === undefined ? decodeBase64url(encoded.replace(/=+$/, '')) : undefined;
    if (!key) throw new Error(`${at} (${kid}): expected ${kid}:<base64url key>`);
    if (key.length < MIN_KEY_BYTES)
      throw new Error(`${at} (${kid}): key must be at least ${MIN_KEY_BYTES} bytes`);
    keys.set(kid, key);
  });
  const current = entries[0]?.split(':')[0] ?? '';
  return { current, keys };
}

function computeMac(key: Buffer, payloadPart: string): Buffer {
  return createHmac('sha256', key)
    .update(MAC_PREFIX + payloadPart)
    .digest()
    .subarray(0, MAC_BYTES);
}

/** Strict base64url: one spelling per byte string, so a token cannot be re-encoded into a twin. */
function decodeBase64url(text: string): Buffer | undefined {
  if (!BASE64URL.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  return bytes.toString('base64url') === text ? bytes : undefined;
}

function decodePayload(payloadPart: string): UnsubscribePayload | undefined {
  const text = decodeBase64url(payloadPart)?.toString('utf8');
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    // Only the canonical text is accepted: one payload, one token.
    return isPayload(value) && canonicalize(value) === text ? value : undefined;
  } catch {
    return undefined;
  }
}

function isPayload(value: unknown): value is UnsubscribePayload {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { v, kid, sub, scope, iat, ...rest } = value as Record<string, unknown>;
  return (
    Object.keys(rest).length === 0 &&
    v === 1 &&
    typeof kid === 'string' &&
    KID.test(kid) &&
    typeof sub === 'string' &&
    PRINTABLE_ID.test(sub) &&
    isScope(scope) &&
    Number.isSafeInteger(iat) &&
    (iat as number) >= 0
  );
}

function isScope(scope: unknown): scope is UnsubscribeScope {
  if (scope === 'all_marketing') return true;
  if (scope === null || typeof scope !== 'object' || Array.isArray(scope)) return false;
  const { purpose, ...rest } = scope as Record<string, unknown>;
  return Object.keys(rest).length === 0 && typeof purpose === 'string' && PRINTABLE_ID.test(purpose);
}
