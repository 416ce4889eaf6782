import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { truncateIp } from '../identity/ip.js';
import { canonicalIp, ipKey, parseIpFilter, storedFullIp, storedTruncatedIp } from './ip-range.js';

const POLICY = { ipv4: 24, ipv6: 48 };
const matches = (stored: { key: string; end: string | null }, filter: string) => {
  const range = parseIpFilter(filter)!;
  return stored.key <= range.hi && (stored.end ?? stored.key) >= range.lo;
};

describe('stored addresses and investigation filters', () => {
  it('writes keys with a family tag and fixed width, so string order is address order', () => {
    expect(ipKey('203.0.113.7')).toBe('4cb007107');
    expect(ipKey('2001:db8::1')).toBe('620010db8000000000000000000000001');
    expect(ipKey('::')).toBe(`6${'0'.repeat(32)}`);
    expect(storedTruncatedIp('203.0.113.7', POLICY)).toEqual({
      text: '203.0.113.0/24',
      key: '4cb007100',
      end: '4cb0071ff',
      truncated: true,
    });
    expect(storedTruncatedIp('2001:db8:1:2::1', POLICY)?.text).toBe('2001:db8:1::/48');
    expect(storedTruncatedIp('nope', POLICY)).toBeNull();
  });

  it.each([
    ['203.0.113.7', '203.0.113.7', true],
    ['203.0.113.7', '203.0.113.8', false],
    ['203.0.113.7', '203.0.113.0/24', true],
    ['203.0.113.7', '203.0.112.0/24', false],
    ['203.0.113.7', '0.0.0.0/0', true],
    ['203.0.113.7', '::/0', false],
    ['2001:db8::1', '2001:db8::/32', true],
    ['2001:db8::1', '2001:db9::/32', false],
    ['10.1.2.3', '::ffff:10.0.0.0/104', true],
  ])('a full %s matches %s: %s', (ip, filter, expected) => {
    expect(matches(storedFullIp(canonicalIp(ip)!), filter)).toBe(expected);
  });

  it.each([
    ['203.0.113.7', '203.0.113.99', true], // the network may hold that address
    ['203.0.113.7', '203.0.113.0/26', true], // overlaps
    ['203.0.113.7', '203.0.0.0/16', true],
    ['203.0.113.7', '203.0.114.1', false],
    ['2001:db8:1:2::1', '2001:db8:1:ffff::9', true],
    ['2001:db8:1:2::1', '2001:db8:2::/48', false],
  ])('a truncated %s matches %s: %s', (ip, filter, expected) => {
    expect(matches(storedTruncatedIp(ip, POLICY)!, filter)).toBe(expected);
  });

  it.each([
    '',
    'x',
    '1.2.3.4/33',
    '1.2.3.4/',
    '1.2.3.4/-1',
    '::1/129',
    '01.2.3.4',
    '1.2.3.4/24/1',
    '::ffff:1.2.3.4/95',
    'a'.repeat(200),
  ])('refuses the filter %j', (filter) => {
    expect(parseIpFilter(filter)).toBeNull();
  });

  it('agrees with truncateIp on canonical text, and a filter on a stored address finds it (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.ipV4(), fc.ipV6()), fc.integer({ min: 0, max: 32 }), (ip, bits) => {
        const canonical = canonicalIp(ip);
        expect(canonical).toBe(truncateIp(ip, { ipv4: 32, ipv6: 128 }));
        if (canonical === null) return;
        const stored = storedFullIp(canonical);
        expect(matches(stored, canonical)).toBe(true);
        const prefix = canonical.includes(':') ? bits * 4 : bits;
        expect(matches(stored, `${canonical}/${prefix}`)).toBe(true);
        expect(matches(storedTruncatedIp(canonical, POLICY)!, canonical)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
