// Importing ledger packages (issue 6, ARCHITECTURE §6): head office taking in branch packages, and a
// branch taking in head office's return package. The caller has opened and verified every file
// (io/ledger-package: caps, signature, hashes, schema); here, per package and in one transaction over
// every table touched: trusted key → seq → merge plan against the records sharing keys → writes.
//
// A preview plans without writing (a dry run: each package is planned against the database and what
// the packages before it in the batch would write), so what the user is shown is exactly what confirming
// writes; the plans are kept with a stamp of the database they were planned against. Confirming writes
// the kept plans with the user's decisions (trusted keys, conflicts) when the stamp, read in the
// confirmation's transaction, is unchanged, and plans again otherwise; anything the preview did not
// show — a package refused now, a conflict without a decision — aborts the whole transaction, so an
// error at any point writes nothing.
import type { Table } from 'dexie';
import type { XbDb } from '../db';
import type { Attachment, FindingRow, ImportRow, SyncedRevRow } from '../types';
import { nowIso } from '../clock';
import { appendHistory } from './history';
import { BLOBS_PER_TRANSACTION, stageAttachments, unstageAttachments } from './attachment-staging';
import { readLocalSeqRun, type LocalSeqRun } from './findings';
import { attachmentRecordOf, findingRecordOf } from './ledger-export';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import type { HistoryDraft } from '../../core/audit/types';
import { findingsWithoutEntry, keyStatus, seqStatus, type ImportedPackage, type KeyStatus, type SeqStatus, type TrustedKey } from '../../core/ledger/import-check';
import {
  applyPlan,
  changesOf,
  emptyMergeState,
  HISTORY_TYPE,
  historyKey,
  isNoOp,
  keyOf,
  MERGE_REASONS,
  planCounts,
  planMerge,
  recordKey,
  RECORD_KINDS,
  resolveConflict,
  type AnyRecord,
  type ConflictDecision,
  type ConflictReason,
  type MergePlan,
  type MergeState,
  type OutcomeCounts,
  type RecordKind,
  type RecordOf,
} from '../../core/ledger/merge';
import type { LedgerData, LedgerManifest } from '../../core/ledger/package';
import type { AnswerRecord, AttachmentRecord, FindingRecord, HistoryRecord, InspectionRecord, OrgUnitRecord } from '../../core/ledger/records';
import type { HistoryChange } from '../../core/audit/types';

/** A package opened and verified by io/ledger-package, with the name it was picked under. */
export type ImportPackage = {
  fileName: string;
  packageSha256: string;
  manifest: LedgerManifest;
  data: LedgerData;
  attachments: ReadonlyMap<string, Uint8Array>;
};

/** What the user decided for one package in the preview. */
export type PackageDecision = {
  /** The unit's key was not trusted yet and the user compared and confirmed its fingerprint. */
  trustKey: boolean;
  /** By ConflictView.id: keep head office's (this device's) version or take the package's. */
  resolutions: Record<string, ConflictDecision>;
};

export type ConflictView = {
  /** recordKey(kind, key): the key decisions are given under. */
  id: string;
  kind: RecordKind;
  key: string;
  reason: ConflictReason;
  /** What a person recognises the record by: a ledger number, a unit's name, an item code. */
  label: string;
  /** The fields the two versions differ in: from = this device's, to = the package's. */
  fields: HistoryChange[];
  local: { rev: number; updatedAt: string; updatedBy: string };
  incoming: { rev: number; updatedAt: string; updatedBy: string };
};

export type PackageReport = {
  fileName: string;
  packageSha256: string;
  orgUnit: LedgerManifest['orgUnit'];
  deviceId: string;
  /** The signer's raw public key (base64), for trusting or re-enrolling it. */
  publicKey: string;
  fingerprint: string;
  seq: number;
  exportedAt: string;
  exportedBy: string;
  scope: LedgerManifest['scope'];
  key: KeyStatus;
  seqStatus: SeqStatus | null;
  /** Why this package cannot be imported (nothing of it is written); null when it can. */
  refusal: AppError | null;
  /** Worth knowing, not stopping: a seq gap, an older package, photos left out. */
  warnings: AppError[];
  counts: Record<RecordKind, OutcomeCounts>;
  history: { append: number; unchanged: number };
  attachments: { add: number; held: number; missing: number };
  byUnit: MergePlan['byUnit'];
  /** The names of the units in the package, by code, for the preview's rows. */
  unitNames: Record<string, string>;
  conflicts: ConflictView[];
  /** Importing it changes nothing (it, or something newer, was imported before). */
  noOp: boolean;
  /** Set when a confirmed import wrote it. */
  imported: boolean;
};

export type ImportContext = {
  /** Who imports (recorded on the import and on every decision). */
  actor: string;
  onProgress?: (done: number, total: number, phase: 'merging' | 'writing') => void;
  signal?: AbortSignal;
  /** Confirming: what the preview of these packages planned, written when it still fits (runLedgerImport). */
  kept?: KeptPlan | null;
  /** Previewing: receives the plans, for the confirmation. */
  onKept?: (kept: KeptPlan) => void;
  /** Confirming: photos stored per transaction before the import's own; default BLOBS_PER_TRANSACTION. */
  photosPerTransaction?: number;
};

/** Confirming: the decisions per package sha256. A package without a decision is left out. */
export type ImportDecisions = Record<string, PackageDecision>;

const MAX_CONFLICTS_SHOWN = 2000;

type StateTables = Pick<XbDb, 'orgUnits' | 'inspections' | 'answers' | 'findings' | 'history' | 'attachments' | 'syncedRevs'>;

