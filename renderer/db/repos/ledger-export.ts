// What goes into a ledger package (issue 5), read in one transaction so the records, their history and
// the chain heads agree; and the log of packages this device exported. A full package holds every
// record and every history entry; a delta holds the history written since an earlier package and the
// current state of every record that history touches (with the inspections they belong to). Org units
// always travel whole: they are few and head office needs them to place every record.
import type { XbDb } from '../db';
import type { AnswerRow, Attachment, FindingRow, HistoryRow, Inspection, LedgerExportRow, OrgUnit, SyncedRevRow } from '../types';
import type { AnswerRecord, AttachmentRecord, FindingRecord, HistoryRecord, InspectionRecord, OrgUnitRecord } from '../../core/ledger/records';
import { LEDGER_DATA_VERSION, ledgerDataSchema, type LedgerData, type LedgerManifest, type LedgerScope } from '../../core/ledger/package';
import type { PackageDevice } from '../../core/package/manifest';
import { appError, err, ok, type Result } from '../../core/result';
import { unitsWithin } from '../../core/org/model';
import { keyOf, recordKey, type RecordKind, type RecordOf } from '../../core/ledger/merge';
import { answerEntityId } from './inspections';
import { freezeHistory, readHead } from './history';

// The rows must be exactly the records a package carries: a field added to one and not the other is a
// compile error here, not a package head office refuses.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exact = <T extends true>(): T | undefined => undefined;
exact<Same<OrgUnit, OrgUnitRecord>>();
exact<Same<Inspection, InspectionRecord>>();
exact<Same<AnswerRow, AnswerRecord>>();
exact<Same<Omit<FindingRow, 'localSeq'>, FindingRecord>>();
exact<Same<HistoryRow, HistoryRecord>>();
exact<Same<Omit<Attachment, 'blob' | 'thumbnail'>, AttachmentRecord>>();

/** return: head office's answer to one unit (its subtree's findings changed here since last exchanged). */
export type LedgerExportRequest = { kind: 'full' } | { kind: 'delta'; sinceSeq: number } | { kind: 'return'; unitCode: string };

export type LedgerExportPlan = {
  data: LedgerData;
  orgUnit: LedgerManifest['orgUnit'];
  device: PackageDevice;
  privateKey: CryptoKey;
  exportedBy: string;
  seq: number;
  prevPackageSha256: string | null;
  scope: LedgerScope;
  checklists: LedgerManifest['checklists'];
  auditHead: string | null;
  chainHeads: LedgerExportRow['chainHeads'];
  /** The revs the package sends of records this device wrote: recorded once it is saved (recordLedgerExport). */
  synced: SyncedRevRow[];
};

const byKey = <T>(key: (t: T) => string) => (a: T, b: T): number => {
  const x = key(a);
  const y = key(b);
  return x < y ? -1 : x > y ? 1 : 0;
};

/** A stored finding as it travels: without the device-local localSeq. */
export const findingRecordOf = ({ localSeq: _localSeq, ...rest }: FindingRow): FindingRecord => rest;
/** A stored attachment as a package lists it: without its bytes. */
export const attachmentRecordOf = ({ blob: _blob, thumbnail: _thumbnail, ...rest }: Attachment): AttachmentRecord => rest;

/**
 * Reads what the package will hold and freezes the exporting device's history up to its head (an entry
 * head office may hold is never re-sealed afterwards). Errors: setup.notDone, ledger.noOwnUnit,
 * ledger.sinceUnknown {seq}, ledger.foreignRecords {code}, ledger.invalidRecords (detail: where).
 */
