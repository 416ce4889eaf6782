import { describe, expect, it } from 'vitest';
import {
  countryName,
  describeDurationText,
  describeRetention,
  describeTransfer,
  inSentence,
  joinList,
  joinWords,
} from './words.js';

describe('describeRetention', () => {
  it.each([
    [
      { anchor: 'relationship_ended', duration: 'P2Y' },
      ['customer'],
      '2 years after the customer relationship ends',
    ],
    [
      { anchor: 'relationship_ended', duration: 'P1Y' },
      ['vendor', 'partner'],
      '1 year after the vendor or partner relationship ends',
    ],
    [{ anchor: 'relationship_ended', duration: 'P6M' }, [], '6 months after our relationship with you ends'],
    [{ anchor: 'relationship_ended', duration: 'P0D' }, ['customer'], 'until the customer relationship ends'],
    [{ anchor: 'consent_withdrawn', duration: 'P0D' }, [], 'until you withdraw your consent'],
    [{ anchor: 'consent_withdrawn', duration: 'P30D' }, [], '30 days after you withdraw your consent'],
    [{ anchor: 'collected', duration: 'P90D' }, [], '90 days after we collect them'],
    [
      { anchor: 'last_contact', duration: 'P1Y6M' },
      [],
      '1 year and 6 months after our last contact with you',
    ],
    [{ anchor: 'column:invoice_date', duration: 'P7Y' }, [], '7 years after the invoice date'],
    [
      { anchor: 'event:contract.terminated', duration: 'P3Y' },
      [],
      '3 years after the “contract terminated” event',
    ],
    [{ anchor: 'collected', duration: 'PT12H' }, [], '12 hours after we collect them'],
  ])('%o (%o) → %s', (retention, relationships, expected) => {
    expect(describeRetention(retention, relationships)).toBe(expected);
  });

  it('keeps an invalid duration visible rather than inventing a period', () => {
    expect(describeRetention({ anchor: 'collected', duration: 'P1.5Y' })).toBe(
      'a period of P1.5Y after we collect them',
    );
  });
});

describe('describeDurationText', () => {
  it('describes ISO 8601 durations and passes anything else through', () => {
    expect(describeDurationText('P13M')).toBe('13 months');
    expect(describeDurationText('P1W2D')).toBe('1 week and 2 days');
    expect(describeDurationText('session')).toBe('session');
    expect(describeDurationText('P10D', 'business')).toBe('10 business days');
    expect(describeDurationText('P1W1D', 'business')).toBe('1 business week and 1 business day');
  });
});

describe('describeTransfer', () => {
  it.each([
    [{ mechanism: 'scc', sccModule: 2 }, 'EU Standard Contractual Clauses (Module 2)'],
    [{ mechanism: 'scc' }, 'EU Standard Contractual Clauses'],
    [{ mechanism: 'dpf' }, 'EU–US Data Privacy Framework'],
    [{ mechanism: 'adequacy' }, 'Adequacy decision (GDPR Art. 45)'],
    [{ mechanism: 'bcr' }, 'Binding corporate rules (GDPR Art. 47)'],
    [{ mechanism: 'derogation' }, 'Derogation for a specific situation (GDPR Art. 49)'],
    [{ mechanism: 'none' }, 'No safeguard'],
    [
      { mechanism: 'scc', sccModule: 3, supplementaryMeasures: 'Encryption at rest.' },
      'EU Standard Contractual Clauses (Module 3); supplementary measures: Encryption at rest',
    ],
  ] as const)('%o', (transfer, expected) => {
    expect(describeTransfer(transfer)).toBe(expected);
  });

  it('says so when a transfer has no safeguard at all', () => {
    expect(describeTransfer(undefined)).toBe('No safeguard declared');
  });
});

describe('small words', () => {
  it('joins lists as prose', () => {
    expect(joinWords([])).toBe('');
    expect(joinWords(['a'])).toBe('a');
    expect(joinWords(['a', 'b'])).toBe('a and b');
    expect(joinWords(['a', 'b', 'c'], 'or')).toBe('a, b or c');
  });

  it('switches to semicolons when items have their own commas or "and"', () => {
    expect(joinList(['Name', 'Email address'])).toBe('Name and Email address');
    expect(joinList(['Website behaviour, heatmaps', 'Cookie and device identifiers'])).toBe(
      'Website behaviour, heatmaps; and Cookie and device identifiers',
    );
  });

  it('drops the final full stop of file text placed inside a sentence', () => {
    expect(inSentence(' Bookkeeping and tax audits.. ')).toBe('Bookkeeping and tax audits');
    expect(inSentence('e.g. invoices')).toBe('e.g. invoices');
  });

  it('names countries in English', () => {
    expect(countryName('US')).toBe('United States');
    expect(countryName('DE')).toBe('Germany');
  });
});
