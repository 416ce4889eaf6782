import { isSha256Hex } from './ledger-chain.js';

/**
 * Consent receipt for one ledger event, with the ISO/IEC TS 27560:2023 field names as tabulated by the
 * W3C DPVCG guide (standards.md §2.1 items 72–77) and the DPV "receipt-full" profile IRI (item 78).
 * Record fields the standard makes mandatory stay mandatory in the receipt (item 77). Pure: every id,
 * time and hash comes from the input, so the same event always yields the same receipt.
 */
export const RECEIPT_PROFILE = 'https://w3id.org/dpv/schema/iso-27560#receipt-full';
export const RECEIPT_SCHEMA_VERSION = 'ISO/IEC TS 27560:2023';

export type ConsentEventState = 'given' | 'withdrawn';
export interface ReceiptParty {
  readonly id: string;
  readonly name: string;
  readonly address: string;
  readonly contact: string;
  readonly email?: string;
  readonly url?: string;
}
export interface ConsentReceiptInput {
  readonly recordId: string;
  readonly receiptId: string;
  /** Steward's pseudonymous subject id, never an email address. */
  readonly subjectId: string;
  /** BCP 47 tag of the notice the person saw. */
  readonly language: string;
  readonly jurisdiction: string;
  readonly notice: { readonly url: string; readonly contentHash: string };
  readonly controller: ReceiptParty;
  readonly purpose: {
    readonly id: string;
    readonly description: string;
    /** A DPV purpose concept, e.g. 'dpv:DirectMarketing'. */
    readonly type?: string;
    readonly dataCategories: readonly string[];
    readonly storageLocations: readonly string[];
    readonly retentionPeriod: string;
    readonly recipients: readonly { readonly name: string; readonly type: 'processor' | 'third_party' }[];
  };
  /** The channel: web form, banner, API, email link, privacy center, GPC signal. */
  readonly collectionMethod: string;
  readonly withdrawalMethod: string;
  readonly event: {
    readonly time: string;
    readonly state: ConsentEventState;
    readonly validityDuration: string;
    /** Who acted; the subject unless an agent acted for them. */
    readonly entityId?: string;
    readonly type?: string;
  };
  readonly ledger: { readonly seq: number; readonly hash: string; readonly prevHash: string };
}

export function buildConsentReceipt(input: ConsentReceiptInput) {
  assertReceiptInput(input);
  const { controller, purpose, event } = input;
  return {
    'dct:conformsTo': RECEIPT_PROFILE,
    schema_version: RECEIPT_SCHEMA_VERSION,
    record_id: input.recordId,
    receipt_id: input.receiptId,
    pii_principal_id: input.subjectId,
    privacy_notice: { url: input.notice.url, content_hash: input.notice.contentHash },
    language: input.language,
    purpose: purpose.description,
    purpose_id: purpose.id,
    purpose_type: purpose.type,
    // GDPR Art. 6(1)(a): a receipt exists only for consent; other bases are not recorded this way.
    lawful_basis: ['dpv:Consent', 'eu-gdpr:A6-1-a'],
    pii_information: purpose.dataCategories.map((category) => ({ pii_type: category })),
    pii_controllers: [
      {
        party_id: controller.id,
        party_name: controller.name,
        party_address: controller.address,
        party_contact: controller.contact,
        party_email: controller.email,
        party_url: controller.url,
        party_type: 'controller' as const,
      },
    ],
    collection_method: input.collectionMethod,
    storage_locations: [...purpose.storageLocations],
    retention_period: purpose.retentionPeriod,
    jurisdiction: input.jurisdiction,
    recipient_third_parties: purpose.recipients.map((r) => ({ party_name: r.name, party_type: r.type })),
    withdrawal_method: input.withdrawalMethod,
    event: [
      {
        event_time: event.time,
        validity_duration: event.validityDuration,
        entity_id: event.entityId ?? input.subjectId,
        event_type: event.type ?? (event.state === 'given' ? 'dpv:ExpressedConsent' : 'dpv:WithdrawConsent'),
        event_state: event.state,
      },
    ],
    ledger: { seq: input.ledger.seq, hash: input.ledger.hash, prevHash: input.ledger.prevHash },
  };
}

export type ConsentReceipt = ReturnType<typeof buildConsentReceipt>;

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

function assertReceiptInput(input: ConsentReceiptInput): void {
  const problems: string[] = [];
  const required: Record<string, unknown> = {
    recordId: input.recordId,
    receiptId: input.receiptId,
    subjectId: input.subjectId,
    language: input.language,
    jurisdiction: input.jurisdiction,
    'notice.url': input.notice.url,
    'notice.contentHash': input.notice.contentHash,
    'controller.id': input.controller.id,
    'controller.name': input.controller.name,
    'controller.address': input.controller.address,
    'controller.contact': input.controller.contact,
    'purpose.description': input.purpose.description,
    'purpose.retentionPeriod': input.purpose.retentionPeriod,
    collectionMethod: input.collectionMethod,
    withdrawalMethod: input.withdrawalMethod,
    'event.validityDuration': input.event.validityDuration,
  };
  for (const [field, value] of Object.entries(required)) {
    if (typeof value !== 'string' || value.trim() === '')
      problems.push(`${field} is required (ISO/IEC TS 27560)`);
  }
  if (input.purpose.dataCategories.length === 0)
    problems.push('purpose.dataCategories needs at least one pii_type');
  if (input.purpose.storageLocations.length === 0)
    problems.push('purpose.storageLocations needs at least one');
  if (!RFC3339.test(input.event.time)) problems.push('event.time must be an RFC 3339 date-time');
  if (input.event.state !== 'given' && input.event.state !== 'withdrawn')
    problems.push('event.state is invalid');
  const { seq, hash, prevHash } = input.ledger;
  if (!Number.isSafeInteger(seq) || seq < 1 || !isSha256Hex(hash) || !isSha256Hex(prevHash)) {
    problems.push('ledger must hold a positive seq and two SHA-256 hex hashes');
  }
  if (problems.length > 0) throw new Error(`consent receipt: ${problems.join('; ')}`);
}
