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
 * One access log line written as JSON (nginx `escape=json` formats, load balancers, app servers):
 *
 *   {"time":"2025-06-01T12:00:00Z","method":"GET","path":"/a?b","status":200,"userAgent":"…","ip":"…"}
 *
 * `time` is ISO 8601 with a zone, or epoch milliseconds; `url` may stand for `path`, `user_agent` for
 * `userAgent`, `remote_addr` for `ip`; `status` may be a number or a string of digits (nginx writes
 * strings). Other fields are ignored.
 */

// Date and time with seconds and a zone (RFC 3339 §5.6); a zone-less time would be read as local time.
const ISO_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:([Zz])|([+-])(\d{2}):?(\d{2}))$/;
// Years 1970–9999: a log line is never older than the epoch.
const MAX_EPOCH_MS = 253_402_300_799_999;

function parseIsoTime(text: string): number | null {
  const m = ISO_TIME.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59 || s > 59) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  if (new Date(local).getUTCDate() !== d) return null;
  if (m[8]) return local;
  const zh = Number(m[10]);
  const zm = Number(m[11]);
  if (zh > 23 || zm > 59) return null;
  return local - (m[9] === '-' ? -1 : 1) * (zh * 60 + zm) * 60_000;
}

function parseTime(value: unknown): number | null {
  if (typeof value === 'number')
    return Number.isInteger(value) && value >= 0 && value <= MAX_EPOCH_MS ? value : null;
  if (typeof value === 'string') return parseIsoTime(value);
  return null;
}

function parseStatus(value: unknown): number | null {
  if (typeof value === 'number') return normaliseStatus(value);
  if (typeof value === 'string' && /^\d{3}$/.test(value)) return normaliseStatus(Number(value));
  return null;
}

/** The first of the named own fields that is present (JSON.parse makes `__proto__` an own field, not a prototype). */
function field(record: Record<string, unknown>, ...names: string[]): unknown {
  for (const name of names) if (Object.hasOwn(record, name)) return record[name];
  return undefined;
}

export function parseJsonLine(line: string): LineResult {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return reject('json.invalid');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return reject('json.invalid');
  const record = value as Record<string, unknown>;

  const time = parseTime(field(record, 'time'));
  if (time === null) return reject('time.invalid');
  const rawMethod = field(record, 'method');
  const method = typeof rawMethod === 'string' ? normaliseMethod(rawMethod) : null;
  if (method === null) return reject('method.invalid');
  const rawPath = field(record, 'path', 'url');
  const path = typeof rawPath === 'string' ? normalisePath(rawPath) : null;
  if (path === null) return reject('path.invalid');
  const status = parseStatus(field(record, 'status'));
  if (status === null) return reject('status.invalid');
  const rawIp = field(record, 'ip', 'remote_addr');
  const ip = typeof rawIp === 'string' ? canonicalIp(rawIp) : null;
  if (ip === null) return reject('ip.invalid');
  const rawAgent = field(record, 'userAgent', 'user_agent');
  const userAgent = normaliseUserAgent(typeof rawAgent === 'string' ? rawAgent : null);
  return { ok: true, entry: { time, method, path, status, userAgent, ip } };
}
