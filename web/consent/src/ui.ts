import type { BannerCategory, BannerConfig } from '../../../src/modules/banner/banner.types.js';
import { h, words } from './dom.js';

declare const STEWARD_CSS: string;

export interface UiOptions {
  readonly config: BannerConfig;
  readonly privacyUrl: string;
  /** The browser sends a Global Privacy Control signal now. */
  readonly signal: boolean;
  /** Sale/share/advertising is off through a signal recorded earlier. */
  offBySignal(): boolean;
  /** Categories allowed now (what the "Choose" layer starts from: nothing before a choice). */
  allowed(): ReadonlySet<string>;
  /** A choice was made under the current revision. */
  decided(): boolean;
  choose(accepted: ReadonlySet<string>, optIn: ReadonlySet<string>): void;
}

export interface Ui {
  showBanner(): void;
  openChoices(): void;
  showReopen(): void;
}

const FOCUSABLE = 'a[href],button,input';

/**
 * The banner, in a shadow root so that the site's CSS and ours never meet. First layer: a non-modal
 * dialog with "Accept all", "Reject all" and "Choose", all three alike (EDPB Cookie Banner Taskforce:
 * refusing must be as easy and as visible as accepting). "Choose": a modal dialog with one switch per
 * category, none switched on before the visitor does it.
 */
