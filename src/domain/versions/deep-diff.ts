/**
 * A generic structural diff of two JSON values, for the parts of the policy that have no rule of their own
 * (titles, descriptions, contact details, technical sections): every differing leaf, named by a path of ids.
 * Arrays of objects with an `id` (or `name`) are matched by it, so reordering a list changes nothing;
 * arrays of scalars are compared as sets; any other array is compared whole.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

export interface LeafChange {
  readonly path: readonly string[];
  readonly type: 'added' | 'removed' | 'changed';
  readonly before: JsonValue | null;
  readonly after: JsonValue | null;
}

const isObject = (v: unknown): v is { [key: string]: JsonValue } =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const keyOf = (v: JsonValue): string | null => {
  if (!isObject(v)) return null;
  const key = v.id ?? v.name;
  return typeof key === 'string' ? key : null;
};

const same = (a: JsonValue, b: JsonValue): boolean => JSON.stringify(a) === JSON.stringify(b);

/** Lists every difference between `before` and `after`, depth first, in a stable order. */
export function deepDiff(before: JsonValue, after: JsonValue, path: readonly string[] = []): LeafChange[] {
  if (same(before, after)) return [];
  if (isObject(before) && isObject(after)) {
    const out: LeafChange[] = [];
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    for (const key of keys) {
      const b = before[key];
      const a = after[key];
      if (b === undefined && a !== undefined)
        out.push({ path: [...path, key], type: 'added', before: null, after: a });
      else if (a === undefined && b !== undefined)
        out.push({ path: [...path, key], type: 'removed', before: b, after: null });
      else if (a !== undefined && b !== undefined) out.push(...deepDiff(b, a, [...path, key]));
    }
    return out;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const keyed = [...before, ...after].every((v) => keyOf(v) !== null);
    if (keyed) return diffKeyed(before, after, path);
    const scalar = [...before, ...after].every((v) => v === null || typeof v !== 'object');
    if (scalar) return diffSet(before, after, path);
  }
  return [{ path, type: 'changed', before, after }];
}

function diffKeyed(before: JsonValue[], after: JsonValue[], path: readonly string[]): LeafChange[] {
  const b = new Map(before.map((v) => [keyOf(v)!, v]));
  const a = new Map(after.map((v) => [keyOf(v)!, v]));
  const out: LeafChange[] = [];
  for (const [key, value] of b) {
    const next = a.get(key);
    if (next === undefined) out.push({ path: [...path, key], type: 'removed', before: value, after: null });
    else out.push(...deepDiff(value, next, [...path, key]));
  }
  for (const [key, value] of a)
    if (!b.has(key)) out.push({ path: [...path, key], type: 'added', before: null, after: value });
  return out;
}

function diffSet(before: JsonValue[], after: JsonValue[], path: readonly string[]): LeafChange[] {
  const text = (v: JsonValue) => JSON.stringify(v);
  const b = new Set(before.map(text));
  const a = new Set(after.map(text));
  const out: LeafChange[] = [];
  for (const v of before) if (!a.has(text(v))) out.push({ path, type: 'removed', before: v, after: null });
  for (const v of after) if (!b.has(text(v))) out.push({ path, type: 'added', before: null, after: v });
  // Same members in another order (address lines, a list of rights): the order is part of the wording.
  if (out.length === 0) out.push({ path, type: 'changed', before, after });
  return out;
}
