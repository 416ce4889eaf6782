/**
 * From/to fields for a search by period. The inputs hold local time (what the operator reads on the
 * clock); the API takes RFC 3339 instants, so values are converted on the way in and out.
 */
import { text } from '../text.js';

/** `2026-11-29T10:00` in the browser's time zone → an ISO instant; undefined when empty or invalid. */
export function localToIso(value: string): string | undefined {
  if (!value) return undefined;
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** An ISO instant → the value of a datetime-local input in the browser's time zone. */
export function isoToLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** Uncontrolled inputs named `from` and `to`; read them with FormData. */
export function TimeRangeFields({ idPrefix, from, to }: { idPrefix: string; from?: string; to?: string }) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-from`}>{text.timeRange.from}</label>
        <input id={`${idPrefix}-from`} name="from" type="datetime-local" defaultValue={isoToLocal(from)} />
      </div>
      <div>
        <label htmlFor={`${idPrefix}-to`}>{text.timeRange.to}</label>
        <input id={`${idPrefix}-to`} name="to" type="datetime-local" defaultValue={isoToLocal(to)} />
      </div>
    </>
  );
}

/** The period's problem in words, or null when it is a period. */
export function periodProblem(from: string | undefined, to: string | undefined): string | null {
  return from && to && Date.parse(from) >= Date.parse(to) ? text.timeRange.backwards : null;
}