/**
 * The keys held of the tables a package would otherwise look up record by record (its findings by id and
 * by ledger number, its photos by id): read once per transaction and added to as each package is written,
 * so only keys already stored are looked up. It may hold more than is stored (a superset only costs a
 * lookup that finds nothing), never less: every write of these tables in the transaction adds to it.
 */
export type HeldKeys = { findingIds: Set<string>; ledgerNos: Set<string>; attachmentIds: Set<string> };

export async function readHeldKeys(t: Pick<XbDb, 'findings' | 'attachments'>): Promise<HeldKeys> {
  const [findingIds, ledgerNos, attachmentIds] = await Promise.all([t.findings.toCollection().primaryKeys(), t.findings.orderBy('ledgerNo').keys(), t.attachments.toCollection().primaryKeys()]);
  return { findingIds: new Set(findingIds), ledgerNos: new Set(ledgerNos.map(String)), attachmentIds: new Set(attachmentIds) };
}

/**
 * Head office's records sharing a key with the package, as core/ledger/merge wants them. The synced rev
 * of a record last written by another device is its rev (it has not been changed here since it came);
 * for one this device wrote, the rev recorded when it was last sent away (none: never sent). With `held`
 * (readHeldKeys), findings and photos are looked up only under keys the database holds: the same records.
 */
export async function readMergeState(t: StateTables, data: LedgerData, ownDeviceId: string, held: HeldKeys | null = null): Promise<MergeState> {
  const present = <T>(rows: (T | undefined)[]): T[] => rows.filter((r): r is T => r !== undefined);
  const within = (keys: string[], set: Set<string> | undefined): string[] => (set === undefined ? keys : keys.filter((k) => set.has(k)));
  // A package's entries of a device form one contiguous run (its chain segments are checked on opening):
  // one range read per device finds every entry held under the same seq and the one before the run.
  const runs = new Map<string, { first: number; last: number }>();
  for (const e of data.history) {
    const run = runs.get(e.deviceId);
    if (!run) runs.set(e.deviceId, { first: e.seq, last: e.seq });
    else {
      if (e.seq < run.first) run.first = e.seq;
      if (e.seq > run.last) run.last = e.seq;
    }
  }
  // Answers by their inspections (a dozen index keys a package, not one lookup per answer), then only
  // those the package holds: the same records a lookup per answer finds. The reads are independent and
  // sent together (one transaction: they see the same state).
  const answerKeys = new Set(data.answers.map((a) => keyOf('answers', a)));
  const [orgUnits, inspections, answers, byId, byNo, runEntries, heldAttachments] = await Promise.all([
    t.orgUnits.where('code').anyOf(data.orgUnits.map((u) => u.code)).toArray(),
    t.inspections.bulkGet(data.inspections.map((i) => i.id)).then(present),
    t.answers
      .where('inspectionId')
      .anyOf([...new Set(data.answers.map((a) => a.inspectionId))])
      .toArray()
      .then((rows) => rows.filter((a) => answerKeys.has(keyOf('answers', a as AnswerRecord)))),
    t.findings.bulkGet(within(data.findings.map((f) => f.id), held?.findingIds)).then(present),
    t.findings.where('ledgerNo').anyOf(within(data.findings.map((f) => f.ledgerNo), held?.ledgerNos)).toArray(),
    Promise.all(
      [...runs].map(async ([deviceId, { first, last }]) => [
        ...(await t.history.where('[deviceId+seq]').between([deviceId, first - 1], [deviceId, last], true, true).toArray()),
        // The last entry held of the device, so a gap before its first entry is seen.
        ...present([await t.history.where('[deviceId+seq]').between([deviceId, 0], [deviceId, Infinity]).last()]),
      ]),
    ),
    t.attachments.bulkGet(within(data.attachments.map((x) => x.id), held?.attachmentIds)).then(present),
  ]);
  const findings = new Map<string, FindingRecord>();
  for (const f of [...byId, ...byNo]) findings.set(f.id, findingRecordOf(f));
  const history = new Map<string, HistoryRecord>();
  for (const entries of runEntries) for (const e of entries) history.set(historyKey(e.deviceId, e.seq), e);
  const attachments = new Map<string, AttachmentRecord>();
  for (const a of heldAttachments) attachments.set(a.id, attachmentRecordOf(a));

  const state = {
    orgUnits: new Map(orgUnits.map((u) => [u.code, u as OrgUnitRecord])),
    inspections: new Map(inspections.map((i) => [i.id, i as InspectionRecord])),
    answers: new Map(answers.map((a) => [keyOf('answers', a as AnswerRecord), a as AnswerRecord])),
    findings,
    history,
    attachments,
  };
  const syncedRevs = new Map<string, number>();
  const ownKeys: string[] = [];
  const note = <K extends RecordKind>(kind: K, records: Iterable<RecordOf[K]>): void => {
    for (const r of records) {
      const key = recordKey(kind, keyOf(kind, r));
      if (r.deviceId === ownDeviceId) ownKeys.push(key);
      else syncedRevs.set(key, r.rev);
    }
  };
  note('orgUnits', state.orgUnits.values());
  note('inspections', state.inspections.values());
  note('answers', state.answers.values());
  note('findings', state.findings.values());
  for (const row of present(await t.syncedRevs.bulkGet(ownKeys))) syncedRevs.set(row.key, row.rev);
  return { ...state, syncedRevs };
}


function labelOf(kind: RecordKind, r: AnyRecord): string {
  switch (kind) {
    case 'orgUnits': {
      const u = r as OrgUnitRecord;
      return `${u.name}（${u.code}）`;
    }
    case 'findings':
      return (r as FindingRecord).ledgerNo;
    case 'answers':
      return (r as AnswerRecord).itemCode;
    default: {
      const i = r as InspectionRecord;
      return `${i.checklistTitle} ${i.date}`;
    }
  }
}

