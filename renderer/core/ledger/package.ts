// The branch ledger package (`*.xbledger`, format xiaobao.ledger/1, ARCHITECTURE §6): what a branch
// sends head office. On top of the generic signed package (core/package) it carries the organisation
// unit, a per-device seq with the hash of the previous package, the scope (full, or a delta since an
// earlier package), every history chain segment it holds, and ledger.json. Opening checks, in order:
// the signed package (signature, file hashes), ledger.json's schema, the counts, every history chain
// segment, the attachments, and that every record belongs to the exporting unit or a unit below it.
import { z } from 'zod';
import { canonicalJson } from '../canonical';
import { verifyChains } from '../audit/chain';
import type { ChainHead } from '../audit/types';
import type { Sha256 } from '../hash';
import { ORG_CODE_PATTERN, ORG_LEVELS, unitsWithin } from '../org/model';
import { buildSignedPackage, verifySignedPackage, type PackageEntries, type PackageFile, type Signer, type SignatureVerifier } from '../package/signed';
import { manifestSchema, sha256HexSchema, type PackageDevice } from '../package/manifest';
import type { ZipCaps } from '../package/zip-guard';
import { appError, err, ok, type Result } from '../result';
import { compileAcceptor, type Acceptor } from '../schema-acceptor';
import { utf8Decode, utf8Encode } from '../utf8';
import { answerRecord, attachmentPath, attachmentRecord, findingRecord, historyRecord, inspectionRecord, orgUnitRecord, RECORD_ACCEPTOR_OVERRIDES, type AttachmentRecord } from './records';

export const LEDGER_FORMAT = 'xiaobao.ledger/1';
export const LEDGER_EXTENSION = 'xbledger';
export const LEDGER_DATA_FILE = 'ledger.json';
export const LEDGER_WORKBOOK_FILE = '整改台账.xlsx';
/** ledger.json's own schema version; every released one stays readable (normaliseLedgerData). */
export const LEDGER_DATA_VERSION = 1;

/**
 * A branch's ledger is thousands of records and its photos; the caps leave a wide margin and still
 * refuse a zip bomb or a file that is not ours before it fills memory.
 */
export const LEDGER_PACKAGE_CAPS: ZipCaps = {
  maxPackageBytes: 1024 * 1024 * 1024,
  maxEntries: 100_003,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1536 * 1024 * 1024,
  maxRatio: 500,
};

const MAX_RECORDS = 2_000_000;

export const ledgerDataSchema = z.strictObject({
  schemaVersion: z.literal(LEDGER_DATA_VERSION),
  orgUnits: z.array(orgUnitRecord).max(MAX_RECORDS),
  inspections: z.array(inspectionRecord).max(MAX_RECORDS),
  answers: z.array(answerRecord).max(MAX_RECORDS),
  findings: z.array(findingRecord).max(MAX_RECORDS),
  history: z.array(historyRecord).max(MAX_RECORDS),
  attachments: z.array(attachmentRecord).max(MAX_RECORDS),
});
export type LedgerData = z.infer<typeof ledgerDataSchema>;

export const ledgerCountsSchema = z.strictObject({
  orgUnits: z.number().int().min(0),
  inspections: z.number().int().min(0),
  answers: z.number().int().min(0),
  findings: z.number().int().min(0),
  history: z.number().int().min(0),
  attachments: z.number().int().min(0),
});
export type LedgerCounts = z.infer<typeof ledgerCountsSchema>;

const chainSegmentSchema = z.strictObject({
  deviceId: z.string().min(1).max(100),
  /** The entry before the first one here: seq 0 and '' when the segment starts the chain. */
  after: z.strictObject({ seq: z.number().int().min(0), hash: z.union([z.literal(''), sha256HexSchema]) }),
  last: z.strictObject({ seq: z.number().int().min(1), hash: sha256HexSchema }),
});
export type ChainSegment = z.infer<typeof chainSegmentSchema>;

export const ledgerScopeSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('full') }),
  /** Everything changed since the package with seq `sinceSeq` of the same device. */
  z.strictObject({ kind: z.literal('delta'), sinceSeq: z.number().int().min(1) }),
  /**
   * Head office's answer to one unit (issue 6): the findings it verified or returned there since it last
   * answered, their inspections and the units down to it; no history (the branch records its own).
   */
  z.strictObject({ kind: z.literal('return'), unitCode: z.string().regex(ORG_CODE_PATTERN) }),
]);
export type LedgerScope = z.infer<typeof ledgerScopeSchema>;

