/**
 * The console's consent trend: ledger events per UTC day and action, counted by the database (GROUP BY
 * on both dialects), never loaded row by row. Counts only: no subject, purpose or evidence leaves here.
 */
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../db/schema.js';
import { CONSENT_ACTIONS, type ConsentAction } from '../consent/ledger.types.js';

export const DAY_MS = 86_400_000;

/**
 * An event is never recorded before it happened, give or take the five minutes of clock skew the consent
 * service accepts (consent.service.ts); a day of slack on `recorded_at`, which is indexed, narrows the scan
 * without losing an event whose `occurred_at` falls in the window (backdated imports are still found).
 */
const RECORDING_SLACK_MS = DAY_MS;

export type ActionCounts = Record<ConsentAction, number>;

export interface ConsentDay extends ActionCounts {
  /** The UTC day, YYYY-MM-DD. */
  readonly date: string;
}

const zero = (): ActionCounts =>
  Object.fromEntries(CONSENT_ACTIONS.map((a) => [a, 0])) as unknown as ActionCounts;

const isAction = (value: string): value is ConsentAction =>
  (CONSENT_ACTIONS as readonly string[]).includes(value);

/**
 * Events per day of `occurred_at` for the `days` UTC days ending with the one `now` falls in; every day
 * of the window is present, with zeros where nothing happened, so a chart's axis has no gaps.
 */
export async function countConsentEventsByDay(
  db: Kysely<DB>,
  options: { readonly days: number; readonly now: number },
): Promise<ConsentDay[]> {
  const firstDay = Math.floor(options.now / DAY_MS) - options.days + 1;
  const from = firstDay * DAY_MS;
  const to = (firstDay + options.days) * DAY_MS;
  // A literal divisor, not a parameter: PostgreSQL matches the GROUP BY expression to the selected one
  // only when both are the same text. Times are positive epoch milliseconds, so integer division floors.
  const day = sql<number>`occurred_at / ${sql.lit(DAY_MS)}`;
  const rows = await db
    .selectFrom('consent_events')
    .select([day.as('day'), 'action', (eb) => eb.fn.countAll<number>().as('events')])
    .where('recorded_at', '>=', from - RECORDING_SLACK_MS)
    .where('occurred_at', '>=', from)
    .where('occurred_at', '<', to)
    .groupBy([day, 'action'])
    .execute();
  const result = Array.from({ length: options.days }, (_, i) => ({
    date: new Date((firstDay + i) * DAY_MS).toISOString().slice(0, 10),
    ...zero(),
  }));
  for (const row of rows) {
    const slot = result[Number(row.day) - firstDay];
    if (slot && isAction(row.action)) slot[row.action] += Number(row.events);
  }
  return result;
}
