// Shared by the campaigns that feed ledger packages to head office (issue 8: tampering, hostile
// files): a demo branch's real signed packages, a head office that already holds some of them, the
// import job run exactly as the app runs it, what it answered, and whether that answer is in words.
import { unzipSync } from 'fflate';
import { ed25519FromSeed, nodeSha256 } from '../../electron/cli/node-crypto';
import { toBase64 } from '../../renderer/core/crypto/encoding';
import { keyFingerprint } from '../../renderer/core/crypto/fingerprint';
import { demoBranch, type DemoBranch } from '../../renderer/core/demo/campaign';
import { demoFollowUp } from '../../renderer/core/demo/follow-up';
import { demoPackageInput, demoSheetRows } from '../../renderer/core/demo/package-input';
import { LEDGER_DATA_FILE, type LedgerData, type LedgerManifest } from '../../renderer/core/ledger/package';
import type { PackageDevice } from '../../renderer/core/package/manifest';
import { buildSignedPackage, type Signer } from '../../renderer/core/package/signed';
import type { Result } from '../../renderer/core/result';
import type { XbDb } from '../../renderer/db/db';
import type { ImportDecisions, PackageReport } from '../../renderer/db/repos/ledger-import';
import { completeSetup } from '../../renderer/db/repos/settings';
import { enUS } from '../../renderer/i18n/en-US';
import { zhCN } from '../../renderer/i18n/zh-CN';
import { readLedgerPackage, writeLedgerPackage } from '../../renderer/io/ledger-package';
import { ledgerWorkbookBytes } from '../../renderer/io/ledger-workbook';
import { repackZip, zipEntries } from '../../renderer/io/zip';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import type { LedgerImportJobOutput } from '../../renderer/workers/jobs';
import { ledgerImportHandlers } from '../../renderer/workers/ledger-import-handler';
import { bundledChecklists } from '../core/ledger/fixtures';
import { unwrap } from './finding-helpers';
import { freshDb } from './helpers';

export const ACTOR = '王五';

/** A package as written, and what it opens to. */
export type Built = { bytes: Uint8Array; sha: string; manifest: LedgerManifest; data: LedgerData; entries: Record<string, Uint8Array> };

export async function built(bytes: Uint8Array): Promise<Built> {
  const opened = unwrap(await readLedgerPackage(bytes, { sha256: platformSha256, verify: platformEd25519Verify }));
  return { bytes, sha: opened.packageSha256, manifest: opened.manifest, data: opened.data, entries: unzipSync(bytes) };
}

export async function deviceOf(id: string, key: { publicKey: Uint8Array }): Promise<PackageDevice> {
  return { id, publicKey: toBase64(key.publicKey), fingerprint: await keyFingerprint(key.publicKey, nodeSha256) };
}

export type DemoPackages = { branch: DemoBranch; key: { publicKey: Uint8Array; sign: Signer }; device: PackageDevice; packages: Built[] };

/**
 * `count` successive full packages of one demo branch (seq 1, 2…, each a follow-up of the one before),
 * workbook and photos included, made as `xiaobao demo` makes them: the same bytes on every run.
 */
export async function demoPackages(seed: string, count: number): Promise<DemoPackages> {
  const checklists = await bundledChecklists();
  const branches = [demoBranch({ seed, branches: 1, asOf: '2026-06-30', checklists }, 0)];
  const laterDays = ['2026-08-15', '2026-09-30', '2026-11-15'];
  while (branches.length < count) branches.push(demoFollowUp(branches.at(-1)!, laterDays[branches.length - 1]!));
  const branch = branches[0]!;
  const key = ed25519FromSeed(branch.device.seed);
  const device = await deviceOf(branch.device.id, key);
  const packages: Built[] = [];
  for (const [n, b] of branches.entries()) {
    const workbook = repackZip(unwrap(await ledgerWorkbookBytes(demoSheetRows(b), { asOf: b.asOf, created: new Date(b.exportedAt) })));
    const input = demoPackageInput(b, { device, workbook, sha256: nodeSha256, sign: key.sign, generator: 'soak' }, { seq: n + 1, prevPackageSha256: packages[n - 1]?.sha ?? null });
    packages.push(await built(unwrap(await writeLedgerPackage(input)).bytes));
  }
  return { branch, key, device, packages };
}

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });

