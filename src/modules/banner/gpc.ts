/**
 * Global Privacy Control (W3C GPC, standards.md items 112–113). The `Sec-GPC` request header carries a
 * preference only when its value is exactly `1`; "0", "yes", "true" or an empty value are no signal. With
 * several `Sec-GPC` fields, any `1` wins. The raw header list is read (not Node's joined value), so that
 * two fields "1" and "0" are told apart from one field "1, 0" (which is not `1`, hence no signal).
 */
export function hasGpcHeader(rawHeaders: readonly string[]): boolean {
  for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
    // RFC 9110 §5.5: leading and trailing whitespace is not part of a field value.
    if (rawHeaders[i]!.toLowerCase() === 'sec-gpc' && rawHeaders[i + 1]!.trim() === '1') return true;
  }
  return false;
}

/** What CCPA 11 CCR §7025(c)(6) lets a business display once it has processed the signal. */
export const GPC_HONORED = 'Opt-Out Preference Signal Honored';