export async function planLedgerExport(db: XbDb, request: LedgerExportRequest): Promise<Result<LedgerExportPlan>> {
  const tables = [db.settings, db.orgUnits, db.inspections, db.answers, db.findings, db.history, db.attachments, db.counters, db.exports, db.syncedRevs];
  return db.transaction('rw', tables, async () => {
    const settings = await db.settings.get('device');
    if (!settings) return err(appError('setup.notDone'));
    const units = await db.orgUnits.toArray();
    const own = units.find((u) => u.code === settings.orgUnitCode && u.deletedAt === null);
    if (!own) return err(appError('ledger.noOwnUnit', { code: settings.orgUnitCode }));

    const last = await db.exports.orderBy('seq').last();
    let since: LedgerExportRow | undefined;
    if (request.kind === 'delta') {
      since = await db.exports.get(request.sinceSeq);
      if (!since) return err(appError('ledger.sinceUnknown', { seq: request.sinceSeq }));
    }

    let history: HistoryRow[];
    let inspections: Inspection[];
    let answers: AnswerRow[];
    let findings: FindingRow[];
    let orgUnits: OrgUnit[] = units;
    if (request.kind === 'return') {
      const target = units.find((u) => u.code === request.unitCode && u.deletedAt === null);
      const below = unitsWithin([own.code], units);
      if (!target || !below.has(target.code) || target.code === own.code) return err(appError('ledger.returnTarget', { code: request.unitCode }));
      const within = unitsWithin([target.code], units);
      findings = await changedHere(db, within, settings.deviceId);
      if (findings.length === 0) return err(appError('ledger.nothingToReturn', { code: target.code }));
      const inspectionIds = [...new Set(findings.flatMap((f) => (f.inspectionId === null ? [] : [f.inspectionId])))];
      inspections = (await db.inspections.bulkGet(inspectionIds)).filter((i): i is Inspection => i !== undefined);
      answers = [];
      history = [];
      // The units from head office down to the target, and the target's subtree: enough to place every record.
      const byCode = new Map(units.map((u) => [u.code, u]));
      const path = new Set<string>();
      for (let u: OrgUnit | undefined = target; u && !path.has(u.code); u = u.parentCode === null ? undefined : byCode.get(u.parentCode)) path.add(u.code);
      orgUnits = units.filter((u) => within.has(u.code) || path.has(u.code));
    } else if (since === undefined) {
      history = await db.history.orderBy('[deviceId+seq]').toArray();
      inspections = await db.inspections.toArray();
      answers = await db.answers.toArray();
      findings = await db.findings.toArray();
    } else {
      const after = new Map(since.chainHeads.map((h) => [h.deviceId, h.seq]));
      const heads = await db.counters.where('key').startsWith('historyHead:').toArray();
      history = [];
      for (const head of heads) {
        const deviceId = head.deviceId ?? head.key.slice('historyHead:'.length);
        const from = (after.get(deviceId) ?? 0) + 1;
        history.push(...(await db.history.where('[deviceId+seq]').between([deviceId, from], [deviceId, Infinity]).toArray()));
      }
      const ids = (type: HistoryRow['entityType']): string[] => [...new Set(history.filter((e) => e.entityType === type).map((e) => e.entityId))];
      findings = (await db.findings.bulkGet(ids('finding'))).filter((f): f is FindingRow => f !== undefined);
      const answerKeys = ids('answer').map((id): [string, string] => {
        const slash = id.indexOf('/');
        return [id.slice(0, slash), id.slice(slash + 1)];
      });
      answers = (await db.answers.bulkGet(answerKeys)).filter((a): a is AnswerRow => a !== undefined);
      const inspectionIds = new Set([...ids('inspection'), ...answers.map((a) => a.inspectionId), ...findings.flatMap((f) => (f.inspectionId === null ? [] : [f.inspectionId]))]);
      inspections = (await db.inspections.bulkGet([...inspectionIds])).filter((i): i is Inspection => i !== undefined);
    }

    // Every record must belong to this unit or one below it: head office refuses anything else.
    const within = unitsWithin([own.code], units);
    const foreign = [...inspections, ...findings].find((r) => !within.has(r.orgUnitCode));
    if (foreign) return err(appError('ledger.foreignRecords', { code: foreign.orgUnitCode, own: own.code }));

    const referenced = new Set([...answers.flatMap((a) => a.attachments), ...findings.flatMap((f) => f.evidence)]);
    const attachments = (await db.attachments.bulkGet([...referenced])).filter((a): a is Attachment => a !== undefined);

    const data: LedgerData = {
      schemaVersion: LEDGER_DATA_VERSION,
      orgUnits: [...orgUnits].sort(byKey((u) => u.code)),
      inspections: inspections.sort(byKey((i) => i.id)),
      answers: answers.sort(byKey((a) => answerEntityId(a.inspectionId, a.itemCode))),
      findings: findings.map(findingRecordOf).sort(byKey((f) => f.ledgerNo)),
      history,
      attachments: attachments.map(attachmentRecordOf).sort(byKey((a) => a.id)),
    };
    // The package is checked against the same schema head office uses, before anything is signed.
    const checked = ledgerDataSchema.safeParse(data);
    if (!checked.success) {
      const first = checked.error.issues[0];
      return err(appError('ledger.invalidRecords', undefined, first ? `${first.path.join('.')}: ${first.message}` : 'schema'));
    }

    const checklists = new Map<string, LedgerManifest['checklists'][number]>();
    for (const i of inspections) checklists.set(`${i.checklistId}@${i.checklistVersion}`, { id: i.checklistId, version: i.checklistVersion, sha256: i.checklistSha256 });

    const ownHead = await readHead(db, settings.deviceId);
    // A return package carries no history: nothing of this chain leaves the device with it.
    if (ownHead !== null && request.kind !== 'return') await freezeHistory(db, settings.deviceId, ownHead.seq);
    const heads = new Map((since?.chainHeads ?? []).map((h) => [h.deviceId, h.seq]));
    for (const e of history) heads.set(e.deviceId, Math.max(heads.get(e.deviceId) ?? 0, e.seq));

    return ok({
      data,
      orgUnit: { code: own.code, name: own.name, level: own.level },
      device: { id: settings.deviceId, publicKey: settings.publicKeyRaw, fingerprint: settings.fingerprint },
      privateKey: settings.privateKey,
      exportedBy: settings.inspectorName,
      seq: (last?.seq ?? 0) + 1,
      prevPackageSha256: last?.packageSha256 ?? null,
      scope: request.kind === 'return' ? { kind: 'return', unitCode: request.unitCode } : since === undefined ? { kind: 'full' } : { kind: 'delta', sinceSeq: since.seq },
      checklists: [...checklists.values()].sort(byKey((c) => `${c.id}@${c.version}`)),
      auditHead: ownHead?.hash ?? null,
      chainHeads: [...heads.entries()].map(([deviceId, seq]) => ({ deviceId, seq })).sort(byKey((h) => h.deviceId)),
      synced: [...sentBy(settings.deviceId, 'orgUnits', data.orgUnits), ...sentBy(settings.deviceId, 'inspections', data.inspections), ...sentBy(settings.deviceId, 'findings', data.findings)],
    });
  });
}