export const ledgerManifestSchema = manifestSchema(LEDGER_FORMAT, {
  orgUnit: z.strictObject({ code: z.string().regex(ORG_CODE_PATTERN), name: z.string().min(1).max(100), level: z.enum(ORG_LEVELS) }),
  seq: z.number().int().min(1),
  prevPackageSha256: sha256HexSchema.nullable(),
  scope: ledgerScopeSchema,
  checklists: z.array(z.strictObject({ id: z.string().min(1).max(100), version: z.string().min(1).max(200), sha256: sha256HexSchema })).max(10_000),
  counts: ledgerCountsSchema,
  /** Hash of the last entry of the exporting device's history chain when it exported (null: none yet). */
  auditHead: sha256HexSchema.nullable(),
  /** Every device's chain segment in ledger.json (the exporting device's, and any received ones). */
  chains: z.array(chainSegmentSchema).max(10_000),
  /** false when the user left the attachment files out: records still list them, by sha256. */
  attachmentsIncluded: z.boolean(),
  /** The app that wrote it, for support. */
  generator: z.string().min(1).max(100),
  /** The day findings were judged overdue in the Excel view. */
  asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type LedgerManifest = z.infer<typeof ledgerManifestSchema>;

export const countsOf = (data: LedgerData): LedgerCounts => ({
  orgUnits: data.orgUnits.length,
  inspections: data.inspections.length,
  answers: data.answers.length,
  findings: data.findings.length,
  history: data.history.length,
  attachments: data.attachments.length,
});

/** The segments of every chain in `history`, which must hold contiguous runs (checked on opening). */
export function chainSegments(history: LedgerData['history']): ChainSegment[] {
  const byDevice = new Map<string, { first: (typeof history)[number]; last: (typeof history)[number] }>();
  for (const e of history) {
    const seen = byDevice.get(e.deviceId);
    if (!seen) byDevice.set(e.deviceId, { first: e, last: e });
    else {
      if (e.seq < seen.first.seq) seen.first = e;
      if (e.seq > seen.last.seq) seen.last = e;
    }
  }
  return [...byDevice.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([deviceId, { first, last }]) => ({ deviceId, after: { seq: first.seq - 1, hash: first.prevHash }, last: { seq: last.seq, hash: last.hash } }));
}

export type LedgerAttachmentFile = { record: AttachmentRecord; bytes: Uint8Array };

export type LedgerPackageInput = {
  data: LedgerData;
  /** The attachment files to include (empty when the user leaves them out: set attachmentsIncluded). */
  attachmentFiles: LedgerAttachmentFile[];
  attachmentsIncluded: boolean;
  workbook: Uint8Array;
  orgUnit: LedgerManifest['orgUnit'];
  device: PackageDevice;
  seq: number;
  prevPackageSha256: string | null;
  scope: LedgerScope;
  checklists: LedgerManifest['checklists'];
  auditHead: string | null;
  exportedAt: string;
  exportedBy: string;
  asOf: string;
  generator: string;
  sha256: Sha256;
  sign: Signer;
};

/** ledger.json's bytes: canonical JSON, so the same records always give the same file. */
export const ledgerDataBytes = (data: LedgerData): Uint8Array => utf8Encode(canonicalJson(data));

export async function buildLedgerPackage(input: LedgerPackageInput): Promise<Result<{ entries: PackageEntries; manifest: LedgerManifest }>> {
  const files: PackageFile[] = [
    { path: LEDGER_DATA_FILE, bytes: ledgerDataBytes(input.data) },
    { path: LEDGER_WORKBOOK_FILE, bytes: input.workbook },
  ];
  if (input.attachmentsIncluded) for (const a of input.attachmentFiles) files.push({ path: attachmentPath(a.record), bytes: a.bytes });
  const built = await buildSignedPackage<LedgerManifest>({
    manifest: {
      format: LEDGER_FORMAT,
      device: input.device,
      exportedAt: input.exportedAt,
      exportedBy: input.exportedBy,
      orgUnit: input.orgUnit,
      seq: input.seq,
      prevPackageSha256: input.prevPackageSha256,
      scope: input.scope,
      checklists: input.checklists,
      counts: countsOf(input.data),
      auditHead: input.auditHead,
      chains: chainSegments(input.data.history),
      attachmentsIncluded: input.attachmentsIncluded,
      generator: input.generator,
      asOf: input.asOf,
    },
    files,
    sha256: input.sha256,
    sign: input.sign,
  });
  return built.ok ? ok({ entries: built.value.entries, manifest: built.value.manifest }) : built;
}

export type OpenedLedgerPackage = {
  manifest: LedgerManifest;
  data: LedgerData;
  /** Attachment bytes by sha256 (empty when the package left them out). */
  attachments: Map<string, Uint8Array>;
  workbook: Uint8Array;
  signer: { publicKey: Uint8Array; fingerprint: string; deviceId: string };
};

/** "findings.3.dueDate: not a calendar date" for the first few problems of a zod error. */
function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.')}: ${i.message}`)
    .join('; ');
}

/**
 * Verifies and parses a ledger package's entries. Errors: those of verifySignedPackage (package.*), then
 * ledger.badData (ledger.json is not JSON or not the schema; detail: where), ledger.newerData
 * {version} (written by a newer release), ledger.countMismatch {what}, ledger.chainBroken {deviceId, seq,
 * problem}, ledger.chainMismatch {deviceId}, ledger.auditHeadMismatch, ledger.attachmentMissing {id},
 * ledger.attachmentMismatch {path}, ledger.orphan {id} (an answer or finding without its
 * inspection), ledger.foreignUnit {code}, ledger.checklistMissing {id, version}.
 */
export async function openLedgerPackage(
  entries: PackageEntries,
  platform: { sha256: Sha256; verify: SignatureVerifier; utf8Decode?: Utf8Decoder },
): Promise<Result<OpenedLedgerPackage>> {
  const verified = await verifySignedPackage(entries, {
    format: LEDGER_FORMAT,
    schema: ledgerManifestSchema,
    requiredFiles: [LEDGER_DATA_FILE, LEDGER_WORKBOOK_FILE],
    sha256: platform.sha256,
    verify: platform.verify,
  });
  if (!verified.ok) return verified;
  const { manifest, files, signer } = verified.value;

  const dataBytes = files[LEDGER_DATA_FILE];
  const workbook = files[LEDGER_WORKBOOK_FILE];
  // Both are required files, present once verifySignedPackage succeeded.
  if (dataBytes === undefined || workbook === undefined) return err(appError('package.fileMissing', { path: dataBytes === undefined ? LEDGER_DATA_FILE : LEDGER_WORKBOOK_FILE }));
  const parsed = parseLedgerData(dataBytes, platform.utf8Decode);
  if (!parsed.ok) return parsed;
  const data = parsed.value;

  const counts = countsOf(data);
  for (const key of Object.keys(counts) as (keyof LedgerCounts)[]) {
    if (counts[key] !== manifest.counts[key]) return err(appError('ledger.countMismatch', { what: key }));
  }

  const chains = checkChains(data, manifest);
  if (!chains.ok) return chains;

  // Maps, not searches: a branch may send tens of thousands of photos.
  const attachments = new Map<string, Uint8Array>();
  const known = new Set<string>();
  const recordPaths = new Set<string>();
  const listedFiles = new Map(manifest.files.map((f) => [f.path, f]));
  for (const record of data.attachments) {
    known.add(record.id);
    const path = attachmentPath(record);
    recordPaths.add(path);
    const bytes = Object.hasOwn(files, path) ? files[path] : undefined;
    if (manifest.attachmentsIncluded) {
      if (bytes === undefined) return err(appError('ledger.attachmentMissing', { id: record.id.slice(0, 12) }));
      // The manifest's sha256 of the file was checked above; the record must name the same content.
      const listed = listedFiles.get(path);
      if (listed?.sha256 !== record.id || listed.size !== record.size) return err(appError('ledger.attachmentMismatch', { path }));
      attachments.set(record.id, bytes);
    } else if (bytes !== undefined) return err(appError('ledger.attachmentMismatch', { path }));
  }
  for (const path of Object.keys(files)) {
    if (path.startsWith('attachments/') && !recordPaths.has(path)) return err(appError('ledger.attachmentMismatch', { path }));
  }
  for (const ref of [...data.answers.flatMap((a) => a.attachments), ...data.findings.flatMap((f) => f.evidence)]) {
    if (!known.has(ref)) return err(appError('ledger.attachmentMissing', { id: ref.slice(0, 12) }));
  }

  const inspectionIds = new Set(data.inspections.map((i) => i.id));
  for (const parent of [...data.answers.map((a) => a.inspectionId), ...data.findings.map((f) => f.inspectionId)]) {
    if (parent !== null && !inspectionIds.has(parent)) return err(appError('ledger.orphan', { id: parent.slice(0, 36) }));
  }

  const units = checkUnits(data, manifest);
  if (!units.ok) return units;

  for (const i of data.inspections) {
    if (!manifest.checklists.some((c) => c.id === i.checklistId && c.version === i.checklistVersion && c.sha256 === i.checklistSha256)) {
      return err(appError('ledger.checklistMissing', { id: i.checklistId, version: i.checklistVersion }));
    }
  }
  return ok({ manifest, data, attachments, workbook, signer });
}

/** Strict UTF-8 decoding as core's utf8Decode does it (null for malformed bytes, a BOM kept). */
export type Utf8Decoder = (bytes: Uint8Array) => string | null;

/**
 * ledger.json's bytes → records, accepting every released schema version (so far: 1). `decode`: core's
 * utf8Decode unless the platform passes its own (the same result, faster: renderer/io/text.ts).
 */
export function parseLedgerData(bytes: Uint8Array, decode: Utf8Decoder = utf8Decode): Result<LedgerData> {
  const text = decode(bytes);
  if (text === null) return err(appError('ledger.badData', undefined, 'ledger.json is not UTF-8'));
  let raw: unknown;
  try {
    raw = JSON.parse(text) as unknown;
  } catch (e) {
    return err(appError('ledger.badData', undefined, String(e)));
  }
  const version = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>)['schemaVersion'] : undefined;
  if (typeof version === 'number' && version > LEDGER_DATA_VERSION) return err(appError('ledger.newerData', { version }));
  // Valid data (nearly every file) is taken as read once the compiled test accepts it; zod words what is wrong otherwise.
  acceptLedgerData ??= compileAcceptor(ledgerDataSchema, RECORD_ACCEPTOR_OVERRIDES) ?? (() => false);
  if (acceptLedgerData(raw)) return ok(raw as LedgerData);
  const parsed = ledgerDataSchema.safeParse(raw);
  if (!parsed.success) return err(appError('ledger.badData', undefined, describeIssues(parsed.error)));
  return ok(parsed.data);
}

