/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte-exact text per JSON value, so that a hash or a
 * signature over it is reproducible by any implementation, in any language, after any storage round trip.
 */

/** A value of the I-JSON data model (RFC 7493) that `canonicalize` accepts. */
export type JsonValue = null | boolean | number | string | readonly JsonValue[] | JsonObject;
export type JsonObject = { readonly [key: string]: JsonValue | undefined };

// In `u` mode a surrogate class matches only unpaired surrogates: paired ones form one code point.
const LONE_SURROGATE = /[\uD800-\uDFFF]/u;
// Anything JSON escapes, or a lone surrogate: strings without one (nearly all) skip JSON.stringify.
// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000–U+001F are exactly what JCS must escape.
const NEEDS_CARE = /[\u0000-\u001f"\\\uD800-\uDFFF]/u;

/** Carries the path outwards only when something fails, so the hot path builds no path strings. */
class CanonicalizeError extends Error {
  readonly segments: string[] = [];
}

/**
 * Serialises `value` per RFC 8785. Object members whose value is `undefined` are omitted (as
 * `JSON.stringify` does, so optional TypeScript properties need no cleaning); everything that has no
 * JSON meaning (NaN, ±Infinity, bigint, functions, symbols, `undefined` in arrays, cycles, class
 * instances without `toJSON`) throws instead of being silently coerced into another value's hash.
 */
export function canonicalize(value: unknown): string {
  try {
    return serializeValue(value, []);
  } catch (error) {
    if (!(error instanceof CanonicalizeError)) throw error;
    throw new Error(`canonicalize: $${error.segments.reverse().join('')} ${error.message}`);
  }
}

function serializeValue(value: unknown, ancestors: object[]): string {
  switch (typeof value) {
    case 'string':
      return serializeString(value);
    case 'number':
      // §3.2.2.3: ECMAScript Number.prototype.toString, which JSON.stringify applies (and -0 → "0").
      if (!Number.isFinite(value)) throw new CanonicalizeError(`is ${value}, not a JSON number`);
      return JSON.stringify(value);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'object':
      return value === null ? 'null' : serializeContainer(value, ancestors);
    default:
      throw new CanonicalizeError(`is of type ${typeof value}, which has no JSON form`);
  }
}

function serializeString(value: string): string {
  if (!NEEDS_CARE.test(value)) return `"${value}"`;
  // I-JSON (RFC 7493 §2.1, required by RFC 8785 §3.1): a lone surrogate has no UTF-8 encoding; hashing
  // would replace it by U+FFFD and two different strings would share one hash.
  if (LONE_SURROGATE.test(value)) throw new CanonicalizeError('contains a lone surrogate');
  // §3.2.2.2 is defined as ES2019 JSON.stringify: only `"`, `\` and U+0000–U+001F are escaped, with
  // \b \t \n \f \r short forms and lower-case \u00xx for the other control characters.
  return JSON.stringify(value);
}

function serializeContainer(value: object, ancestors: object[]): string {
  // A stack, not a Set: depth is small, and shared (non-cyclic) references stay allowed.
  if (ancestors.includes(value)) throw new CanonicalizeError('is a cyclic reference');
  ancestors.push(value);
  const toJson = (value as { toJSON?: unknown }).toJSON;
  // Same as JSON.stringify (Date → ISO text), so the hash is stable across a JSON storage round trip.
  const text =
    typeof toJson === 'function'
      ? serializeValue(toJson.call(value), ancestors)
      : Array.isArray(value)
        ? serializeArray(value, ancestors)
        : serializeObject(value, ancestors);
  ancestors.pop();
  return text;
}

function serializeArray(items: readonly unknown[], ancestors: object[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    try {
      // JSON.stringify would write null here: a silent change of meaning, so refuse it.
      if (item === undefined) throw new CanonicalizeError('is undefined');
      text += (i === 0 ? '' : ',') + serializeValue(item, ancestors);
    } catch (error) {
      if (error instanceof CanonicalizeError) error.segments.push(`[${i}]`);
      throw error;
    }
  }
  return text + ']';
}

function serializeObject(value: object, ancestors: object[]): string {
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) {
    // A Map, Set or class instance would stringify as {} and collide with every other one.
    throw new CanonicalizeError(`is a ${proto?.constructor?.name ?? 'non-plain'} object`);
  }
  const record = value as Record<string, unknown>;
  // §3.2.3: sort by UTF-16 code units, which is what the default string comparison does.
  const keys = Object.keys(record).sort();
  let text = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    try {
      text += (text.length === 1 ? '' : ',') + serializeString(key) + ':' + serializeValue(member, ancestors);
    } catch (error) {
      if (error instanceof CanonicalizeError) error.segments.push(`.${key}`);
      throw error;
    }
  }
  return text + '}';
}
