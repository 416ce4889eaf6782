/**
 * The current consent and suppression state of one person, folded from their ledger timeline in `seq`
 * order exactly as the server's projection does (src/modules/consent/ledger.projection.ts): given and
 * withdrawn set a purpose's consent; unsubscribed and objected set a suppression of their scope (a purpose,
 * or `*` for all marketing); only resubscribed lifts it.
 */
import type { Schemas } from '../api/client.js';

type ConsentEvent = Schemas['ConsentEvent'];

export interface ConsentNow {
  readonly purpose: string;
  readonly status: 'given' | 'withdrawn';
  readonly since: string;
  readonly seq: number;
}

export interface SuppressionNow {
  readonly scope: string;
  readonly active: boolean;
  readonly reason: 'unsubscribed' | 'objected' | 'resubscribed';
  readonly since: string;
  readonly seq: number;
}

export function summariseConsent(events: readonly ConsentEvent[]): {
  consents: ConsentNow[];
  suppressions: SuppressionNow[];
} {
  const consents = new Map<string, ConsentNow>();
  const suppressions = new Map<string, SuppressionNow>();
  for (const e of [...events].sort((a, b) => a.seq - b.seq)) {
    const base = { since: e.occurredAt, seq: e.seq };
    if (e.action === 'given' || e.action === 'withdrawn')
      consents.set(e.purpose, { purpose: e.purpose, status: e.action, ...base });
    else
      suppressions.set(e.purpose, {
        scope: e.purpose,
        active: e.action !== 'resubscribed',
        reason: e.action,
        ...base,
      });
  }
  return { consents: [...consents.values()], suppressions: [...suppressions.values()] };
}
