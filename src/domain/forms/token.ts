/**
 * The form token: proof that a submission comes from a form opened at least a few seconds earlier (bots
 * post at once) and not too long ago. Stateless and anonymous: it carries the form id and the instant it
 * was issued, under an HMAC, and nothing about who asked for it, so it can be used on anonymous forms.
 *
 *   base36(issuedAt ms) '.' base64url(HMAC-SHA-256(key, 'steward.form.v1\n' || formId || '\n' || issuedAt)[0..16])
 *
 * Fields are separated by newlines, which a form id (`IdSchema`) cannot contain, so no two inputs share a
 * MAC. A token may be used more than once while it lives; the per-IP rate limit bounds that.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export interface FormTokenRules {
  /** Shortest time between opening the form and sending it. */
  readonly minFillMs: number;
  /** How long a token is accepted after it was issued. */
  readonly maxAgeMs: number;
}

/** 3 s: faster than any person reads a form and types an answer; 24 h: a tab left open over a day. */
export const FORM_TOKEN_RULES: FormTokenRules = { minFillMs: 3_000, maxAgeMs: 24 * 3_600_000 };

/** Instances' clocks may differ a little: a token up to a minute "from the future" is not refused as forged. */
const MAX_SKEW_MS = 60_000;
const MAC_BYTES = 16; // 128 bits (RFC 2104 §5: no less than half the hash output)
const TOKEN = /^([0-9a-z]{1,12})\.([A-Za-z0-9_-]{22})$/;

export type FormTokenVerdict =
  | { readonly ok: true; readonly issuedAt: number }
  | { readonly ok: false; readonly reason: 'malformed' | 'expired' }
  | { readonly ok: false; readonly reason: 'too_fast'; readonly waitMs: number };

function mac(key: Buffer, formId: string, issuedAt: number): Buffer {
  return createHmac('sha256', key)
    .update(`steward.form.v1\n${formId}\n${issuedAt}`)
    .digest()
    .subarray(0, MAC_BYTES);
}

export function issueFormToken(key: Buffer, formId: string, now: number): string {
  return `${now.toString(36)}.${mac(key, formId, now).toString('base64url')}`;
}

/** A wrong MAC, another form's token and a malformed string look alike ('malformed'). */
export function verifyFormToken(
  key: Buffer,
  formId: string,
  token: string,
  now: number,
  rules: FormTokenRules = FORM_TOKEN_RULES,
): FormTokenVerdict {
  const match = TOKEN.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  const issuedAt = Number.parseInt(match[1]!, 36);
  const given = Buffer.from(match[2]!, 'base64url');
  if (!Number.isSafeInteger(issuedAt) || given.length !== MAC_BYTES)
    return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(given, mac(key, formId, issuedAt))) return { ok: false, reason: 'malformed' };
  const age = now - issuedAt;
  if (age < -MAX_SKEW_MS) return { ok: false, reason: 'malformed' };
  if (age > rules.maxAgeMs) return { ok: false, reason: 'expired' };
  if (age < rules.minFillMs) return { ok: false, reason: 'too_fast', waitMs: rules.minFillMs - age };
  return { ok: true, issuedAt };
}
