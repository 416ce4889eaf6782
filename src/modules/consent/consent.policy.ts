import type { MarketingRule } from '../../domain/consent/eligibility.js';
import type { ConsentReceiptInput } from '../../domain/consent/receipt.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { ConsentPolicyView } from './consent.service.js';
import type { LedgerEntry } from './ledger.types.js';

/** The consent module's view of the policy: purposes with their basis and marketing rule; IP truncation. */
export function consentPolicyView(policy: Policy, contentHash: string): ConsentPolicyView {
  const purposes = new Map<string, { legalBasis: string; marketing: MarketingRule | null }>();
  for (const p of policy.purposes) {
    const audience = p.marketing?.audience;
    const marketing: MarketingRule | null = audience
      ? {
          purpose: p.id,
          audience:
            audience.kind === 'relationship'
              ? { kind: 'relationship', relationship: audience.relationship }
              : { kind: 'consent' },
        }
      : null;
    purposes.set(p.id, { legalBasis: p.legalBasis, marketing });
  }
  const truncate = policy.securityLogs?.truncate ?? { ipv4: 24, ipv6: 48 };
  return { contentHash, purposes, ipPrefixes: { ipv4: truncate.ipv4, ipv6: truncate.ipv6 } };
}

const CHANNEL_WORDS: Record<string, string> = {
  web_form: 'web form',
  banner: 'cookie banner',
  api: 'API',
  email_link: 'link in an email',
  privacy_center: 'privacy center',
  gpc_signal: 'Global Privacy Control signal',
  gpc: 'Global Privacy Control signal',
  support: 'support request',
  import: 'import',
};

/** Everything an ISO/IEC TS 27560 receipt needs for one ledger event, taken from the policy. */
export function receiptInput(
  policy: Policy,
  entry: LedgerEntry,
  noticeUrl: string,
): ConsentReceiptInput | null {
  const purpose = policy.purposes.find((p) => p.id === entry.purpose);
  if (!purpose || (entry.action !== 'given' && entry.action !== 'withdrawn')) return null;
  const c = policy.controller;
  const processors = policy.processors.filter((p) => purpose.processors.includes(p.id));
  const recipients = policy.recipients.filter((r) => purpose.recipients.includes(r.id));
  return {
    recordId: entry.id,
    receiptId: `rcp_${entry.id.slice(4)}`,
    subjectId: entry.subjectId,
    language: entry.evidence.language ?? policy.language,
    jurisdiction: c.jurisdictions.join(','),
    notice: { url: noticeUrl, contentHash: entry.policyHash },
    controller: {
      id: c.website,
      name: c.legalName ?? c.name,
      address: c.address.join(', '),
      contact: c.email,
      email: c.email,
      url: c.website,
    },
    purpose: {
      id: purpose.id,
      description: purpose.description,
      ...(purpose.dpv ? { type: purpose.dpv } : {}),
      dataCategories: purpose.categories,
      storageLocations: [...new Set([c.country, ...processors.flatMap((p) => p.countries)])],
      retentionPeriod: `${purpose.retention.duration} after ${purpose.retention.anchor}`,
      recipients: [
        ...processors.map((p) => ({ name: p.name, type: 'processor' as const })),
        ...recipients.map((r) => ({ name: r.name, type: 'third_party' as const })),
      ],
    },
    collectionMethod: CHANNEL_WORDS[entry.channel] ?? entry.channel,
    withdrawalMethod: (purpose.consent?.withdrawal ?? []).join(', ') || 'privacy_center',
    event: {
      time: new Date(entry.occurredAt).toISOString(),
      state: entry.action,
      validityDuration: purpose.retention.duration,
      entityId: entry.subjectId,
    },
    ledger: { seq: entry.seq, hash: entry.hash, prevHash: entry.prevHash },
  };
}