const versionOf = (r: AnyRecord): ConflictView['local'] => ({ rev: r.rev, updatedAt: r.updatedAt, updatedBy: r.updatedBy });

function conflictViews(plan: MergePlan): ConflictView[] {
  const out: ConflictView[] = [];
  for (const kind of RECORD_KINDS) {
    for (const c of plan[kind].conflicts) {
      out.push({ id: recordKey(kind, c.key), kind, key: c.key, reason: c.reason, label: labelOf(kind, c.incoming), fields: changesOf(c.local, c.incoming), local: versionOf(c.local), incoming: versionOf(c.incoming) });
    }
  }
  return out;
}

/** Thrown inside the transaction to end a preview; carries its outcome out. */
class RollBack extends Error {
  constructor(
    readonly reports: PackageReport[],
    readonly kept: KeptPlan,
  ) {
    super('preview');
  }
}

class Refused extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

const tablesOf = (db: XbDb): Table[] => [db.settings, db.orgUnits, db.inspections, db.answers, db.findings, db.history, db.attachments, db.counters, db.trustedKeys, db.imports, db.syncedRevs, db.exports];

/** One package as a preview planned it. `plan` is null when it was not planned (refused before, or imported before). */
type Planned = {
  packageSha256: string;
  report: PackageReport;
  plan: MergePlan | null;
  /** Every conflict's id (the report shows at most MAX_CONFLICTS_SHOWN). */
  conflictIds: string[];
  /** A later package of the batch shares a key with it: that one was planned against what this one writes. */
  shared: boolean;
};

/**
 * What a preview leaves for its confirmation (the import worker keeps it): every package's plan, in
 * import order, and the stamp of the database they were planned against. Planning is deterministic, so
 * confirming the same packages on a database with the same stamp writes these plans as they are.
 */
export type KeptPlan = { stamp: string; packages: readonly Planned[] };

/**
 * What the database holds, as far as planning an import reads it, in a few small reads made in the
 * transaction that plans or writes: every table's count, the highest localSeq (every write of a finding
 * stamps a new one), every counter (among them each history chain's head: every write of an inspection,
 * answer or finding appends to a chain, every import to the branch's), the latest org unit change, the
 * trusted keys and the device. An export moves the syncedRevs it writes together with the exports count.
 */
async function readStamp(db: XbDb, ownDeviceId: string): Promise<string> {
  // Not the photos: a confirmation stores them before its transaction (stageImportPhotos), whatever the plan
  // said of them, so they change nothing a kept plan decides.
  const counted: Table[] = [db.orgUnits, db.inspections, db.answers, db.findings, db.history, db.trustedKeys, db.imports, db.syncedRevs, db.exports];
  const [counts, lastSeq, lastUnitChange, lastImport, counters, keys] = await Promise.all([
    Promise.all(counted.map((t) => t.count())),
    db.findings.orderBy('localSeq').reverse().limit(1).keys(),
    db.orgUnits.orderBy('updatedAt').reverse().limit(1).keys(),
    db.imports.toCollection().reverse().limit(1).primaryKeys(),
    db.counters.toArray(),
    db.trustedKeys.toArray(),
  ]);
  return JSON.stringify({ ownDeviceId, counts, lastSeq, lastUnitChange, lastImport, counters, keys });
}

/**
 * Previews (decisions null) or imports the packages, in seq order per device. A preview writes nothing:
 * each package is planned against the database and what the packages before it in the batch would
 * write (DryRun); `ctx.onKept` receives the plans. Confirming with `ctx.kept` writes those plans when the
 * database's stamp is still theirs (and every package a later one was planned against is written as it
 * was supposed: decided, no conflict); otherwise it plans every package again, as the preview did.
 * Errors (confirming only): setup.notDone, import.changed {file} (a package is refused or has a conflict
 * without a decision that the preview did not show: preview again), job.cancelled; anything IndexedDB
 * refuses (a full disk) is reported as import.writeFailed and nothing is written.
 */
export async function runLedgerImport(db: XbDb, packages: readonly ImportPackage[], decisions: ImportDecisions | null, ctx: ImportContext): Promise<Result<PackageReport[]>> {
  const ordered = [...packages].sort((a, b) => (a.manifest.device.id < b.manifest.device.id ? -1 : a.manifest.device.id > b.manifest.device.id ? 1 : a.manifest.seq - b.manifest.seq));
  let staged: Staged | null = null;
  try {
    if (decisions !== null) staged = await stageImportPhotos(db, ordered, decisions, ctx.signal, ctx.photosPerTransaction ?? BLOBS_PER_TRANSACTION);
    const reports = await db.transaction('rw', tablesOf(db), async () => {
      const settings = await db.settings.get('device');
      if (!settings) throw new Refused(appError('setup.notDone'));
      const own = settings.deviceId;
      const stamp = await readStamp(db, own);
      if (decisions === null) {
        const planned = await previewAll(db, ordered, own, ctx);
        throw new RollBack(
          planned.map((p) => p.report),
          { stamp, packages: planned },
        );
      }
      return confirmAll(db, ordered, own, decisions, keptFits(ctx.kept ?? null, stamp, ordered, decisions), ctx, staged ?? emptyStaged());
    });
    return ok(reports);
  } catch (e) {
    // The photos this confirmation stored are referenced by nothing it wrote: taken out again.
    if (staged !== null) await unstageAttachments(db, staged.added);
    if (e instanceof RollBack) {
      ctx.onKept?.(e.kept);
      return ok(e.reports);
    }
    if (e instanceof Refused) return err(e.error);
    return err(appError('import.writeFailed', undefined, e instanceof Error ? `${e.name}: ${e.message}` : String(e)));
  }
}

