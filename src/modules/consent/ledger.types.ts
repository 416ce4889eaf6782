/**
 * What the consent ledger records. `action` is the event; `purpose` is a purpose id of the policy, or
 * `*` for a suppression that covers all marketing ("unsubscribed from marketing", clause 1.6.3.2).
 */
export const CONSENT_ACTIONS = ['given', 'withdrawn', 'unsubscribed', 'objected', 'resubscribed'] as const;
export type ConsentAction = (typeof CONSENT_ACTIONS)[number];

export const CONSENT_CHANNELS = [
  'web_form',
  'banner',
  'api',
  'email_link',
  'privacy_center',
  'gpc_signal',
  // A Global Privacy Control signal seen by the banner's recording route itself (Sec-GPC: 1 or
  // navigator.globalPrivacyControl); `gpc_signal` stays for signals that API callers report.
  'gpc',
  'support',
  'import',
] as const;
export type ConsentChannel = (typeof CONSENT_CHANNELS)[number];

export const ALL_MARKETING = '*';

/** Evidence kept with an event (EDPB 05/2020 ¶104–108): enough to demonstrate consent, nothing more. */
export interface ConsentEvidence {
  readonly formId?: string;
  readonly noticeId?: string;
  readonly userAgent?: string;
  /** The client IP truncated to /24 (IPv4) or /48 (IPv6); the full IP is never stored. */
  readonly ipPrefix?: string;
  readonly language?: string;
}

export interface LedgerInput {
  readonly subjectId: string;
  readonly purpose: string;
  readonly action: ConsentAction;
  readonly channel: ConsentChannel;
  readonly occurredAt: number;
  readonly actor: string;
  readonly policyHash: string;
  readonly evidence: ConsentEvidence;
}

/** The hashed body of a ledger entry: every field the chain protects. */
export interface LedgerBody extends LedgerInput {
  readonly id: string;
  readonly recordedAt: number;
}

export interface LedgerEntry extends LedgerBody {
  readonly seq: number;
  readonly prevHash: string;
  readonly hash: string;
}

export const LEDGER_CHAIN = 'consent';

/** The body exactly as hashed: key order does not matter (JCS sorts), but the field set does. */
export function ledgerBody(entry: LedgerBody): Record<string, unknown> {
  return {
    id: entry.id,
    subjectId: entry.subjectId,
    purpose: entry.purpose,
    action: entry.action,
    channel: entry.channel,
    occurredAt: entry.occurredAt,
    recordedAt: entry.recordedAt,
    actor: entry.actor,
    policyHash: entry.policyHash,
    evidence: entry.evidence,
  };
}
