/**
 * Lookups every rule needs, built once per check: the merged taxonomies and the entries by id (the first
 * one wins when an id is duplicated; duplicate-id reports the rest).
 */
import type { Policy } from '../schema.js';
import {
  adequateCountries,
  allDataCategories,
  allServiceCategories,
  allSubjectKinds,
  type DataCategory,
  relationshipKinds,
} from '../taxonomy.js';

export interface RuleContext {
  readonly categories: ReadonlyMap<string, DataCategory>;
  readonly subjectKinds: ReadonlySet<string>;
  readonly relationshipKinds: ReadonlySet<string>;
  readonly serviceCategories: ReadonlySet<string>;
  readonly adequate: ReadonlySet<string>;
  readonly purposes: ReadonlyMap<string, Policy['purposes'][number]>;
  readonly processors: ReadonlyMap<string, Policy['processors'][number]>;
  readonly recipients: ReadonlyMap<string, Policy['recipients'][number]>;
  readonly legalObligations: ReadonlyMap<string, Policy['legalObligations'][number]>;
}

function byId<T extends { readonly id: string }>(items: readonly T[]): Map<string, T> {
  const map = new Map<string, T>();
  for (const item of items) if (!map.has(item.id)) map.set(item.id, item);
  return map;
}

export function buildContext(policy: Policy): RuleContext {
  return {
    categories: allDataCategories(policy),
    subjectKinds: new Set(allSubjectKinds(policy).map((k) => k.id)),
    relationshipKinds: new Set(relationshipKinds(policy)),
    serviceCategories: new Set(allServiceCategories(policy).map((s) => s.id)),
    adequate: adequateCountries(policy),
    purposes: byId(policy.purposes),
    processors: byId(policy.processors),
    recipients: byId(policy.recipients),
    legalObligations: byId(policy.legalObligations),
  };
}

/** True when the category exists and is special (Art. 9). */
export function isSpecial(ctx: RuleContext, category: string): boolean {
  return ctx.categories.get(category)?.special === true;
}

/** Unknown categories count as personal: the safe assumption until undefined-reference is fixed. */
export function isPersonal(ctx: RuleContext, category: string): boolean {
  return ctx.categories.get(category)?.personal !== false;
}
