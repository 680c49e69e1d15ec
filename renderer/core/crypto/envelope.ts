// Optional password protection for a ledger package or a backup (ARCHITECTURE §6): the whole file is
// sealed with AES-256-GCM under a key from PBKDF2-SHA-256. Core has no crypto global, so WebCrypto's
// subtle functions and a random source are passed in (crypto.subtle in Chromium and in Node 20).
//
// Layout, all integers big-endian:
//   0  "XBENC"                 magic
//   5  "1" 0x00               format version, then a NUL so text tools see a binary file
//   7  u32 iterations          PBKDF2 rounds
//   11 salt (16 bytes)
//   27 iv (12 bytes)
//   39 ciphertext ‖ GCM tag (16 bytes)      the 39-byte header is the GCM additional data
//   …  SHA-256 of everything before it (32 bytes)
// The trailing digest is not a security measure (GCM authenticates header and content); it lets a
// damaged file say "damaged" instead of "wrong password", which GCM alone cannot tell apart.
import { appError, err, ok } from '../result';
import type { Result } from '../result';
import { utf8Encode } from '../utf8';

type Bytes = Uint8Array<ArrayBuffer>;

/** A key inside the crypto implementation; core never looks into it. */
export type KeyHandle = object;

type GcmParams = { name: 'AES-GCM'; iv: Bytes; additionalData: Bytes; tagLength: 128 };

/** The part of WebCrypto's SubtleCrypto this module uses; `crypto.subtle` satisfies it. */
export type EnvelopeSubtle = {
  importKey(format: 'raw', keyData: Bytes, algorithm: 'PBKDF2', extractable: false, keyUsages: ['deriveKey']): Promise<KeyHandle>;
  deriveKey(
    algorithm: { name: 'PBKDF2'; salt: Bytes; iterations: number; hash: 'SHA-256' },
    baseKey: KeyHandle,
    derivedKeyType: { name: 'AES-GCM'; length: 256 },
    extractable: false,
    keyUsages: ['encrypt'] | ['decrypt'],
  ): Promise<KeyHandle>;
  encrypt(algorithm: GcmParams, key: KeyHandle, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: GcmParams, key: KeyHandle, data: Bytes): Promise<ArrayBuffer>;
  digest(algorithm: 'SHA-256', data: Bytes): Promise<ArrayBuffer>;
};

export type EnvelopeDeps = {
  subtle: EnvelopeSubtle;
  /** Cryptographically secure random bytes: `(n) => crypto.getRandomValues(new Uint8Array(n))`. */
  randomBytes: (length: number) => Uint8Array;
  /**
   * The fewest PBKDF2 rounds `seal` may use and `open` accepts. Leave it out in the app; only tests lower
   * it, to run many round trips quickly.
   */
  minIterations?: number;
};

export const ENVELOPE_MAGIC = [0x58, 0x42, 0x45, 0x4e, 0x43] as const; // "XBENC"
export const ENVELOPE_VERSION = 0x31; // "1"
/** OWASP's 2023 figure for PBKDF2-HMAC-SHA-256, and ARCHITECTURE §6's minimum. */
export const MIN_ITERATIONS = 600_000;
export const DEFAULT_ITERATIONS = MIN_ITERATIONS;
/** A crafted file must not make `open` spin for minutes before it can fail. */
export const MAX_ITERATIONS = 10_000_000;

const SALT_BYTES = 16;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const DIGEST_BYTES = 32;
const HEADER_BYTES = ENVELOPE_MAGIC.length + 2 + 4 + SALT_BYTES + IV_BYTES;
/** The smallest sealed file: an empty content. */
export const ENVELOPE_MIN_BYTES = HEADER_BYTES + TAG_BYTES + DIGEST_BYTES;

/** True when the bytes start like a sealed file (of any version); a zip starts with "PK" instead. */
export function isSealed(bytes: Uint8Array): boolean {
  return bytes.length >= HEADER_BYTES && ENVELOPE_MAGIC.every((b, i) => bytes[i] === b) && bytes[6] === 0;
}

function normalisedPassword(password: string): Bytes | null {
  const text = password.normalize('NFC');
  return text === '' ? null : utf8Encode(text);
}

