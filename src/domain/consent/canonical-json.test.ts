import { describe, expect, it } from 'vitest';
import { canonicalize } from './canonical-json.js';

/** Builds a double from its IEEE-754 bit pattern, as RFC 8785 Appendix B lists them. */
function fromIeeeHex(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonicalize (RFC 8785)', () => {
  it('reproduces the §3.2.2 sample byte for byte', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],' +
        ' "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",' +
        ' "literals": [null, true, false]}',
    );
    expect(canonicalize(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
        '"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('sorts keys by UTF-16 code units (§3.2.3 sample), not by code points or integer order', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    expect(canonicalize(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
    expect(canonicalize({ 9: 'a', 10: 'b', b: { z: 1, a: [] } })).toBe(
      '{"10":"b","9":"a","b":{"a":[],"z":1}}',
    );
  });

  it.each([
    ['0000000000000000', '0'],
    ['8000000000000000', '0'],
    ['0000000000000001', '5e-324'],
    ['8000000000000001', '-5e-324'],
    ['7fefffffffffffff', '1.7976931348623157e+308'],
    ['ffefffffffffffff', '-1.7976931348623157e+308'],
    ['4340000000000000', '9007199254740992'],
    ['c340000000000000', '-9007199254740992'],
    ['4430000000000000', '295147905179352830000'],
    ['44b52d02c7e14af5', '9.999999999999997e+22'],
    ['44b52d02c7e14af6', '1e+23'],
    ['44b52d02c7e14af7', '1.0000000000000001e+23'],
    ['444b1ae4d6e2ef4e', '999999999999999700000'],
    ['444b1ae4d6e2ef4f', '999999999999999900000'],
    ['444b1ae4d6e2ef50', '1e+21'],
    ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
    ['3eb0c6f7a0b5ed8d', '0.000001'],
    ['41b3de4355555553', '333333333.3333332'],
    ['41b3de4355555554', '333333333.33333325'],
    ['41b3de4355555555', '333333333.3333333'],
    ['41b3de4355555556', '333333333.3333334'],
    ['41b3de4355555557', '333333333.33333343'],
    ['becbf647612f3696', '-0.0000033333333333333333'],
    ['43143ff3c1cb0959', '1424953923781206.2'],
  ])('serialises the Appendix B number %s as %s', (hex, expected) => {
    expect(canonicalize(fromIeeeHex(hex))).toBe(expected);
  });

  it('serialises literal numbers as ECMAScript does', () => {
    expect(canonicalize([1e21, 1e-7, -0, Number('333333333.33333329'), 5e-324, 100, 0.1])).toBe(
      '[1e+21,1e-7,0,333333333.3333333,5e-324,100,0.1]',
    );
  });

  it('escapes only the mandatory characters, control characters as lower-case \\u00xx', () => {
    expect(canonicalize('\u0000\u0001\b\t\n\u000b\f\r\u001f "\\/\u007f\u2028é')).toBe(
      '"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u001f \\"\\\\/\u007f\u2028é"',
    );
  });

  it('omits undefined object members and follows toJSON like JSON.stringify', () => {
    expect(canonicalize({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalize({ at: new Date(Date.UTC(2024, 0, 2, 3, 4, 5)) })).toBe(
      '{"at":"2024-01-02T03:04:05.000Z"}',
    );
    expect(canonicalize(Object.assign(Object.create(null), { x: true }))).toBe('{"x":true}');
  });

  it('accepts shared (non-cyclic) references', () => {
    const shared = { k: 'v' };
    expect(canonicalize({ a: shared, b: [shared] })).toBe('{"a":{"k":"v"},"b":[{"k":"v"}]}');
  });

  it.each([
    ['NaN', Number.NaN, /\$ is NaN/],
    ['Infinity', { n: [Number.POSITIVE_INFINITY] }, /\$\.n\[0\] is Infinity/],
    ['-Infinity', Number.NEGATIVE_INFINITY, /-Infinity/],
    ['undefined in an array', [1, undefined], /\$\[1\] is undefined/],
    ['top-level undefined', undefined, /type undefined/],
    ['a function', { f: () => 1 }, /\$\.f is of type function/],
    ['a bigint', { n: 1n }, /\$\.n is of type bigint/],
    ['a symbol', [Symbol('s')], /type symbol/],
    ['a Map', { m: new Map([[1, 2]]) }, /\$\.m is a Map object/],
    ['a lone surrogate in a value', { s: 'a\ud800b' }, /\$\.s contains a lone surrogate/],
    ['a lone surrogate in a key', { '\udc00': 1 }, /lone surrogate/],
  ])('rejects %s with a clear error', (_name, value, message) => {
    expect(() => canonicalize(value)).toThrow(message);
  });

  it('rejects cyclic structures', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => canonicalize(cyclic)).toThrow('canonicalize: $.self.back is a cyclic reference');
    const selfish = { toJSON: () => selfish };
    expect(() => canonicalize({ v: selfish })).toThrow('canonicalize: $.v is a cyclic reference');
    const list: unknown[] = [];
    list.push(list);
    expect(() => canonicalize(list)).toThrow('canonicalize: $[0] is a cyclic reference');
  });
});
