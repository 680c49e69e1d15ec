import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { sha256HexSync, sha256Sync } from '../../renderer/core/sha256';
import { toHex } from '../../renderer/core/hash';

const node = (bytes: Uint8Array): string => createHash('sha256').update(bytes).digest('hex');

describe('sha256Sync', () => {
  it('matches the FIPS 180-4 vectors', () => {
    expect(toHex(sha256Sync(new Uint8Array()))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256HexSync('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
  });

  it('agrees with node:crypto at every padding boundary', () => {
    for (let n = 0; n <= 130; n++) {
      const bytes = new Uint8Array(n).map((_, i) => (i * 31 + n) & 255);
      expect(toHex(sha256Sync(bytes)), `length ${n}`).toBe(node(bytes));
    }
  });

  it('agrees with node:crypto on random bytes and on random Unicode text', () => {
    fc.assert(fc.property(fc.uint8Array({ maxLength: 2000 }), (bytes) => toHex(sha256Sync(bytes)) === node(bytes)), { numRuns: 300 });
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => sha256HexSync(text) === createHash('sha256').update(text, 'utf8').digest('hex')),
      { numRuns: 300 },
    );
  });

  it('hashes text at every padding boundary, long then short (its reused buffer grows and is padded afresh)', () => {
    const viaNode = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');
    for (let n = 0; n <= 130; n++) {
      for (const text of ['a'.repeat(n), '中'.repeat(n), `${'é'.repeat(n)}😀`, 'x'.repeat(5000 + n)]) expect(sha256HexSync(text), `${text.slice(0, 3)}… × ${n}`).toBe(viaNode(text));
    }
    // Lone surrogates become U+FFFD (EF BF BD), as TextEncoder and node encode them.
    for (const text of ['\ud800', 'a\udc00b', '\ud83d', '\ud83d\ude00\ude00']) expect(sha256HexSync(text)).toBe(viaNode(text));
    expect(sha256HexSync('\ud800')).toBe(viaNode('\ufffd'));
  });

  it('handles a megabyte', () => {
    const bytes = new Uint8Array(1 << 20).map((_, i) => i & 255);
    expect(toHex(sha256Sync(bytes))).toBe(node(bytes));
  });
});
