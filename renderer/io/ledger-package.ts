// Ledger package files (`*.xbledger`): the zip around core/ledger/package's entries, optionally sealed
// with a password (core/crypto/envelope). Used by the export worker, head office's import and the
// command line, so all three read and write the very same bytes.
import { isSealed, open, seal, type EnvelopeDeps } from '../core/crypto/envelope';
import { buildLedgerPackage, LEDGER_PACKAGE_CAPS, openLedgerPackage, type LedgerManifest, type LedgerPackageInput, type OpenedLedgerPackage } from '../core/ledger/package';
import { sha256Hex, type Sha256 } from '../core/hash';
import type { SignatureVerifier } from '../core/package/signed';
import { appError, err, ok, type Result } from '../core/result';
import { strictUtf8Decode } from './text';
import { unzipWithCaps, zipEntries } from './zip';

export type WrittenLedgerPackage = {
  /** The file to save: the zip, or the sealed zip when a password was given. */
  bytes: Uint8Array;
  manifest: LedgerManifest;
  /** sha256 of the zip (before sealing): the package's identity, the next package's prevPackageSha256. */
  packageSha256: string;
};

export type LedgerProtection = {
  password: string;
  envelope: EnvelopeDeps;
  /** PBKDF2 rounds; leave it out in the app (the envelope's default). Tests lower it with envelope.minIterations. */
  iterations?: number;
};

export async function writeLedgerPackage(input: LedgerPackageInput, protection: LedgerProtection | null = null): Promise<Result<WrittenLedgerPackage>> {
  const built = await buildLedgerPackage(input);
  if (!built.ok) return built;
  const zip = zipEntries(built.value.entries);
  const packageSha256 = await sha256Hex(zip, input.sha256);
  if (protection === null) return ok({ bytes: zip, manifest: built.value.manifest, packageSha256 });
  const sealed = await seal(zip, protection.password, protection.envelope, protection.iterations === undefined ? {} : { iterations: protection.iterations });
  return sealed.ok ? ok({ bytes: sealed.value, manifest: built.value.manifest, packageSha256 }) : sealed;
}

export type ReadLedgerOptions = {
  sha256: Sha256;
  verify: SignatureVerifier;
  /** Needed for a sealed file: without it, ledger.passwordRequired. */
  password?: string;
  envelope?: EnvelopeDeps;
};

export type ReadLedgerPackage = OpenedLedgerPackage & { packageSha256: string; sealed: boolean };

/**
 * A package file's bytes → its verified contents. Errors: ledger.passwordRequired, the envelope's
 * (envelope.wrongPassword, envelope.corrupt…), the zip's (package.notZip, package.tooLarge…), and
 * those of openLedgerPackage.
 */
export async function readLedgerPackage(bytes: Uint8Array, options: ReadLedgerOptions): Promise<Result<ReadLedgerPackage>> {
  let zip = bytes;
  const sealed = isSealed(bytes);
  if (sealed) {
    if (options.password === undefined || options.envelope === undefined) return err(appError('ledger.passwordRequired'));
    const opened = await open(bytes, options.password, options.envelope);
    if (!opened.ok) return opened;
    zip = opened.value;
  }
  const entries = unzipWithCaps(zip, LEDGER_PACKAGE_CAPS);
  if (!entries.ok) return entries;
  const opened = await openLedgerPackage(entries.value, { sha256: options.sha256, verify: options.verify, utf8Decode: strictUtf8Decode });
  if (!opened.ok) return opened;
  return ok({ ...opened.value, packageSha256: await sha256Hex(zip, options.sha256), sealed });
}
