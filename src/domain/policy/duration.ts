/**
 * ISO 8601 durations (`P[nY][nM][nW][nD][T[nH][nM][nS]]`) as the policy file writes them: retention
 * periods, legal holds, request deadlines, notice periods. Retention, DSR deadlines and `policy check` all
 * go through this one parser so that "P1M" means the same thing everywhere.
 *
 * Deliberate restrictions (each keeps calendar arithmetic exact and unambiguous):
 * - integers only: "P1.5Y" has no calendar meaning (18 months? 547 days?); write P18M;
 * - no negative or alternative (`P0001-02-03`) forms;
 * - every number at most 6 digits, so a date never leaves the range of a JavaScript Date.
 */

export interface Duration {
  readonly years: number;
  readonly months: number;
  readonly weeks: number;
  readonly days: number;
  readonly hours: number;
  readonly minutes: number;
  readonly seconds: number;
}

const DURATION_RE =
  /^P(?:(\d{1,6})Y)?(?:(\d{1,6})M)?(?:(\d{1,6})W)?(?:(\d{1,6})D)?(?:T(?:(\d{1,6})H)?(?:(\d{1,6})M)?(?:(\d{1,6})S)?)?$/;

/** The same grammar as a JSON Schema `pattern`, for editor completion (the parser stays the authority). */
export const DURATION_PATTERN = DURATION_RE.source;

/** Parses an ISO 8601 duration; `undefined` when the text is not one (never throws). */
export function parseDuration(text: string): Duration | undefined {
  if (typeof text !== 'string' || text.length > 64) return undefined;
  const m = DURATION_RE.exec(text);
  if (!m) return undefined;
  // "P" alone, or a "T" with nothing after it, carries no quantity: ISO 8601-1 §5.5.2.4 requires one.
  if (text === 'P' || text.endsWith('T')) return undefined;
  const n = (i: number): number => (m[i] === undefined ? 0 : Number(m[i]));
  return { years: n(1), months: n(2), weeks: n(3), days: n(4), hours: n(5), minutes: n(6), seconds: n(7) };
}

export function isValidDuration(text: string): boolean {
  return parseDuration(text) !== undefined;
}

function toDuration(value: Duration | string): Duration {
  const d = typeof value === 'string' ? parseDuration(value) : value;
  if (!d) throw new RangeError(`not an ISO 8601 duration: ${JSON.stringify(String(value).slice(0, 64))}`);
  return d;
}

export interface AddOptions {
  /** 'business': days and weeks count Monday–Friday only (CCPA 11 CCR §7021 "10 business days"). */
  readonly calendar?: 'calendar' | 'business';
}

const DAY_MS = 86_400_000;

/**
 * `date + duration`, in UTC, largest unit first (as ISO 8601 and Temporal do): years and months move the
 * calendar month and clamp the day to that month's end (31 Jan + P1M = 28/29 Feb, the EDPB 01/2022 reading
 * of "one month" in GDPR Art. 12(3)); then weeks and days; then the time part. UTC has no DST, so a day is
 * always 24 h.
 */
export function addDuration(date: Date, duration: Duration | string, options: AddOptions = {}): Date {
  const d = toDuration(duration);
  const start = new Date(date.getTime());
  const totalMonths = start.getUTCMonth() + d.years * 12 + d.months;
  const year = start.getUTCFullYear() + Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const moved = new Date(
    Date.UTC(
      year,
      month,
      Math.min(start.getUTCDate(), lastDay),
      start.getUTCHours(),
      start.getUTCMinutes(),
      start.getUTCSeconds(),
      start.getUTCMilliseconds(),
    ),
  );
  // Date.UTC treats years 0–99 as 1900–1999; setUTCFullYear undoes that for the (odd) early dates.
  moved.setUTCFullYear(year);
  const withDays =
    options.calendar === 'business'
      ? addBusinessDays(moved, d.weeks * 5 + d.days)
      : new Date(moved.getTime() + (d.weeks * 7 + d.days) * DAY_MS);
  return new Date(withDays.getTime() + ((d.hours * 60 + d.minutes) * 60 + d.seconds) * 1000);
}

