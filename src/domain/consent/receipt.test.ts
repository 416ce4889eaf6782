import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical-json.js';
import { GENESIS_HASH, hashEntry } from './ledger-chain.js';
import { buildConsentReceipt, type ConsentReceiptInput } from './receipt.js';

const HASH = hashEntry(GENESIS_HASH, 1, { purpose: 'marketing_consent' });
const INPUT: ConsentReceiptInput = {
  recordId: 'cns_01HZX8Y3K2',
  receiptId: 'rcp_01HZX8Y3K2',
  subjectId: 'sub_01HZX8Y0AA',
  language: 'en',
  jurisdiction: 'EU',
  notice: { url: 'https://apisecurity.pro/privacy/versions/3', contentHash: `sha256:${'c'.repeat(64)}` },
  controller: {
    id: 'https://apisecurity.pro',
    name: 'CoCart Headless LLC',
    address: '1 Example Street, Example City',
    contact: 'Privacy team',
    email: 'privacy@apisecurity.pro',
  },
  purpose: {
    id: 'marketing_consent',
    description: 'Promotional emails about our products, services and offers',
    type: 'dpv:DirectMarketing',
    dataCategories: ['dpv:Name', 'dpv:EmailAddress'],
    storageLocations: ['US'],
    retentionPeriod: 'until consent is withdrawn',
    recipients: [{ name: 'Example Mail Sender', type: 'processor' }],
  },
  collectionMethod: 'web_form',
  withdrawalMethod: 'https://apisecurity.pro/privacy/center',
  event: { time: '2024-05-01T12:00:00.000Z', state: 'given', validityDuration: 'P2Y' },
  ledger: { seq: 1, hash: HASH, prevHash: GENESIS_HASH },
};

describe('buildConsentReceipt', () => {
  it('maps a given consent onto the ISO/IEC TS 27560 field names', () => {
    expect(buildConsentReceipt(INPUT)).toEqual({
      'dct:conformsTo': 'https://w3id.org/dpv/schema/iso-27560#receipt-full',
      schema_version: 'ISO/IEC TS 27560:2023',
      record_id: 'cns_01HZX8Y3K2',
      receipt_id: 'rcp_01HZX8Y3K2',
      pii_principal_id: 'sub_01HZX8Y0AA',
      privacy_notice: {
        url: 'https://apisecurity.pro/privacy/versions/3',
        content_hash: `sha256:${'c'.repeat(64)}`,
      },
      language: 'en',
      purpose: 'Promotional emails about our products, services and offers',
      purpose_id: 'marketing_consent',
      purpose_type: 'dpv:DirectMarketing',
      lawful_basis: ['dpv:Consent', 'eu-gdpr:A6-1-a'],
      pii_information: [{ pii_type: 'dpv:Name' }, { pii_type: 'dpv:EmailAddress' }],
      pii_controllers: [
        {
          party_id: 'https://apisecurity.pro',
          party_name: 'CoCart Headless LLC',
          party_address: '1 Example Street, Example City',
          party_contact: 'Privacy team',
          party_email: 'privacy@apisecurity.pro',
          party_url: undefined,
          party_type: 'controller',
        },
      ],
      collection_method: 'web_form',
      storage_locations: ['US'],
      retention_period: 'until consent is withdrawn',
      jurisdiction: 'EU',
      recipient_third_parties: [{ party_name: 'Example Mail Sender', party_type: 'processor' }],
      withdrawal_method: 'https://apisecurity.pro/privacy/center',
      event: [
        {
          event_time: '2024-05-01T12:00:00.000Z',
          validity_duration: 'P2Y',
          entity_id: 'sub_01HZX8Y0AA',
          event_type: 'dpv:ExpressedConsent',
          event_state: 'given',
        },
      ],
      ledger: { seq: 1, hash: HASH, prevHash: GENESIS_HASH },
    });
  });

  it('describes a withdrawal by the person or by an agent', () => {
    const withdrawn = buildConsentReceipt({
      ...INPUT,
      event: {
        time: '2024-06-01T08:00:00Z',
        state: 'withdrawn',
        validityDuration: 'P0D',
        entityId: 'usr_agent7',
      },
    });
    expect(withdrawn.event).toEqual([
      {
        event_time: '2024-06-01T08:00:00Z',
        validity_duration: 'P0D',
        entity_id: 'usr_agent7',
        event_type: 'dpv:WithdrawConsent',
        event_state: 'withdrawn',
      },
    ]);
  });

  it('is deterministic and canonicalisable, absent optional fields left out', () => {
    const { type: _omitted, ...purpose } = INPUT.purpose;
    const text = canonicalize(buildConsentReceipt({ ...INPUT, purpose }));
    expect(text).toBe(canonicalize(buildConsentReceipt({ ...INPUT, purpose })));
    expect(text).not.toContain('purpose_type');
    expect(text).not.toContain('party_url');
    expect(text.startsWith('{"collection_method":"web_form","dct:conformsTo":')).toBe(true);
  });

  it('names every missing mandatory field', () => {
    const broken: ConsentReceiptInput = {
      ...INPUT,
      subjectId: ' ',
      controller: { ...INPUT.controller, address: '' },
      purpose: { ...INPUT.purpose, dataCategories: [] },
      event: { ...INPUT.event, time: 'yesterday' },
      ledger: { ...INPUT.ledger, seq: 0 },
    };
    expect(() => buildConsentReceipt(broken)).toThrow(
      'consent receipt: subjectId is required (ISO/IEC TS 27560); controller.address is required ' +
        '(ISO/IEC TS 27560); purpose.dataCategories needs at least one pii_type; event.time must be an ' +
        'RFC 3339 date-time; ledger must hold a positive seq and two SHA-256 hex hashes',
    );
  });
});
