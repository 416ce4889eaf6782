import { isIP } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isValidIp, truncateIp } from './ip.js';

const exact = { ipv4: 32, ipv6: 128 };

describe('truncateIp', () => {
  it.each([
    ['192.168.1.123', undefined, '192.168.1.0'],
    ['255.255.255.255', undefined, '255.255.255.0'],
    ['0.0.0.0', undefined, '0.0.0.0'],
    ['10.0.0.200', { ipv4: 25, ipv6: 48 }, '10.0.0.128'],
    ['172.16.254.1', { ipv4: 16, ipv6: 48 }, '172.16.0.0'],
    ['172.16.254.1', { ipv4: 0, ipv6: 48 }, '0.0.0.0'],
    ['172.16.254.1', exact, '172.16.254.1'],
  ])('keeps the IPv4 network of %s (%j) → %s', (input, prefixes, expected) => {
    expect(truncateIp(input, prefixes)).toBe(expected);
  });

  it.each([
    ['2001:0DB8:85a3:0000:0000:8a2e:0370:7334', undefined, '2001:db8:85a3::'],
    ['2001:db8:1234:5678::1', undefined, '2001:db8:1234::'],
    ['2001:db8::1', undefined, '2001:db8::'],
    ['2001:db8:1234:56ff::', { ipv4: 24, ipv6: 56 }, '2001:db8:1234:5600::'],
    ['2001:db8:1234:56ff::', { ipv4: 24, ipv6: 52 }, '2001:db8:1234:5000::'],
    ['fe80::1%eth0', { ipv4: 24, ipv6: 64 }, 'fe80::'],
    ['[2001:db8:aaaa:bbbb::1]', undefined, '2001:db8:aaaa::'],
    ['::1', exact, '::1'],
    ['::', undefined, '::'],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', { ipv4: 24, ipv6: 0 }, '::'],
    // RFC 5952 §4.2.2 (a single zero group stays), §4.2.3 (leftmost of equal runs), §4.3 (lower case)
    ['1:0:3:4:5:6:7:8', exact, '1:0:3:4:5:6:7:8'],
    ['2001:db8:0:0:1:0:0:1', exact, '2001:db8::1:0:0:1'],
    ['2001:0:0:1:0:0:0:1', exact, '2001:0:0:1::1'],
    ['ABCD:EF01:2345:6789:ABCD:EF01:2345:6789', exact, 'abcd:ef01:2345:6789:abcd:ef01:2345:6789'],
    // A NAT64 address embeds IPv4 but is not IPv4-mapped: it stays IPv6.
    ['64:ff9b::1.2.3.4', exact, '64:ff9b::102:304'],
  ])('keeps the IPv6 prefix of %s (%j) → %s', (input, prefixes, expected) => {
    expect(truncateIp(input, prefixes)).toBe(expected);
  });

  it.each([
    ['::ffff:192.168.1.77', undefined, '192.168.1.0'],
    ['::FFFF:c0a8:14d', undefined, '192.168.1.0'],
    ['[::ffff:10.1.2.3]', { ipv4: 16, ipv6: 48 }, '10.1.0.0'],
    ['0:0:0:0:0:ffff:192.168.1.77', exact, '192.168.1.77'],
  ])('treats IPv4-mapped %s as IPv4 → %s', (input, prefixes, expected) => {
    expect(truncateIp(input, prefixes)).toBe(expected);
  });

  it.each([
    '',
    '1.2.3',
    '1.2.3.4.5',
    '256.1.1.1',
    '01.2.3.4',
    '1.2.3.4%eth0',
    ' 1.2.3.4',
    '1.2.3.4/24',
    '2001:db8::1::2',
    'gggg::',
    '1:2:3:4:5:6:7:8:9',
    '[1.2.3.4',
    '[1.2.3.4]x',
    'localhost',
    '1'.repeat(1000),
  ])('returns null for %j', (input) => {
    expect(truncateIp(input)).toBeNull();
    expect(isValidIp(input)).toBe(false);
  });

  it('returns null for non-strings from untyped callers', () => {
    expect(truncateIp(undefined as unknown as string)).toBeNull();
    expect(isValidIp(42 as unknown as string)).toBe(false);
  });

  it('refuses prefixes outside the address width', () => {
    expect(() => truncateIp('1.2.3.4', { ipv4: 33, ipv6: 48 })).toThrow(
      'ipv4 prefix must be an integer from 0 to 32',
    );
    expect(() => truncateIp('::1', { ipv4: 24, ipv6: 12.5 })).toThrow(
      'ipv6 prefix must be an integer from 0 to 128',
    );
  });

  it('zeroes exactly the host bits of any IPv4 address (property)', () => {
    fc.assert(
      fc.property(fc.ipV4(), (ip) => {
        const octets = ip.split('.');
        expect(truncateIp(ip)).toBe(`${octets.slice(0, 3).join('.')}.0`);
        expect(truncateIp(ip, exact)).toBe(ip);
      }),
    );
  });

  it('writes any IPv6 address as WHATWG URL serialisation does, and truncation is idempotent (property)', () => {
    fc.assert(
      fc.property(fc.ipV6(), (ip) => {
        const result = truncateIp(ip, exact);
        if (result !== null && isIP(result) === 6) {
          expect(result).toBe(new URL(`http://[${ip}]/`).hostname.slice(1, -1));
        }
        const truncated = truncateIp(ip);
        expect(truncated).not.toBeNull();
        expect(truncateIp(truncated!)).toBe(truncated);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isValidIp', () => {
  it('accepts IPv4, IPv6, zone ids, brackets and IPv4-mapped forms', () => {
    for (const ip of ['8.8.8.8', '2001:db8::1', 'fe80::1%eth0', '[::1]', '::ffff:1.2.3.4']) {
      expect(isValidIp(ip)).toBe(true);
    }
  });
});