/**
 * The findings of these units this device changed since it last sent them (or made and never sent).
 * Every write of a finding here appends an entry for it to this device's own chain (writeFinding, a
 * conflict decided on import), so the candidates are the findings that chain names: head office's own
 * work, not every finding the branches sent. Each is then held to the test itself: last written here,
 * within the units, at a rev above the one last sent.
 */
async function changedHere(db: Pick<XbDb, 'history' | 'findings' | 'syncedRevs'>, codes: ReadonlySet<string>, deviceId: string): Promise<FindingRow[]> {
  const named = new Set<string>();
  await db.history
    .where('[deviceId+seq]')
    .between([deviceId, 0], [deviceId, Infinity])
    .each((e) => {
      if (e.entityType === 'finding') named.add(e.entityId);
    });
  const candidates = (await db.findings.bulkGet([...named])).filter((f): f is FindingRow => f !== undefined && f.deviceId === deviceId && codes.has(f.orgUnitCode));
  const synced = new Map((await db.syncedRevs.bulkGet(candidates.map((f) => recordKey('findings', f.id)))).flatMap((r) => (r ? [[r.key, r.rev] as const] : [])));
  return candidates.filter((f) => f.rev > (synced.get(recordKey('findings', f.id)) ?? 0));
}

/** How many findings a return package to each unit below this one would carry now (units with none left out). */
export async function pendingReturns(db: XbDb): Promise<Map<string, number>> {
  return db.transaction('r', [db.settings, db.orgUnits, db.history, db.findings, db.syncedRevs], async () => {
    const settings = await db.settings.get('device');
    if (!settings) return new Map<string, number>();
    const changed = await changedHere(db, unitsWithin([settings.orgUnitCode], await db.orgUnits.toArray()), settings.deviceId);
    const out = new Map<string, number>();
    for (const f of changed) if (f.orgUnitCode !== settings.orgUnitCode) out.set(f.orgUnitCode, (out.get(f.orgUnitCode) ?? 0) + 1);
    return out;
  });
}

/**
 * The revs sent of the records this device wrote (answers apart: only their inspection edits them, so
 * no version of an answer ever comes back): the other side's next version of one is then no conflict.
 */
function sentBy<K extends RecordKind>(deviceId: string, kind: K, records: readonly RecordOf[K][]): SyncedRevRow[] {
  return records.filter((r) => r.deviceId === deviceId).map((r) => ({ key: recordKey(kind, keyOf(kind, r)), rev: r.rev }));
}