export function createUi(o: UiOptions): Ui {
  const { config } = o;
  const toggles = config.categories.filter((c) => !c.necessary);
  const gpcLabels = toggles.filter((c) => c.gpc).map((c) => c.label.toLowerCase());
  const host = h('div', { id: 'steward-consent', lang: config.language });
  const root = host.attachShadow({ mode: 'open' });
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(STEWARD_CSS);
    root.adoptedStyleSheets = [sheet];
  } catch {
    root.append(h('style', {}, STEWARD_CSS));
  }
  let bar: HTMLElement | null = null;
  let overlay: HTMLElement | null = null;
  let reopen: HTMLElement | null = null;
  let returnTo: HTMLElement | null = null;

  const mount = () => {
    if (!host.isConnected) document.body.prepend(host);
  };
  const remember = () => {
    const active = document.activeElement;
    if (!returnTo && active instanceof HTMLElement && active !== document.body && active !== host)
      returnTo = active;
  };
  const restore = () => {
    returnTo?.focus();
    returnTo = null;
  };
  const privacyLink = () =>
    h('a', { href: o.privacyUrl, target: '_blank', rel: 'noopener' }, 'Privacy policy');
  const button = (label: string, onclick: () => void) =>
    h('button', { type: 'button', class: 'btn', onclick }, label);
  const all = () => new Set(toggles.map((c) => c.id));
  const decide = (accepted: ReadonlySet<string>, optIn: ReadonlySet<string> = new Set()) => {
    bar?.remove();
    overlay?.remove();
    bar = overlay = null;
    restore();
    o.choose(accepted, optIn);
  };
  const gpcNote = (id?: string) =>
    h(
      'p',
      { class: 'gpc', ...(id ? { id } : { role: 'status' }) },
      h('strong', {}, 'Opt-Out Preference Signal Honored. '),
      `Your browser's Global Privacy Control signal asks us not to sell or share your data, so ${words(gpcLabels)} stays off.`,
    );

  function showBanner(): void {
    if (bar || toggles.length === 0) return;
    mount();
    remember();
    const thirdParties = [
      ...new Set(
        toggles.flatMap((c) =>
          c.purposes
            .filter((p) => p.thirdParty)
            .flatMap((p) => {
              const providers = p.cookies.flatMap((k) => (k.provider ? [k.provider] : []));
              return providers.length > 0 ? providers : p.recipients;
            }),
        ),
      ),
    ];
    const uses = words(toggles.map((c) => c.label.toLowerCase()));
    const third = thirdParties.length > 0 ? `, some set by third parties (${thirdParties.join(', ')})` : '';
    bar = h(
      'section',
      {
        class: 'bar',
        role: 'dialog',
        'aria-modal': 'false',
        'aria-labelledby': 'sc-t',
        'aria-describedby': 'sc-d',
        tabindex: -1,
      },
      h('h2', { id: 'sc-t' }, `Cookies on the ${config.controller} website`),
      h(
        'p',
        { id: 'sc-d' },
        `We use strictly necessary cookies to run this site. With your consent we would also use cookies for ${uses}${third}. “Reject all” keeps only the necessary ones, and you can change your choice at any time. `,
        privacyLink(),
      ),
      o.signal && gpcLabels.length > 0 && gpcNote(),
      h(
        'div',
        { class: 'btns' },
        button('Accept all', () => decide(all())),
        button('Reject all', () => decide(new Set())),
        button('Choose', openChoices),
      ),
    );
    root.append(bar);
    bar.focus();
  }

  function category(c: BannerCategory, optIn: Set<string>): HTMLElement {
    const heading = `sc-h-${c.id}`;
    const note = `sc-n-${c.id}`;
    const showNote = c.gpc && (o.signal || o.offBySignal());
    let control: HTMLElement;
    if (c.necessary) {
      control = h('span', { class: 'on' }, 'Always on');
    } else {
      const input = h('input', {
        type: 'checkbox',
        role: 'switch',
        id: `sc-s-${c.id}`,
        'data-category': c.id,
        'aria-labelledby': heading,
        ...(showNote ? { 'aria-describedby': note } : {}),
        // Switching a sale/share/advertising category on by hand is the explicit opt-in over a GPC signal.
        onchange: (e: Event) => {
          if (c.gpc && (e.target as HTMLInputElement).checked) optIn.add(c.id);
          else optIn.delete(c.id);
        },
      }) as HTMLInputElement;
      input.checked = o.decided() && o.allowed().has(c.id);
      control = input;
    }
    return h(
      'section',
      { class: 'cat', 'aria-labelledby': heading },
      h('div', { class: 'head' }, h('h3', { id: heading }, c.label), control),
      showNote && gpcNote(note),
      ...c.purposes.map((p) =>
        h(
          'div',
          { class: 'pu' },
          h(
            'p',
            {},
            h('strong', {}, p.title),
            ' ',
            h('span', { class: 'tag' }, p.thirdParty ? 'third party' : 'first party'),
          ),
          h('p', { class: 'ds' }, p.description),
          p.cookies.length > 0 &&
            h(
              'ul',
              { 'aria-label': `Cookies: ${p.title}` },
              ...p.cookies.map((k) =>
                h('li', {}, h('code', {}, k.name), ` · ${k.provider ?? config.controller} · ${k.duration}`),
              ),
            ),
          p.recipients.length > 0 && h('p', { class: 'ds' }, `Shared with: ${p.recipients.join(', ')}`),
        ),
      ),
    );
  }

  function openChoices(): void {
    if (overlay || toggles.length === 0) return;
    mount();
    remember();
    bar?.setAttribute('hidden', '');
    const optIn = new Set<string>();
    const panel = h(
      'section',
      { class: 'pn', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'sc-ct', tabindex: -1 },
      h(
        'div',
        { class: 'head' },
        h('h2', { id: 'sc-ct' }, 'Choose cookies'),
        h('button', { type: 'button', class: 'x', 'aria-label': 'Close', onclick: goBack }, '×'),
      ),
      h(
        'p',
        {},
        'Switch on what you allow; strictly necessary cookies are always on. You can change this at any time. ',
        privacyLink(),
      ),
      ...config.categories.map((c) => category(c, optIn)),
      h(
        'div',
        { class: 'btns' },
        button('Save choices', () => {
          const checked = root.querySelectorAll<HTMLInputElement>('input[data-category]:checked');
          decide(new Set(Array.from(checked, (i) => i.getAttribute('data-category') ?? '')), optIn);
        }),
        button('Accept all', () => decide(all())),
        button('Reject all', () => decide(new Set())),
      ),
    );
    overlay = h('div', { class: 'ov' }, panel);
    root.append(overlay);
    panel.focus();
  }

  /** Escape: the "Choose" layer goes back to the first one (or away); the first layer hides, choosing nothing. */
  function goBack(): void {
    if (overlay) {
      overlay.remove();
      overlay = null;
      if (bar) {
        bar.removeAttribute('hidden');
        bar.querySelector<HTMLElement>('.btn:last-child')?.focus();
        return;
      }
    } else {
      bar?.remove();
      bar = null;
    }
    restore();
  }

  root.addEventListener('keydown', (event) => {
    const e = event as KeyboardEvent;
    if (e.key === 'Escape') {
      e.preventDefault();
      goBack();
    } else if (e.key === 'Tab' && overlay) {
      // The "Choose" layer is modal: Tab and Shift+Tab cycle inside it.
      const items = Array.from(overlay.querySelectorAll<HTMLElement>(FOCUSABLE));
      const first = items[0];
      const last = items[items.length - 1];
      const active = root.activeElement;
      if (e.shiftKey && (active === first || active === overlay.firstChild)) {
        e.preventDefault();
        last?.focus();
      } else if (!e.shiftKey && active === last) {
        e.preventDefault();
        first?.focus();
      }
    }
  });

  function showReopen(): void {
    if (reopen || toggles.length === 0 || document.querySelector('[data-steward-consent-open]')) return;
    mount();
    reopen = h('button', { type: 'button', class: 're', onclick: openChoices }, 'Cookie settings');
    root.append(reopen);
  }

  document.addEventListener('click', (event) => {
    const target = event.target as Element | null;
    if (target?.closest?.('[data-steward-consent-open]')) {
      event.preventDefault();
      openChoices();
    }
  });

  return { showBanner, openChoices, showReopen };
}