async function previewAll(db: XbDb, ordered: readonly ImportPackage[], own: string, ctx: ImportContext): Promise<Planned[]> {
  const shared = sharedWithLater(ordered);
  // Entries of this device's own chain in a package (refused either way) are planned against the entries
  // an earlier return package adds to that chain, which only appendHistory knows how to make: such a
  // batch is previewed by writing what later packages depend on, rolled back at the end.
  const dry = ordered.some((p) => p.data.history.some((e) => e.deviceId === own)) ? null : new DryRun();
  const held = await readHeldKeys(db);
  const seqs = dry === null ? await readLocalSeqRun(db) : null;
  const planned: Planned[] = [];
  for (const [n, pkg] of ordered.entries()) {
    if (ctx.signal?.aborted) throw new Refused(appError('job.cancelled'));
    ctx.onProgress?.(n, ordered.length, 'merging');
    const p = await planOne(db, pkg, own, held, dry);
    p.shared = shared[n] ?? false;
    if (p.shared && p.plan !== null && p.report.refusal === null) {
      if (dry !== null) dry.add(pkg, p.plan, p.report.key);
      else if (seqs !== null) await writeOne(db, pkg, p, null, { ownDeviceId: own, actor: ctx.actor, at: nowIso(), held, seqs, attachmentsStaged: false }).done;
    }
    planned.push(p);
  }
  await seqs?.store();
  return planned;
}

/**
 * The kept plan, when confirming may write it: planned on a database with this stamp, for these packages
 * in this order, and every package a later one was planned against is written as the preview supposed
 * (decided, without a conflict: a decision writes what the plan did not).
 */
function keptFits(kept: KeptPlan | null, stamp: string, ordered: readonly ImportPackage[], decisions: ImportDecisions): KeptPlan | null {
  if (kept === null || kept.stamp !== stamp || kept.packages.length !== ordered.length) return null;
  const fits = kept.packages.every((p, n) => p.packageSha256 === ordered[n]?.packageSha256 && (!p.shared || p.plan === null || p.report.refusal !== null || (decisions[p.packageSha256] !== undefined && p.conflictIds.length === 0)));
  return fits ? kept : null;
}

/**
 * Writes package by package in the one transaction. A package's requests are all sent before the
 * previous package's are waited for, so IndexedDB writes one package while this thread builds and
 * clones the next (a request sent later in a transaction runs after those sent before it, reads
 * included, so planning again sees every earlier write); at most two packages' requests are in flight.
 * Any failure rejects the transaction's callback, which aborts it: nothing is written.
 */
async function confirmAll(db: XbDb, ordered: readonly ImportPackage[], own: string, decisions: ImportDecisions, kept: KeptPlan | null, ctx: ImportContext, staged: Staged): Promise<PackageReport[]> {
  const reports: PackageReport[] = [];
  // Read only when planning again.
  let held: HeldKeys | null = null;
  const seqs = await readLocalSeqRun(db);
  let writing: Promise<void> | null = null;
  for (const [n, pkg] of ordered.entries()) {
    if (ctx.signal?.aborted) throw new Refused(appError('job.cancelled'));
    ctx.onProgress?.(n, ordered.length, 'writing');
    const keptOne = kept?.packages[n];
    const p: Planned = keptOne !== undefined ? { ...keptOne, report: { ...keptOne.report, fileName: pkg.fileName } } : await planOne(db, pkg, own, (held ??= await readHeldKeys(db)), null);
    reports.push(p.report);
    const decision = decisions[pkg.packageSha256] ?? null;
    if (p.report.refusal !== null) {
      if (decision !== null) throw new Refused(appError('import.changed', { file: pkg.fileName }));
      continue;
    }
    // Imported before, or left out.
    if (p.plan === null || decision === null) continue;
    if (p.report.key.kind === 'unknown' && !decision.trustKey) throw new Refused(appError('import.changed', { file: pkg.fileName }));
    if (p.conflictIds.some((id) => decision.resolutions[id] === undefined)) throw new Refused(appError('import.changed', { file: pkg.fileName }));
    // The photos are stored already (stageImportPhotos): the report counts those this package added.
    const added = staged.byPackage.get(pkg.packageSha256) ?? 0;
    const photos = p.report.attachments;
    p.report.attachments = { add: added, held: Math.max(0, photos.add + photos.held - added), missing: photos.missing };
    const write = writeOne(db, pkg, p, decision, { ownDeviceId: own, actor: ctx.actor, at: nowIso(), held, seqs, attachmentsStaged: true });
    // Awaited below or, when an earlier package fails first, left to the aborted transaction.
    write.done.catch(() => undefined);
    if (writing !== null) await writing;
    writing = write.done;
    if (write.alone) {
      await writing;
      writing = null;
    }
    p.report.imported = true;
  }
  if (writing !== null) await writing;
  await seqs.store();
  return reports;
}

/**
 * For each package (in import order): does a later one share anything its plan could depend on — the
 * device, the unit, a record key, a ledger number, a history chain, a photo? Only then is a later one
 * planned against what this one writes (DryRun), which a large batch of separate branches never needs.
 */
