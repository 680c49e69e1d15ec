// Ed25519 keys from Node's WebCrypto, shaped as core's package functions take them.
import { toBase64 } from '../../../renderer/core/crypto/encoding';
import { keyFingerprint } from '../../../renderer/core/crypto/fingerprint';
import type { PackageDevice } from '../../../renderer/core/package/manifest';
import type { SignatureVerifier, Signer } from '../../../renderer/core/package/signed';
import { nodeSha256 } from '../helpers';

export const nodeVerify: SignatureVerifier = async (publicKey, signature, data) => {
  const key = await crypto.subtle.importKey('raw', new Uint8Array(publicKey), { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify('Ed25519', key, new Uint8Array(signature), new Uint8Array(data));
};

export type TestKey = { device: PackageDevice; sign: Signer; raw: Uint8Array };

export async function newKey(id = 'device-1'): Promise<TestKey> {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return {
    raw,
    device: { id, publicKey: toBase64(raw), fingerprint: await keyFingerprint(raw, nodeSha256) },
    sign: async (data) => new Uint8Array(await crypto.subtle.sign('Ed25519', pair.privateKey, new Uint8Array(data))),
  };
}
