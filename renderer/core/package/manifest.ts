// What every signed package's manifest.json has in common (ARCHITECTURE §6): the format, the signing
// device, when and by whom it was exported, and the sha256 of every other file. A package kind adds its
// own fields (a checklist package its issuer and checklist, a ledger package its org unit, seq, counts…).
import { z } from 'zod';

export const MANIFEST_PATH = 'manifest.json';
export const SIGNATURE_PATH = 'manifest.sig';
export const SIGNATURE_BYTES = 64;
export const PUBLIC_KEY_BYTES = 32;

export const sha256HexSchema = z.string().regex(/^[0-9a-f]{64}$/);

export const packageFileSchema = z.strictObject({
  path: z.string().min(1).max(255),
  size: z.number().int().min(0),
  sha256: sha256HexSchema,
});
export type PackageFileEntry = z.infer<typeof packageFileSchema>;

export const packageDeviceSchema = z.strictObject({
  id: z.string().min(1).max(100),
  /** Raw 32-byte Ed25519 public key, standard base64 with padding. */
  publicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/),
  /** keyFingerprint(publicKey): eight groups of four upper-case hex digits. */
  fingerprint: z.string().regex(/^[0-9A-F]{4}( [0-9A-F]{4}){7}$/),
});
export type PackageDevice = z.infer<typeof packageDeviceSchema>;

/** An ISO 8601 UTC instant as toISOString writes it. */
export const instantSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,3})?Z$/);

export const MAX_PACKAGE_FILES = 100_000;

const baseShape = {
  device: packageDeviceSchema,
  exportedAt: instantSchema,
  exportedBy: z.string().min(1).max(100),
  files: z.array(packageFileSchema).min(1).max(MAX_PACKAGE_FILES),
};

/** The manifest schema of one package format: the common fields plus the format's own. */
export function manifestSchema<F extends string, S extends z.ZodRawShape>(format: F, shape: S) {
  return z.strictObject({ format: z.literal(format), ...baseShape, ...shape });
}

export type BaseManifest = { format: string; device: PackageDevice; exportedAt: string; exportedBy: string; files: PackageFileEntry[] };
