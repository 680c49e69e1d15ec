import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utf8ByteLength, utf8Encode } from '../../renderer/core/utf8';

const reference = new TextEncoder();

describe('utf8Encode', { timeout: 30_000 }, () => {
  const samples = [
    '',
    'abc',
    '£',
    '€',
    '网点消费者权益保护',
    '😀',
    'a😀b',
    '\u0000\u007f\u0080\u07ff\u0800\uffff',
    '\ud800', // lone high surrogate
    '\udc00', // lone low surrogate
    'x\ud800y',
    '\ud800\ud800\udc00', // lone high followed by a valid pair
    '\udc00\ud800', // reversed pair: two lone surrogates
    '\ud83d',
    '\u{10ffff}',
  ];

  it.each(samples)('matches TextEncoder for %j', (s) => {
    expect(Array.from(utf8Encode(s))).toEqual(Array.from(reference.encode(s)));
    expect(utf8ByteLength(s)).toBe(reference.encode(s).length);
  });

  it('matches TextEncoder on arbitrary strings, including lone surrogates', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        expect(utf8Encode(s)).toEqual(reference.encode(s));
        expect(utf8ByteLength(s)).toBe(reference.encode(s).length);
      }),
      { numRuns: 500 },
    );
    fc.assert(
      fc.property(fc.string({ unit: fc.integer({ min: 0xd7f0, max: 0xe010 }).map((n) => String.fromCharCode(n)) }), (s) => {
        expect(utf8Encode(s)).toEqual(reference.encode(s));
      }),
      { numRuns: 500 },
    );
  });
});
