// Findings (问题) and their rectification: every write bumps rev, stamps localSeq and appends exactly
// one history entry in the same transaction, so history replays to the stored records. Nothing is
// deleted: voiding sets deletedAt and keeps the ledger number.
import type { XbDb } from '../db';
import type { CounterRow, FindingRow, HistoryRow, Inspection } from '../types';
import { clock, nowIso } from '../clock';
import { todayLocal } from '../today';
import { currentActor, type Actor } from './actor';
import { appendHistory, readHead } from './history';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import type { HistoryAction, HistoryChange, HistoryDraft } from '../../core/audit/types';
import type { Checklist, Verdict } from '../../core/checklist/schema';
import { findEntry } from '../../core/checklist/items';
import { creationChanges, diffFields, editFinding, fieldsOf, validateFinding, type FindingFields, type FindingPatch, type FindingProblem } from '../../core/finding/model';
import { defaultDescription, findingFromVerdict, manualFinding, type ManualFindingInput } from '../../core/finding/create';
import { formatLedgerNo, ledgerCounterKey, ledgerYear } from '../../core/finding/ledger-no';
import { applyTransition, type RequirementProblem, type TransitionAction, type TransitionInput } from '../../core/finding/transitions';
import { isUntouched, SYSTEM_REASONS, verdictLink } from '../../core/finding/verdict-link';
import { repeatLinkProblem, type RepeatRef } from '../../core/finding/repeat';
import { itemFindingOf, readRepeatAhead, repeatSearch, type RepeatReads } from './cycles';

export type FindingTables = Pick<XbDb, 'findings' | 'history' | 'counters'>;

/** An AppError that can also list field problems (edits) or unmet requirements (transitions). */
export type FindingError = AppError & { problems?: FindingProblem[]; requirements?: RequirementProblem[] };

const LOCAL_SEQ_KEY = 'findings:localSeq';

/** The tables every finding write touches; callers add what else they read. */
export const findingWriteTables = (db: XbDb) => [db.findings, db.history, db.counters, db.settings];

/**
 * The localSeqs of a transaction that writes findings in several batches without waiting for each one
 * (the import, package by package): the counter is read once, values are handed out in memory in the
 * order asked for, and `store` writes the last one handed out. Nothing else may move the counter in that
 * transaction between the read and `store`.
 */
export type LocalSeqRun = { take(count: number): number; store(): Promise<void> };

export async function readLocalSeqRun(t: Pick<XbDb, 'counters'>): Promise<LocalSeqRun> {
  const start = (await lastLocalSeq(t)) + 1;
  let next = start;
  return {
    take(count) {
      const first = next;
      next += count;
      return first;
    },
    async store() {
      if (next > start) await t.counters.put({ key: LOCAL_SEQ_KEY, value: next - 1 });
    },
  };
}

/** The localSeq last stamped on this device (0 before the first). */
async function lastLocalSeq(t: Pick<XbDb, 'counters'>): Promise<number> {
  return (await t.counters.get(LOCAL_SEQ_KEY))?.value ?? 0;
}

/** The value of a ledger counter (0 before its first number). */
function ledgerCounter(t: Pick<XbDb, 'counters'>, key: string): Promise<number> {
  return t.counters.get(key).then((row) => row?.value ?? 0);
}

/** The next number of a unit-year, in the caller's transaction: an aborted save gives it back. */
export async function allocateLedgerNo(t: FindingTables, orgUnitCode: string, year: number): Promise<string> {
  const key = ledgerCounterKey(orgUnitCode, year);
  let value = await ledgerCounter(t, key);
  for (;;) {
    value += 1;
    const no = formatLedgerNo(orgUnitCode, year, value);
    // The counter moves on and the number is checked in the same round trip. A number already taken is
    // skipped rather than reused: data from before the counter existed, or a finding of this unit that
    // another device numbered (head office's, come back in a return package), is not in the counter.
    const [, taken] = await Promise.all([t.counters.put({ key, value }), t.findings.where('ledgerNo').equals(no).count()]);
    if (taken === 0) return no;
  }
}

/**
 * allocateLedgerNo for a counter value already read in this transaction: the number, and the counter row
 * the caller writes with the finding (the same number and counter allocateLedgerNo leaves). `next`, when
 * given, is how many findings hold the number of one value, counted ahead in this transaction.
 */
