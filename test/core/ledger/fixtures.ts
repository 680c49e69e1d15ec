// Ledger packages to test against: Ed25519 keys from node:crypto (a different implementation from the
// WebCrypto the app signs with), a tiny hand-made ledger whose every record is known, a demo branch
// for realistic volume, and helpers to build, zip, unzip and re-sign packages.
import { createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerifyRaw, type KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { headOf, sealEntry } from '../../../renderer/core/audit/chain';
import { creationChangesOf } from '../../../renderer/core/audit/changes';
import type { ChainHead, HistoryDraft, HistoryEntry } from '../../../renderer/core/audit/types';
import { canonicalJson } from '../../../renderer/core/canonical';
import { checklistFingerprint } from '../../../renderer/core/checklist/fingerprint';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import { toBase64 } from '../../../renderer/core/crypto/encoding';
import type { EnvelopeDeps } from '../../../renderer/core/crypto/envelope';
import { keyFingerprint } from '../../../renderer/core/crypto/fingerprint';
import { demoBranch, type DemoBranch, type DemoChecklist } from '../../../renderer/core/demo/campaign';
import { demoPackageInput } from '../../../renderer/core/demo/package-input';
import { encodePng, noticePicture } from '../../../renderer/core/demo/png';
import { blankFinding, creationChanges, type Finding } from '../../../renderer/core/finding/model';
import { toHex } from '../../../renderer/core/hash';
import type { LedgerData, LedgerPackageInput } from '../../../renderer/core/ledger/package';
import type { PackageDevice } from '../../../renderer/core/package/manifest';
import type { SignatureVerifier, Signer } from '../../../renderer/core/package/signed';
import { sha256Sync } from '../../../renderer/core/sha256';
import { utf8Encode } from '../../../renderer/core/utf8';
import { readLedgerPackage, writeLedgerPackage, type LedgerProtection } from '../../../renderer/io/ledger-package';
import { nodeSha256 } from '../helpers';

export type NodeKey = { device: PackageDevice; sign: Signer; raw: Uint8Array; publicKey: KeyObject };

export async function nodeKey(id = 'dev-branch-1'): Promise<NodeKey> {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const jwk = publicKey.export({ format: 'jwk' });
  const raw = new Uint8Array(Buffer.from(jwk.x ?? '', 'base64url'));
  return {
    raw,
    publicKey,
    device: { id, publicKey: toBase64(raw), fingerprint: await keyFingerprint(raw, nodeSha256) },
    sign: async (data) => new Uint8Array(nodeSign(null, data, privateKey)),
  };
}

/** Verifies with node:crypto from the raw key, as head office IT could without our code. */
export const nodeVerify: SignatureVerifier = async (publicKey, signature, data) =>
  nodeVerifyRaw(null, data, createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') }, format: 'jwk' }), signature);

/** Low PBKDF2 rounds: a sealed round trip stays fast; the format is the same. */
export const FAST_ROUNDS = 1000;
export const fastEnvelope: EnvelopeDeps = { subtle: crypto.subtle, randomBytes: (n) => crypto.getRandomValues(new Uint8Array(n)), minIterations: FAST_ROUNDS };

const AT = '2026-03-02T01:00:00.000Z';
const CHECKLIST = { id: 'branch-onsite', version: '2026.1', sha256: 'c'.repeat(64) };

type Chain = { head: ChainHead | null; entries: HistoryEntry[] };

function append(chain: Chain, deviceId: string, draft: HistoryDraft): void {
  const e = sealEntry(draft, deviceId, chain.head);
  chain.entries.push(e);
  chain.head = headOf(e);
}

/**
 * A branch (BR01) with one outlet (WD0101), one inspection with two answers, one failing answer's
 * finding with one photo, and the five history entries that made them.
 */
export function tinyLedger(deviceId = 'dev-branch-1'): { data: LedgerData; photo: Uint8Array } {
  const photo = encodePng(8, 6, noticePicture(8, 6, [200, 190, 170], [210, 30, 30], 1));
  const photoId = toHex(sha256Sync(photo));
  const meta = { rev: 1, updatedAt: AT, updatedBy: '张三', deviceId };
  const chain: Chain = { head: null, entries: [] };
  const inspection = {
    id: 'insp-1',
    ...meta,
    deletedAt: null,
    checklistId: CHECKLIST.id,
    checklistVersion: CHECKLIST.version,
    checklistSha256: CHECKLIST.sha256,
    checklistTitle: '网点消费者权益保护现场检查表',
    orgUnitCode: 'WD0101',
    kind: 'superior' as const,
    inspectors: ['张三'],
    date: '2026-03-02',
    startedAt: AT,
    finishedAt: null,
    status: 'draft' as const,
  };
  append(chain, deviceId, { entityType: 'inspection', entityId: inspection.id, at: AT, actor: '张三', action: 'create', changes: creationChangesOf(inspection, ['orgUnitCode', 'date', 'status']), reason: null });
  const answers = [
    { inspectionId: 'insp-1', itemCode: 'B-PUB-01', verdict: 'compliant' as const, note: '', sampleSize: null, exceptions: null, attachments: [] as string[], rev: 1, updatedAt: AT, updatedBy: '张三', deviceId },
    { inspectionId: 'insp-1', itemCode: 'B-PUB-02', verdict: 'noncompliant' as const, note: '价目表不是最新版', sampleSize: null, exceptions: null, attachments: [photoId], rev: 1, updatedAt: AT, updatedBy: '张三', deviceId },
  ];
  for (const a of answers) {
    append(chain, deviceId, { entityType: 'answer', entityId: `${a.inspectionId}/${a.itemCode}`, at: AT, actor: '张三', action: 'create', changes: creationChangesOf(a, ['verdict', 'note', 'attachments']), reason: null });
  }
  const fields = {
    ...blankFinding({ ledgerNo: 'WD0101-2026-0001', orgUnitCode: 'WD0101', source: 'verdict', description: '价目表不是最新版', category: '公示', basis: '《办法》第十条', severity: '一般' }),
    inspectionId: 'insp-1',
    itemCode: 'B-PUB-02',
    checklistId: CHECKLIST.id,
    checklistVersion: CHECKLIST.version,
    inspectionDate: '2026-03-02',
    verdict: 'noncompliant' as const,
  };
  const finding: Finding = { id: 'find-1', ...meta, ...fields };
  append(chain, deviceId, { entityType: 'finding', entityId: finding.id, at: AT, actor: '张三', action: 'create', changes: creationChanges(fields), reason: null });
  const withPhoto: Finding = { ...finding, rev: 2, evidence: [photoId] };
  append(chain, deviceId, { entityType: 'finding', entityId: finding.id, at: AT, actor: '张三', action: 'update', changes: [{ field: 'evidence', from: [], to: [photoId] }], reason: null });
  const unit = (code: string, name: string, level: 'branch' | 'outlet', parentCode: string) => ({ id: `unit-${code}`, ...meta, deletedAt: null, code, name, level, parentCode });
  return {
    photo,
    data: {
      schemaVersion: 1,
      orgUnits: [unit('BR01', '测试分行', 'branch', 'HQ'), unit('WD0101', '测试人民路支行', 'outlet', 'BR01')],
      inspections: [inspection],
      answers,
      findings: [withPhoto],
      history: chain.entries,
      attachments: [{ id: photoId, sourceSha256: photoId, name: '现场照片.png', mime: 'image/png', size: photo.length, width: 8, height: 6, createdAt: AT, createdBy: '张三', deviceId }],
    },
  };
}

/** The package input for `data` as BR01's device `key` would export it. */
export function tinyInput(key: NodeKey, data: LedgerData, photo: Uint8Array | null, over: Partial<LedgerPackageInput> = {}): LedgerPackageInput {
  const last = data.history.filter((e) => e.deviceId === key.device.id).sort((a, b) => a.seq - b.seq).at(-1);
  return {
    data,
    attachmentFiles: photo === null ? [] : data.attachments.map((record) => ({ record, bytes: photo })),
    attachmentsIncluded: photo !== null,
    workbook: utf8Encode('PK-not-really-a-workbook'),
    orgUnit: { code: 'BR01', name: '测试分行', level: 'branch' },
    device: key.device,
    seq: 1,
    prevPackageSha256: null,
    scope: { kind: 'full' },
    checklists: [CHECKLIST],
    auditHead: last?.hash ?? null,
    exportedAt: '2026-03-03T09:00:00.000Z',
    exportedBy: '张三',
    asOf: '2026-03-03',
    generator: 'test',
    sha256: nodeSha256,
    sign: key.sign,
    ...over,
  };
}

export async function written(input: LedgerPackageInput, protection: LedgerProtection | null = null): Promise<Uint8Array> {
  const r = await writeLedgerPackage(input, protection);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.detail ?? ''}`);
  return r.value.bytes;
}

/** The error code reading `bytes` gives, or 'ok'. */
export async function readCode(bytes: Uint8Array, options: { password?: string } = {}): Promise<string> {
  const r = await readLedgerPackage(bytes, { sha256: nodeSha256, verify: nodeVerify, envelope: fastEnvelope, ...options });
  return r.ok ? 'ok' : r.error.code;
}

export const unzip = (bytes: Uint8Array): Record<string, Uint8Array> => unzipSync(bytes);
export const rezip = (entries: Record<string, Uint8Array>): Uint8Array => zipSync(entries);

export const decodeJson = (bytes: Uint8Array | undefined): Record<string, unknown> => JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;

/** The package with its manifest changed by `change` and signed again by `key` (an insider with a key). */
export async function resigned(zip: Uint8Array, key: NodeKey, change: (m: Record<string, unknown>) => void, files: Record<string, Uint8Array> = {}): Promise<Uint8Array> {
  const entries = { ...unzip(zip), ...files };
  const manifest = decodeJson(entries['manifest.json']);
  // Listed hashes follow replaced files, so only the change under test can make the package fail.
  const listed = manifest['files'] as { path: string; size: number; sha256: string }[];
  for (const f of listed) {
    const bytes = entries[f.path];
    if (bytes && Object.hasOwn(files, f.path)) {
      f.size = bytes.length;
      f.sha256 = toHex(sha256Sync(bytes));
    }
  }
  change(manifest);
  const manifestBytes = utf8Encode(canonicalJson(manifest));
  return rezip({ ...entries, 'manifest.json': manifestBytes, 'manifest.sig': await key.sign(manifestBytes) });
}

const root = resolve(import.meta.dirname, '../../..');

/** The bundled checklists, parsed, with their fingerprints, in the demo's role order. */
export async function bundledChecklists(): Promise<DemoChecklist[]> {
  const out: DemoChecklist[] = [];
  for (const name of ['branch-onsite', 'consumer-rights', 'infringement-campaign-2019']) {
    const parsed = parseChecklistText(readFileSync(resolve(root, 'checklists', `${name}.json`), 'utf8'));
    if (!parsed.ok) throw new Error(`${name} does not parse`);
    out.push({ checklist: parsed.value, sha256: await checklistFingerprint(parsed.value, nodeSha256) });
  }
  return out;
}

export async function demoInput(branch: DemoBranch, key: NodeKey): Promise<LedgerPackageInput> {
  return demoPackageInput(branch, { device: { ...key.device, id: branch.device.id }, workbook: utf8Encode('workbook'), sha256: nodeSha256, sign: key.sign, generator: 'test' });
}

export async function aDemoBranch(seed = 'tests', index = 0): Promise<DemoBranch> {
  return demoBranch({ seed, branches: index + 1, asOf: '2026-06-30', checklists: await bundledChecklists() }, index);
}
