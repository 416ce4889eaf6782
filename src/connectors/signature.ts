/**
 * Signatures of webhook calls: `steward-signature: t=<unix seconds>,v1=<hex HMAC-SHA-256>` over
 * `<t>.<body>` with the dataset's shared secret (the scheme Stripe and Svix use). `t` is digits only, so
 * the first '.' ends it and the signed text is unambiguous. The receiver checks the HMAC in constant time
 * and refuses a `t` outside its tolerance, which stops replays of an old call.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'steward-signature';
export const DEFAULT_TOLERANCE_SECONDS = 300;

function hmac(secret: string, timestamp: number, body: string): string {
  return createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/** The header value for `body` sent at `now`. */
export function signWebhookBody(secret: string, body: string, now: Date = new Date()): string {
  const timestamp = Math.floor(now.getTime() / 1000);
  return `t=${timestamp},v1=${hmac(secret, timestamp, body)}`;
}

export type SignatureCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/** For receivers (and tests): checks a `steward-signature` header against the raw body. */
export function verifyWebhookSignature(
  secret: string,
  header: string | undefined,
  body: string,
  options: { now?: Date; toleranceSeconds?: number } = {},
): SignatureCheck {
  const parts = new Map(
    (header ?? '').split(',').map((part) => {
      const at = part.indexOf('=');
      return [part.slice(0, at).trim(), part.slice(at + 1).trim()] as const;
    }),
  );
  const t = parts.get('t');
  const v1 = parts.get('v1');
  if (!t || !/^\d{1,12}$/.test(t) || !v1 || !/^[0-9a-f]{64}$/.test(v1)) {
    return { ok: false, reason: 'malformed signature header' };
  }
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  if (Math.abs(now - Number(t)) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) {
    return { ok: false, reason: 'timestamp outside tolerance' };
  }
  const expected = Buffer.from(hmac(secret, Number(t), body), 'hex');
  return timingSafeEqual(expected, Buffer.from(v1, 'hex'))
    ? { ok: true }
    : { ok: false, reason: 'bad signature' };
}
