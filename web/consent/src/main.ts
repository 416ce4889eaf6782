/**
 * Steward's cookie banner: `<script src="https://steward.example/consent.js"></script>` on the company's
 * site. Gated scripts are written `<script type="text/plain" data-category="analytics">` and run only after
 * consent to their category. Every choice is recorded in Steward's consent ledger under a pseudonymous
 * visitor id. The configuration (`STEWARD_CONFIG`) is the policy's, wrapped around this code by the server.
 */
import type { BannerConfig } from '../../../src/modules/banner/banner.types.js';
import { clearCookies, released, releaseScripts } from './gate.js';
import { newVisitorId, readStored, type Stored, writeStored } from './storage.js';
import { createUi, type Ui } from './ui.js';

declare const STEWARD_CONFIG: BannerConfig;

const config = STEWARD_CONFIG;
// Read now: `currentScript` is null once this first run is over.
const origin = new URL((document.currentScript as HTMLScriptElement | null)?.src || location.href).origin;
const signal = (navigator as Navigator & { globalPrivacyControl?: boolean }).globalPrivacyControl === true;
const toggles = config.categories.filter((c) => !c.necessary);
let stored = readStored();

const decided = () => stored !== null && stored.r === config.revision;

/** Allowed categories: necessary always; others as chosen under this revision, GPC categories off under the signal unless switched on by hand. */
function allowed(): Set<string> {
  const result = new Set(['necessary']);
  if (!stored || !decided()) return result;
  for (const c of toggles)
    if (stored.a.includes(c.id) && !(c.gpc && signal && !stored.o.includes(c.id))) result.add(c.id);
  return result;
}

interface ServerState {
  readonly revision: string;
  readonly choices: Record<string, boolean>;
}

async function post(body: object): Promise<ServerState | null> {
  try {
    const response = await fetch(`${origin}/v1/site/consent`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'omit',
      keepalive: true,
    });
    return response.ok ? ((await response.json()) as ServerState) : null;
  } catch {
    return null;
  }
}

const language = /^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8}){0,4}$/.test(navigator.language)
  ? navigator.language
  : undefined;

function announce(): void {
  document.dispatchEvent(new CustomEvent('steward:consent', { detail: { categories: [...allowed()] } }));
}

function save(next: Stored): void {
  stored = next;
  writeStored(next, config.storageDays);
}

/** Records a choice: locally at once (scripts run or stop now), then in the ledger; the server's answer wins. */
async function choose(accepted: ReadonlySet<string>, optIn: ReadonlySet<string>): Promise<void> {
  const before = allowed();
  const offBySignal = stored?.s === 1;
  // Mirrors the server's rules (banner.rules.ts): under the signal, or after it, only an opt-in by hand
  // (now, or earlier over the signal) keeps a sale/share/advertising category on.
  const byHand = (id: string) => optIn.has(id) || (signal && (stored?.o.includes(id) ?? false));
  const gpcAccepted = (id: string) => byHand(id) || (!signal && !offBySignal);
  const a = toggles.filter((c) => accepted.has(c.id) && (!c.gpc || gpcAccepted(c.id))).map((c) => c.id);
  const gpc = toggles.filter((c) => c.gpc);
  const anyGpcOn = gpc.some((c) => a.includes(c.id));
  const allGpcRefused = gpc.every((c) => !accepted.has(c.id));
  const s = anyGpcOn ? 0 : signal ? 1 : allGpcRefused ? 0 : stored?.s === 1 ? 1 : 0;
  const visitor = stored?.v || newVisitorId();
  // `o`: opt-ins over a signal the browser sends now; one made without it yields to a later signal.
  save({ v: visitor, r: config.revision, a, o: signal ? a.filter(byHand) : [], s });
  apply(before);
  const choices = Object.fromEntries(toggles.map((c) => [c.id, accepted.has(c.id)]));
  const state = await post({
    visitor,
    revision: config.revision,
    choices,
    gpc: signal,
    gpcOptIn: optIn.size > 0,
    ...(language ? { language } : {}),
  });
  if (state && stored) {
    const before2 = allowed();
    // A revision other than ours means this script is older than the policy: ask again on the next page.
    const r = state.revision === config.revision ? config.revision : '';
    save({ ...stored, r, a: toggles.filter((c) => state.choices[c.id]).map((c) => c.id) });
    apply(before2);
  }
  const stopped = [...before].some((id) => !allowed().has(id) && released.has(id));
  // Scripts that already ran cannot be unloaded: a reload stops them.
  if (stopped) location.reload();
  else ui?.showReopen();
}

/** Runs what is now allowed, deletes the cookies of what no longer is. */
function apply(before: ReadonlySet<string>): void {
  const now = allowed();
  releaseScripts(now);
  for (const c of toggles) if (before.has(c.id) && !now.has(c.id)) clearCookies(c);
  announce();
}

let ui: Ui | undefined;

function init(): Ui {
  return createUi({
    config,
    privacyUrl: `${origin}/privacy`,
    signal,
    offBySignal: () => stored?.s === 1,
    allowed,
    decided,
    choose: (accepted, optIn) => void choose(accepted, optIn),
  });
}

function start(): void {
  apply(new Set());
  // A GPC signal is an opt-out by itself (CCPA 11 CCR §7025): record it once, even before any choice.
  const hasGpcCategory = toggles.some((c) => c.gpc);
  if (signal && hasGpcCategory && stored?.s !== 1 && !(stored && stored.o.length > 0)) {
    const visitor = stored?.v || newVisitorId();
    const gpcIds: string[] = toggles.filter((c) => c.gpc).map((c) => c.id);
    save({
      v: visitor,
      r: stored?.r ?? '',
      a: (stored?.a ?? []).filter((id) => !gpcIds.includes(id)),
      o: [],
      s: 1,
    });
    void post({ visitor, revision: config.revision, gpc: true, ...(language ? { language } : {}) });
  }
  if (!decided()) ui?.showBanner();
  else ui?.showReopen();
}

const page = window as Window & { stewardConsent?: object };
// Included twice (a template and a tag manager, say): the first copy does the work.
if (!page.stewardConsent) {
  const created = init();
  ui = created;
  page.stewardConsent = { open: () => created.openChoices(), categories: () => [...allowed()] };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
}
