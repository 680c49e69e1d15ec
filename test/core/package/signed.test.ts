// The generic signed package: what head office's checklist package and the branches' ledger package
// (issue 5) share. Every way of tampering with it is refused with its own reason, in the documented order.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { buildSignedPackage, verifySignedPackage, type PackageEntries } from '../../../renderer/core/package/signed';
import { manifestSchema, type BaseManifest } from '../../../renderer/core/package/manifest';
import { canonicalJson } from '../../../renderer/core/canonical';
import { utf8Encode } from '../../../renderer/core/utf8';
import { nodeSha256 } from '../helpers';
import { newKey, nodeVerify, type TestKey } from './keys';

const FORMAT = 'xiaobao.test-package/1';
const schema = manifestSchema(FORMAT, { note: z.string() });
type M = z.infer<typeof schema>;

async function build(key: TestKey, files = [{ path: 'data.json', bytes: utf8Encode('{"a":1}') }, { path: 'attachments/x.png', bytes: new Uint8Array([1, 2, 3]) }]) {
  const r = await buildSignedPackage<M>({
    manifest: { format: FORMAT, note: '测试', device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '张三' },
    files,
    sha256: nodeSha256,
    sign: key.sign,
  });
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

const verify = (entries: PackageEntries) =>
  verifySignedPackage<M>(entries, { format: FORMAT, schema, requiredFiles: ['data.json'], sha256: nodeSha256, verify: nodeVerify });

async function code(entries: PackageEntries): Promise<string> {
  const r = await verify(entries);
  return r.ok ? 'ok' : r.error.code;
}

/** The manifest rewritten (canonically) and re-signed by `key`. */
async function resign(entries: PackageEntries, change: (m: BaseManifest & Record<string, unknown>) => void, key: TestKey): Promise<PackageEntries> {
  const m = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as BaseManifest & Record<string, unknown>;
  change(m);
  const bytes = utf8Encode(canonicalJson(m));
  return { ...entries, 'manifest.json': bytes, 'manifest.sig': await key.sign(bytes) };
}

describe('signed packages', () => {
  it('builds a canonical, signed manifest listing every file, and verifies it', async () => {
    const key = await newKey();
    const { entries, manifest, manifestBytes } = await build(key);
    expect(Object.keys(entries).sort()).toEqual(['attachments/x.png', 'data.json', 'manifest.json', 'manifest.sig']);
    expect(new TextDecoder().decode(manifestBytes)).toBe(canonicalJson(manifest));
    expect(entries['manifest.sig']).toHaveLength(64);
    expect(manifest.files).toEqual([
      { path: 'data.json', size: 7, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
      { path: 'attachments/x.png', size: 3, sha256: '039058c6f2c0cb492c533b0a4d14ef77cc0f78abccced5287d84a1a2011cfb81' },
    ]);
    const r = await verify(entries);
    expect(r.ok && r.value.signer.fingerprint).toBe(key.device.fingerprint);
    expect(r.ok && [...Object.keys(r.value.files)]).toEqual(['data.json', 'attachments/x.png']);
  });

  it('refuses an unsigned package', async () => {
    const { entries } = await build(await newKey());
    const { ['manifest.sig']: _, ...unsigned } = entries;
    expect(await code(unsigned)).toBe('package.unsigned');
  });

  it('refuses a changed file, a changed manifest and a signature from another key', async () => {
    const key = await newKey();
    const { entries } = await build(key);
    expect(await code({ ...entries, 'data.json': utf8Encode('{"a":2}') })).toBe('package.fileHashMismatch');
    const edited = JSON.parse(new TextDecoder().decode(entries['manifest.json'])) as Record<string, unknown>;
    edited['note'] = '改过';
    expect(await code({ ...entries, 'manifest.json': utf8Encode(canonicalJson(edited)) })).toBe('package.badSignature');
    const other = await newKey('device-2');
    // Signed by another key while naming the first: the signature does not verify.
    expect(await code({ ...entries, 'manifest.sig': await other.sign(entries['manifest.json']!) })).toBe('package.badSignature');
    // The file's new hash written into a re-signed manifest only verifies for the key that signed it.
    const forged = await resign({ ...entries, 'data.json': utf8Encode('{"a":2}') }, (m) => {
      m.files[0]!.size = 7;
    }, other);
    expect(await code(forged)).toBe('package.badSignature');
    const flipped = entries['manifest.sig']!.slice();
    flipped[10]! ^= 1;
    expect(await code({ ...entries, 'manifest.sig': flipped })).toBe('package.badSignature');
    expect(await code({ ...entries, 'manifest.sig': entries['manifest.sig']!.slice(0, 63) })).toBe('package.badSignature');
  });

  it('refuses a key whose declared fingerprint does not match it', async () => {
    const key = await newKey();
    const { entries } = await build(key);
    const lying = await resign(entries, (m) => {
      m.device.fingerprint = '0000 0000 0000 0000 0000 0000 0000 0000';
    }, key);
    expect(await code(lying)).toBe('package.fingerprintMismatch');
  });

  it('refuses extra, missing and duplicate files, wrong formats and non-canonical manifests', async () => {
    const key = await newKey();
    const { entries } = await build(key);
    expect(await code({ ...entries, 'extra.txt': new Uint8Array([1]) })).toBe('package.unexpectedFile');
    const { ['attachments/x.png']: _, ...missing } = entries;
    expect(await code(missing)).toBe('package.fileMissing');
    const { ['manifest.json']: __, ...noManifest } = entries;
    expect(await code(noManifest)).toBe('package.noManifest');
    expect(await code(await resign(entries, (m) => (m.format = 'xiaobao.ledger/1'), key))).toBe('package.wrongFormat');
    expect(await code(await resign(entries, (m) => (m['unknown'] = 1), key))).toBe('package.badManifest');
    expect(await code(await resign(entries, (m) => m.files.push({ ...m.files[0]! }), key))).toBe('package.badPath');
    expect(await code(await resign(entries, (m) => (m.files[1]!.path = '../x.png'), key))).toBe('package.badPath');
    const withoutData = await build(key, [{ path: 'other.json', bytes: utf8Encode('{}') }]);
    expect(await code(withoutData.entries)).toBe('package.fileMissing');
    const pretty = utf8Encode(JSON.stringify(JSON.parse(new TextDecoder().decode(entries['manifest.json'])), null, 2));
    expect(await code({ ...entries, 'manifest.json': pretty, 'manifest.sig': await key.sign(pretty) })).toBe('package.manifestNotCanonical');
    expect(await code({ ...entries, 'manifest.json': new Uint8Array([0xff, 0xfe]) })).toBe('package.badManifest');
    expect(await code({ ...entries, 'manifest.json': utf8Encode('{') })).toBe('package.badManifest');
  });

  it('refuses to build with unsafe or reserved paths, or a signer that fails', async () => {
    const key = await newKey();
    for (const path of ['../x', '/etc/passwd', 'C:/x', 'a\\b', 'manifest.json', 'dir/']) {
      const r = await buildSignedPackage<M>({
        manifest: { format: FORMAT, note: '', device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '张三' },
        files: [{ path, bytes: new Uint8Array() }],
        sha256: nodeSha256,
        sign: key.sign,
      });
      expect([path, r.ok || r.error.code]).toEqual([path, 'package.badPath']);
    }
    const r = await buildSignedPackage<M>({
      manifest: { format: FORMAT, note: '', device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '张三' },
      files: [{ path: 'data.json', bytes: new Uint8Array() }],
      sha256: nodeSha256,
      sign: async () => {
        throw new Error('no key');
      },
    });
    expect(!r.ok && r.error.code).toBe('package.signFailed');
  });
});
