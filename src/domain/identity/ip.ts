import { isIP } from 'node:net';

/**
 * IP truncation for consent evidence and access logs. An IP address is personal data (CJEU C-582/14
 * Breyer); keeping only the network part (/24, /48, as Google Analytics does, standards.md §7 item 135)
 * reduces it to pseudonymised data. Truncated addresses are still personal data: keep them under the
 * same retention rules.
 */
export interface IpPrefixes {
  readonly ipv4: number;
  readonly ipv6: number;
}
export const DEFAULT_IP_PREFIXES: IpPrefixes = { ipv4: 24, ipv6: 48 };

type ParsedIp =
  | { readonly version: 4; readonly value: number }
  | { readonly version: 6; readonly groups: number[] };

// Longest IPv6 text (45) plus a zone id and brackets; anything longer is not an address.
const MAX_INPUT_LENGTH = 96;

export function isValidIp(input: string): boolean {
  return parseIp(input) !== null;
}

/**
 * Returns the canonical text of the network address (host bits zeroed), or null for anything that is
 * not an IP address. IPv4-mapped IPv6 (RFC 4291 §2.5.5.2) is an IPv4 client seen by a dual-stack socket,
 * so it is truncated and written as IPv4. Zone ids (RFC 4007 §11) name a local interface and are dropped.
 */
export function truncateIp(input: string, prefixes: IpPrefixes = DEFAULT_IP_PREFIXES): string | null {
  assertPrefix(prefixes.ipv4, 32, 'ipv4');
  assertPrefix(prefixes.ipv6, 128, 'ipv6');
  const parsed = parseIp(input);
  if (parsed === null) return null;
  if (parsed.version === 4) return formatIpv4(parsed.value & maskOf(prefixes.ipv4, 32));
  return formatIpv6(parsed.groups.map((group, i) => group & maskOf(prefixes.ipv6 - 16 * i, 16)));
}

function parseIp(input: string): ParsedIp | null {
  if (typeof input !== 'string' || input.length > MAX_INPUT_LENGTH) return null;
  // RFC 3986 §3.2.2 IP-literal, as in URLs and some log formats.
  const text = input.startsWith('[') && input.endsWith(']') ? input.slice(1, -1) : input;
  const version = isIP(text); // validates syntax, zone ids included; the code below only expands it
  if (version === 4) return { version: 4, value: parseIpv4(text) };
  if (version !== 6) return null;
  const zone = text.indexOf('%');
  const groups = expandIpv6(zone === -1 ? text : text.slice(0, zone));
  const isMapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (isMapped) return { version: 4, value: ((groups[6]! << 16) | groups[7]!) >>> 0 };
  return { version: 6, groups };
}

function parseIpv4(text: string): number {
  return text.split('.').reduce((value, octet) => value * 256 + Number(octet), 0);
}

function expandIpv6(text: string): number[] {
  const [head = '', tail] = text.split('::');
  const headGroups = splitGroups(head);
  const tailGroups = splitGroups(tail ?? '');
  const gap = tail === undefined ? 0 : 8 - headGroups.length - tailGroups.length;
  return [...headGroups, ...new Array<number>(gap).fill(0), ...tailGroups];
}

function splitGroups(text: string): number[] {
  if (text === '') return [];
  return text.split(':').flatMap((part) => {
    if (!part.includes('.')) return [Number.parseInt(part, 16)];
    const value = parseIpv4(part); // RFC 4291 §2.2 form 3: trailing dotted quad
    return [Math.floor(value / 0x10000), value % 0x10000];
  });
}

/** Mask keeping the first `bits` of a `width`-bit unit; `bits` may fall outside 0..width. */
function maskOf(bits: number, width: 16 | 32): number {
  const kept = Math.min(width, Math.max(0, bits));
  if (kept === 0) return 0;
  return width === 32 ? (0xffffffff << (32 - kept)) >>> 0 : (0xffff << (16 - kept)) & 0xffff;
}

function formatIpv4(value: number): string {
  const unsigned = value >>> 0;
  return [unsigned >>> 24, (unsigned >>> 16) & 0xff, (unsigned >>> 8) & 0xff, unsigned & 0xff].join('.');
}

/** RFC 5952 §4: lower case, no leading zeros, '::' for the longest (leftmost) run of two or more zeros. */
function formatIpv6(groups: number[]): string {
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; i++) {
    let length = 0;
    while (i + length < 8 && groups[i + length] === 0) length++;
    if (length > bestLength) [bestStart, bestLength] = [i, length];
    i += length;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart === -1) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

function assertPrefix(prefix: number, max: number, name: string): void {
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > max) {
    throw new RangeError(`truncateIp: ${name} prefix must be an integer from 0 to ${max}`);
  }
}
