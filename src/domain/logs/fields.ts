/**
 * Field rules shared by both line formats: what a security log keeps of a request (policy clause 1.7,
 * GDPR Art. 5(1)(c) data minimisation). The query string and fragment are dropped (they carry emails,
 * reset tokens, search terms), so are the referrer and the authenticated user name; every kept field is
 * bounded and control characters are replaced, so a hostile line can neither overflow a column nor
 * smuggle a NUL byte (which PostgreSQL refuses) or a terminal escape into a later reader.
 */

export const MAX_PATH_LENGTH = 1024;
export const MAX_USER_AGENT_LENGTH = 512;
export const MAX_METHOD_LENGTH = 16;

/** Why a line was not stored. Codes only: a reason never quotes the line (it may hold personal data). */
export type RejectReason =
  | 'line.too_long'
  | 'line.unrecognised'
  | 'json.invalid'
  | 'time.invalid'
  | 'time.too_old'
  | 'time.in_future'
  | 'request.invalid'
  | 'method.invalid'
  | 'path.invalid'
  | 'status.invalid'
  | 'ip.invalid';

/** One request as a security log keeps it, before its address is handled by age. */
export interface AccessEntry {
  /** Epoch milliseconds. */
  readonly time: number;
  readonly method: string;
  /** Path only: no query string, no fragment, at most MAX_PATH_LENGTH characters. */
  readonly path: string;
  readonly status: number;
  readonly userAgent: string | null;
  /** Canonical text of the client address. */
  readonly ip: string;
}

export type LineResult =
  | { readonly ok: true; readonly entry: AccessEntry }
  | { readonly ok: false; readonly reason: RejectReason };

export const reject = (reason: RejectReason): LineResult => ({ ok: false, reason });

// RFC 9110 §5.6.2 token characters; real methods are short.
const METHOD = /^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,16}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what it replaces
const CONTROL = /[\u0000-\u001f\u007f]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: the same, as a test (no allocation when clean)
const HAS_CONTROL = /[\u0000-\u001f\u007f]/;
const ABSOLUTE_URL = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^/?#]*/;

export function normaliseMethod(value: string): string | null {
  return METHOD.test(value) ? value : null;
}

/** At most `max` UTF-16 units, never cutting a surrogate pair in two. */
export function bound(text: string, max: number): string {
  if (text.length <= max) return text;
  const code = text.charCodeAt(max - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}

function clean(text: string, max: number): string {
  const bounded = bound(text, max);
  return HAS_CONTROL.test(bounded) ? bounded.replace(CONTROL, '\uFFFD') : bounded;
}

/**
 * The path of a request target (RFC 9112 §3.2): origin form as is, absolute form reduced to its path,
 * `*` and authority form (CONNECT) kept; everything from `?` or `#` on is dropped. Null when nothing is left.
 */
export function normalisePath(target: string): string | null {
  let path = target;
  const cut = path.search(/[?#]/);
  if (cut !== -1) path = path.slice(0, cut);
  const absolute = path.charCodeAt(0) === 0x2f ? null : ABSOLUTE_URL.exec(path);
  if (absolute) path = path.slice(absolute[0].length) || '/';
  if (path === '') return null;
  return clean(path, MAX_PATH_LENGTH);
}

export function normaliseUserAgent(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '' || value === '-') return null;
  return clean(value, MAX_USER_AGENT_LENGTH);
}

export function normaliseStatus(value: number): number | null {
  return Number.isInteger(value) && value >= 100 && value <= 599 ? value : null;
}
