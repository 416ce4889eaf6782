import { createHash } from 'node:crypto';
import { canonicalize } from '../../domain/consent/canonical-json.js';
import { addDuration, parseDuration } from '../../domain/policy/duration.js';
import { COOKIE_CATEGORY, describeDurationText } from '../../domain/policy/render/words.js';
import { COOKIE_CATEGORIES } from '../../domain/policy/schema/purpose.js';
import type { Policy, Purpose } from '../../domain/policy/schema.js';
import {
  type BannerCategory,
  type BannerConfig,
  CONSENT_COOKIE,
  type CookieCategoryId,
} from './banner.types.js';

type WebsitePurpose = Purpose & { website: NonNullable<Purpose['website']> };

const websitePurposes = (policy: Policy): WebsitePurpose[] =>
  policy.purposes.filter((p): p is WebsitePurpose => p.website !== undefined);

/**
 * Purposes a Global Privacy Control signal turns off: a CCPA sale (§1798.140(ad)) or share (§1798.140(ah)),
 * or advertising cookies. Only consent-based ones have a state the ledger can turn off.
 */
export function isGpcPurpose(p: Purpose): boolean {
  return p.sale || p.share || p.website?.cookieCategory === 'advertising';
}

/**
 * The banner revision: SHA-256 of the RFC 8785 canonical JSON of what a visitor agreed to — each website
 * purpose's id, legal basis, cookie category, data categories, sale/share, processors and their countries,
 * and cookies (name, duration, third party). Titles and descriptions are left out, so a typo fix does not
 * ask every visitor again; a new cookie, processor or country does (EDPB 05/2020 ¶108: refresh consent when
 * what it covers changes).
 */
export function bannerRevision(policy: Policy): string {
  const processors = new Map(policy.processors.map((p) => [p.id, [...p.countries].sort()]));
  const material = websitePurposes(policy)
    .map((p) => ({
      id: p.id,
      legalBasis: p.legalBasis,
      cookieCategory: p.website.cookieCategory,
      thirdParty: p.website.thirdParty,
      sale: p.sale,
      share: p.share,
      dataCategories: [...p.categories].sort(),
      processors: [...p.processors].sort().map((id) => ({ id, countries: processors.get(id) ?? [] })),
      cookies: p.website.cookies
        .map((c) => ({ name: c.name, duration: c.duration }))
        .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)),
    }))
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const text = canonicalize({ v: 1, purposes: material });
  return createHash('sha256').update(`steward.banner.v1\n${text}`, 'utf8').digest('hex').slice(0, 16);
}

const DAY_MS = 86_400_000;
const DEFAULT_STORAGE_DAYS = 182;

/** How long the choice is kept: the duration the policy declares for the consent cookie (6 months if none). */
function storageDays(policy: Policy): number {
  const declared = websitePurposes(policy)
    .flatMap((p) => p.website.cookies)
    .find((c) => c.name === CONSENT_COOKIE)?.duration;
  const duration = declared ? parseDuration(declared) : undefined;
  if (!duration) return DEFAULT_STORAGE_DAYS;
  const from = Date.UTC(2001, 0, 1);
  const days = Math.round((addDuration(new Date(from), duration).getTime() - from) / DAY_MS);
  // CNIL (délibération 2020-091 §50): ask again after 13 months at most.
  return Math.min(Math.max(days, 1), 395);
}

const describeCookieDuration = (duration: string) =>
  duration === 'session' ? 'until you close your browser' : describeDurationText(duration);

/** Everything `/consent.js` shows, from the policy alone: no company, purpose or cookie is named in code. */
export function buildBannerConfig(policy: Policy): BannerConfig {
  const processorNames = new Map(policy.processors.map((p) => [p.id, p.name]));
  const purposes = websitePurposes(policy);
  const categories: BannerCategory[] = [];
  for (const id of COOKIE_CATEGORIES as readonly CookieCategoryId[]) {
    const members = purposes.filter((p) => p.website.cookieCategory === id);
    if (members.length === 0) continue;
    categories.push({
      id,
      label: COOKIE_CATEGORY[id],
      necessary: id === 'necessary',
      gpc: id !== 'necessary' && members.some(isGpcPurpose),
      purposes: members.map((p) => ({
        id: p.id,
        title: p.title,
        description: p.description,
        thirdParty: p.website.thirdParty,
        recipients: p.processors.map((id) => processorNames.get(id) ?? id),
        cookies: p.website.cookies.map((c) => ({
          name: c.name,
          ...(c.provider ? { provider: c.provider } : {}),
          duration: describeCookieDuration(c.duration),
        })),
      })),
    });
  }
  return {
    revision: bannerRevision(policy),
    controller: policy.controller.name,
    language: policy.language,
    storageDays: storageDays(policy),
    categories,
  };
}

/** `lastUpdate` of `/.well-known/gpc.json`: the policy's last-modified date, or its version if it is a date. */
export function gpcLastUpdate(policy: Policy): string | undefined {
  if (policy.lastModified) return policy.lastModified;
  return policy.version && /^\d{4}-\d{2}-\d{2}$/.test(policy.version) ? policy.version : undefined;
}
