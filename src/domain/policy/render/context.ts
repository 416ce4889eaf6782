import type { LegalObligation, Policy, Processor, Purpose, Recipient } from '../schema.js';
import {
  adequateCountries,
  allDataCategories,
  allSubjectKinds,
  type DataCategory,
  relationshipKinds,
} from '../taxonomy.js';
import { type Block, type Inlines, list, paragraph, type Section, slug, strong } from './model.js';

/** Lookups every section needs, resolved once per render. */
export interface RenderContext {
  readonly policy: Policy;
  readonly categories: ReadonlyMap<string, DataCategory>;
  readonly subjectTitles: ReadonlyMap<string, string>;
  readonly relationshipKinds: ReadonlySet<string>;
  readonly processors: ReadonlyMap<string, Processor>;
  readonly recipients: ReadonlyMap<string, Recipient>;
  readonly obligations: ReadonlyMap<string, LegalObligation>;
  readonly adequate: ReadonlySet<string>;
}

export function createContext(policy: Policy): RenderContext {
  return {
    policy,
    categories: allDataCategories(policy),
    subjectTitles: new Map(allSubjectKinds(policy).map((k) => [k.id, k.title])),
    relationshipKinds: new Set(relationshipKinds(policy)),
    processors: new Map(policy.processors.map((p) => [p.id, p])),
    recipients: new Map(policy.recipients.map((r) => [r.id, r])),
    obligations: new Map(policy.legalObligations.map((o) => [o.id, o])),
    adequate: adequateCountries(policy),
  };
}

export const categoryTitle = (ctx: RenderContext, id: string): string => {
  const category = ctx.categories.get(id);
  if (!category) return id;
  return category.special ? `${category.title} (special category, GDPR Art. 9)` : category.title;
};

export const subjectTitle = (ctx: RenderContext, id: string): string => ctx.subjectTitles.get(id) ?? id;

/** The relationship kinds among a purpose's subjects: what "the relationship ends" refers to. */
export const purposeRelationships = (ctx: RenderContext, purpose: Purpose): string[] =>
  purpose.subjects.filter((s) => ctx.relationshipKinds.has(s));

/** Long texts from the file may hold several paragraphs separated by blank lines. */
export function paragraphs(text: string): Block[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => paragraph(p));
}

/** "**Label:** text" items, the shape of every fact list in the document. */
export function facts(
  entries: readonly (readonly [label: string, value: Inlines | string] | undefined)[],
): Block {
  return list(
    entries
      .filter((e): e is readonly [string, Inlines | string] => e !== undefined)
      .map(([label, value]) => [strong(`${label}:`), ' ', ...(typeof value === 'string' ? [value] : value)]),
  );
}

/** A numbered section; the id is derived from `key` so links survive renumbering. */
export function section(number: string, title: string, key: string, blocks: readonly Block[]): Section {
  return { kind: 'section', id: slug(key), number, title, blocks };
}

/** Numbers a run of subsections "prefix.1", "prefix.2", … in order. */
export function numbered(
  prefix: string,
  items: readonly { readonly title: string; readonly key: string; readonly blocks: readonly Block[] }[],
  start = 1,
): Section[] {
  return items.map((item, i) => section(`${prefix}.${start + i}`, item.title, item.key, item.blocks));
}
