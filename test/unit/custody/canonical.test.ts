import { describe, expect, it } from 'vitest';
import { CanonicalJsonError, canonicalJson, MAX_DEPTH } from '../../../electron/core/custody';

/** A double from its IEEE 754 bits, as RFC 8785 Appendix B lists them. */
function fromBits(hex: string): number {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, BigInt(`0x${hex}`));
  return view.getFloat64(0);
}

describe('canonical JSON (RFC 8785)', () => {
  it('sorts members by UTF-16 code units, including non-ASCII names (RFC 8785 §3.2.3)', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // U+1F600 (surrogates D83D DE00) sorts before U+FB33: UTF-16 order, not code point order.
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis","\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('reproduces the RFC 8785 §3.2.2 example byte for byte', () => {
    const input = JSON.parse(String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`) as unknown;
    expect(canonicalJson(input)).toBe(String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`);
    expect(Buffer.from(canonicalJson(input), 'utf8').subarray(0, 12).toString('hex')).toBe('7b226c69746572616c73223a');
  });

  it('prints numbers as ECMAScript does (RFC 8785 Appendix B)', () => {
    const vectors: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'], // -0
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
    ];
    for (const [bits, expected] of vectors) expect(canonicalJson(fromBits(bits)), bits).toBe(expected);
    expect(canonicalJson([-0, 1e21, 1e20, 1e-7, 1e-6, 0.1, 100, -1.5, 2 ** 53 + 2])).toBe('[0,1e+21,100000000000000000000,1e-7,0.000001,0.1,100,-1.5,9007199254740994]');
  });

  it('escapes strings as JSON.stringify does: short escapes, other controls as lowercase \\u00xx, the rest literal', () => {
    expect(canonicalJson('\u0000\u0001\b\t\n\u000b\f\r\u000e\u001f')).toBe('"\\u0000\\u0001\\b\\t\\n\\u000b\\f\\r\\u000e\\u001f"');
    expect(canonicalJson('"quoted" back\\slash /solidus')).toBe('"\\"quoted\\" back\\\\slash /solidus"');
    // DEL, U+2028/2029, non-ASCII and astral characters are not escaped.
    expect(canonicalJson('\u007f\u2028\u2029é€😀')).toBe('"\u007f\u2028\u2029é€😀"');
    expect(canonicalJson({ 'a"b': 'c\\d' })).toBe('{"a\\"b":"c\\\\d"}');
  });

  it('writes nested objects and arrays without whitespace, sorting at every level', () => {
    expect(canonicalJson({ b: [3, { z: null, a: true }], a: { d: false, c: 'x' }, '': 0 })).toBe('{"":0,"a":{"c":"x","d":false},"b":[3,{"a":true,"z":null}]}');
    expect(canonicalJson({ aa: 1, a: 2, B: 3, b: 4, _: 5, '10': 6, '9': 7 })).toBe('{"10":6,"9":7,"B":3,"_":5,"a":2,"aa":1,"b":4}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { k: 'v' }))).toBe('{"k":"v"}');
    expect(canonicalJson([])).toBe('[]');
    expect(canonicalJson({})).toBe('{}');
    const shared = { x: 1 };
    expect(canonicalJson([shared, shared])).toBe('[{"x":1},{"x":1}]');
  });

  it('refuses what has no canonical JSON form, naming where', () => {
    const refusals: [unknown, RegExp][] = [
      [Number.NaN, /^\$: NaN is not a JSON number/],
      [Infinity, /Infinity is not a JSON number/],
      [{ a: [1, -Infinity] }, /^\$\.a\[1\]: -Infinity/],
      [undefined, /^\$: undefined has no JSON form/],
      [{ a: undefined }, /^\$\.a: undefined/],
      [[1, undefined], /^\$\[1\]: undefined/],
      [{ f: () => 1 }, /^\$\.f: function/],
      [{ s: Symbol('s') }, /symbol has no JSON form/],
      [{ n: 10n }, /bigint has no JSON form/],
      [{ when: new Date(0) }, /^\$\.when: an object of class Date/],
      [new Map(), /class Map/],
      [{ 'odd key': '\ud800' }, /^\$\["odd key"\]: a string with a lone surrogate/],
      [{ '\udc00': 1 }, /lone surrogate/],
      [[1, , 3], /^\$\[1\]: a hole/], // eslint-disable-line no-sparse-arrays
      [{ [Symbol('k')]: 1 }, /symbol-keyed/],
    ];
    for (const [value, message] of refusals) {
      expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
      expect(() => canonicalJson(value)).toThrow(message);
    }
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => canonicalJson(cyclic)).toThrow(/^\$\.self: a cycle/);
    let deep: unknown = 1;
    for (let i = 0; i < MAX_DEPTH; i++) deep = [deep];
    expect(() => canonicalJson(deep)).not.toThrow();
    expect(() => canonicalJson([deep])).toThrow(/nested more than 64 deep/);
    // A well-formed surrogate pair is fine.
    expect(canonicalJson('\ud83d\ude00')).toBe('"😀"');
  });
});