function sharedWithLater(packages: readonly ImportPackage[]): boolean[] {
  const keysOf = (p: ImportPackage): string[] => [
    `device:${p.manifest.device.id}`,
    `unit:${p.manifest.orgUnit.code}`,
    ...p.data.orgUnits.map((u) => `unit:${u.code}`),
    ...p.data.inspections.map((i) => `inspection:${i.id}`),
    ...p.data.findings.flatMap((f) => [`finding:${f.id}`, `ledgerNo:${f.ledgerNo}`]),
    ...p.data.answers.map((a) => `answer:${a.inspectionId}/${a.itemCode}`),
    ...[...new Set(p.data.history.map((e) => e.deviceId))].map((d) => `device:${d}`),
    ...p.data.attachments.map((a) => `photo:${a.id}`),
  ];
  const later = new Set<string>();
  const out: boolean[] = new Array<boolean>(packages.length).fill(false);
  for (let i = packages.length - 1; i >= 0; i--) {
    const keys = keysOf(packages[i] as ImportPackage);
    out[i] = keys.some((k) => later.has(k));
    for (const k of keys) later.add(k);
  }
  return out;
}

/**
 * What the packages a preview planned so far would write (core/ledger/merge applyPlan: inserts and
 * updates, their synced revs, history, photos; conflicts left as they are), with their trusted keys and
 * import log rows: the later packages of the batch sharing keys with them are planned against it as
 * confirming plans them against the written rows. Nothing is written.
 */
class DryRun {
  private readonly state = {
    orgUnits: new Map<string, OrgUnitRecord>(),
    inspections: new Map<string, InspectionRecord>(),
    answers: new Map<string, AnswerRecord>(),
    findings: new Map<string, FindingRecord>(),
    syncedRevs: new Map<string, number>(),
    history: new Map<string, HistoryRecord>(),
    attachments: new Map<string, AttachmentRecord>(),
  };
  private readonly ledgerNos = new Map<string, string>();
  private readonly historyByDevice = new Map<string, HistoryRecord[]>();
  private readonly historyByFinding = new Map<string, HistoryRecord[]>();
  private readonly trusted = new Map<string, TrustedKey>();
  private readonly imported: ImportedPackage[] = [];

  add(pkg: ImportPackage, plan: MergePlan, key: KeyStatus): void {
    // Photos the package left out are not written.
    const delta = applyPlan(emptyMergeState(), { ...plan, attachments: { ...plan.attachments, add: plan.attachments.add.filter((a) => pkg.attachments.has(a.id)) } });
    const into = <V>(to: Map<string, V>, from: ReadonlyMap<string, V>): void => {
      for (const [k, v] of from) to.set(k, v);
    };
    into(this.state.orgUnits, delta.orgUnits);
    into(this.state.inspections, delta.inspections);
    into(this.state.answers, delta.answers);
    into(this.state.findings, delta.findings);
    into(this.state.syncedRevs, delta.syncedRevs);
    into(this.state.attachments, delta.attachments);
    for (const f of delta.findings.values()) this.ledgerNos.set(f.ledgerNo, f.id);
    const push = (to: Map<string, HistoryRecord[]>, k: string, e: HistoryRecord): void => {
      const list = to.get(k);
      if (list === undefined) to.set(k, [e]);
      else list.push(e);
    };
    for (const e of delta.history.values()) {
      this.state.history.set(historyKey(e.deviceId, e.seq), e);
      push(this.historyByDevice, e.deviceId, e);
      if (e.entityType === 'finding') push(this.historyByFinding, e.entityId, e);
    }
    const { manifest } = pkg;
    if (key.kind === 'unknown') this.trusted.set(manifest.orgUnit.code, { orgUnitCode: manifest.orgUnit.code, publicKey: manifest.device.publicKey, fingerprint: manifest.device.fingerprint, deviceId: manifest.device.id });
    this.imported.push({ deviceId: manifest.device.id, seq: manifest.seq, packageSha256: pkg.packageSha256 });
  }

  trustedKey(code: string): TrustedKey | undefined {
    return this.trusted.get(code);
  }

  importsOf(deviceId: string): ImportedPackage[] {
    return this.imported.filter((p) => p.deviceId === deviceId);
  }

  findingEntries(ids: readonly string[]): HistoryRecord[] {
    return ids.flatMap((id) => this.historyByFinding.get(id) ?? []);
  }

  /** `state` (read from the database for `data`) with what this dry run holds under the package's keys on top. */
  over(state: MergeState, data: LedgerData): MergeState {
    const s = this.state;
    const pick = <V>(base: ReadonlyMap<string, V>, from: ReadonlyMap<string, V>, keys: Iterable<string>): ReadonlyMap<string, V> => {
      let out: Map<string, V> | null = null;
      for (const k of keys) {
        const v = from.get(k);
        if (v === undefined) continue;
        out ??= new Map(base);
        out.set(k, v);
      }
      return out ?? base;
    };
    const findingIds = new Set(data.findings.map((f) => f.id));
    for (const f of data.findings) {
      const holder = this.ledgerNos.get(f.ledgerNo);
      if (holder !== undefined) findingIds.add(holder);
    }
    const records = {
      orgUnits: pick(state.orgUnits, s.orgUnits, data.orgUnits.map((u) => u.code)),
      inspections: pick(state.inspections, s.inspections, data.inspections.map((i) => i.id)),
      answers: pick(state.answers, s.answers, data.answers.map((a) => keyOf('answers', a))),
      findings: pick(state.findings, s.findings, findingIds),
    };
    const recordKeys = RECORD_KINDS.flatMap((kind) => [...(records[kind] as ReadonlyMap<string, unknown>).keys()].map((k) => recordKey(kind, k)));
    const devices = new Set(data.history.map((e) => e.deviceId));
    const entries = [...devices].flatMap((d) => this.historyByDevice.get(d) ?? []);
    return {
      ...records,
      syncedRevs: pick(state.syncedRevs, s.syncedRevs, recordKeys),
      history: pick(
        state.history,
        s.history,
        entries.map((e) => historyKey(e.deviceId, e.seq)),
      ),
      attachments: pick(state.attachments, s.attachments, data.attachments.map((a) => a.id)),
    };
  }
}

