import { z } from 'zod';
import { COOKIE_CATEGORIES } from '../../domain/policy/schema/purpose.js';
import { GPC_HONORED } from './gpc.js';

export type ToggleCategory = Exclude<(typeof COOKIE_CATEGORIES)[number], 'necessary'>;
/** Categories a visitor can switch: every cookie category of the policy language but strictly necessary. */
export const TOGGLE_CATEGORIES: readonly ToggleCategory[] = COOKIE_CATEGORIES.filter(
  (c): c is ToggleCategory => c !== 'necessary',
);

/** The largest body the recording route reads: a visitor id, a revision and five booleans fit in 512 bytes. */
export const MAX_SITE_CONSENT_BODY = 4096;

const ChoicesSchema = z
  .object(
    Object.fromEntries(TOGGLE_CATEGORIES.map((c) => [c, z.boolean().optional()])) as {
      [K in ToggleCategory]: z.ZodOptional<z.ZodBoolean>;
    },
  )
  .strict();

export const SiteConsentBodySchema = z
  .object({
    visitor: z
      .string()
      .regex(/^[A-Za-z0-9_-]{16,64}$/, 'a random id of 16 to 64 base64url characters')
      .describe('Pseudonymous visitor id: random, kept in the first-party steward_consent cookie'),
    revision: z
      .string()
      .regex(/^[0-9a-f]{16}$/)
      .optional()
      .describe('The banner revision the visitor saw; a stale one may withdraw, never give'),
    choices: ChoicesSchema.optional().describe(
      'Per category: true = consent given, false = refused or withdrawn; absent = no choice (read the state)',
    ),
    gpc: z
      .boolean()
      .default(false)
      .describe('navigator.globalPrivacyControl was true in the page (the Sec-GPC: 1 header counts too)'),
    gpcOptIn: z
      .boolean()
      .default(false)
      .describe(
        'The visitor switched a sale/share/advertising category on by hand after being told of their signal',
      ),
    language: z
      .string()
      .regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/)
      .optional(),
  })
  .strict();
export type SiteConsentBody = z.infer<typeof SiteConsentBodySchema>;

export const SiteConsentStateSchema = z
  .object({
    visitor: z.string(),
    revision: z
      .string()
      .describe('The current banner revision; a stored choice under another one asks again'),
    choices: z
      .record(z.string(), z.boolean())
      .describe('Per category the policy declares: true only when every consent purpose in it is given'),
    purposes: z.array(
      z.object({
        id: z.string(),
        category: z.string(),
        state: z.enum(['given', 'withdrawn', 'none']),
      }),
    ),
    recorded: z.number().int().describe('Ledger events this request wrote'),
    gpc: z.object({
      signal: z.boolean().describe('The request carried Sec-GPC: 1 or the page reported the signal'),
      honored: z.boolean(),
      message: z.literal(GPC_HONORED).optional(),
    }),
  })
  .meta({ id: 'SiteConsentState' });
export type SiteConsentState = z.infer<typeof SiteConsentStateSchema>;

export const GpcSupportSchema = z
  .object({
    gpc: z.literal(true),
    lastUpdate: z.string().optional().describe('RFC 3339 full-date: the policy\'s "last modified" date'),
  })
  .meta({ id: 'GpcSupport' });
