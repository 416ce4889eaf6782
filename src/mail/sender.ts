import { type Kysely, sql } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.js';
import { claimDueEmails, markFailed, markSent } from './outbox.js';
import { renderEmail } from './templates.js';

export interface MailSender {
  /** Sends every due email once; returns how many were sent. */
  drain(): Promise<{ sent: number; failed: number }>;
  start(intervalMs?: number): void;
  stop(): Promise<void>;
}

const LEASE_MS = 60_000;
/** Stop sending from a claim this long before its lease ends: another instance may claim the row after it. */
const LEASE_MARGIN_MS = 20_000;
const RATE_BUCKET = 'mail:send';

/**
 * Takes up to `wanted` sends from the per-minute budget shared by every instance through the store: one
 * fixed window per UTC minute in `rate_limits`, incremented atomically (an upsert), so N instances together
 * send at most `limit` a minute (2 × limit across a window boundary at worst, as any fixed window).
 */
async function reserveSends(db: Kysely<DB>, now: number, wanted: number, limit: number): Promise<number> {
  const window = Math.floor(now / 60_000) * 60_000;
  const result = await sql<{ hits: number | string }>`
    insert into rate_limits (bucket, window_start, hits) values (${RATE_BUCKET}, ${window}, ${wanted})
    on conflict (bucket) do update set
      hits = case when rate_limits.window_start >= ${window} then rate_limits.hits + ${wanted} else ${wanted} end,
      window_start = case when rate_limits.window_start >= ${window} then rate_limits.window_start else ${window} end
    returning hits`.execute(db);
  const before = Number(result.rows[0]?.hits ?? 0) - wanted;
  return Math.max(0, Math.min(wanted, limit - before));
}

/**
 * The outbox worker: claims due rows, sends them through SMTP (`SMTP_URL`, nodemailer), records the
 * delivery status, retries with back-off. Without SMTP_URL emails stay queued (and `/readyz` still answers).
 * `ratePerMinute` (STEWARD_MAIL_RATE_PER_MINUTE) caps the sends of all instances together.
 */
export function createMailSender(deps: {
  db: Kysely<DB>;
  smtpUrl: string | undefined;
  from: string;
  clock?: () => number;
  batch?: number;
  ratePerMinute?: number;
}): MailSender {
  const clock = deps.clock ?? Date.now;
  // Timeouts well inside the claim's lease, so a hung server cannot outlive it (and a second instance resend).
  const transport = deps.smtpUrl
    ? nodemailer.createTransport({
        url: deps.smtpUrl,
        connectionTimeout: 15_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      })
    : null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function drain(): Promise<{ sent: number; failed: number }> {
    if (!transport) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    for (;;) {
      const claimedAt = clock();
      const due = await claimDueEmails(deps.db, claimedAt, deps.batch ?? 20, LEASE_MS);
      if (due.length === 0) return { sent, failed };
      const allowed =
        deps.ratePerMinute === undefined
          ? due.length
          : await reserveSends(deps.db, claimedAt, due.length, deps.ratePerMinute);
      const over = due.slice(allowed).map((e) => e.id);
      const lease = claimedAt + LEASE_MS;
      if (over.length > 0) await releaseClaims(over, lease);
      for (const email of due.slice(0, allowed)) {
        if (clock() > lease - LEASE_MARGIN_MS) {
          await releaseClaims([email.id], lease);
          continue;
        }
        try {
          const rendered = renderEmail(email.template, email.payload);
          await transport.sendMail({
            from: deps.from,
            to: email.to,
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
          });
          await markSent(deps.db, email.id, clock());
          sent++;
        } catch (error) {
          // The error text of an SMTP server may quote the address: keep only its class and code.
          const e = error as { code?: string; responseCode?: number };
          await markFailed(deps.db, email, `${e.code ?? 'error'} ${e.responseCode ?? ''}`.trim(), clock());
          failed++;
        }
      }
      if (over.length > 0) return { sent, failed }; // this minute's budget is spent
    }
  }

  /** Hands our claimed rows back at once (over the budget, or lease nearly out): the next drain takes them. */
  async function releaseClaims(ids: readonly string[], lease: number): Promise<void> {
    await deps.db
      .updateTable('outbox_emails')
      .set({ claimed_until: null })
      .where('id', 'in', [...ids])
      .where('status', '=', 'pending')
      .where('claimed_until', '=', lease)
      .execute();
  }

  return {
    drain,
    start(intervalMs = 2000) {
      if (timer || !transport) return;
      timer = setInterval(() => {
        running ??= drain().finally(() => {
          running = null;
        });
      }, intervalMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
      transport?.close();
    },
  };
}
