import { describe, expect, it } from 'vitest';
import {
  addDuration,
  compareDurations,
  describeDuration,
  isValidDuration,
  parseDuration,
} from './duration.js';

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`);
const day = (d: Date) => d.toISOString().slice(0, 10);

describe('parseDuration', () => {
  it.each(['P7Y', 'P1M', 'P90D', 'P2W', 'PT12H', 'P1Y6M', 'P1W2D', 'P0D', 'P1DT2H3M4S', 'PT30S', 'P999999D'])(
    'accepts %s',
    (text) => expect(isValidDuration(text)).toBe(true),
  );

  it.each([
    '',
    'P',
    'PT',
    'P1',
    '7Y',
    'p1y',
    'P1.5Y',
    'P1,5Y',
    'P-1D',
    'P1Y1Y',
    'P1D1Y',
    'PT1D',
    'P1H',
    'P1DT',
    'P1234567D',
    ' P1D',
    'P1D ',
    'P0001-02-03',
  ])('refuses %j', (text) => expect(parseDuration(text)).toBeUndefined());

  it('reads every unit', () => {
    expect(parseDuration('P1Y2M3W4DT5H6M7S')).toEqual({
      years: 1,
      months: 2,
      weeks: 3,
      days: 4,
      hours: 5,
      minutes: 6,
      seconds: 7,
    });
  });
});

describe('addDuration (UTC calendar arithmetic)', () => {
  it.each([
    ['2025-01-31', 'P1M', '2025-02-28'],
    ['2024-01-31', 'P1M', '2024-02-29'],
    ['2024-02-29', 'P1Y', '2025-02-28'],
    ['2025-03-31', 'P1M', '2025-04-30'],
    ['2025-01-15', 'P1M', '2025-02-15'],
    ['2025-12-31', 'P2M', '2026-02-28'],
    ['2025-01-01', 'P7Y', '2032-01-01'],
    ['2025-01-01', 'P90D', '2025-04-01'],
    ['2025-01-31', 'P1M1D', '2025-03-01'],
    ['2025-01-01', 'P2W', '2025-01-15'],
  ])('%s + %s = %s', (start, duration, end) => expect(day(addDuration(utc(start), duration))).toBe(end));

  it('adds the time part and keeps the time of day', () => {
    expect(addDuration(new Date('2025-01-31T10:20:30.400Z'), 'P1MT1H').toISOString()).toBe(
      '2025-02-28T11:20:30.400Z',
    );
  });

  it('counts business days Monday to Friday (CCPA acknowledgement)', () => {
    // Friday 28 Nov 2025 + 10 business days = Friday 12 Dec 2025.
    expect(day(addDuration(utc('2025-11-28'), 'P10D', { calendar: 'business' }))).toBe('2025-12-12');
    expect(day(addDuration(utc('2025-11-29'), 'P1D', { calendar: 'business' }))).toBe('2025-12-01');
  });

  it('does not mutate its argument and throws only on invalid durations', () => {
    const start = utc('2025-01-31');
    addDuration(start, 'P1M');
    expect(day(start)).toBe('2025-01-31');
    expect(() => addDuration(start, 'P1.5Y')).toThrow(RangeError);
  });
});

describe('compareDurations', () => {
  it.each([
    ['P7Y', 'P84M', 0],
    ['P1Y', 'P11M', 1],
    ['P90D', 'P12W6D', 0],
    ['P90D', 'P91D', -1],
    ['P2Y', 'P365D', 1],
    ['P1M', 'P32D', -1],
    ['P1M', 'P27D', 1],
    ['P1M', 'P28D', null],
    ['P1M', 'P31D', null],
    ['P12M', 'P367D', -1],
    ['P2M', 'P1M31D', null],
    ['P1M', 'P30D', null],
    ['P3M', 'P90D', null],
    ['P1Y', 'P365D', null],
    ['P1M1D', 'P1M', 1],
    ['P13M', 'P1Y', 1],
    ['PT24H', 'P1D', 0],
  ] as const)('%s vs %s → %s', (a, b, expected) => {
    expect(compareDurations(a, b)).toBe(expected);
    expect(compareDurations(b, a)).toBe(expected === null ? null : expected === 0 ? 0 : -expected);
  });

  it('agrees with the calendar from every start day over 9 years, across 2100', () => {
    const pairs: [string, string][] = [
      ['P1M', 'P28D'],
      ['P2M', 'P62D'],
      ['P12M', 'P366D'],
      ['P6M', 'P184D'],
      ['P7Y', 'P2557D'],
      ['P4Y', 'P1461D'],
      ['P3M', 'P2M28D'],
    ];
    for (const [a, b] of pairs) {
      const order = compareDurations(a, b);
      const signs = new Set<number>();
      for (let t = Date.UTC(2096, 0, 1); t < Date.UTC(2105, 0, 1); t += 86_400_000) {
        const start = new Date(t);
        const diff = addDuration(start, a).getTime() - addDuration(start, b).getTime();
        signs.add(Math.sign(diff));
        if (order !== null) expect(Math.sign(diff), `${a} vs ${b} from ${start.toISOString()}`).toBe(order);
      }
      // null only when the calendar really gives both answers.
      if (order === null) expect(signs.size, `${a} vs ${b}`).toBeGreaterThan(1);
    }
  });
});

describe('describeDuration', () => {
  it.each([
    ['P7Y', '7 years'],
    ['P1M', '1 month'],
    ['P90D', '90 days'],
    ['P1Y6M', '1 year and 6 months'],
    ['P1DT2H3M', '1 day, 2 hours and 3 minutes'],
    ['P0D', 'no time'],
  ])('%s → %s', (text, words) => expect(describeDuration(text)).toBe(words));
});
