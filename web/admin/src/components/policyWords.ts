/** Policy values in words for the console's pages: ISO 8601 durations, retention anchors, countries. */
import { text } from '../text.js';

const UNITS = { Y: 'year', M: 'month', W: 'week', D: 'day', H: 'hour', TM: 'minute', S: 'second' } as const;

/** "3 years", "1 year 6 months", "none" for P0D; the text itself when it is not a duration. */
export function describeDuration(iso: string): string {
  const m = /^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(
    iso,
  );
  if (!m) return iso;
  const parts = (['Y', 'M', 'W', 'D', 'H', 'TM', 'S'] as const)
    .map((unit, i) => [unit, Number(m[i + 1] ?? 0)] as const)
    .filter(([, n]) => n > 0)
    .map(([unit, n]) => text.words.unit(n, UNITS[unit]));
  return parts.length === 0 ? text.words.noTime : parts.join(' ');
}

export function describeAnchor(anchor: string): string {
  const [kind, name] = anchor.includes(':') ? anchor.split(/:(.*)/s) : [anchor, ''];
  const words = text.words.anchors as Record<string, (name: string) => string>;
  return (words[kind ?? ''] ?? ((n: string) => n))(name ?? anchor);
}

/** "3 years after the last contact"; "not kept after consent is withdrawn" for a zero period. */
export function describeRetention(r: { anchor: string; duration: string }): string {
  const duration = describeDuration(r.duration);
  return duration === text.words.noTime
    ? text.words.notKept(describeAnchor(r.anchor))
    : text.words.retention(duration, describeAnchor(r.anchor));
}

export function countryName(code: string): string {
  try {
    return (
      new Intl.DisplayNames([document.documentElement.lang || 'en'], { type: 'region' }).of(code) ?? code
    );
  } catch {
    return code;
  }
}
