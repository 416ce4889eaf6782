/**
 * The identities a request searches by, in the form identity lookups compare: emails normalised as
 * Steward stores them (trimmed, lower-case, IDNA domain), phones and external ids trimmed; duplicates and
 * empty values dropped, and each list bounded so a request cannot turn into an unbounded query.
 */
import { normaliseEmail } from '../domain/identity/email.js';
import type { SubjectIdentities } from './types.js';

const MAX_PER_KIND = 100;

function clean(values: readonly string[], normalise: (value: string) => string): string[] {
  const out = new Set<string>();
  for (const value of values) {
    if (typeof value !== 'string') continue;
    const normal = normalise(value);
    if (normal.length > 0 && normal.length <= 320) out.add(normal);
    if (out.size >= MAX_PER_KIND) break;
  }
  return [...out];
}

export function normaliseIdentities(identities: SubjectIdentities): SubjectIdentities {
  return {
    emails: clean(identities.emails, (email) => {
      const normal = normaliseEmail(email);
      return normal.ok ? normal.value : email.trim().toLowerCase();
    }),
    phones: clean(identities.phones, (phone) => phone.trim()),
    externalIds: clean(identities.externalIds, (id) => id.trim()),
  };
}

export function hasIdentity(subject: SubjectIdentities): boolean {
  return subject.emails.length + subject.phones.length + subject.externalIds.length > 0;
}
