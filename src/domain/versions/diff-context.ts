/** What every part of the policy diff shares: both editions by id, and the helpers of `diff.ts`. */
import type { ChangeArea, MaterialChangeKind, PolicyChange } from '../policy/diff.js';
import type { Policy, Processor, Purpose, Recipient } from '../policy/schema.js';
import { allDataCategories } from '../policy/taxonomy.js';
import type { JsonValue } from './deep-diff.js';

/** A change before its classification. */
export type Draft = Omit<PolicyChange, 'material'>;

export function byId<T extends { readonly id: string }>(items: readonly T[] | undefined): Map<string, T> {
  return new Map((items ?? []).map((item) => [item.id, item]));
}

export const json = (value: unknown): JsonValue => JSON.parse(JSON.stringify(value ?? null)) as JsonValue;
export const added = <T>(before: readonly T[], after: readonly T[]) =>
  after.filter((x) => !before.includes(x));
export const removed = <T>(before: readonly T[], after: readonly T[]) =>
  before.filter((x) => !after.includes(x));

/** How the items added to and removed from one list of ids are reported. */
export interface ListChange {
  readonly area: ChangeArea;
  readonly path: string;
  /** The material-change flag an added item falls under (a removed one never is material). */
  readonly rule: MaterialChangeKind | null;
  readonly added: (item: string) => string;
  /** Absent: removals of this list are not reported. */
  readonly removed?: (item: string) => string;
  /** Added items to leave out (reported elsewhere). */
  readonly skipAdded?: (item: string) => boolean;
}

/** One change per item added to or removed from a list (countries, categories, processors …). */
export function listDrafts(
  purposes: readonly string[],
  before: readonly string[],
  after: readonly string[],
  o: ListChange,
): Draft[] {
  const common = { purposes: [...purposes], area: o.area, path: o.path };
  const out: Draft[] = added(before, after)
    .filter((x) => !o.skipAdded?.(x))
    .map((x) => ({
      ...common,
      type: 'added',
      item: x,
      before: null,
      after: x,
      rule: o.rule,
      summary: o.added(x),
    }));
  if (o.removed) {
    const words = o.removed;
    for (const x of removed(before, after))
      out.push({
        ...common,
        type: 'removed',
        item: x,
        before: x,
        after: null,
        rule: null,
        summary: words(x),
      });
  }
  return out;
}

export interface Context {
  readonly before: Policy;
  readonly after: Policy;
  readonly purposes: { readonly before: Map<string, Purpose>; readonly after: Map<string, Purpose> };
  readonly processors: { readonly before: Map<string, Processor>; readonly after: Map<string, Processor> };
  readonly recipients: { readonly before: Map<string, Recipient>; readonly after: Map<string, Recipient> };
  readonly category: (id: string) => string;
}

export function buildContext(before: Policy, after: Policy): Context {
  const titles = new Map<string, string>();
  for (const policy of [before, after])
    for (const [id, c] of allDataCategories({ dataCategories: policy.dataCategories ?? [] }))
      titles.set(id, c.title);
  return {
    before,
    after,
    purposes: { before: byId(before.purposes), after: byId(after.purposes) },
    processors: { before: byId(before.processors), after: byId(after.processors) },
    recipients: { before: byId(before.recipients), after: byId(after.recipients) },
    category: (id) => titles.get(id)?.toLowerCase() ?? id,
  };
}

/** Purposes that use a processor or recipient in either edition. */
export function usersOf(ctx: Context, kind: 'processor' | 'recipient', id: string): string[] {
  const key = kind === 'processor' ? 'processors' : 'recipients';
  const users = new Set<string>();
  for (const map of [ctx.purposes.before, ctx.purposes.after])
    for (const p of map.values()) if ((p[key] ?? []).includes(id)) users.add(p.id);
  return [...users].sort();
}
