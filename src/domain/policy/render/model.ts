/**
 * The one intermediate document both outputs are serialised from, so the Markdown and the HTML
 * policy cannot say different things. Every string in it is plain text: the serialisers escape it.
 */

export type Inline =
  | string
  | { readonly kind: 'strong'; readonly text: string }
  | { readonly kind: 'link'; readonly text: string; readonly href: string };

/** A run of inline pieces: one paragraph, one list item or one table cell. */
export type Inlines = readonly Inline[];

export type Block =
  | { readonly kind: 'paragraph'; readonly content: Inlines }
  | { readonly kind: 'list'; readonly items: readonly Inlines[] }
  | {
      readonly kind: 'table';
      readonly caption: string;
      readonly head: readonly string[];
      readonly rows: readonly (readonly Inlines[])[];
    }
  | Section;

export interface Section {
  readonly kind: 'section';
  /** Fragment id, `[a-z0-9_-]` only: safe in an attribute and in a URL without escaping. */
  readonly id: string;
  /** Clause number shown before the title ("1.6.2"), as in the seed text. */
  readonly number: string;
  readonly title: string;
  readonly blocks: readonly Block[];
}

export interface PolicyDocument {
  readonly title: string;
  readonly blocks: readonly Block[];
}

export const paragraph = (...content: Inline[]): Block => ({ kind: 'paragraph', content });
export const list = (items: readonly (Inlines | string)[]): Block => ({
  kind: 'list',
  items: items.map((item) => (typeof item === 'string' ? [item] : item)),
});
export const strong = (text: string): Inline => ({ kind: 'strong', text });
export const link = (text: string, href: string): Inline => ({ kind: 'link', text, href });

/** Lower-case ASCII slug for fragment ids (policy ids pass unchanged); never empty. */
export function slug(text: string): string {
  const s = text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return s.length > 0 ? s.slice(0, 64) : 'section';
}

/**
 * Links are only emitted for schemes that cannot run code; anything else (`javascript:`, `data:`, …)
 * is shown as text. The policy file is untrusted input to this page.
 */
export function isSafeHref(href: string): boolean {
  return /^(https?:\/\/|mailto:|tel:|\/(?!\/)|#)/i.test(href) && !/[\s<>"'`\\]/.test(href);
}
