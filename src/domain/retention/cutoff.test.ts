import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDuration } from '../policy/duration.js';
import { isExpired, retentionCutoff } from './cutoff.js';

const at = (iso: string) => new Date(iso);

describe('retentionCutoff', () => {
  it.each([
    // now, duration, cut-off
    ['2026-11-29T10:00:00.000Z', 'P90D', '2026-08-31T10:00:00.000Z'],
    ['2026-11-29T10:00:00.000Z', 'PT36H', '2026-11-27T22:00:00.000Z'],
    ['2026-11-29T10:00:00.000Z', 'P7Y', '2019-11-29T10:00:00.000Z'],
    // 29 Feb + P1Y = 28 Feb (clamped): at 28 Feb 2025 00:00 the leap-day anchor's last instant is now.
    ['2025-02-28T00:00:00.000Z', 'P1Y', '2024-02-28T00:00:00.000Z'],
    ['2026-03-28T00:00:00.000Z', 'P1M', '2026-02-28T00:00:00.000Z'],
    ['2026-03-31T12:00:00.000Z', 'P1M', '2026-03-01T00:00:00.000Z'],
  ])('at %s a period of %s has run out for anchors before %s', (now, duration, cutoff) => {
    expect(retentionCutoff(at(now), duration).toISOString()).toBe(cutoff);
  });

  it('P0D: everything before now has run out', () => {
    const now = at('2026-11-29T10:00:00.000Z');
    expect(retentionCutoff(now, 'P0D').getTime()).toBe(now.getTime());
  });

  it('an anchor is before the cut-off exactly when its period has run out (days, weeks, time)', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    const duration = fc
      .record({ w: fc.nat(10), d: fc.nat(400), h: fc.nat(48), m: fc.nat(120) })
      .map(({ w, d, h, m }) => `P${w}W${d}DT${h}H${m}M`);
    fc.assert(
      fc.property(instant, instant, duration, (now, anchor, d) => {
        const cutoff = retentionCutoff(new Date(now), d);
        expect(anchor < cutoff.getTime()).toBe(isExpired(new Date(anchor), d, new Date(now)));
      }),
      { numRuns: 2000 },
    );
  });

  it('months and years: the anchor just before the cut-off has run out, the cut-off itself has not', () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    const duration = fc
      .record({ y: fc.nat(10), m: fc.nat(30) })
      .filter(({ y, m }) => y + m > 0)
      .map(({ y, m }) => `P${y}Y${m}M`);
    fc.assert(
      fc.property(instant, duration, (now, d) => {
        const cutoff = retentionCutoff(new Date(now), d);
        expect(isExpired(new Date(cutoff.getTime() - 1), d, new Date(now))).toBe(true);
        expect(isExpired(cutoff, d, new Date(now))).toBe(false);
        // Never more than a few days from plain subtraction of calendar months.
        const naive = addDuration(cutoff, d).getTime();
        expect(Math.abs(naive - now)).toBeLessThanOrEqual(4 * 86_400_000);
      }),
      { numRuns: 2000 },
    );
  });

  it('DST does not exist in UTC: P1D across the European spring change is 24 hours', () => {
    // 29 March 2026: clocks in Berlin go from 02:00 CET to 03:00 CEST.
    const now = at('2026-03-29T12:00:00.000Z');
    expect(retentionCutoff(now, 'P1D').toISOString()).toBe('2026-03-28T12:00:00.000Z');
    // The same instants written with their local offsets compare alike.
    expect(at('2026-03-28T13:00:00+01:00').getTime()).toBe(retentionCutoff(now, 'P1D').getTime());
    expect(isExpired(at('2026-03-28T12:59:59.999+01:00'), 'P1D', now)).toBe(true);
    expect(isExpired(at('2026-03-29T14:00:00+02:00'), 'P1D', now)).toBe(false);
  });
});