/** Head office's import job as the page runs it: preview (decisions null) or confirm. */
export async function runJob(db: XbDb, files: { name: string; bytes: Uint8Array }[], decisions: ImportDecisions | null): Promise<Result<LedgerImportJobOutput>> {
  const [job] = ledgerImportHandlers(() => ({ db, release: () => undefined }));
  const input = { files: files.map((f) => ({ name: f.name, bytes: f.bytes.slice() })), password: null, decisions, actor: ACTOR };
  return (await job!.run(input, context())) as Result<LedgerImportJobOutput>;
}

export const trustAll = (reports: readonly { packageSha256: string }[]): ImportDecisions =>
  Object.fromEntries(reports.map((r) => [r.packageSha256, { trustKey: true, resolutions: {} }]));

/** A set-up head office that has imported `imported`, the branch's key trusted. */
export async function headOffice(imported: readonly Built[]): Promise<XbDb> {
  const db = await freshDb();
  unwrap(await completeSetup(db, { role: 'head', inspectorName: ACTOR, orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));
  for (const p of imported) {
    const preview = unwrap(await runJob(db, [{ name: 'p', bytes: p.bytes }], null));
    unwrap(await runJob(db, [{ name: 'p', bytes: p.bytes }], trustAll(preview.reports)));
  }
  return db;
}

/** A reason the user can read: an error code (`errors.x.y`) or message key present in both catalogues. */
export function hasWords(key: string): boolean {
  const lookup = (catalogue: Record<string, unknown>): unknown =>
    key.startsWith('errors.') ? (catalogue['errors'] as Record<string, unknown>)[key.slice('errors.'.length)] : key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], catalogue);
  return [zhCN, enUS].every((c) => {
    const text = lookup(c as unknown as Record<string, unknown>);
    return typeof text === 'string' && text.trim() !== '';
  });
}

/** What the import job answered for one file: refused (unreadable or refusal), flagged or taken. */
export type Outcome = { verdict: 'refused' | 'flagged' | 'taken'; reason: string; report: PackageReport | null };

export function outcomeOf(out: LedgerImportJobOutput): Outcome {
  const [unreadable] = out.unreadable;
  if (unreadable) return { verdict: 'refused', reason: `errors.${unreadable.error.code}`, report: null };
  const report = out.reports[0]!;
  if (report.refusal) return { verdict: 'refused', reason: `errors.${report.refusal.code}`, report };
  if (report.noOp) return { verdict: 'flagged', reason: report.warnings[0] ? `errors.${report.warnings[0].code}` : 'ledgerImport.noOp', report };
  return { verdict: 'taken', reason: '', report };
}

/**
 * `target` made again with ledger.json's bytes and manifest fields replaced, every file listed with its
 * hash and the manifest signed by `sign`: a package whose signature holds whatever it carries.
 */
export async function resealed(target: Built, change: { ledger?: Uint8Array; manifest?: Record<string, unknown> }, sign: Signer): Promise<Uint8Array> {
  const { files: _files, ...rest } = target.manifest;
  const files = Object.entries(target.entries)
    .filter(([path]) => path !== 'manifest.json' && path !== 'manifest.sig')
    .map(([path, bytes]) => ({ path, bytes: path === LEDGER_DATA_FILE && change.ledger !== undefined ? change.ledger : bytes }));
  const manifest = { ...rest, ...change.manifest } as Omit<LedgerManifest, 'files'>;
  const signed = unwrap(await buildSignedPackage<LedgerManifest>({ manifest, files, sha256: nodeSha256, sign }));
  return zipEntries(signed.entries);
}

/**
 * The byte offsets of a zip's records: every local file header with its name and extra field, the
 * central directory, the end record. Everything else is the entries' (compressed) contents.
 */
export function zipStructure(zip: Uint8Array): number[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out: number[] = [];
  const take = (from: number, length: number) => {
    for (let i = from; i < from + length; i++) out.push(i);
  };
  let at = 0;
  while (view.getUint32(at, true) === 0x04034b50) {
    const header = 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
    take(at, header);
    at += header + view.getUint32(at + 18, true);
  }
  // From here on: the central directory and the end of central directory record.
  take(at, zip.byteLength - at);
  return out;
}

export const flipBit = (bytes: Uint8Array, bit: number): Uint8Array => {
  const out = bytes.slice();
  const at = bit % (out.byteLength * 8);
  out[at >> 3]! ^= 1 << (at & 7);
  return out;
};
