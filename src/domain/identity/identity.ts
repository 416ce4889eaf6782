import { type Normalised, normaliseEmail } from './email.js';
import { normalisePhone } from './phone.js';

export const IDENTITY_TYPES = ['email', 'phone', 'external'] as const;
export type IdentityType = (typeof IDENTITY_TYPES)[number];

export interface IdentityInput {
  readonly type: IdentityType;
  readonly value: string;
  /** For external ids: the system that issued it (`stripe`, `crm`). Empty for email and phone. */
  readonly namespace?: string;
}

export interface CanonicalIdentity {
  readonly type: IdentityType;
  readonly namespace: string;
  readonly value: string;
}

const EXTERNAL_ID = /^[\x21-\x7e]{1,200}$/;

/** Turns any identity into the one form it is stored and matched under. */
export function normaliseIdentity(input: IdentityInput, defaultCountry?: string): Normalised {
  switch (input.type) {
    case 'email':
      return normaliseEmail(input.value);
    case 'phone':
      return normalisePhone(input.value, defaultCountry);
    case 'external': {
      const value = input.value.trim();
      if (!EXTERNAL_ID.test(value))
        return { ok: false, reason: 'must be 1 to 200 printable ASCII characters' };
      return { ok: true, value };
    }
  }
}

export function canonicalise(
  input: IdentityInput,
  defaultCountry?: string,
): CanonicalIdentity | { error: string } {
  const result = normaliseIdentity(input, defaultCountry);
  if (!result.ok) return { error: result.reason };
  return {
    type: input.type,
    namespace: input.type === 'external' ? (input.namespace ?? 'default') : '',
    value: result.value,
  };
}
