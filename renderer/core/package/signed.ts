// Building and verifying a signed package's contents (ARCHITECTURE §6), whatever its format: the zip is
// made and opened in renderer/io; this module sees the entries as bytes. manifest.json is canonical JSON
// listing every other file with its size and sha256; manifest.sig is the 64-byte Ed25519 signature of
// the manifest's exact bytes, by the exporting device's key, whose raw public key and fingerprint the
// manifest carries. Verification stops at the first failure and says which.
import type { z } from 'zod';
import { canonicalJson } from '../canonical';
import { keyFingerprint } from '../crypto/fingerprint';
import { fromBase64 } from '../crypto/encoding';
import { sha256Hex, type Sha256 } from '../hash';
import { appError, err, ok, type Result } from '../result';
import { utf8Decode, utf8Encode } from '../utf8';
import { MANIFEST_PATH, PUBLIC_KEY_BYTES, SIGNATURE_BYTES, SIGNATURE_PATH, type BaseManifest, type PackageFileEntry } from './manifest';
import { entryPathProblem } from './zip-guard';

/** Signs with the device's private key (WebCrypto Ed25519 in the app). */
export type Signer = (data: Uint8Array) => Promise<Uint8Array>;
/** true when `signature` is a valid Ed25519 signature of `data` by the raw 32-byte `publicKey`. */
export type SignatureVerifier = (publicKey: Uint8Array, signature: Uint8Array, data: Uint8Array) => Promise<boolean>;

export type PackageFile = { path: string; bytes: Uint8Array };
export type PackageEntries = Record<string, Uint8Array>;

const RESERVED = new Set([MANIFEST_PATH, SIGNATURE_PATH]);

/**
 * The entries of a signed package: the given files, manifest.json (the manifest plus the file list) and
 * manifest.sig. `manifest` holds everything but `files`.
 */
export async function buildSignedPackage<M extends BaseManifest>(input: {
  manifest: Omit<M, 'files'>;
  files: PackageFile[];
  sha256: Sha256;
  sign: Signer;
}): Promise<Result<{ entries: PackageEntries; manifest: M; manifestBytes: Uint8Array }>> {
  const entries: PackageEntries = {};
  const listed: PackageFileEntry[] = [];
  for (const f of input.files) {
    const problem = entryPathProblem(f.path);
    if (problem !== null || RESERVED.has(f.path) || f.path.endsWith('/') || Object.hasOwn(entries, f.path)) {
      return err(appError('package.badPath', { path: f.path, reason: problem ?? 'reserved' }));
    }
    entries[f.path] = f.bytes;
    listed.push({ path: f.path, size: f.bytes.byteLength, sha256: await sha256Hex(f.bytes, input.sha256) });
  }
  const manifest = { ...input.manifest, files: listed } as M;
  const manifestBytes = utf8Encode(canonicalJson(manifest));
  let signature: Uint8Array;
  try {
    signature = await input.sign(manifestBytes);
  } catch (e) {
    return err(appError('package.signFailed', undefined, String(e)));
  }
  if (signature.byteLength !== SIGNATURE_BYTES) return err(appError('package.signFailed', undefined, `signature of ${signature.byteLength} bytes`));
  entries[MANIFEST_PATH] = manifestBytes;
  entries[SIGNATURE_PATH] = signature;
  return ok({ entries, manifest, manifestBytes });
}

export type VerifiedPackage<M> = {
  manifest: M;
  /** Every listed file, checked against its size and sha256. */
  files: Record<string, Uint8Array>;
  /** The key that signed it; the caller decides whether to trust it (the fingerprint is for people). */
  signer: { publicKey: Uint8Array; fingerprint: string; deviceId: string };
};

export type VerifyOptions<M> = {
  format: string;
  schema: z.ZodType<M>;
  /** Files this format must contain, e.g. ['checklist.json']. */
  requiredFiles: readonly string[];
  sha256: Sha256;
  verify: SignatureVerifier;
};