/** One package: the checks and its plan, written nowhere. */
async function planOne(db: XbDb, pkg: ImportPackage, ownDeviceId: string, held: HeldKeys, dry: DryRun | null): Promise<Planned> {
  const { manifest, data } = pkg;
  const trusted = (await db.trustedKeys.get(manifest.orgUnit.code)) ?? dry?.trustedKey(manifest.orgUnit.code);
  const key = keyStatus(trusted, { publicKey: manifest.device.publicKey });
  const report: PackageReport = {
    fileName: pkg.fileName,
    packageSha256: pkg.packageSha256,
    orgUnit: manifest.orgUnit,
    deviceId: manifest.device.id,
    publicKey: manifest.device.publicKey,
    fingerprint: manifest.device.fingerprint,
    seq: manifest.seq,
    exportedAt: manifest.exportedAt,
    exportedBy: manifest.exportedBy,
    scope: manifest.scope,
    key,
    seqStatus: null,
    refusal: null,
    warnings: [],
    counts: planCounts(emptyPlan()),
    history: { append: 0, unchanged: 0 },
    attachments: { add: 0, held: 0, missing: 0 },
    byUnit: [],
    unitNames: Object.fromEntries(data.orgUnits.map((u) => [u.code, u.name])),
    conflicts: [],
    noOp: false,
    imported: false,
  };
  const planned: Planned = { packageSha256: pkg.packageSha256, report, plan: null, conflictIds: [], shared: false };
  const refuse = (error: AppError): Planned => {
    report.refusal = error;
    return planned;
  };

  if (manifest.device.id === ownDeviceId) return refuse(appError('import.ownPackage'));
  if (key.kind === 'mismatch') return refuse(appError('merge.keyMismatch', { code: manifest.orgUnit.code, fingerprint: manifest.device.fingerprint, expected: key.trustedFingerprint }));

  const imported = (await db.imports.where('[deviceId+seq]').between([manifest.device.id, 0], [manifest.device.id, Infinity]).toArray()).map((r): ImportedPackage => ({ deviceId: r.deviceId, seq: r.seq, packageSha256: r.packageSha256 }));
  const seq = seqStatus([...imported, ...(dry?.importsOf(manifest.device.id) ?? [])], { deviceId: manifest.device.id, seq: manifest.seq, packageSha256: pkg.packageSha256, prevPackageSha256: manifest.prevPackageSha256 });
  report.seqStatus = seq;
  const returnPackage = manifest.scope.kind === 'return';
  if (seq.kind === 'duplicate') {
    report.noOp = true;
    return planned;
  }
  if (seq.kind === 'seqReused') return refuse(appError('import.seqReused', { seq: manifest.seq }));
  // A return package's seq runs across every unit head office answers: gaps and predecessors say nothing.
  if (!returnPackage) {
    if (seq.kind === 'chainMismatch') return refuse(appError('import.chainMismatch', { seq: manifest.seq }));
    if (seq.kind === 'gap') report.warnings.push(appError('import.seqGap', { missing: seq.missing.join('、') }));
  }
  if (seq.kind === 'older') report.warnings.push(appError('import.older', { seq: manifest.seq, newest: seq.newest }));

  const read = await readMergeState(db, data, ownDeviceId, held);
  const plan = planMerge(dry === null ? read : dry.over(read, data), data);
  planned.plan = plan;
  report.counts = planCounts(plan);
  report.history = { append: plan.history.append.length, unchanged: plan.history.unchanged };
  report.byUnit = plan.byUnit;
  const missing = plan.attachments.add.filter((a) => !pkg.attachments.has(a.id)).length;
  report.attachments = { add: plan.attachments.add.length - missing, held: plan.attachments.held, missing };
  if (!manifest.attachmentsIncluded && missing > 0) report.warnings.push(appError('import.attachmentsLeftOut', { count: missing }));
  const all = conflictViews(plan);
  planned.conflictIds = all.map((c) => c.id);
  report.conflicts = all.slice(0, MAX_CONFLICTS_SHOWN);
  if (all.length > MAX_CONFLICTS_SHOWN) report.warnings.push(appError('import.manyConflicts', { shown: MAX_CONFLICTS_SHOWN, count: all.length }));
  // This device's chain is written here only: entries of it arriving from elsewhere are not ours to add.
  const foreignOwn = plan.history.append.find((e) => e.deviceId === ownDeviceId);
  if (foreignOwn) return refuse(appError('import.historyConflict', { deviceId: foreignOwn.deviceId.slice(0, 12), seq: foreignOwn.seq }));
  const fork = plan.history.conflicts[0];
  if (fork) return refuse(appError('import.historyConflict', { deviceId: fork.deviceId.slice(0, 12), seq: fork.seq }));
  const gap = plan.history.gaps[0];
  if (gap) return refuse(appError('import.historyGap', { deviceId: gap.deviceId.slice(0, 12), from: gap.heldUpTo + 1, to: gap.firstIncoming - 1 }));
  if (!returnPackage) {
    const behind = await findingsBehindHistory(db, data, manifest.device.id, dry);
    if (behind[0]) return refuse(appError('import.historyBehind', { ledgerNo: behind[0].ledgerNo, count: behind.length }));
  }
  report.noOp = isNoOp(plan);
  return planned;
}

/**
 * A planned package's writes, every request sent before this returns (IndexedDB runs a transaction's
 * requests in the order sent); `done` settles when they have all succeeded, or with the first failure.
 * `alone`: the package appends entries to this device's chain (a return package: appendHistory reads the
 * chain's head after the other writes), so nothing else may be sent before `done` settles. `decision`
 * null: a preview writing what a later package of its batch is planned against (rolled back at the
 * end), which leaves conflicts as they are. Throws (Refused) before sending anything when a conflict
 * has no decision.
 */
