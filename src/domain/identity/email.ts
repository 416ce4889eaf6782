import { domainToASCII } from 'node:url';

/** Result of normalising an identity: the canonical value, or the reason it was refused (never the value). */
export type Normalised =
  | { readonly ok: true; readonly value: string }
  | { readonly ok: false; readonly reason: string };

const LOCAL_PART = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~.\u0080-\uFFFF-]{1,64}$/u;

/**
 * Canonical form of an email address for matching a data subject: trimmed, the domain converted to
 * ASCII (IDNA / punycode, so `bücher.de` and `xn--bcher-kva.de` are one subject) and lower-cased.
 * The local part is lower-cased too: RFC 5321 lets it be case-sensitive, but no mailbox provider
 * in practice is, and two subjects differing only by case would split one person's data.
 */
export function normaliseEmail(input: string): Normalised {
  const trimmed = input.normalize('NFC').trim();
  if (trimmed.length === 0 || trimmed.length > 320)
    return { ok: false, reason: 'must be 1 to 320 characters' };
  const at = trimmed.lastIndexOf('@');
  if (at <= 0 || at === trimmed.length - 1)
    return { ok: false, reason: 'must contain a local part, @ and a domain' };
  const local = trimmed.slice(0, at);
  const domain = trimmed.slice(at + 1);
  if (!LOCAL_PART.test(local) || local.startsWith('.') || local.endsWith('.') || local.includes('..')) {
    return { ok: false, reason: 'has an invalid local part' };
  }
  const ascii = domainToASCII(domain.toLowerCase());
  if (!ascii?.includes('.') || ascii.length > 253 || !/^[a-z0-9.-]+$/.test(ascii)) {
    return { ok: false, reason: 'has an invalid domain' };
  }
  if (
    ascii
      .split('.')
      .some(
        (label) => label.length === 0 || label.length > 63 || label.startsWith('-') || label.endsWith('-'),
      )
  ) {
    return { ok: false, reason: 'has an invalid domain' };
  }
  return { ok: true, value: `${local.toLowerCase()}@${ascii}` };
}