async function deriveKey(
  subtle: EnvelopeSubtle,
  password: Bytes,
  salt: Bytes,
  iterations: number,
  usage: 'encrypt' | 'decrypt',
): Promise<KeyHandle> {
  const base = await subtle.importKey('raw', password, 'PBKDF2', false, ['deriveKey']);
  return subtle.deriveKey({ name: 'PBKDF2', salt, iterations, hash: 'SHA-256' }, base, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Seals `content` under `password` (NFC-normalised; must not be empty).
 * Errors: envelope.passwordEmpty, envelope.failed {detail} (the crypto implementation failed).
 * @throws RangeError when `options.iterations` is not a whole number from the minimum to MAX_ITERATIONS:
 *   a programming error, not something a user can cause.
 */
export async function seal(
  content: Uint8Array,
  password: string,
  deps: EnvelopeDeps,
  options: { iterations?: number } = {},
): Promise<Result<Bytes>> {
  const minimum = deps.minIterations ?? MIN_ITERATIONS;
  const iterations = options.iterations ?? DEFAULT_ITERATIONS;
  if (!Number.isInteger(iterations) || iterations < minimum || iterations > MAX_ITERATIONS) {
    throw new RangeError(`PBKDF2 iterations must be a whole number from ${minimum} to ${MAX_ITERATIONS}, not ${iterations}`);
  }
  const secret = normalisedPassword(password);
  if (secret === null) return err(appError('envelope.passwordEmpty'));

  const salt = deps.randomBytes(SALT_BYTES);
  const iv = deps.randomBytes(IV_BYTES);
  if (salt.length !== SALT_BYTES || iv.length !== IV_BYTES) throw new RangeError('randomBytes returned the wrong number of bytes');
  const header = new Uint8Array(HEADER_BYTES);
  header.set(ENVELOPE_MAGIC, 0);
  header[5] = ENVELOPE_VERSION;
  header[6] = 0;
  new DataView(header.buffer).setUint32(7, iterations);
  header.set(salt, 11);
  header.set(iv, 11 + SALT_BYTES);

  try {
    const key = await deriveKey(deps.subtle, secret, header.slice(11, 27), iterations, 'encrypt');
    const sealed = new Uint8Array(
      await deps.subtle.encrypt({ name: 'AES-GCM', iv: header.slice(27, 39), additionalData: header, tagLength: 128 }, key, onArrayBuffer(content)),
    );
    const out = new Uint8Array(HEADER_BYTES + sealed.length + DIGEST_BYTES);
    out.set(header, 0);
    out.set(sealed, HEADER_BYTES);
    const body = out.subarray(0, HEADER_BYTES + sealed.length);
    out.set(new Uint8Array(await deps.subtle.digest('SHA-256', body)), body.length);
    return ok(out);
  } catch (error) {
    return err(appError('envelope.failed', undefined, describe(error)));
  }
}

/**
 * Opens a sealed file. Checks run from cheapest to dearest, so a damaged or crafted file fails before
 * any key is derived.
 * Errors: envelope.passwordEmpty; envelope.corrupt (not a sealed file, truncated or changed);
 * envelope.unsupported (a format version or PBKDF2 round count this version does not accept);
 * envelope.wrongPassword (the content does not authenticate under this password);
 * envelope.failed {detail} (the crypto implementation failed).
 */
export async function open(sealed: Uint8Array, password: string, deps: EnvelopeDeps): Promise<Result<Bytes>> {
  const secret = normalisedPassword(password);
  if (secret === null) return err(appError('envelope.passwordEmpty'));
  if (!isSealed(sealed)) return err(appError('envelope.corrupt', undefined, 'no envelope header'));
  if (sealed[5] !== ENVELOPE_VERSION) return err(appError('envelope.unsupported', undefined, `format version byte ${sealed[5]}`));
  if (sealed.length < ENVELOPE_MIN_BYTES) return err(appError('envelope.corrupt', undefined, `${sealed.length} bytes is too short`));

  const bytes = onArrayBuffer(sealed);
  const digestAt = bytes.length - DIGEST_BYTES;
  let digest: Uint8Array;
  try {
    digest = new Uint8Array(await deps.subtle.digest('SHA-256', bytes.subarray(0, digestAt)));
  } catch (error) {
    return err(appError('envelope.failed', undefined, describe(error)));
  }
  if (!digest.every((b, i) => bytes[digestAt + i] === b)) return err(appError('envelope.corrupt', undefined, 'checksum mismatch'));

  const iterations = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(7);
  const minimum = deps.minIterations ?? MIN_ITERATIONS;
  if (iterations < minimum || iterations > MAX_ITERATIONS) {
    return err(appError('envelope.unsupported', undefined, `${iterations} PBKDF2 iterations (accepted: ${minimum} to ${MAX_ITERATIONS})`));
  }

  const header = bytes.slice(0, HEADER_BYTES);
  let key: KeyHandle;
  try {
    key = await deriveKey(deps.subtle, secret, header.slice(11, 27), iterations, 'decrypt');
  } catch (error) {
    return err(appError('envelope.failed', undefined, describe(error)));
  }
  try {
    const plain = await deps.subtle.decrypt(
      { name: 'AES-GCM', iv: header.slice(27, 39), additionalData: header, tagLength: 128 },
      key,
      bytes.subarray(HEADER_BYTES, digestAt),
    );
    return ok(new Uint8Array(plain));
  } catch {
    // The checksum matched, so the file is as it was written: the password is what differs.
    return err(appError('envelope.wrongPassword'));
  }
}

/** WebCrypto's types want bytes on a plain ArrayBuffer; only bytes on a shared one are copied (packages are big). */
function onArrayBuffer(bytes: Uint8Array): Bytes {
  if (bytes.buffer instanceof ArrayBuffer) return bytes as Bytes;
  const out = new Uint8Array(bytes.length);
  out.set(bytes);
  return out;
}
