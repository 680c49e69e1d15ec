// The signed checklist package (`*.xbchecklist`, format xiaobao.checklist-package/1): head office
// distributes a checklist with its issuer and device key; a branch checks the signature, the file hashes
// and that checklist.json is the very checklist the manifest names (id, version, fingerprint) before it
// offers to import it. Built on the generic signed package of core/package.
import { z } from 'zod';
import { canonicalJson } from '../canonical';
import type { Sha256 } from '../hash';
import { ORG_LEVELS } from '../org/model';
import { buildSignedPackage, verifySignedPackage, type PackageEntries, type Signer, type SignatureVerifier } from '../package/signed';
import { manifestSchema, sha256HexSchema, type PackageDevice } from '../package/manifest';
import { appError, err, ok, type Result } from '../result';
import { utf8Decode, utf8Encode } from '../utf8';
import { checklistFingerprint } from './fingerprint';
import { formatChecklistProblem } from './messages';
import { parseChecklistText } from './parse';
import { allItems } from './items';
import { ID_PATTERN, VERSION_PATTERN, type Checklist } from './schema';

export const CHECKLIST_PACKAGE_FORMAT = 'xiaobao.checklist-package/1';
export const CHECKLIST_PACKAGE_EXTENSION = 'xbchecklist';
export const CHECKLIST_PACKAGE_FILE = 'checklist.json';

/** A checklist is at most 5 MB; the caps leave room for nothing else. */
export const CHECKLIST_PACKAGE_CAPS = {
  maxPackageBytes: 10 * 1024 * 1024,
  maxEntries: 16,
  maxEntryBytes: 6 * 1024 * 1024,
  maxTotalBytes: 8 * 1024 * 1024,
  maxRatio: 200,
} as const;

export const checklistPackageManifestSchema = manifestSchema(CHECKLIST_PACKAGE_FORMAT, {
  issuer: z.strictObject({ code: z.string().regex(/^[A-Za-z0-9_-]{2,32}$/), name: z.string().min(1).max(100), level: z.enum(ORG_LEVELS) }),
  checklist: z.strictObject({
    id: z.string().regex(ID_PATTERN),
    version: z.string().regex(VERSION_PATTERN),
    title: z.string().min(1).max(200),
    items: z.number().int().min(1),
    /** checklistFingerprint: what an inspection pins. */
    sha256: sha256HexSchema,
  }),
});
export type ChecklistPackageManifest = z.infer<typeof checklistPackageManifestSchema>;

export type ChecklistPackageInput = {
  checklist: Checklist;
  issuer: ChecklistPackageManifest['issuer'];
  device: PackageDevice;
  exportedAt: string;
  exportedBy: string;
  sha256: Sha256;
  sign: Signer;
};

export async function buildChecklistPackage(input: ChecklistPackageInput): Promise<Result<PackageEntries>> {
  const { checklist } = input;
  const built = await buildSignedPackage<ChecklistPackageManifest>({
    manifest: {
      format: CHECKLIST_PACKAGE_FORMAT,
      issuer: input.issuer,
      device: input.device,
      exportedAt: input.exportedAt,
      exportedBy: input.exportedBy,
      checklist: {
        id: checklist.id,
        version: checklist.version,
        title: checklist.title,
        items: allItems(checklist).length,
        sha256: await checklistFingerprint(checklist, input.sha256),
      },
    },
    files: [{ path: CHECKLIST_PACKAGE_FILE, bytes: utf8Encode(canonicalJson(checklist)) }],
    sha256: input.sha256,
    sign: input.sign,
  });
  return built.ok ? ok(built.value.entries) : built;
}

export type OpenedChecklistPackage = {
  checklist: Checklist;
  sha256: string;
  manifest: ChecklistPackageManifest;
  signer: { fingerprint: string; deviceId: string };
};

/**
 * Verifies the package (see verifySignedPackage), then parses checklist.json and checks it is the
 * checklist the manifest names. Errors: those of verifySignedPackage, package.badChecklist {count}
 * (detail: the problems), package.checklistMismatch.
 */
export async function openChecklistPackage(
  entries: PackageEntries,
  crypto: { sha256: Sha256; verify: SignatureVerifier },
): Promise<Result<OpenedChecklistPackage>> {
  const verified = await verifySignedPackage(entries, {
    format: CHECKLIST_PACKAGE_FORMAT,
    schema: checklistPackageManifestSchema,
    requiredFiles: [CHECKLIST_PACKAGE_FILE],
    ...crypto,
  });
  if (!verified.ok) return verified;
  const { manifest, files, signer } = verified.value;
  const inner = files[CHECKLIST_PACKAGE_FILE];
  const text = inner === undefined ? null : utf8Decode(inner);
  const parsed = text === null ? null : parseChecklistText(text);
  if (parsed === null || !parsed.ok) {
    const problems = parsed === null ? [] : parsed.error;
    return err(appError('package.badChecklist', { count: Math.max(1, problems.length) }, problems.slice(0, 20).map((p) => formatChecklistProblem(p, 'zh-CN')).join('\n')));
  }
  const checklist = parsed.value;
  const sha256 = await checklistFingerprint(checklist, crypto.sha256);
  const named = manifest.checklist;
  if (named.id !== checklist.id || named.version !== checklist.version || named.sha256 !== sha256) {
    return err(appError('package.checklistMismatch'));
  }
  return ok({ checklist, sha256, manifest, signer: { fingerprint: signer.fingerprint, deviceId: signer.deviceId } });
}

/** A file name for the package, from the checklist's id and version (both already safe for file names). */
export function checklistPackageName(c: Pick<Checklist, 'id' | 'version'>): string {
  return `${c.id}-${c.version}.${CHECKLIST_PACKAGE_EXTENSION}`;
}
