// SHA-256 helpers. core has no crypto global, so the digest function is passed in: WebCrypto's
// `crypto.subtle.digest('SHA-256', …)` in the renderer, the same API in Node for the CLI and tests.
import { canonicalJson } from './canonical';
import { utf8Encode } from './utf8';

export type Sha256 = (bytes: Uint8Array) => Promise<Uint8Array>;

export function toHex(bytes: Uint8Array): string {
  let hex = '';
  for (const b of bytes) hex += b.toString(16).padStart(2, '0');
  return hex;
}

/** Lower-case hex SHA-256 of the bytes. */
export async function sha256Hex(bytes: Uint8Array, sha256: Sha256): Promise<string> {
  return toHex(await sha256(bytes));
}

/** Lower-case hex SHA-256 of UTF-8(canonicalJson(value)). @throws CanonicalJsonError like canonicalJson. */
export async function canonicalSha256(value: unknown, sha256: Sha256): Promise<string> {
  return sha256Hex(utf8Encode(canonicalJson(value)), sha256);
}
