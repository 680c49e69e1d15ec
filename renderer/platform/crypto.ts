// The platform's WebCrypto (Chromium, or Node 20 in tests) adapted to the function types core expects.
import type { Sha256 } from '../core/hash';
import type { EnvelopeDeps } from '../core/crypto/envelope';

export const platformSha256: Sha256 = async (bytes) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));

/** Ed25519 verification with a raw 32-byte public key (WebCrypto: Chromium 137+, Node 20). */
export const platformEd25519Verify = async (publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array): Promise<boolean> => {
  const key = await crypto.subtle.importKey('raw', publicKey as Uint8Array<ArrayBuffer>, { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify('Ed25519', key, signature as Uint8Array<ArrayBuffer>, data as Uint8Array<ArrayBuffer>);
};

/** A signer for core's package builder, from a (non-extractable) Ed25519 private key. */
export const ed25519Signer =
  (privateKey: CryptoKey) =>
  async (data: Uint8Array): Promise<Uint8Array> =>
    new Uint8Array(await crypto.subtle.sign('Ed25519', privateKey, data as Uint8Array<ArrayBuffer>));

/** What core/crypto/envelope needs to seal or open a password-protected file, from WebCrypto. */
export const platformEnvelope = (): EnvelopeDeps => ({ subtle: crypto.subtle, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)) });
