import { type IpPrefixes, truncateIp } from '../identity/ip.js';

/**
 * How a security log stores an address so that an investigation can ask for an address or a CIDR prefix
 * in SQL, on either dialect, against full and truncated addresses alike.
 *
 * `key` is the network address as fixed-width hex behind a family tag (`4` + 8 hex digits, `6` + 32), so
 * string order is numeric order within a family and the families never interleave. A truncated address
 * stands for its whole network: `end` is the last key of that network (null for a single address). A
 * row matches a searched range [lo, hi] when the two ranges overlap: `key <= hi AND coalesce(end, key) >= lo`.
 */
export interface StoredIp {
  /** Canonical text: `203.0.113.7`, or `203.0.113.0/24` once truncated. */
  readonly text: string;
  readonly key: string;
  readonly end: string | null;
  readonly truncated: boolean;
}

export interface IpRange {
  readonly lo: string;
  readonly hi: string;
}

const EXACT: IpPrefixes = { ipv4: 32, ipv6: 128 };
const DOTTED = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/**
 * The canonical text of a single address (RFC 5952 for IPv6, IPv4-mapped written as IPv4), or null. Plain
 * dotted quads, the bulk of any access log, take a fast path that gives the same answer as `truncateIp`.
 */
export function canonicalIp(input: string): string | null {
  const m = DOTTED.exec(input);
  if (m) {
    for (let i = 1; i <= 4; i++) {
      const octet = m[i]!;
      if ((octet.length > 1 && octet[0] === '0') || Number(octet) > 255) return null;
    }
    return input;
  }
  return truncateIp(input, EXACT);
}

const HEX_BYTE = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex4(canonical: string): string {
  let out = '';
  let octet = 0;
  for (let i = 0; i < canonical.length; i++) {
    const c = canonical.charCodeAt(i);
    if (c === 0x2e) {
      out += HEX_BYTE[octet];
      octet = 0;
    } else octet = octet * 10 + c - 48;
  }
  return out + HEX_BYTE[octet];
}

function hex6(canonical: string): string {
  const [head = '', tail] = canonical.split('::');
  const groups = (text: string) => (text === '' ? [] : text.split(':'));
  const left = groups(head);
  const right = groups(tail ?? '');
  const all =
    tail === undefined
      ? left
      : [...left, ...new Array<string>(8 - left.length - right.length).fill('0'), ...right];
  return all.map((g) => g.padStart(4, '0')).join('');
}

/** The key of a canonical address (as `canonicalIp` or `truncateIp` writes it). */
export function ipKey(canonical: string): string {
  return canonical.includes(':') ? `6${hex6(canonical)}` : `4${hex4(canonical)}`;
}

/** The last key of the network of `key` with `prefix` bits kept. */
function rangeEnd(key: string, prefix: number): string {
  const digits = key.length - 1;
  const width = digits * 4;
  const host = BigInt(width - prefix);
  const last = BigInt(`0x${key.slice(1)}`) | ((1n << host) - 1n);
  return key[0] + last.toString(16).padStart(digits, '0');
}

export function storedFullIp(canonical: string): StoredIp {
  return { text: canonical, key: ipKey(canonical), end: null, truncated: false };
}

/** The network of an address under the policy's prefixes, written `network/prefix`; null if not an address. */
export function storedTruncatedIp(input: string, prefixes: IpPrefixes): StoredIp | null {
  const network = truncateIp(input, prefixes);
  if (network === null) return null;
  const key = ipKey(network);
  const prefix = key[0] === '4' ? prefixes.ipv4 : prefixes.ipv6;
  return { text: `${network}/${prefix}`, key, end: rangeEnd(key, prefix), truncated: true };
}

const MAX_FILTER_LENGTH = 100;

/**
 * An investigation filter: one address (`198.51.100.7`, `2001:db8::1`) or a CIDR prefix (`198.51.100.0/24`,
 * `2001:db8::/32`), as a key range; null when it is neither. Host bits below the prefix are ignored, as
 * routers do. An IPv4-mapped address with a prefix counts the prefix in IPv6 bits (RFC 4291 §2.5.5.2).
 */
export function parseIpFilter(input: string): IpRange | null {
  if (typeof input !== 'string' || input.length > MAX_FILTER_LENGTH) return null;
  const slash = input.indexOf('/');
  const address = slash === -1 ? input : input.slice(0, slash);
  const canonical = canonicalIp(address);
  if (canonical === null) return null;
  const v6 = canonical.includes(':');
  const width = v6 ? 128 : 32;
  let prefix = width;
  if (slash !== -1) {
    const text = input.slice(slash + 1);
    if (!/^\d{1,3}$/.test(text)) return null;
    prefix = Number(text);
    // `::ffff:192.0.2.0/120` names an IPv4 network in IPv6 bits.
    if (!v6 && address.includes(':')) prefix -= 96;
    if (prefix < 0 || prefix > width) return null;
  }
  const network = truncateIp(canonical, v6 ? { ipv4: 32, ipv6: prefix } : { ipv4: prefix, ipv6: 128 });
  const lo = ipKey(network!);
  return { lo, hi: rangeEnd(lo, prefix) };
}