async function ledgerNoAfter(t: Pick<XbDb, 'findings'>, orgUnitCode: string, year: number, counter: number, next?: { value: number; taken: number }): Promise<{ ledgerNo: string; counterRow: CounterRow }> {
  for (let value = counter + 1; ; value++) {
    const no = formatLedgerNo(orgUnitCode, year, value);
    const taken = next?.value === value ? next.taken : await t.findings.where('ledgerNo').equals(no).count();
    if (taken === 0) return { ledgerNo: no, counterRow: { key: ledgerCounterKey(orgUnitCode, year), value } };
  }
}

export type WriteContext = { actor: Actor; at: string };

/** What a finding write records in history. */
export type FindingEntry = { action: HistoryAction; changes: HistoryChange[]; reason?: string | null; transition?: string };

/** A finding write worked out: the row to store (stamped with its localSeq) and the history entry's draft. */
export type FindingRecord = { row: FindingRow; draft: HistoryDraft };

function findingRecord(ctx: WriteContext, id: string, current: FindingRow | undefined, next: FindingFields, entry: FindingEntry, localSeq: number): FindingRecord {
  const row: FindingRow = {
    id,
    rev: (current?.rev ?? 0) + 1,
    updatedAt: ctx.at,
    updatedBy: ctx.actor.inspectorName,
    deviceId: ctx.actor.deviceId,
    ...fieldsOf(next),
    localSeq,
  };
  const draft: HistoryDraft = {
    entityType: 'finding',
    entityId: id,
    at: ctx.at,
    actor: ctx.actor.inspectorName,
    action: entry.action,
    ...(entry.transition ? { transition: entry.transition } : {}),
    changes: entry.changes,
    reason: entry.reason ?? null,
  };
  return { row, draft };
}

/** Stores a finding's row and moves the localSeq counter to it (its history entry is the caller's). */
export async function putFinding(t: Pick<XbDb, 'findings' | 'counters'>, row: FindingRow): Promise<void> {
  await Promise.all([t.counters.put({ key: LOCAL_SEQ_KEY, value: row.localSeq }), t.findings.put(row)]);
}

/** Stores `next` as the new state of finding `id` and records it. Must run in a transaction over FindingTables. */
export async function writeFinding(t: FindingTables, ctx: WriteContext, id: string, current: FindingRow | undefined, next: FindingFields, entry: FindingEntry): Promise<FindingRow> {
  // The reads first, together (the localSeq counter, the chain head), then every write together: each
  // round trip inside a save's strict transaction is time the person waits for "已保存".
  const [seq, head] = await Promise.all([lastLocalSeq(t), readHead(t, ctx.actor.deviceId)]);
  const { row, draft } = findingRecord(ctx, id, current, next, entry, seq + 1);
  await Promise.all([putFinding(t, row), appendHistory(t, ctx.actor.deviceId, draft, head)]);
  return row;
}

export async function createFinding(t: FindingTables, ctx: WriteContext, fields: FindingFields): Promise<FindingRow> {
  return writeFinding(t, ctx, clock().uuid(), undefined, fields, { action: 'create', changes: creationChanges(fields) });
}

/** The finding the verdict of (inspection, item) produced, voided or not: what followVerdict keeps in step. */
export function verdictFindingOf(db: Pick<XbDb, 'findings'>, inspectionId: string, itemCode: string): Promise<FindingRow | undefined> {
  return itemFindingOf(db, inspectionId, itemCode);
}

/** A verdict that just changed, and what planVerdict needs to know around it. */
export type VerdictChange = {
  inspection: Inspection;
  checklist: Checklist;
  itemCode: string;
  verdict: Verdict | null;
  note: string;
  /** verdictFindingOf(inspection, item), read in the same transaction. */
  existing: FindingRow | undefined;
};

/** A finding record planVerdict worked out, with what else its save writes and what saveAnswer remembers. */
export type VerdictRecord = FindingRecord & {
  /** A new finding's ledger counter, moved to its number: written with the finding. */
  ledgerCounter?: CounterRow;
  /** A new finding's repeat search: the earlier inspections it asked, in order (ids). */
  repeatOrder?: string[];
};

/**
 * Reads planVerdict may need, sent by saveAnswer with its first reads (from db/save-hints.ts) in the
 * same transaction. planVerdict uses each only where it fits what it turns out to need, and reads the
 * rest itself.
 */
export type VerdictReadsAhead = {
  /** The localSeq last stamped. */
  localSeq?: number;
  /** A unit-year's ledger counter; `next`: how many findings hold the number of `next.value`. */
  ledger?: { key: string; counter: number; next?: { value: number; taken: number } };
  /** The repeat search's reads for a unit (cycles.ts readRepeatAhead). */
  repeat?: RepeatReads;
  /** The history of one finding. */
  history?: { findingId: string; rows: HistoryRow[] };
};

