/**
 * What `/consent.js` is told about the policy. Shared, as types only, by the server (which builds it from
 * the policy) and the browser script in `web/consent/` (which renders it): no code crosses that line.
 */

export type CookieCategoryId =
  | 'necessary'
  | 'functional'
  | 'analytics'
  | 'heatmaps'
  | 'session_replay'
  | 'advertising';

export interface BannerCookie {
  /** As the policy writes it; `<…>` stands for a site-specific part (`_ga_<container-id>`). */
  readonly name: string;
  readonly provider?: string;
  /** In words ("13 months", "until you close your browser"). */
  readonly duration: string;
}

export interface BannerPurpose {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  /** Planet49 (C-673/17): say whether third parties get access. */
  readonly thirdParty: boolean;
  /** Names of the processors that receive the data. */
  readonly recipients: readonly string[];
  readonly cookies: readonly BannerCookie[];
}

export interface BannerCategory {
  readonly id: CookieCategoryId;
  readonly label: string;
  /** Strictly necessary: always on, never a toggle (ePrivacy Art. 5(3) exemption). */
  readonly necessary: boolean;
  /** Turned off by a Global Privacy Control signal: it holds a sale, share or advertising purpose. */
  readonly gpc: boolean;
  readonly purposes: readonly BannerPurpose[];
}

export interface BannerConfig {
  /** Hash of the website-relevant material fields: a stored choice under another revision asks again. */
  readonly revision: string;
  readonly controller: string;
  readonly language: string;
  /** Lifetime of the `steward_consent` cookie, from the policy's declaration of it (default 6 months). */
  readonly storageDays: number;
  readonly categories: readonly BannerCategory[];
}

/** The first-party cookie that keeps the visitor's choice; declared by the policy as strictly necessary. */
export const CONSENT_COOKIE = 'steward_consent';
