import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { utf8Decode } from '../../../renderer/core/utf8';
import { decodeText, strictUtf8Decode } from '../../../renderer/io/text';

describe('strictUtf8Decode', () => {
  it("is core's utf8Decode: the same text, null for the same malformed bytes, a BOM kept", () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      fc.string({ unit: 'binary' }).map((s) => new TextEncoder().encode(s)),
      fc.string({ unit: 'binary' }).map((s) => new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(s)])),
    );
    fc.assert(
      fc.property(bytes, (b) => {
        expect(strictUtf8Decode(b)).toBe(utf8Decode(b));
      }),
      { numRuns: 2000 },
    );
    expect(strictUtf8Decode(new Uint8Array([0xef, 0xbb, 0xbf, 0x61]))).toBe('\ufeffa');
  });

  it('decodes after refusing: a truncated sequence leaves nothing behind for the next call', () => {
    expect(strictUtf8Decode(new Uint8Array([0xe4, 0xb8]))).toBeNull();
    expect(strictUtf8Decode(new Uint8Array([0xad, 0x61]))).toBeNull();
    expect(strictUtf8Decode(new TextEncoder().encode('台账'))).toBe('台账');
  });
});

describe('decodeText', () => {
  it('reads UTF-8 (dropping a BOM) and falls back to GB18030', () => {
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('整改')]))).toBe('整改');
    // 整改 in GB18030.
    expect(decodeText(new Uint8Array([0xd5, 0xfb, 0xb8, 0xc4]))).toBe('整改');
  });
});
