// The platform's WebCrypto (Chromium, or Node 20 in tests) adapted to the function types core expects.
import type { Sha256 } from '../core/hash';

export const platformSha256: Sha256 = async (bytes) =>
  new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
