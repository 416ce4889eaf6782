/** Every other difference of the two editions, leaf by leaf: reported as wording, never material. */
import type { Policy, Transfer } from '../policy/schema.js';
import { deepDiff, type JsonValue } from './deep-diff.js';
import { type Context, type Draft, json } from './diff-context.js';

/** A transfer's module, reference and measures, when both editions have one (else the transfer row says it). */
function safeguardDetails<T extends { id: string; transfer?: Transfer }>(
  maps: { before: Map<string, T>; after: Map<string, T> },
  x: T,
): object | undefined {
  const both = maps.before.get(x.id)?.transfer && maps.after.get(x.id)?.transfer;
  return both && x.transfer ? { ...x.transfer, mechanism: undefined } : undefined;
}

/** Fields with a rule of their own above; the edition's label and date are not content. */
function residual(ctx: Context, policy: Policy): JsonValue {
  const both = <T extends { id: string }>(m: { before: Map<string, T>; after: Map<string, T> }, x: T) =>
    m.before.has(x.id) && m.after.has(x.id);
  const { version: _v, lastModified: _l, ...rest } = policy;
  return json({
    ...rest,
    purposes: policy.purposes
      .filter((p) => both(ctx.purposes, p))
      .map(({ legalBasis: _b, categories: _c, processors: _p, recipients: _r, legalHolds: _h, ...p }) => ({
        ...p,
        retention: { ...p.retention, anchor: undefined, duration: undefined },
      })),
    processors: (policy.processors ?? [])
      .filter((x) => both(ctx.processors, x))
      .map(({ countries: _c, ...x }) => ({
        ...x,
        transfer: safeguardDetails(ctx.processors, x),
      })),
    recipients: (policy.recipients ?? [])
      .filter((x) => both(ctx.recipients, x))
      .map(({ countries: _c, categories: _g, ...x }) => ({
        ...x,
        transfer: safeguardDetails(ctx.recipients, x),
      })),
    legalObligations: (policy.legalObligations ?? []).map(({ duration: _d, anchor: _a, ...o }) => o),
  });
}

export function wordingChanges(ctx: Context): Draft[] {
  return deepDiff(residual(ctx, ctx.before), residual(ctx, ctx.after)).map((leaf) => {
    const path = leaf.path.join('.');
    const purpose = leaf.path[0] === 'purposes' && leaf.path[1] ? [leaf.path[1]] : [];
    return {
      area: 'wording',
      type: leaf.type,
      path,
      item: leaf.path.at(-1) ?? '',
      before: leaf.before,
      after: leaf.after,
      purposes: purpose,
      rule: null,
      summary: `Reworded: ${path || 'the policy'}.`,
    };
  });
}
