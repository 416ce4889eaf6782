/** How far a due date is, in whole days, for the request queues. */
import { text } from '../text.js';

const DAY_MS = 86_400_000;

/** Days until `iso` (rounded down), negative once it has passed. */
export function daysUntil(iso: string, now: number): number {
  const diff = Date.parse(iso) - now;
  return diff >= 0 ? Math.floor(diff / DAY_MS) : -Math.ceil(-diff / DAY_MS);
}

/** "due in 3 days", "due within a day", "overdue by 2 days". */
export function dueText(iso: string, now: number): string {
  const days = daysUntil(iso, now);
  if (days < 0) return text.requestDue.late(-days);
  if (days === 0) return text.requestDue.withinDay;
  return text.requestDue.inDays(days);
}

/** A UTC calendar day (YYYY-MM-DD) as a short label: "23 Nov". */
export const shortDay = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });

/** A UTC calendar day as a full label for tables and summaries: "23 Nov 2026". */
export const longDay = (date: string) =>
  new Date(`${date}T00:00:00Z`).toLocaleDateString(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
