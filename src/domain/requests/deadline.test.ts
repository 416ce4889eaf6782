import { describe, expect, it } from 'vitest';
import { dueDate } from './deadline.js';
import { canTransition } from './state.js';

const EU = { respond: 'P1M', extension: 'P2M', calendar: 'calendar' as const };
const CA = { respond: 'P45D', extension: 'P45D', calendar: 'calendar' as const };
const d = (iso: string) => new Date(iso);

describe('dueDate', () => {
  it.each([
    // EDPB 01/2022 example: received 31 January → due on the last day of February.
    ['2025-01-31T10:00:00Z', EU, false, '2025-02-28T10:00:00.000Z'],
    ['2024-01-31T10:00:00Z', EU, false, '2024-02-29T10:00:00.000Z'],
    ['2025-03-14T09:00:00Z', EU, false, '2025-04-14T09:00:00.000Z'],
    // 2025-05-10 is a Saturday → next Monday, 12 May.
    ['2025-04-10T09:00:00Z', EU, false, '2025-05-12T09:00:00.000Z'],
    // Sunday 2025-08-31 → Monday 1 September.
    ['2025-07-31T09:00:00Z', EU, false, '2025-09-01T09:00:00.000Z'],
    // Extended by two further months (Art. 12(3)).
    ['2025-03-14T09:00:00Z', EU, true, '2025-06-16T09:00:00.000Z'],
    // California: 45 calendar days, +45.
    ['2025-03-03T09:00:00Z', CA, false, '2025-04-17T09:00:00.000Z'],
    ['2025-03-03T09:00:00Z', CA, true, '2025-06-02T09:00:00.000Z'],
  ])('received %s → due %s', (received, rule, extended, due) => {
    expect(dueDate(d(received), rule, extended).toISOString()).toBe(due);
  });
});

describe('request states', () => {
  it('allow only the documented transitions; final states are final', () => {
    expect(canTransition('received', 'verified')).toBe(true);
    expect(canTransition('received', 'completed')).toBe(false);
    expect(canTransition('in_progress', 'awaiting_approval')).toBe(true);
    expect(canTransition('completed', 'in_progress')).toBe(false);
    expect(canTransition('rejected', 'verified')).toBe(false);
  });
});
