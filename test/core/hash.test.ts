import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { canonicalSha256, sha256Hex, toHex } from '../../renderer/core/hash';
import { canonicalJson } from '../../renderer/core/canonical';
import { nodeSha256 } from './helpers';

describe('hash', () => {
  it('toHex writes lower-case, two digits a byte', () => {
    expect(toHex(new Uint8Array([0, 1, 15, 16, 255]))).toBe('00010f10ff');
    expect(toHex(new Uint8Array())).toBe('');
  });

  it('sha256Hex matches known vectors and node:crypto', async () => {
    expect(await sha256Hex(new Uint8Array(), nodeSha256)).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(await sha256Hex(new TextEncoder().encode('abc'), nodeSha256)).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    const bytes = new Uint8Array(1000).map((_, i) => (i * 7) % 256);
    expect(await sha256Hex(bytes, nodeSha256)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('canonicalSha256 hashes the UTF-8 of the canonical text, whatever the key order', async () => {
    const a = { 标题: '检查', list: [1, 2], z: { b: true, a: null } };
    const b = { z: { a: null, b: true }, list: [1, 2], 标题: '检查' };
    const expected = createHash('sha256').update(canonicalJson(a), 'utf8').digest('hex');
    expect(await canonicalSha256(a, nodeSha256)).toBe(expected);
    expect(await canonicalSha256(b, nodeSha256)).toBe(expected);
  });
});