/** What saveAnswer asks ahead, from its hints: a new finding's reads, or a finding's history. */
export type VerdictAheadPlan = {
  creation?: { orgUnitCode: string; year: number; counterHint: number | undefined; candidates: readonly string[] };
  historyOf?: string;
};

/** Sends the reads `plan` names, and the localSeq counter's, together (inside the caller's transaction). */
export function readVerdictAhead(db: XbDb, itemCode: string, plan: VerdictAheadPlan): Promise<VerdictReadsAhead> {
  const { creation, historyOf } = plan;
  const key = creation ? ledgerCounterKey(creation.orgUnitCode, creation.year) : '';
  const next = creation?.counterHint === undefined ? undefined : creation.counterHint + 1;
  return Promise.all([
    lastLocalSeq(db),
    creation ? ledgerCounter(db, key) : undefined,
    creation && next !== undefined ? db.findings.where('ledgerNo').equals(formatLedgerNo(creation.orgUnitCode, creation.year, next)).count() : undefined,
    creation ? readRepeatAhead(db, creation.orgUnitCode, itemCode, creation.candidates) : undefined,
    historyOf === undefined ? undefined : findingHistory(db, historyOf),
  ]).then(([localSeq, counter, taken, repeat, history]) => ({
    localSeq,
    ...(counter === undefined ? {} : { ledger: { key, counter, ...(next === undefined || taken === undefined ? {} : { next: { value: next, taken } }) } }),
    ...(repeat ? { repeat } : {}),
    ...(history && historyOf !== undefined ? { history: { findingId: historyOf, rows: history } } : {}),
  }));
}

const findingHistory = (db: Pick<XbDb, 'history'>, id: string): Promise<HistoryRow[]> => db.history.where('[entityType+entityId]').equals(['finding', id]).toArray();

/**
 * How the finding of (inspection, item) follows a verdict that just changed (rules in
 * core/finding/verdict-link.ts): the finding record to write (its row and history draft; the caller
 * stores them with putFinding and its history, and a new finding's ledger counter, in the same
 * transaction), or null when it stays as it is. Reads what the decision needs and, for a new finding,
 * takes its ledger number; what `ahead` holds is not read again. Runs inside saveAnswer's transaction,
 * which must include findings, history, counters and inspections.
 */
export async function planVerdict(db: XbDb, ctx: WriteContext, change: VerdictChange, ahead: VerdictReadsAhead = {}): Promise<VerdictRecord | null> {
  const { inspection, checklist, itemCode, verdict, note, existing } = change;
  const first = verdictLink(existing, verdict, true);
  if (first.kind === 'none') return null;
  const entry = findEntry(checklist, itemCode);
  const localSeq = (): number | Promise<number> => ahead.localSeq ?? lastLocalSeq(db);
  if (first.kind === 'create') {
    if (!entry) return null;
    // The ledger number, the repeat search and the localSeq counter do not depend on each other: their reads go together.
    const year = ledgerYear(inspection.date);
    const key = ledgerCounterKey(inspection.orgUnitCode, year);
    const ledger = ahead.ledger?.key === key ? ahead.ledger : undefined;
    const [numbered, repeated, seq] = await Promise.all([
      Promise.resolve(ledger?.counter ?? ledgerCounter(db, key)).then((counter) => ledgerNoAfter(db, inspection.orgUnitCode, year, counter, ledger?.next)),
      repeatSearch(db, inspection, itemCode, ahead.repeat),
      localSeq(),
    ]);
    const fields = findingFromVerdict(
      { inspection, item: entry.item, section: entry.section, documents: checklist.documents, verdict: first.verdict, note },
      numbered.ledgerNo,
      repeated.source?.id ?? null,
    );
    const record = findingRecord(ctx, clock().uuid(), undefined, fields, { action: 'create', changes: creationChanges(fields) }, seq + 1);
    return { ...record, ledgerCounter: numbered.counterRow, repeatOrder: repeated.order };
  }
  // Every other decision is about an existing finding (verdictLink returns them only then).
  if (!existing) return null;
  // Whether anybody worked on the finding only decides between voiding it and flagging it: its history
  // is read for that decision alone, beside the localSeq counter.
  const history = ahead.history?.findingId === existing.id ? ahead.history.rows : undefined;
  const [link, seq] = await Promise.all([
    first.kind === 'void' ? Promise.resolve(history ?? findingHistory(db, existing.id)).then((h) => verdictLink(existing, verdict, isUntouched(h))) : first,
    localSeq(),
  ]);
  const next: FindingFields = { ...fieldsOf(existing) };
  let action: HistoryAction = 'update';
  let reason: string = SYSTEM_REASONS.verdictChanged;
  if (link.kind === 'restore' || link.kind === 'update') {
    // A description nobody wrote follows the verdict (部分未达到 ↔ 未达到).
    const item = entry?.item;
    if (item && existing.verdict !== null && existing.description === defaultDescription(item, note, existing.verdict)) next.description = defaultDescription(item, note, link.verdict);
    next.verdict = link.verdict;
    next.verdictWithdrawn = false;
    if (link.kind === 'restore') {
      next.deletedAt = null;
      action = 'restore';
      reason = SYSTEM_REASONS.verdictFailsAgain;
    }
  } else if (link.kind === 'void') {
    next.deletedAt = ctx.at;
    action = 'delete';
    reason = SYSTEM_REASONS.verdictWithdrawn;
  } else {
    next.verdictWithdrawn = true;
    reason = SYSTEM_REASONS.verdictWithdrawn;
  }
  return findingRecord(ctx, existing.id, existing, next, { action, changes: diffFields(existing, next), reason }, seq + 1);
}

