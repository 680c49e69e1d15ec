// Node's crypto in the shapes renderer/core takes: SHA-256, Ed25519 signing from a raw 32-byte seed (the
// demo's devices) and verification from a raw public key, and WebCrypto for the password envelope.
import { createHash, createPrivateKey, createPublicKey, randomBytes, sign, verify, webcrypto } from 'node:crypto';
import type { EnvelopeDeps } from '../../renderer/core/crypto/envelope';
import type { Sha256 } from '../../renderer/core/hash';
import type { SignatureVerifier, Signer } from '../../renderer/core/package/signed';

// DER headers that turn raw Ed25519 key bytes into PKCS#8 and SubjectPublicKeyInfo (RFC 8410).
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

export const nodeSha256: Sha256 = async (bytes) => new Uint8Array(createHash('sha256').update(bytes).digest());

export function ed25519FromSeed(seed: Uint8Array): { publicKey: Uint8Array; sign: Signer } {
  if (seed.length !== 32) throw new RangeError(`an Ed25519 seed is 32 bytes, not ${seed.length}`);
  const privateKey = createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return {
    publicKey: new Uint8Array(spki.subarray(SPKI_PREFIX.length)),
    sign: async (data) => new Uint8Array(sign(null, data, privateKey)),
  };
}

export const nodeEd25519Verify: SignatureVerifier = async (publicKey, signature, data) => {
  const key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' });
  return verify(null, data, key, signature);
};

export const nodeEnvelope = (): EnvelopeDeps => ({
  subtle: webcrypto.subtle,
  randomBytes: (n) => new Uint8Array(randomBytes(n)),
});