function writeOne(db: XbDb, pkg: ImportPackage, p: Planned, decision: PackageDecision | null, ctx: WriteCtx): { done: Promise<void>; alone: boolean } {
  const { manifest } = pkg;
  const plan = p.plan as MergePlan;
  const { report } = p;
  const rows = rowsOf(pkg, plan, decision, { ...ctx, returnPackage: manifest.scope.kind === 'return' });
  const writes: Promise<unknown>[] = [];
  if (report.key.kind === 'unknown') {
    writes.push(db.trustedKeys.add({ orgUnitCode: manifest.orgUnit.code, publicKey: manifest.device.publicKey, fingerprint: manifest.device.fingerprint, deviceId: manifest.device.id, firstSeen: ctx.at, confirmedBy: ctx.actor, replaced: [] }));
  }
  writes.push(...writeRows(db, rows, ctx));
  const row: ImportRow = {
    packageSha256: pkg.packageSha256,
    orgUnitCode: manifest.orgUnit.code,
    deviceId: manifest.device.id,
    seq: manifest.seq,
    exportedAt: manifest.exportedAt,
    importedAt: ctx.at,
    importedBy: ctx.actor,
    fileName: pkg.fileName.slice(0, 300),
    counts: {
      ...Object.fromEntries(RECORD_KINDS.flatMap((kind) => Object.entries(report.counts[kind]).map(([outcome, n]): [string, number] => [`${kind}.${outcome}`, n]))),
      'history.append': report.history.append,
      'attachments.add': report.attachments.add,
    },
    conflicts: p.conflictIds.length,
  };
  writes.push(db.imports.add(row));
  const all = Promise.all(writes);
  if (rows.drafts.length === 0) return { done: all.then(() => undefined), alone: false };
  // This device's own entries, one after another: each reads the chain head the one before wrote.
  const drafts = rows.drafts;
  return {
    done: all.then(async () => {
      for (const draft of drafts) await appendHistory(db, ctx.ownDeviceId, draft);
    }),
    alone: true,
  };
}

/**
 * The package's findings last written by its device whose write has no entry in that device's history,
 * neither in the package nor held here (core/ledger/import-check findingsWithoutEntry). A return package
 * carries no history and is not checked.
 */
async function findingsBehindHistory(t: Pick<XbDb, 'history'>, data: LedgerData, deviceId: string, dry: DryRun | null): Promise<FindingRecord[]> {
  const unanchored = findingsWithoutEntry(data.findings, data.history, deviceId);
  if (unanchored.length === 0) return [];
  const held = await t.history.where('[entityType+entityId]').anyOf(unanchored.map((f): [string, string] => ['finding', f.id])).toArray();
  return findingsWithoutEntry(unanchored, [...held, ...(dry?.findingEntries(unanchored.map((f) => f.id)) ?? [])], deviceId);
}

/**
 * `held`: the keys a later package's plan looks up (null: no package is planned after these writes);
 * `seqs`: the transaction's localSeqs (the caller stores the counter once every package is sent).
 */
type WriteCtx = {
  ownDeviceId: string;
  actor: string;
  at: string;
  held: HeldKeys | null;
  seqs: LocalSeqRun;
  /** The photos are stored before the transaction (a confirmation): the package's writes leave them out. */
  attachmentsStaged: boolean;
};

/** What a package's plan writes, with the user's decisions applied. */
type PlanRows = {
  replacedUnits: string[];
  puts: { [K in RecordKind]: RecordOf[K][] };
  synced: SyncedRevRow[];
  /** Entries of this device's own chain (a return package's answers), appended after the other writes. */
  drafts: HistoryDraft[];
  attachments: Attachment[];
  history: HistoryRecord[];
};

/** `decision` null: a preview, which leaves conflicts as they are. */
function rowsOf(pkg: ImportPackage, plan: MergePlan, decision: PackageDecision | null, ctx: Pick<WriteCtx, 'ownDeviceId' | 'actor' | 'at'> & { returnPackage: boolean }): PlanRows {
  const synced: SyncedRevRow[] = [];
  const drafts: HistoryDraft[] = [];
  const puts: { [K in RecordKind]: RecordOf[K][] } = { orgUnits: [], inspections: [], answers: [], findings: [] };
  const replacedUnits: string[] = [];
  const markSynced = (kind: RecordKind, r: AnyRecord, rev: number): void => {
    if (r.deviceId === ctx.ownDeviceId) synced.push({ key: recordKey(kind, keyOf(kind, r)), rev });
  };

  for (const kind of RECORD_KINDS) {
    const p = plan[kind];
    const out = puts[kind] as AnyRecord[];
    for (const r of p.insert) {
      out.push(r);
      markSynced(kind, r, r.rev);
    }
    for (const u of p.update) {
      out.push(u.after);
      markSynced(kind, u.after, u.after.rev);
      // A branch takes in head office's answer to its records with its own entry: head office's chain
      // stays at head office, and the branch's timeline says what came back and when.
      if (ctx.returnPackage && kind !== 'orgUnits') {
        const changes = changesOf(u.before as AnyRecord, u.after as AnyRecord);
        if (changes.length > 0) drafts.push({ entityType: HISTORY_TYPE[kind as Exclude<RecordKind, 'orgUnits'>], entityId: keyOf(kind as RecordKind, u.after as AnyRecord), at: ctx.at, actor: ctx.actor, action: 'update', changes, reason: MERGE_REASONS.fromHeadOffice });
      }
    }
    for (const r of p.unchanged) markSynced(kind, r, r.rev);
    for (const c of p.conflicts) {
      if (decision === null) continue;
      const choice = decision.resolutions[recordKey(kind, c.key)];
      if (choice === undefined) throw new Refused(appError('import.changed', { file: pkg.fileName }));
      const resolved = resolveConflict(c, choice, { at: ctx.at, actor: ctx.actor, deviceId: ctx.ownDeviceId });
      if (!resolved.ok) throw new Refused(resolved.error);
      const { record, replaces, syncedRev, history } = resolved.value;
      if (record !== null) {
        out.push(record);
        if (record.deviceId === ctx.ownDeviceId) synced.push({ key: recordKey(kind, keyOf(kind, record)), rev: syncedRev });
        else synced.push({ key: recordKey(kind, keyOf(kind, record)), rev: record.rev });
      } else synced.push({ key: recordKey(kind, c.key), rev: syncedRev });
      if (replaces !== null) replacedUnits.push(replaces);
      if (history !== null) drafts.push(history);
    }
  }

  const attachments: Attachment[] = [];
  for (const a of plan.attachments.add) {
    const bytes = pkg.attachments.get(a.id);
    if (bytes !== undefined) attachments.push(attachmentRow(a, bytes));
  }
  return { replacedUnits, puts, synced, drafts, attachments, history: plan.history.append };
}