/**
 * Records a package once it is saved, with the revs it sent. A seq already taken (two exports raced) is
 * refused with ledger.seqTaken: the file saved last must then be exported again, since head office would
 * see two different packages under one seq.
 */
export async function recordLedgerExport(db: XbDb, row: LedgerExportRow, synced: readonly SyncedRevRow[] = []): Promise<Result<LedgerExportRow>> {
  return db.transaction('rw', db.exports, db.syncedRevs, async () => {
    if (await db.exports.get(row.seq)) return err(appError('ledger.seqTaken', { seq: row.seq }));
    await db.exports.add(row);
    // Never lower a rev recorded by a later exchange (a package saved after a newer one was imported).
    const held = new Map((await db.syncedRevs.bulkGet(synced.map((s) => s.key))).flatMap((r) => (r ? [[r.key, r.rev] as const] : [])));
    await db.syncedRevs.bulkPut(synced.filter((s) => (held.get(s.key) ?? 0) < s.rev));
    return ok(row);
  });
}

/** The attachment's stored bytes, read one at a time while the package is written. */
export async function attachmentBytes(db: XbDb, id: string): Promise<Uint8Array | null> {
  const row = await db.attachments.get(id);
  return row ? new Uint8Array(await row.blob.arrayBuffer()) : null;
}

/** How much each page of findingPages is larger than the one before (see there). */
const PAGE_GROWTH = 1.25;

/**
 * Every finding in ledger-number order, a page (array) at a time: each page one `getAll` on the ledgerNo
 * index in its own short readonly transaction. The first read is sent when this is called, not when the
 * first page is asked for, so it overlaps whatever the caller reads meanwhile; and it is small, so the
 * consumer starts after a few rows instead of waiting for a full page (at 2,000 rows the wait for the first
 * page was a tenth of the Excel export). Pages then grow by a quarter up to `pageSize`. The next page is
 * asked for as soon as a page arrives, so the database reads it while the consumer works on the current
 * one: a next page much larger than the current one (they used to double) is not read by the time the
 * current one is written, and the consumer waits at every step. Reading a finding costs the database
 * about three quarters of what writing its row costs the export, so a quarter more keeps ahead of it.
 */
export function findingPages(db: XbDb, { firstPage = 250, pageSize = 2000 }: { firstPage?: number; pageSize?: number } = {}): AsyncGenerator<FindingRow[]> {
  const read = (after: string | null, limit: number): Promise<FindingRow[]> =>
    after === null ? db.findings.orderBy('ledgerNo').limit(limit).toArray() : db.findings.where('ledgerNo').above(after).limit(limit).toArray();
  // A consumer that stops early never awaits the page read ahead: its failure is nobody's to report.
  const ahead = (page: Promise<FindingRow[]>): Promise<FindingRow[]> => {
    page.catch(() => undefined);
    return page;
  };
  const first = Math.max(1, Math.min(firstPage, pageSize));
  const started = ahead(read(null, first));
  return (async function* pages(): AsyncGenerator<FindingRow[]> {
    let size = first;
    let next: Promise<FindingRow[]> | null = started;
    while (next !== null) {
      const page: FindingRow[] = await next;
      const last = page.at(-1);
      const asked = size;
      size = Math.min(pageSize, Math.ceil(size * PAGE_GROWTH));
      next = last === undefined || page.length < asked ? null : ahead(read(last.ledgerNo, size));
      if (page.length > 0) yield page;
    }
  })();
}

/** Every finding in ledger-number order, one at a time, read as findingPages reads them. */
export async function* pagedFindings(db: XbDb, pageSize = 2000): AsyncGenerator<FindingRow> {
  for await (const page of findingPages(db, { pageSize })) yield* page;
}

/** The findings with these ids, in the order given, a page (array) at a time; ids no longer stored are skipped. */
export async function* findingPagesByIds(db: XbDb, ids: readonly string[], pageSize = 2000): AsyncGenerator<FindingRow[]> {
  for (let i = 0; i < ids.length; i += pageSize) {
    yield (await db.findings.bulkGet(ids.slice(i, i + pageSize))).filter((f): f is FindingRow => f !== undefined);
  }
}

/** The findings with these ids, in the order given, one at a time; ids no longer stored are skipped. */
export async function* findingsByIds(db: XbDb, ids: readonly string[], pageSize = 2000): AsyncGenerator<FindingRow> {
  for await (const page of findingPagesByIds(db, ids, pageSize)) yield* page;
}
