/**
 * Building blocks shared by every part of the policy schema. Every string is bounded: the policy file is
 * input from outside the process (and the rendered policy is public), so nothing in it may be unbounded.
 */
import { z } from 'zod';
import { COUNTRY_ALIASES, COUNTRY_CODES } from '../countries.js';
import { DURATION_PATTERN } from '../duration.js';

export const ID_PATTERN = /^[a-z][a-z0-9_-]{0,63}$/;

export const IdSchema = z
  .string()
  .regex(ID_PATTERN, { error: 'an id is a lower-case letter, then up to 63 of a-z 0-9 _ -' })
  .describe('Identifier: a lower-case letter, then up to 63 of a-z 0-9 _ -');

/** Data category ids are dotted paths ("contact.email"): the prefix is the parent category. */
export const CategoryIdSchema = z
  .string()
  .max(64)
  .regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, {
    error: 'a data category id is dotted lower-case words, e.g. contact.email',
  })
  .describe(
    'Data category id: dotted lower-case words, e.g. contact.email (built in or declared in dataCategories)',
  );

export const TitleSchema = z.string().min(1).max(200);
export const TextSchema = z.string().min(1).max(4000);
export const EmailSchema = z.email().max(254);
/** http(s) only: these URLs are shown as links on the public privacy pages. */
export const UrlSchema = z.url({ protocol: /^https?$/, error: 'an http:// or https:// URL' }).max(2048);
export const DateSchema = z.iso.date().describe('Calendar date, YYYY-MM-DD');

export const CountrySchema = z
  .enum(COUNTRY_CODES as [string, ...string[]], {
    error: (issue) => {
      const alias = typeof issue.input === 'string' ? COUNTRY_ALIASES[issue.input.toUpperCase()] : undefined;
      return alias
        ? `not an ISO 3166-1 alpha-2 code: did you mean ${alias}?`
        : 'an ISO 3166-1 alpha-2 country code in capitals, e.g. US, DE, GB';
    },
  })
  .meta({ id: 'Country', description: 'ISO 3166-1 alpha-2 country code' });

/**
 * Validity is checked by the `invalid-duration` rule (with the real parser), not here, so that one
 * mistyped duration does not hide every other finding of `policy check`. The pattern only helps editors.
 */
export const DurationSchema = z
  .string()
  .max(64)
  .meta({ pattern: DURATION_PATTERN })
  .describe('ISO 8601 duration, integers only: P7Y, P1M, P90D, PT12H, P1Y6M');

export const ANCHOR_PATTERN =
  /^(collected|relationship_ended|consent_withdrawn|last_contact|(event|column):[A-Za-z_][A-Za-z0-9_.]{0,62})$/;

/** When a retention period starts counting. */
export const AnchorSchema = z
  .string()
  .regex(ANCHOR_PATTERN, {
    error:
      'an anchor is collected, relationship_ended, consent_withdrawn, last_contact, event:<name> or column:<name>',
  })
  .describe(
    'When the period starts: collected | relationship_ended | consent_withdrawn | last_contact | event:<name> | column:<name>',
  );

/** Numbered clauses of the published policy text that an entry expresses ("1.6.3"). */
export const ClausesSchema = z
  .array(z.string().regex(/^\d{1,3}(\.\d{1,3}){0,5}$/, { error: 'a clause number such as 1.6.3' }))
  .max(64)
  .optional()
  .describe('Numbered clauses of the published policy text this entry expresses, e.g. ["1.6.3", "1.6.3.1"]');

/** Secrets never live in the file: only the name of the environment variable that holds them. */
export const EnvRefSchema = z
  .strictObject({
    env: z
      .string()
      .regex(/^[A-Z][A-Z0-9_]{0,127}$/, { error: 'an environment variable name such as SHOP_DATABASE_URL' }),
  })
  .describe('Name of the environment variable holding the value (never the value itself)');

export const JURISDICTIONS = ['eu', 'uk', 'ch', 'us-ca', 'us', 'ca', 'br', 'other'] as const;

/**
 * Legal regimes Steward knows how to serve, not countries: each one selects rules (rights, deadlines,
 * transfer restrictions). eu = GDPR (EU/EEA), uk = UK GDPR, ch = Swiss revFADP, us-ca = CCPA/CPRA,
 * us = other US law (CAN-SPAM, state laws without a regime here), ca = PIPEDA, br = LGPD, other = any
 * other (the file then gives its own deadlines). A closed list makes a typo an error instead of a policy
 * that silently has no regime.
 */
export const JurisdictionSchema = z
  .enum(JURISDICTIONS)
  .describe('Legal regime: ' + JURISDICTIONS.join(' | '));
