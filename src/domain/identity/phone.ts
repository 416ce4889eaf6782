import type { CountryCode } from 'libphonenumber-js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/max';
import type { Normalised } from './email.js';

/**
 * Canonical E.164 form of a phone number (`+4930123456`). A number without a country prefix needs
 * `defaultCountry` (ISO 3166-1 alpha-2); otherwise it is refused rather than guessed.
 */
export function normalisePhone(input: string, defaultCountry?: string): Normalised {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 40) return { ok: false, reason: 'must be 1 to 40 characters' };
  const country = defaultCountry?.toUpperCase() as CountryCode | undefined;
  const parsed = parsePhoneNumberFromString(trimmed, country ? { defaultCountry: country } : undefined);
  if (!parsed?.isValid())
    return { ok: false, reason: 'is not a valid phone number (use E.164, e.g. +4930123456)' };
  return { ok: true, value: parsed.number };
}
