import {
  type LineResult,
  normaliseMethod,
  normalisePath,
  normaliseStatus,
  normaliseUserAgent,
  reject,
} from './fields.js';
import { canonicalIp } from './ip-range.js';

/**
 * The NCSA "combined" access log format, as nginx (`log_format combined`) and Apache (`%h %l %u %t \"%r\"
 * %>s %b \"%{Referer}i\" \"%{User-agent}i\"`) write it; the "common" format (no referrer, no user agent)
 * and extra fields after the user agent are accepted too.
 *
 *   203.0.113.7 - frank [10/Oct/2000:13:55:36 -0700] "GET /a.gif?x=1 HTTP/1.1" 200 2326 "https://r/" "UA"
 *
 * Parsed by position with `indexOf` scans and one expression without captures, each step starting where
 * the last one ended, so the time is linear in the line length whatever the line holds (no backtracking
 * to exploit), and a well-formed line costs about a microsecond.
 */

const MONTHS: Record<string, number> = {
  Jan: 0,
  Feb: 1,
  Mar: 2,
  Apr: 3,
  May: 4,
  Jun: 5,
  Jul: 6,
  Aug: 7,
  Sep: 8,
  Oct: 9,
  Nov: 10,
  Dec: 11,
};

// Located by this expression (no captures, linear scan); the 26 characters after ` [` are then read by
// position. The user name (`%u`) may contain spaces but never an unescaped `"`, so the first match is real.
const TIME = / \[\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} [+-]\d{4}\] "/g;
const PROTOCOL = /^HTTP\/\d(?:\.\d)?$/;

const digit = (text: string, i: number) => text.charCodeAt(i) - 48;
const two = (text: string, i: number) => digit(text, i) * 10 + digit(text, i + 1);

// Lines come in time order: the last day read (date and zone) is kept, so most lines only add the time.
let lastDay = '';
let lastZone = '';
let lastDayStart: number | null = null;

/** Epoch ms of 00:00:00 of `dd/Mon/yyyy` in zone `±hhmm`, or null when the date or zone is not one. */
function dayStart(stamp: string): number | null {
  const month = MONTHS[stamp.slice(3, 6)];
  const d = two(stamp, 0);
  const zh = two(stamp, 22);
  const zm = two(stamp, 24);
  if (month === undefined || d < 1 || zh > 23 || zm > 59) return null;
  const local = Date.UTC(two(stamp, 7) * 100 + two(stamp, 9), month, d);
  // Date.UTC rolls 31 Feb over into March: a rolled date is not a date.
  if (new Date(local).getUTCDate() !== d) return null;
  return local - (stamp[21] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
}

/** `10/Oct/2000:13:55:36 -0700` (its shape checked by TIME) as epoch ms, or null when out of range. */
function parseStamp(stamp: string): number | null {
  if (!stamp.startsWith(lastDay) || !stamp.endsWith(lastZone) || lastDay === '') {
    lastDay = stamp.slice(0, 11);
    lastZone = stamp.slice(20);
    lastDayStart = dayStart(stamp);
  }
  const h = two(stamp, 12);
  const min = two(stamp, 15);
  const s = two(stamp, 18);
  if (lastDayStart === null || h > 23 || min > 59 || s > 59) return null;
  return lastDayStart + ((h * 60 + min) * 60 + s) * 1000;
}

/** Index of the `"` closing a quoted field that starts at `from`, skipping backslash escapes; -1 if none. */
function closingQuote(line: string, from: number): number {
  let i = from;
  for (;;) {
    const q = line.indexOf('"', i);
    if (q === -1) return -1;
    let slashes = 0;
    while (q - slashes - 1 >= from && line.charCodeAt(q - slashes - 1) === 0x5c) slashes++;
    if (slashes % 2 === 0) return q;
    i = q + 1;
  }
}

function unquote(text: string): string {
  return text.includes('\\') ? text.replace(/\\(["\\])/g, '$1') : text;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** ` 200 2326` after the request: the status, or null when the two fields are not there. */
function statusAt(line: string, at: number): { status: number; end: number } | null {
  if (line.charCodeAt(at) !== 0x20 || line.charCodeAt(at + 4) !== 0x20) return null;
  if (
    !isDigit(line.charCodeAt(at + 1)) ||
    !isDigit(line.charCodeAt(at + 2)) ||
    !isDigit(line.charCodeAt(at + 3))
  )
    return null;
  let end = at + 5;
  if (line.charCodeAt(end) === 0x2d) end++;
  else {
    while (isDigit(line.charCodeAt(end))) end++;
    if (end === at + 5) return null;
  }
  if (end !== line.length && line.charCodeAt(end) !== 0x20) return null;
  return { status: digit(line, at + 1) * 100 + two(line, at + 2), end };
}

/** ` "referrer" "user agent"` at `at`; undefined when absent (common format) or not both quoted. */
function userAgentAt(line: string, at: number): string | undefined {
  if (!line.startsWith(' "', at)) return undefined;
  const refererEnd = closingQuote(line, at + 2);
  if (refererEnd === -1 || !line.startsWith(' "', refererEnd + 1)) return undefined;
  const agentEnd = closingQuote(line, refererEnd + 3);
  if (agentEnd === -1 || (agentEnd + 1 !== line.length && line.charCodeAt(agentEnd + 1) !== 0x20))
    return undefined;
  return unquote(line.slice(refererEnd + 3, agentEnd));
}

export function parseCombinedLine(line: string): LineResult {
  const space = line.indexOf(' ');
  if (space < 1) return reject('line.unrecognised');
  TIME.lastIndex = space;
  const time = TIME.exec(line);
  if (!time) return reject('line.unrecognised');
  const requestStart = TIME.lastIndex;
  const requestEnd = closingQuote(line, requestStart);
  if (requestEnd === -1) return reject('line.unrecognised');
  const fields = statusAt(line, requestEnd + 1);
  if (!fields) return reject('line.unrecognised');

  const at = parseStamp(line.slice(time.index + 2, time.index + 28));
  if (at === null) return reject('time.invalid');
  // "METHOD target HTTP/x.y", or HTTP/0.9's "METHOD target"; nginx writes "-" or raw bytes for the rest.
  const request = unquote(line.slice(requestStart, requestEnd));
  const first = request.indexOf(' ');
  if (first === -1) return reject('request.invalid');
  const second = request.indexOf(' ', first + 1);
  if (second !== -1 && !PROTOCOL.test(request.slice(second + 1))) return reject('request.invalid');
  const method = normaliseMethod(request.slice(0, first));
  if (method === null) return reject('method.invalid');
  const path = normalisePath(request.slice(first + 1, second === -1 ? undefined : second));
  if (path === null) return reject('path.invalid');
  const status = normaliseStatus(fields.status);
  if (status === null) return reject('status.invalid');
  const ip = canonicalIp(line.slice(0, space));
  if (ip === null) return reject('ip.invalid');
  const userAgent = normaliseUserAgent(userAgentAt(line, fields.end));
  return { ok: true, entry: { time: at, method, path, status, userAgent, ip } };
}