/** Counts `days` weekdays forward (Saturday and Sunday skipped; public holidays are not known here). */
function addBusinessDays(date: Date, days: number): Date {
  let t = date.getTime();
  let left = days;
  while (left > 0) {
    t += DAY_MS;
    const weekday = new Date(t).getUTCDay();
    if (weekday !== 0 && weekday !== 6) left -= 1;
  }
  return new Date(t);
}

/** The Gregorian calendar repeats every 400 years: 4,800 months, 146,097 days. */
const CYCLE_MONTHS = 4_800;
const CYCLE_DAYS = 146_097;
let cumulativeDays: Int32Array | undefined;

/** Days from the start of the cycle (a year 2000-like start: 400 years beginning with a leap year). */
function daysBefore(month: number): number {
  if (!cumulativeDays) {
    cumulativeDays = new Int32Array(CYCLE_MONTHS + 1);
    for (let m = 0; m < CYCLE_MONTHS; m++) {
      cumulativeDays[m + 1] =
        cumulativeDays[m]! + new Date(Date.UTC(2000 + Math.floor(m / 12), (m % 12) + 1, 0)).getUTCDate();
    }
  }
  const cycles = Math.floor(month / CYCLE_MONTHS);
  return cycles * CYCLE_DAYS + cumulativeDays[month - cycles * CYCLE_MONTHS]!;
}

const monthLength = (month: number): number => daysBefore(month + 1) - daysBefore(month);
const rangeCache = new Map<string, readonly [number, number]>();

/**
 * min and max, over every start date, of (days spanned by `a` months) − (days spanned by `b` months),
 * month-end clamping included. Walking one 400-year cycle of start dates covers every case exactly.
 */
function monthDifferenceRange(a: number, b: number): readonly [number, number] {
  const key = `${a}|${b}`;
  const cached = rangeCache.get(key);
  if (cached) return cached;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  const span = (k: number, n: number, day: number) =>
    daysBefore(k + n) - daysBefore(k) + Math.min(day, monthLength(k + n)) - day;
  for (let k = 0; k < CYCLE_MONTHS; k++) {
    for (let day = 1; day <= monthLength(k); day++) {
      const diff = span(k, a, day) - span(k, b, day);
      if (diff < min) min = diff;
      if (diff > max) max = diff;
    }
  }
  const range = [min, max] as const;
  if (rangeCache.size < 1_000) rangeCache.set(key, range);
  return range;
}

/**
 * Orders two durations by what they span from the same start date: 1 when `a` is longer from every start
 * date, -1 when shorter from every start date, 0 when equal from every start date, and `null` when the
 * answer depends on the date (P1M vs P30D, P1Y vs P365D). Exact, not estimated: same-unit comparisons are
 * arithmetic, and month-vs-day ones walk one 400-year Gregorian cycle (memoised). Callers decide what
 * `null` means; `policy check` treats it as "may be longer".
 */
export function compareDurations(a: Duration | string, b: Duration | string): -1 | 0 | 1 | null {
  const x = toDuration(a);
  const y = toDuration(b);
  const months = (d: Duration) => d.years * 12 + d.months;
  const fixedSeconds = (d: Duration) =>
    (d.weeks * 7 + d.days) * 86_400 + d.hours * 3_600 + d.minutes * 60 + d.seconds;
  const fixed = fixedSeconds(x) - fixedSeconds(y);
  const [minDays, maxDays] = months(x) === months(y) ? [0, 0] : monthDifferenceRange(months(x), months(y));
  const low = minDays * 86_400 + fixed;
  const high = maxDays * 86_400 + fixed;
  if (low > 0) return 1;
  if (high < 0) return -1;
  if (low === 0 && high === 0) return 0;
  return null;
}

const UNITS: readonly [keyof Duration, string][] = [
  ['years', 'year'],
  ['months', 'month'],
  ['weeks', 'week'],
  ['days', 'day'],
  ['hours', 'hour'],
  ['minutes', 'minute'],
  ['seconds', 'second'],
];

/** English words for a duration ("7 years", "1 month and 15 days"); the renderer and messages use it. */
export function describeDuration(duration: Duration | string): string {
  const d = toDuration(duration);
  const parts = UNITS.filter(([key]) => d[key] > 0).map(
    ([key, word]) => `${d[key]} ${word}${d[key] === 1 ? '' : 's'}`,
  );
  if (parts.length === 0) return 'no time';
  return parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}