/** ledgerDataSchema as a plain acceptance test (core/schema-acceptor), compiled on first use. */
let acceptLedgerData: Acceptor | undefined;

function checkChains(data: LedgerData, manifest: LedgerManifest): Result<true> {
  const segments = chainSegments(data.history);
  if (canonicalJson(segments) !== canonicalJson([...manifest.chains].sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0)))) {
    const listed = new Set(manifest.chains.map((c) => canonicalJson(c)));
    const odd = segments.find((s) => !listed.has(canonicalJson(s))) ?? manifest.chains.find((c) => !segments.some((s) => s.deviceId === c.deviceId));
    return err(appError('ledger.chainMismatch', { deviceId: odd?.deviceId ?? '—' }));
  }
  const anchors: ChainHead[] = segments.map((s) => ({ deviceId: s.deviceId, seq: s.after.seq, hash: s.after.hash }));
  const heads: ChainHead[] = segments.map((s) => ({ deviceId: s.deviceId, seq: s.last.seq, hash: s.last.hash }));
  for (const verdict of verifyChains(data.history, heads, anchors)) {
    if (!verdict.ok) return err(appError('ledger.chainBroken', { deviceId: verdict.deviceId, seq: verdict.seq, problem: verdict.problem }));
  }
  const own = segments.find((s) => s.deviceId === manifest.device.id);
  // A full package starts the exporting device's chain at its first entry; its end is the audit head.
  if (manifest.scope.kind === 'full' && own !== undefined && own.after.seq !== 0) return err(appError('ledger.chainBroken', { deviceId: own.deviceId, seq: own.after.seq + 1, problem: 'seq' }));
  if (own !== undefined ? own.last.hash !== manifest.auditHead : manifest.scope.kind === 'full' && manifest.auditHead !== null) return err(appError('ledger.auditHeadMismatch'));
  return ok(true);
}

function checkUnits(data: LedgerData, manifest: LedgerManifest): Result<true> {
  if (!data.orgUnits.some((u) => u.code === manifest.orgUnit.code)) return err(appError('ledger.foreignUnit', { code: manifest.orgUnit.code }));
  const within = unitsWithin([manifest.orgUnit.code], data.orgUnits);
  for (const record of [...data.inspections, ...data.findings]) if (!within.has(record.orgUnitCode)) return err(appError('ledger.foreignUnit', { code: record.orgUnitCode }));
  return ok(true);
}

/**
 * 整改台账-BR0101-20261130-0003.xbledger: unit, export day (YYYYMMDD) and seq, all safe in file names;
 * head office's return package names the unit it answers: 验收反馈-BR0101-20261130-0007.xbledger.
 */
export function ledgerPackageName(orgUnitCode: string, day: string, seq: number, kind: 'ledger' | 'return' = 'ledger'): string {
  return `${kind === 'return' ? '验收反馈' : '整改台账'}-${orgUnitCode}-${day.replaceAll('-', '')}-${String(seq).padStart(4, '0')}.${LEDGER_EXTENSION}`;
}
