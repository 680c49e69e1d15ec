import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { utf8ByteLength, utf8Decode, utf8Encode } from '../../renderer/core/utf8';

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

describe('utf8Decode', () => {
  it('decodes exactly what TextDecoder decodes, and refuses what a fatal TextDecoder refuses', () => {
    const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 40 }), fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s))), (bytes) => {
        let expected: string | null;
        try {
          expected = fatal.decode(bytes);
        } catch {
          expected = null;
        }
        expect(utf8Decode(bytes)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ['overlong slash', [0xc0, 0xaf]],
    ['surrogate', [0xed, 0xa0, 0x80]],
    ['above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
    ['truncated', [0xe4, 0xb8]],
    ['lone continuation', [0x80]],
  ])('refuses %s', (_name, bytes) => {
    expect(utf8Decode(new Uint8Array(bytes))).toBeNull();
  });

  it('round-trips long Chinese text', () => {
    const text = '消费者权益保护'.repeat(5000);
    expect(utf8Decode(utf8Encode(text))).toBe(text);
  });
});
