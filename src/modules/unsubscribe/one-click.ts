/**
 * Recognises the RFC 8058 one-click body, `List-Unsubscribe=One-Click`, in either encoding a mailbox
 * provider may send (§3.1): application/x-www-form-urlencoded, or multipart/form-data (RFC 7578).
 * RFC 8058 §8's multipart example has a boundary that does not match its delimiters (errata 5117/8927),
 * and clients copy those bytes; so multipart bodies are scanned for the named part, boundary-agnostic.
 */
export const MAX_ONE_CLICK_BODY = 8 * 1024;

const MULTIPART_PART =
  /content-disposition:\s*form-data;\s*name="?List-Unsubscribe"?\s*\r?\n(?:[^\r\n]+\r?\n)*\r?\n\s*One-Click\s*(?:\r?\n|$)/i;

export function isOneClickBody(contentType: string | undefined, body: string): boolean {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (body.length > MAX_ONE_CLICK_BODY) return false;
  if (type === 'application/x-www-form-urlencoded') {
    return new URLSearchParams(body).getAll('List-Unsubscribe').includes('One-Click');
  }
  if (type === 'multipart/form-data') return MULTIPART_PART.test(body);
  return false;
}
