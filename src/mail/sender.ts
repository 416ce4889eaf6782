import type { Kysely } from 'kysely';
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

/**
 * The outbox worker: claims due rows, sends them through SMTP (`SMTP_URL`, nodemailer), records the
 * delivery status, retries with back-off. Without SMTP_URL emails stay queued (and `/readyz` still answers).
 */
export function createMailSender(deps: {
  db: Kysely<DB>;
  smtpUrl: string | undefined;
  from: string;
  clock?: () => number;
  batch?: number;
}): MailSender {
  const clock = deps.clock ?? Date.now;
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;

  async function drain(): Promise<{ sent: number; failed: number }> {
    if (!transport) return { sent: 0, failed: 0 };
    let sent = 0;
    let failed = 0;
    for (;;) {
      const due = await claimDueEmails(deps.db, clock(), deps.batch ?? 20);
      if (due.length === 0) return { sent, failed };
      for (const email of due) {
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
    }
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
