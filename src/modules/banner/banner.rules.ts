/**
 * What one banner request does to one purpose: pure, so that every Global Privacy Control case is one
 * table-driven test. CCPA 11 CCR §7025: the signal is an opt-out of sale and sharing (c)(1); its later
 * absence is never an opt-in (c)(5); the business may tell the consumer of a conflict and let them consent
 * anyway (c)(3). Here that consent must be explicit: the visitor switches the category on by hand in the
 * banner's "Choose" layer (`optIn`), never through "Accept all".
 */

/** The latest ledger event of one subject for one purpose, as far as these rules need it. */
export interface LatestEvent {
  readonly action: string;
  readonly channel: string;
  readonly formId?: string;
}

export interface PurposeRequest {
  /** What the visitor chose for the purpose's category; `undefined` when the request makes no choice. */
  readonly choice: boolean | undefined;
  /** `Sec-GPC: 1` on the request, or `navigator.globalPrivacyControl` reported by the page. */
  readonly signal: boolean;
  /** The visitor switched this category on by hand after being told of their signal. */
  readonly optIn: boolean;
  /** The choice was made on the current banner revision (a stale page may withdraw, never give). */
  readonly current: boolean;
}

export interface Decision {
  readonly action: 'given' | 'withdrawn';
  readonly channel: 'banner' | 'gpc';
  readonly formId: string;
}

/** Evidence `formId` of a choice made in the banner. */
export const BANNER_FORM = 'steward-banner';
/** Evidence `formId` of consent given in the banner while the visitor's browser sent a GPC signal. */
export const GPC_OVERRIDE_FORM = 'steward-banner/gpc-override';

/** A purpose that is not affected by GPC: the visitor's choice, nothing else. */
export function decideChoice(request: PurposeRequest): Decision | null {
  if (request.choice === false) return { action: 'withdrawn', channel: 'banner', formId: BANNER_FORM };
  if (request.choice === true && request.current)
    return { action: 'given', channel: 'banner', formId: BANNER_FORM };
  return null;
}

/** A sale, share or advertising purpose: the signal turns it off, and only an explicit opt-in turns it on. */
export function decideGpcPurpose(latest: LatestEvent | undefined, request: PurposeRequest): Decision | null {
  const offBySignal = latest?.action === 'withdrawn' && latest.channel === 'gpc';
  const overridden = latest?.action === 'given' && latest.formId === GPC_OVERRIDE_FORM;
  const { choice, signal, optIn } = request;
  if (choice === true && request.current && (optIn || (!signal && !offBySignal)))
    return { action: 'given', channel: 'banner', formId: signal ? GPC_OVERRIDE_FORM : BANNER_FORM };
  if (signal) {
    // Recorded once: a signal sent with every page view adds no event while it is already honoured.
    if (offBySignal) return null;
    if (overridden && choice !== false) return null;
    return { action: 'withdrawn', channel: 'gpc', formId: BANNER_FORM };
  }
  if (choice === false) return { action: 'withdrawn', channel: 'banner', formId: BANNER_FORM };
  return null;
}