async function begin(db: XbDb): Promise<Result<WriteContext, FindingError>> {
  const actor = await currentActor(db);
  return actor.ok ? ok({ actor: actor.value, at: nowIso() }) : actor;
}

async function loadLive(db: XbDb, id: string, expectedRev: number | undefined): Promise<Result<FindingRow, FindingError>> {
  const current = await db.findings.get(id);
  if (!current) return err(appError('finding.notFound'));
  // The form was opened on an older revision: another window changed it in between.
  if (expectedRev !== undefined && current.rev !== expectedRev) return err(appError('finding.changedElsewhere', { ledgerNo: current.ledgerNo }));
  return ok(current);
}

const problemsError = (problems: FindingProblem[]): FindingError => ({ ...appError('finding.invalid', { count: problems.length }), problems });

export async function addManualFinding(db: XbDb, input: ManualFindingInput): Promise<Result<FindingRow, FindingError>> {
  return db.transaction('rw', [...findingWriteTables(db), db.orgUnits], async () => {
    const ctx = await begin(db);
    if (!ctx.ok) return ctx;
    const unit = await db.orgUnits.where('code').equals(input.orgUnitCode).first();
    if (!unit || unit.deletedAt !== null) return err(appError('org.notFound', { code: input.orgUnitCode }));
    const draft = manualFinding(input, 'pending');
    const problems = validateFinding(draft);
    if (problems.length > 0) return err(problemsError(problems));
    const fields = { ...draft, ledgerNo: await allocateLedgerNo(db, unit.code, ledgerYear(todayLocal())) };
    return ok(await createFinding(db, ctx.value, fields));
  });
}

export async function updateFinding(db: XbDb, id: string, patch: FindingPatch, expectedRev?: number): Promise<Result<FindingRow, FindingError>> {
  return db.transaction('rw', findingWriteTables(db), async () => {
    const ctx = await begin(db);
    if (!ctx.ok) return ctx;
    const current = await loadLive(db, id, expectedRev);
    if (!current.ok) return current;
    const r = editFinding(current.value, patch);
    if (!r.ok) {
      const lock = r.problems.find((p) => p.code === 'locked' || p.code === 'deleted');
      return err(lock ? appError(`finding.${lock.code}`) : problemsError(r.problems));
    }
    const repeatProblem = await checkRepeatLink(db, current.value, r.next.repeatOf);
    if (repeatProblem) return err(problemsError([repeatProblem]));
    if (r.changes.length === 0) return ok(current.value);
    return ok(await writeFinding(db, ctx.value, id, current.value, r.next, { action: 'update', changes: r.changes }));
  });
}

/**
 * A new 屡查屡犯 link set by hand must name an earlier, live finding of the same unit (core/finding/repeat.ts).
 * Clearing the link, or keeping the one there is, needs no check.
 */
async function checkRepeatLink(db: XbDb, current: FindingRow, target: string | null): Promise<FindingProblem | null> {
  if (target === null || target === current.repeatOf) return null;
  const unit = await db.findings.where('orgUnitCode').equals(current.orgUnitCode).toArray();
  const byId = new Map<string, RepeatRef>(unit.map((f) => [f.id, f]));
  // A finding of another unit is not in the unit's list but must be told apart from a missing one.
  if (!byId.has(target)) {
    const other = await db.findings.get(target);
    if (other) byId.set(other.id, other);
  }
  const code = repeatLinkProblem(current, target, byId);
  return code ? { field: 'repeatOf', code } : null;
}

