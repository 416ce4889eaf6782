import type { BannerCategory } from '../../../src/modules/banner/banner.types.js';

/** Categories whose scripts ran on this page: withdrawing one of them needs a reload to stop them. */
export const released = new Set<string>();

const queued = new WeakSet<Element>();
let chain: Promise<void> = Promise.resolve();

/** Replaces a gated script with a real one; resolves once an external one has loaded (or failed). */
function run(old: HTMLScriptElement): Promise<void> {
  const script = document.createElement('script');
  for (const attribute of Array.from(old.attributes))
    if (attribute.name !== 'type') script.setAttribute(attribute.name, attribute.value);
  const type = old.getAttribute('data-type');
  if (type) script.type = type;
  script.nonce = old.nonce ?? '';
  script.text = old.text;
  const wait = old.src && !old.hasAttribute('async');
  const loaded = new Promise<void>((resolve) => {
    script.onload = script.onerror = () => resolve();
  });
  old.replaceWith(script);
  return wait ? loaded : Promise.resolve();
}

/**
 * Runs `<script type="text/plain" data-category="analytics">` (inline or with `src`) once every category it
 * names is allowed, by replacing it with a real script element: a clone of its attributes, with the CSP
 * nonce carried over and `data-type` (e.g. `module`) as its type. They run in document order, each
 * external one (without `async`) loaded before the next starts, as the parser would have run them.
 */
export function releaseScripts(allowed: ReadonlySet<string>): void {
  const ready = Array.from(
    document.querySelectorAll<HTMLScriptElement>('script[type="text/plain"][data-category]'),
  ).filter((old) => {
    const categories = (old.getAttribute('data-category') ?? '').split(/\s+/).filter(Boolean);
    if (queued.has(old) || !categories.every((c) => allowed.has(c))) return false;
    queued.add(old);
    for (const c of categories) released.add(c);
    return true;
  });
  for (const old of ready) chain = chain.then(() => run(old));
}

/** `_ga_<container-id>` → /^_ga_.+$/: the policy writes site-specific parts between angle brackets. */
function cookiePattern(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/<[^>]*>/g, '.+')}$`);
}

/** Deletes the first-party cookies a withdrawn category declares, on this host and each parent domain. */
export function clearCookies(category: BannerCategory): void {
  const patterns = category.purposes.flatMap((p) => p.cookies.map((c) => cookiePattern(c.name)));
  const labels = location.hostname.split('.');
  for (const pair of document.cookie.split('; ')) {
    const name = pair.slice(0, pair.indexOf('='));
    if (!name || !patterns.some((p) => p.test(name))) continue;
    // biome-ignore lint/suspicious/noDocumentCookie: the Cookie Store API is missing in Firefox; these are fixed strings.
    document.cookie = `${name}=; Max-Age=0; Path=/`;
    for (let i = 0; i < labels.length - 1; i++)
      // biome-ignore lint/suspicious/noDocumentCookie: as above.
      document.cookie = `${name}=; Max-Age=0; Path=/; Domain=${labels.slice(i).join('.')}`;
  }
}