/**
 * Sends a package's writes (all but this device's own history entries) in the order they were made one
 * after another before: IndexedDB runs them in that order. Returns their promises.
 */
function writeRows(db: XbDb, rows: PlanRows, ctx: WriteCtx): Promise<unknown>[] {
  const { replacedUnits, puts, synced, attachments, history } = rows;
  const writes: Promise<unknown>[] = [];
  if (replacedUnits.length > 0) writes.push(db.orgUnits.bulkDelete(replacedUnits));
  if (puts.orgUnits.length > 0) writes.push(db.orgUnits.bulkPut(puts.orgUnits));
  if (puts.inspections.length > 0) writes.push(db.inspections.bulkPut(puts.inspections));
  if (puts.answers.length > 0) writes.push(db.answers.bulkPut(puts.answers));
  if (puts.findings.length > 0) {
    const first = ctx.seqs.take(puts.findings.length);
    writes.push(db.findings.bulkPut(puts.findings.map((f, i): FindingRow => ({ ...f, localSeq: first + i }))));
  }
  const held = ctx.held;
  if (held !== null) {
    for (const f of puts.findings) {
      held.findingIds.add(f.id);
      held.ledgerNos.add(f.ledgerNo);
    }
    for (const a of attachments) held.attachmentIds.add(a.id);
  }
  if (attachments.length > 0 && !ctx.attachmentsStaged) writes.push(db.attachments.bulkAdd(attachments));
  // Other devices' entries, as they were sealed; their chain heads kept so the whole table stays checkable.
  if (history.length > 0) {
    writes.push(db.history.bulkAdd(history));
    const heads = new Map<string, HistoryRecord>();
    for (const e of history) if ((heads.get(e.deviceId)?.seq ?? 0) < e.seq) heads.set(e.deviceId, e);
    writes.push(db.counters.bulkPut([...heads.values()].map((e) => ({ key: `historyHead:${e.deviceId}`, value: e.seq, deviceId: e.deviceId, hash: e.hash }))));
  }
  if (synced.length > 0) writes.push(db.syncedRevs.bulkPut(synced));
  return writes;
}

const attachmentRow = (a: AttachmentRecord, bytes: Uint8Array): Attachment => ({ ...a, blob: new Blob([bytes as Uint8Array<ArrayBuffer>], { type: a.mime }), thumbnail: null });

/** What a confirmation stored before its transaction: every id it added, and how many for each package (by its SHA-256). */
type Staged = { added: string[]; byPackage: Map<string, number> };
const emptyStaged = (): Staged => ({ added: [], byPackage: new Map() });

/**
 * Before a confirmation's transaction: stores the photos of every package being imported that the
 * database does not hold yet (attachment-staging.ts says why). Throws job.cancelled (Refused) or as a
 * write does, having taken its photos out again.
 */
async function stageImportPhotos(db: XbDb, packages: readonly ImportPackage[], decisions: ImportDecisions, signal: AbortSignal | undefined, perTransaction: number): Promise<Staged> {
  const byPackage = new Map<string, number>();
  const items = packages.flatMap((pkg) =>
    decisions[pkg.packageSha256] === undefined
      ? []
      : pkg.data.attachments.flatMap((record) => {
          const bytes = pkg.attachments.get(record.id);
          return bytes === undefined ? [] : [{ sha: pkg.packageSha256, record, bytes }];
        }),
  );
  const added = await stageAttachments(db, items, {
    idOf: (item) => item.record.id,
    rowOf: (item) => attachmentRow(item.record, item.bytes),
    onAdded: (item) => byPackage.set(item.sha, (byPackage.get(item.sha) ?? 0) + 1),
    signal,
    perTransaction,
  });
  if (added === null) throw new Refused(appError('job.cancelled'));
  return { added, byPackage };
}

function emptyPlan(): MergePlan {
  const kind = () => ({ insert: [], update: [], unchanged: [], stale: [], conflicts: [] });
  return { orgUnits: kind(), inspections: kind(), answers: kind(), findings: kind(), history: { append: [], unchanged: 0, conflicts: [], gaps: [] }, attachments: { add: [], held: 0 }, byUnit: [] };
}

/** The import log, newest first. */
export async function importLog(db: XbDb, limit = 500): Promise<ImportRow[]> {
  return db.imports.orderBy('importedAt').reverse().limit(limit).toArray();
}
