import { CONSENT_COOKIE } from '../../../src/modules/banner/banner.types.js';

/**
 * The visitor's choice, kept in the first-party `steward_consent` cookie (strictly necessary: it remembers
 * the choice, and the policy declares it). Nothing is stored before the visitor chooses, except when the
 * browser sends a Global Privacy Control signal: the opt-out is then remembered too.
 */
export interface Stored {
  /** Pseudonymous visitor id: 128 random bits, the ledger's `visitor` identity. */
  readonly v: string;
  /** The banner revision chosen under ('' when nothing was chosen yet). */
  readonly r: string;
  /** Categories accepted. */
  readonly a: readonly string[];
  /** Sale/share/advertising categories switched on by hand over a GPC signal. */
  readonly o: readonly string[];
  /** 1 while sale/share/advertising is off through a recorded GPC signal. */
  readonly s: 0 | 1;
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string') : [];

export function readStored(): Stored | null {
  const match = new RegExp(`(?:^|; )${CONSENT_COOKIE}=([^;]*)`).exec(document.cookie);
  if (!match) return null;
  try {
    const s = JSON.parse(decodeURIComponent(match[1] ?? ''));
    if (typeof s.v === 'string')
      return { v: s.v, r: typeof s.r === 'string' ? s.r : '', a: list(s.a), o: list(s.o), s: s.s ? 1 : 0 };
  } catch {
    // An unreadable cookie is no choice: ask again.
  }
  return null;
}

export function writeStored(stored: Stored, days: number): void {
  const secure = location.protocol === 'https:' ? '; Secure' : '';
  // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox; the value is URI-encoded JSON.
  document.cookie = `${CONSENT_COOKIE}=${encodeURIComponent(JSON.stringify(stored))}; Path=/; Max-Age=${days * 86400}; SameSite=Lax${secure}`;
}

/** 128 random bits, base64url: the visitor id the ledger knows, linked to nothing else. */
export function newVisitorId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '');
}
