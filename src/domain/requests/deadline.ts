import { addDuration } from '../policy/duration.js';

export interface DeadlineRule {
  readonly respond: string;
  readonly extension: string;
  readonly calendar: 'calendar' | 'business';
}

/**
 * When an answer is due. A month runs from the day of receipt to the same date of the next month, or
 * that month's last day when it has no such date (31 Jan → 28/29 Feb); a period ending on a Saturday or
 * Sunday ends on the next working day (Regulation 1182/71 Art. 3(4), as EDPB Guidelines 01/2022 apply it
 * to Art. 12(3)). Public holidays differ per member state and are not counted here: the deadline errs
 * early, never late. The time of day is kept (end of the day of receipt counts as that day).
 */
export function dueDate(receivedAt: Date, rule: DeadlineRule, extended = false): Date {
  let due = addDuration(receivedAt, rule.respond, { calendar: rule.calendar });
  if (extended) due = addDuration(due, rule.extension, { calendar: rule.calendar });
  return rollForwardFromWeekend(due);
}

function rollForwardFromWeekend(date: Date): Date {
  const day = date.getUTCDay();
  const shift = day === 6 ? 2 : day === 0 ? 1 : 0;
  return shift === 0 ? date : new Date(date.getTime() + shift * 86_400_000);
}
