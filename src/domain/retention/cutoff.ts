/**
 * When a retention period has run out. A row anchored at `A` and kept for `d` may be kept through the
 * instant `A + d` ("kept for 90 days" allows all of them) and is expired once `A + d < now` (addDuration:
 * UTC calendar arithmetic, month ends clamped as for request deadlines). Stores compare anchors, not
 * sums, so the sweep needs the cut-off `C` with `A < C ⇔ A + d < now`.
 *
 * For periods of days, weeks and time `C = now − d` exactly. Months and years have no exact inverse
 * (31 Jan + P1M = 28 Feb = 28 Feb + P1M − 3 days), so `C` is found by bisection over the anchors around
 * `now − d`: the first anchor whose period has not yet run out. Anchors are instants; time zones and DST
 * change how an anchor is written, never when its period ends.
 */
import { addDuration, type Duration, parseDuration } from '../policy/duration.js';

const DAY_MS = 86_400_000;

function toDuration(value: Duration | string): Duration {
  const d = typeof value === 'string' ? parseDuration(value) : value;
  if (!d) throw new RangeError('not an ISO 8601 duration');
  return d;
}

function fixedMs(d: Duration): number {
  return ((d.weeks * 7 + d.days) * 24 + d.hours) * 3_600_000 + d.minutes * 60_000 + d.seconds * 1000;
}

/** The first instant (ms) whose period has not run out at `now`: anchors strictly before it are expired. */
export function retentionCutoff(now: Date, duration: Duration | string): Date {
  const d = toDuration(duration);
  const nowMs = now.getTime();
  if (d.years === 0 && d.months === 0) return new Date(nowMs - fixedMs(d));
  const expired = (anchorMs: number) => addDuration(new Date(anchorMs), d).getTime() < nowMs;
  // A calendar month is 28–31 days and a year 365–366: the boundary lies within these bounds.
  const monthsMs = (d.years * 12 + d.months) * 31 * DAY_MS;
  let lo = nowMs - fixedMs(d) - monthsMs - DAY_MS; // expired
  let hi = nowMs - fixedMs(d) - (d.years * 12 + d.months) * 28 * DAY_MS + DAY_MS; // not expired
  while (hi - lo > 1) {
    const mid = lo + Math.floor((hi - lo) / 2);
    if (expired(mid)) lo = mid;
    else hi = mid;
  }
  return new Date(hi);
}

/** Whether a row anchored at `anchor` and kept for `duration` is expired at `now`. */
export function isExpired(anchor: Date, duration: Duration | string, now: Date): boolean {
  return addDuration(anchor, duration).getTime() < now.getTime();
}