export async function transitionFinding(
  db: XbDb,
  id: string,
  action: TransitionAction,
  input: TransitionInput,
  expectedRev?: number,
): Promise<Result<FindingRow, FindingError>> {
  return db.transaction('rw', findingWriteTables(db), async () => {
    const ctx = await begin(db);
    if (!ctx.ok) return ctx;
    const current = await loadLive(db, id, expectedRev);
    if (!current.ok) return current;
    const r = applyTransition(current.value, action, input, { today: todayLocal(), actor: ctx.value.actor.inspectorName });
    if (!r.ok) {
      const e = r.error;
      if (e.code === 'deleted') return err(appError('finding.deleted'));
      if (e.code === 'notAllowed') return err(appError('transition.notAllowed', { from: e.from, action: e.action }));
      return err({ ...appError('transition.requirements', { count: e.problems.length }), requirements: e.problems });
    }
    return ok(await writeFinding(db, ctx.value, id, current.value, r.value.next, { action: 'transition', transition: action, changes: r.value.changes, reason: r.value.reason }));
  });
}

/** 作废: a tombstone with a reason; the ledger number stays taken and visible. */
export async function voidFinding(db: XbDb, id: string, reason: string): Promise<Result<FindingRow, FindingError>> {
  return setDeleted(db, id, reason, true);
}

export async function restoreFinding(db: XbDb, id: string, reason: string): Promise<Result<FindingRow, FindingError>> {
  return setDeleted(db, id, reason, false);
}

async function setDeleted(db: XbDb, id: string, reason: string, deleted: boolean): Promise<Result<FindingRow, FindingError>> {
  if (reason.trim() === '') return err(appError('finding.reasonRequired'));
  return db.transaction('rw', findingWriteTables(db), async () => {
    const ctx = await begin(db);
    if (!ctx.ok) return ctx;
    const current = await loadLive(db, id, undefined);
    if (!current.ok) return current;
    if ((current.value.deletedAt !== null) === deleted) return ok(current.value);
    // A verified finding is closed: reopen it (with a reason) before it can be voided.
    if (deleted && current.value.status === 'verified') return err(appError('finding.locked'));
    const next: FindingFields = { ...fieldsOf(current.value), deletedAt: deleted ? ctx.value.at : null };
    return ok(
      await writeFinding(db, ctx.value, id, current.value, next, { action: deleted ? 'delete' : 'restore', changes: diffFields(current.value, next), reason: reason.trim() }),
    );
  });
}

export type BulkAssignment = Partial<Pick<FindingFields, 'responsibleDept' | 'responsiblePerson' | 'dueDate'>>;

/**
 * 批量分派: one transaction, one history entry per finding that changes. Verified and voided findings
 * are skipped (and counted), as a person could not edit them either.
 */
export async function bulkAssign(db: XbDb, ids: readonly string[], assignment: BulkAssignment): Promise<Result<{ changed: number; unchanged: number; skipped: number }, FindingError>> {
  const patch: FindingPatch = {};
  if (assignment.responsibleDept !== undefined) patch.responsibleDept = assignment.responsibleDept;
  if (assignment.responsiblePerson !== undefined) patch.responsiblePerson = assignment.responsiblePerson;
  if (assignment.dueDate !== undefined) patch.dueDate = assignment.dueDate;
  if (Object.keys(patch).length === 0) return err(appError('finding.bulkEmpty'));
  return db.transaction('rw', findingWriteTables(db), async () => {
    const ctx = await begin(db);
    if (!ctx.ok) return ctx;
    // A finding named twice is still one finding: one write, one history entry.
    const rows = await db.findings.bulkGet([...new Set(ids)]);
    const counts = { changed: 0, unchanged: 0, skipped: 0 };
    const writes: { current: FindingRow; next: FindingFields; changes: HistoryChange[] }[] = [];
    // Everything is checked before anything is written: returning an error after a write would commit it.
    for (const current of rows) {
      if (!current) continue;
      const r = editFinding(current, patch);
      if (!r.ok) {
        if (r.problems.some((p) => p.code === 'locked' || p.code === 'deleted')) counts.skipped++;
        else return err(problemsError(r.problems));
      } else if (r.changes.length === 0) counts.unchanged++;
      else writes.push({ current, next: r.next, changes: r.changes });
    }
    for (const w of writes) await writeFinding(db, ctx.value, w.current.id, w.current, w.next, { action: 'update', changes: w.changes });
    counts.changed = writes.length;
    return ok(counts);
  });
}
