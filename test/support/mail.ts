/** Reading Steward's emails in tests: drain the outbox into the SMTP sink, wait for an address's mail. */
import type { Steward } from '../../src/app.js';
import type { ReceivedMail } from './smtp-sink.js';

/**
 * The `count`-th email to `address`, draining the outbox meanwhile (the server's own sender may have
 * claimed it already, so drain and poll rather than drain once).
 */
export async function mailTo(
  steward: Steward,
  sink: { readonly messages: readonly ReceivedMail[] },
  address: string,
  count = 1,
  timeoutMs = 10_000,
): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await steward.requests.mail.drain();
    const mails = sink.messages.filter((m) => m.to.includes(address));
    if (mails.length >= count) return mails.at(-1)!;
    if (Date.now() > deadline) throw new Error(`no email to ${address}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The request id and token of the verification link in a request's first email. */
export function verificationLink(mail: ReceivedMail): { id: string; token: string } {
  const match = /verify\?request=(dsr_[0-9a-z]{26})&token=([A-Za-z0-9_-]{43})/.exec(mail.text);
  if (!match) throw new Error('no verification link in the email');
  return { id: match[1]!, token: match[2]! };
}
