import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson } from '../../renderer/core/canonical';

describe('canonicalJson', { timeout: 30_000 }, () => {
  it('sorts keys at every level and drops whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: 1, y: 2 }], c: null } })).toBe('{"a":{"c":null,"d":[3,{"y":2,"z":1}]},"b":1}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const input = JSON.parse(
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
        '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('serialises the RFC 8785 §3.2.4 example exactly', () => {
    const input = JSON.parse(
      '{"numbers":[333333333.33333329,1E30,4.50,2e-3,0.000000000000000000000000001],' +
        '"string":"\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/","literals":[null,true,false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes numbers as ECMAScript does (RFC 8785 appendix values)', () => {
    const cases: Array<[number, string]> = [
      [0, '0'],
      [-0, '0'],
      [1e21, '1e+21'],
      [1e-7, '1e-7'],
      [5e-324, '5e-324'],
      [1.7976931348623157e308, '1.7976931348623157e+308'],
      [9007199254740992, '9007199254740992'],
      [295147905179352830000, '295147905179352830000'],
      [-1.5, '-1.5'],
    ];
    for (const [n, s] of cases) expect(canonicalJson(n)).toBe(s);
  });

  it('keeps non-ASCII text as is and escapes controls like JSON.stringify', () => {
    expect(canonicalJson({ 标题: '网点“七不准”\n😀' })).toBe('{"标题":"网点“七不准”\\n😀"}');
    expect(canonicalJson('\u0001')).toBe('"\\u0001"');
    expect(canonicalJson('\ud800')).toBe('"\\ud800"'); // lone surrogate: escaped, so lossless
  });

  it('leaves out undefined object members, as JSON.stringify does', () => {
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
  });

  it('rejects what JSON cannot represent, with the path', () => {
    const cases: Array<[unknown, string, string]> = [
      [{ a: [1, Number.NaN] }, 'nonFiniteNumber', 'a[1]'],
      [Infinity, 'nonFiniteNumber', ''],
      [[1, undefined], 'undefinedInArray', '[1]'],
      [{ f: () => 1 }, 'function', 'f'],
      [{ s: Symbol('x') }, 'symbol', 's'],
      [{ n: 10n }, 'bigint', 'n'],
      [{ d: new Date(0) }, 'nonPlainObject', 'd'],
      [new Map(), 'nonPlainObject', ''],
      [undefined, 'undefinedValue', ''],
    ];
    for (const [value, reason, path] of cases) {
      let caught: unknown;
      try {
        canonicalJson(value);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(CanonicalJsonError);
      expect((caught as CanonicalJsonError).reason).toBe(reason);
      expect((caught as CanonicalJsonError).path).toBe(path);
    }
  });

  it('rejects cycles and absurd depth instead of overflowing the stack', () => {
    const reasonOf = (value: unknown): [string, string] => {
      try {
        canonicalJson(value);
      } catch (e) {
        if (e instanceof CanonicalJsonError) return [e.reason, e.path];
        throw e;
      }
      throw new Error('no error');
    };
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = { inner: [cyclic] };
    expect(reasonOf(cyclic)).toEqual(['cycle', 'self.inner[0]']);
    let deep: unknown = 1;
    for (let i = 0; i < 10_000; i++) deep = [deep];
    expect(reasonOf(deep)[0]).toBe('tooDeep');
    // Just inside the limit is fine, one more level is not.
    let limit: unknown = 1;
    for (let i = 0; i < 200; i++) limit = { a: limit };
    expect(canonicalJson(limit)).toBe(`${'{"a":'.repeat(200)}1${'}'.repeat(200)}`);
    expect(reasonOf({ a: limit })[0]).toBe('tooDeep');
  });

  it('accepts a shared (non-cyclic) sub-object twice', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('accepts objects without a prototype', () => {
    const o = Object.create(null) as Record<string, unknown>;
    o['b'] = 1;
    o['a'] = 2;
    expect(canonicalJson(o)).toBe('{"a":2,"b":1}');
  });

  it('is the same text whether or not the keys already come in order (the fast path for read-back values)', () => {
    // A plain reference: sort every object's keys with an explicit UTF-16 comparison.
    const reference = (v: unknown): string => {
      if (Array.isArray(v)) return `[${v.map(reference).join(',')}]`;
      if (v !== null && typeof v === 'object') {
        const o = v as Record<string, unknown>;
        const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
        return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(o[k])}`).join(',')}}`;
      }
      return JSON.stringify(v);
    };
    const reorder = (v: unknown, order: 'sorted' | 'reversed'): unknown => {
      if (Array.isArray(v)) return v.map((x) => reorder(x, order));
      if (v !== null && typeof v === 'object') {
        const keys = Object.keys(v).sort();
        if (order === 'reversed') keys.reverse();
        return Object.fromEntries(keys.map((k) => [k, reorder((v as Record<string, unknown>)[k], order)]));
      }
      return v;
    };
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const expected = reference(v);
        expect(canonicalJson(v)).toBe(expected);
        expect(canonicalJson(reorder(v, 'sorted'))).toBe(expected);
        expect(canonicalJson(reorder(v, 'reversed'))).toBe(expected);
        expect(canonicalJson(JSON.parse(expected))).toBe(expected);
      }),
      { numRuns: 300 },
    );
    // Integer-like keys: Object.keys lists them first, in numeric order, which is not the canonical one.
    expect(canonicalJson(JSON.parse('{"10":1,"9":2}'))).toBe('{"10":1,"9":2}');
    expect(canonicalJson({ 9: 'a', 10: 'b', a: 'c' })).toBe('{"10":"b","9":"a","a":"c"}');
    expect(canonicalJson({ a: -0, b: [0.1, 1e21, -0] })).toBe('{"a":0,"b":[0.1,1e+21,0]}');
    expect(canonicalJson({ a: undefined, b: { c: undefined } })).toBe('{"b":{}}');
  });

  it('rejects, in keys already in order, what JSON.stringify would quietly change', () => {
    const cases: Array<[unknown, string]> = [
      [{ a: 1, b: { c: new Date(0) } }, 'nonPlainObject'],
      [{ a: { toJSON: () => 'x' } }, 'function'],
      [{ a: [1, undefined] }, 'undefinedInArray'],
      [{ a: 1, b: Number.NaN }, 'nonFiniteNumber'],
      [{ a: [Symbol('s')] }, 'symbol'],
    ];
    for (const [value, reason] of cases) expect(() => canonicalJson(value)).toThrow(expect.objectContaining({ reason }));
  });

  it('is valid JSON that parses back to an equal value, and is independent of key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (v) => {
        const text = canonicalJson(v);
        const back = JSON.parse(text) as unknown;
        expect(canonicalJson(back)).toBe(text);
        expect(back).toEqual(JSON.parse(JSON.stringify(v)));
      }),
    );
  });
});