/**
 * Order: manifest readable → right format → manifest schema → canonical bytes → signature present → key
 * and fingerprint → signature valid → every listed file present with its size and sha256 → required files
 * listed → nothing unlisted. Error codes: package.noManifest, package.badManifest, package.wrongFormat
 * {found, expected}, package.manifestNotCanonical, package.unsigned, package.badKey,
 * package.fingerprintMismatch, package.badSignature, package.badPath {path}, package.fileMissing {path},
 * package.fileHashMismatch {path}, package.unexpectedFile {path}.
 */
export async function verifySignedPackage<M extends BaseManifest>(
  entries: PackageEntries,
  options: VerifyOptions<M>,
): Promise<Result<VerifiedPackage<M>>> {
  const entry = (path: string): Uint8Array | undefined => (Object.hasOwn(entries, path) ? entries[path] : undefined);
  const manifestBytes = entry(MANIFEST_PATH);
  if (manifestBytes === undefined) return err(appError('package.noManifest'));
  const text = utf8Decode(manifestBytes);
  if (text === null) return err(appError('package.badManifest', undefined, 'manifest.json is not UTF-8'));
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return err(appError('package.badManifest', undefined, String(e)));
  }
  const format = typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? (raw as Record<string, unknown>)['format'] : undefined;
  if (format !== options.format) {
    return err(appError('package.wrongFormat', { found: typeof format === 'string' ? format.slice(0, 60) : '—', expected: options.format }));
  }
  const parsed = options.schema.safeParse(raw);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return err(appError('package.badManifest', undefined, first ? `${first.path.join('.')}: ${first.code}` : 'schema'));
  }
  const manifest = parsed.data;
  if (canonicalJson(raw) !== text) return err(appError('package.manifestNotCanonical'));

  const signature = entry(SIGNATURE_PATH);
  if (signature === undefined) return err(appError('package.unsigned'));
  if (signature.byteLength !== SIGNATURE_BYTES) return err(appError('package.badSignature', undefined, `${signature.byteLength} bytes`));
  const publicKey = fromBase64(manifest.device.publicKey);
  if (publicKey === null || publicKey.byteLength !== PUBLIC_KEY_BYTES) return err(appError('package.badKey'));
  const fingerprint = await keyFingerprint(publicKey, options.sha256);
  if (fingerprint !== manifest.device.fingerprint) return err(appError('package.fingerprintMismatch', { fingerprint: manifest.device.fingerprint }));
  let valid: boolean;
  try {
    valid = await options.verify(publicKey, signature, manifestBytes);
  } catch (e) {
    return err(appError('package.badSignature', undefined, String(e)));
  }
  if (!valid) return err(appError('package.badSignature'));

  const files: Record<string, Uint8Array> = {};
  for (const f of manifest.files) {
    if (entryPathProblem(f.path) !== null || RESERVED.has(f.path) || Object.hasOwn(files, f.path)) {
      return err(appError('package.badPath', { path: f.path.slice(0, 80), reason: 'manifest' }));
    }
    const bytes = entry(f.path);
    if (bytes === undefined) return err(appError('package.fileMissing', { path: f.path }));
    if (bytes.byteLength !== f.size || (await sha256Hex(bytes, options.sha256)) !== f.sha256) {
      return err(appError('package.fileHashMismatch', { path: f.path }));
    }
    files[f.path] = bytes;
  }
  for (const path of options.requiredFiles) if (!Object.hasOwn(files, path)) return err(appError('package.fileMissing', { path }));
  for (const path of Object.keys(entries)) {
    if (!RESERVED.has(path) && !Object.hasOwn(files, path)) return err(appError('package.unexpectedFile', { path: path.slice(0, 80) }));
  }
  return ok({ manifest, files, signer: { publicKey, fingerprint, deviceId: manifest.device.id } });
}

