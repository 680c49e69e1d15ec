// A device key's fingerprint: what people compare by eye (on the phone, on paper) before head office
// trusts a branch's key. SHA-256 of the raw Ed25519 public key, first 128 bits, in groups of four.
import { toHex, type Sha256 } from '../hash';

export async function keyFingerprint(rawPublicKey: Uint8Array, sha256: Sha256): Promise<string> {
  const digest = await sha256(rawPublicKey);
  const hex = toHex(digest.subarray(0, 16)).toUpperCase();
  return (hex.match(/.{4}/g) ?? []).join(' ');
}
