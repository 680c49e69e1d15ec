// Inspections and their answers. Every answer change is its own strict transaction: once the UI shows
// "已保存" the answer survives a crash or a closed laptop. The same transaction records the change in
// history and keeps the item's finding in step with its verdict (repos/findings.ts followVerdict).
import type { XbDb } from '../db';
import type { AnswerRow, Inspection, InspectionKind } from '../types';
import { clock, nowIso } from '../clock';
import { currentActor, type Actor } from './actor';
import { appendHistory, nextEntry, readHead, writeEntries } from './history';
import { planVerdict, putFinding, readVerdictAhead, verdictFindingOf, type VerdictAheadPlan } from './findings';
import { pinnedChecklist } from '../checklist-cache';
import { answerHintKey, remember, saveHints, type SaveHints } from '../save-hints';
import { headOf } from '../../core/audit/chain';
import { appError, err, ok, type Result } from '../../core/result';
import type { Checklist, Verdict } from '../../core/checklist/schema';
import { findItem } from '../../core/checklist/items';
import { newestOf } from '../../core/checklist/versions';
import { ledgerCounterKey, ledgerYear } from '../../core/finding/ledger-no';
import { validateAnswer } from '../../core/inspection/answer';
import { changesBetween, creationChangesOf } from '../../core/audit/changes';
import type { ChainHead, HistoryAction, HistoryDraft, HistoryEntry } from '../../core/audit/types';

export const INSPECTION_FIELDS = [
  'checklistId', 'checklistVersion', 'checklistSha256', 'checklistTitle', 'orgUnitCode', 'kind', 'inspectors', 'date',
  'startedAt', 'finishedAt', 'status', 'deletedAt', 'previousInspectionId',
] as const satisfies readonly (keyof Inspection)[];
export const ANSWER_FIELDS = ['verdict', 'note', 'sampleSize', 'exceptions', 'attachments'] as const satisfies readonly (keyof AnswerRow)[];

/** History names an answer by its inspection and item. */
export const answerEntityId = (inspectionId: string, itemCode: string): string => `${inspectionId}/${itemCode}`;

/**
 * Records an answer change in history (inside the caller's transaction). An answer's first save
 * records every field; later saves the fields that changed; a save that changed nothing, nothing.
 */
export async function recordAnswer(db: XbDb, actor: Actor, before: AnswerRow | undefined, after: AnswerRow): Promise<HistoryEntry | null> {
  const draft = answerDraft(actor, before, after);
  return draft ? appendHistory(db, actor.deviceId, draft) : null;
}

function answerDraft(actor: Actor, before: AnswerRow | undefined, after: AnswerRow): HistoryDraft | null {
  const changes = before ? changesBetween(before, after, ANSWER_FIELDS) : creationChangesOf(after, ANSWER_FIELDS);
  if (changes.length === 0) return null;
  return {
    entityType: 'answer',
    entityId: answerEntityId(after.inspectionId, after.itemCode),
    at: after.updatedAt,
    actor: actor.inspectorName,
    action: before ? 'update' : 'create',
    changes,
    reason: null,
  };
}

async function recordInspection(db: XbDb, actor: Actor, before: Inspection | null, after: Inspection, action: HistoryAction, transition?: string): Promise<void> {
  await appendHistory(db, actor.deviceId, {
    entityType: 'inspection',
    entityId: after.id,
    at: after.updatedAt,
    actor: actor.inspectorName,
    action,
    ...(transition ? { transition } : {}),
    changes: before ? changesBetween(before, after, INSPECTION_FIELDS) : creationChangesOf(after, INSPECTION_FIELDS),
    reason: null,
  });
}

export type StartInspectionInput = {
  checklistId: string;
  checklistVersion: string;
  orgUnitCode: string;
  kind: InspectionKind;
  inspectors: string[];
  date: string;
};

export async function startInspection(db: XbDb, input: StartInspectionInput): Promise<Result<Inspection>> {
  return db.transaction('rw', startTables(db), () => createInspection(db, input, null));
}

/** What a follow-up may change; the rest is copied from the inspection it starts from. */
export type FollowUpInput = {
  date: string;
  /** Default: the newest installed version of the earlier inspection's checklist. */
  checklistVersion?: string;
  kind?: InspectionKind;
  inspectors?: string[];
};

/**
 * 复查: a new inspection of the same unit with the same checklist (the newest version unless another is
 * named) and, unless changed, the same kind and inspectors, linked to the one it starts from. Its
 * verdicts start empty; the earlier ones are hints in the runner.
 */
export async function startFollowUp(db: XbDb, fromId: string, input: FollowUpInput): Promise<Result<Inspection>> {
  return db.transaction('rw', startTables(db), async () => {
    const from = await db.inspections.get(fromId);
    if (!from || from.deletedAt !== null) return err(appError('inspection.notFound'));
    const version = input.checklistVersion ?? newestOf(await db.checklists.where('id').equals(from.checklistId).toArray())?.version;
    if (version === undefined) return err(appError('inspection.checklistMissing', { id: from.checklistId, version: from.checklistVersion }));
    return createInspection(
      db,
      { checklistId: from.checklistId, checklistVersion: version, orgUnitCode: from.orgUnitCode, kind: input.kind ?? from.kind, inspectors: input.inspectors ?? from.inspectors, date: input.date },
      from.id,
    );
  });
}

const startTables = (db: XbDb) => [db.inspections, db.checklists, db.orgUnits, db.settings, db.history, db.counters];

async function createInspection(db: XbDb, input: StartInspectionInput, previousInspectionId: string | null): Promise<Result<Inspection>> {
  const actor = await currentActor(db);
  if (!actor.ok) return actor;
  const stored = await db.checklists.get([input.checklistId, input.checklistVersion]);
  if (!stored) return err(appError('inspection.checklistMissing', { id: input.checklistId, version: input.checklistVersion }));
  const unit = await db.orgUnits.where('code').equals(input.orgUnitCode).first();
  if (!unit || unit.deletedAt !== null) return err(appError('org.notFound', { code: input.orgUnitCode }));
  const inspectors = [...new Set(input.inspectors.map((s) => s.trim()).filter((s) => s.length > 0))];
  if (inspectors.length === 0 || inspectors.some((s) => s.length > 50)) return err(appError('inspection.inspectors'));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(input.date)) return err(appError('inspection.date'));
  const now = nowIso();
  const inspection: Inspection = {
    id: clock().uuid(),
    rev: 1,
    updatedAt: now,
    updatedBy: actor.value.inspectorName,
    deviceId: actor.value.deviceId,
    deletedAt: null,
    checklistId: stored.id,
    checklistVersion: stored.version,
    checklistSha256: stored.sha256,
    checklistTitle: stored.checklist.title,
    orgUnitCode: unit.code,
    kind: input.kind,
    inspectors,
    date: input.date,
    startedAt: now,
    finishedAt: null,
    status: 'draft',
    previousInspectionId,
  };
  await db.inspections.add(inspection);
  await recordInspection(db, actor.value, null, inspection, 'create');
  return ok(inspection);
}

export type AnswerPatch = Partial<Pick<AnswerRow, 'verdict' | 'note' | 'sampleSize' | 'exceptions'>>;

export type AnswerChange = {
  actor: Actor;
  inspection: Inspection;
  checklist: Checklist;
  before: AnswerRow | undefined;
  after: AnswerRow;
  at: string;
  /** The history entry that recorded the change (null when nothing changed): the chain's head now. */
  entry: HistoryEntry | null;
};

/** The tables changeAnswer needs in the caller's transaction. */
export const answerWriteTables = (db: XbDb) => [db.answers, db.inspections, db.checklists, db.settings, db.history, db.counters];

type AnswerPatchOf = (before: AnswerRow | undefined, actor: Actor) => Promise<Result<Partial<Pick<AnswerRow, 'verdict' | 'note' | 'sampleSize' | 'exceptions' | 'attachments'>>>>;

/**
 * One change to one answer, inside the caller's transaction: the inspection must be open and the item
 * in its checklist; `patchOf` says what changes (it may store what it refers to, e.g. attachments);
 * the result must pass the answer rules; the answer is stored with a new revision and recorded.
 */
export async function changeAnswer(db: XbDb, inspectionId: string, itemCode: string, patchOf: AnswerPatchOf): Promise<Result<AnswerChange>> {
  const r = await answerAfter(db, inspectionId, itemCode, patchOf);
  if (!r.ok) return r;
  const { actor, inspection, before, after, at } = r.value;
  // The head read for the history entry goes with the puts.
  const [, , entry] = await Promise.all([db.answers.put(after), db.inspections.put(movedOn(inspection, at)), recordAnswer(db, actor, before, after)]);
  return ok({ ...r.value, entry });
}

/** The inspection as read in this transaction, with its rev and time moved on (a put, where update() would read it again). */
const movedOn = (inspection: Inspection, at: string): Inspection => ({ ...inspection, updatedAt: at, rev: inspection.rev + 1 });

/** changeAnswer's reads and checks: the answer as it is to be stored, nothing written yet. */
async function answerAfter(db: XbDb, inspectionId: string, itemCode: string, patchOf: AnswerPatchOf): Promise<Result<Omit<AnswerChange, 'entry'>>> {
  // The reads that do not depend on each other go to IndexedDB together: every save is a strict
  // transaction of its own, and each round trip in it is time the person waits for "已保存".
  const [actor, inspection, before] = await Promise.all([currentActor(db), db.inspections.get(inspectionId), db.answers.get([inspectionId, itemCode])]);
  if (!actor.ok) return actor;
  if (!inspection || inspection.deletedAt !== null) return err(appError('inspection.notFound'));
  if (inspection.status === 'completed') return err(appError('inspection.completed'));
  // The text the inspection pinned, kept in memory after the first save (db/checklist-cache.ts).
  const stored = await pinnedChecklist(db, inspection.checklistId, inspection.checklistVersion, inspection.checklistSha256);
  const item = stored ? findItem(stored.checklist, itemCode) : undefined;
  if (!stored || !item) return err(appError('inspection.itemMissing', { code: itemCode }));
  const patch = await patchOf(before, actor.value);
  if (!patch.ok) return patch;
  const at = nowIso();
  const after: AnswerRow = {
    inspectionId,
    itemCode,
    verdict: null,
    note: '',
    sampleSize: null,
    exceptions: null,
    attachments: [],
    ...before,
    ...patch.value,
    rev: (before?.rev ?? 0) + 1,
    updatedAt: at,
    updatedBy: actor.value.inspectorName,
    deviceId: actor.value.deviceId,
  };
  const problem = validateAnswer(item, after)[0];
  if (problem) return err(appError(`answer.${problem.code}`, problem.params));
  return ok({ actor: actor.value, inspection, checklist: stored.checklist, before, after, at });
}

/**
 * A click on a verdict, or a note or sample saved: one strict transaction in as few round trips to
 * IndexedDB as the reads allow, since each is time the person waits for "已保存". First, together: the
 * answer, its inspection, the item's finding, and what the last saves' hints (db/save-hints.ts) say the
 * save will need next: the chain head, the localSeq counter and, for a new finding, the ledger counter,
 * the number after it and the repeat search, or, for a withdrawn verdict, the finding's history. Then
 * whatever a hint did not cover (nothing, as a rule), then every write at once: the answer's and the
 * finding's history entries with the chain head moved once, to the last of them.
 */
export async function saveAnswer(db: XbDb, inspectionId: string, itemCode: string, patch: AnswerPatch): Promise<Result<AnswerRow>> {
  return db.transaction('rw', [...answerWriteTables(db), db.findings], async () => {
    const hints = saveHints(db);
    const hintedDevice = hints.deviceId;
    const [r, existing, hintedHead, ahead] = await Promise.all([
      answerAfter(db, inspectionId, itemCode, async () => ok(patch)),
      patch.verdict === undefined ? undefined : verdictFindingOf(db, inspectionId, itemCode),
      hintedDevice === undefined ? undefined : readHead(db, hintedDevice),
      patch.verdict === undefined ? undefined : readVerdictAhead(db, itemCode, aheadPlan(hints, inspectionId, itemCode, patch.verdict)),
    ]);
    if (!r.ok) return r;
    const { actor, inspection, checklist, before, after, at } = r.value;
    // The head read ahead is this chain's only when the hint named this device.
    const head = (): ChainHead | null | Promise<ChainHead | null> => (hintedDevice === actor.deviceId && hintedHead !== undefined ? hintedHead : readHead(db, actor.deviceId));
    const draft = answerDraft(actor, before, after);
    const verdictChanged = (before?.verdict ?? null) !== after.verdict;
    const [entry, finding] = await Promise.all([
      draft ? Promise.resolve(head()).then((h) => nextEntry(db, actor.deviceId, draft, h)) : null,
      verdictChanged ? planVerdict(db, { actor, at }, { inspection, checklist, itemCode, verdict: after.verdict, note: after.note, existing }, ahead) : null,
    ]);
    // The finding's entry follows the answer's (a verdict change always records one) without reading the head again.
    const entries = entry ? [entry] : [];
    if (finding) entries.push(await nextEntry(db, actor.deviceId, finding.draft, entry ? headOf(entry) : await head()));
    hints.deviceId = actor.deviceId;
    remember(hints.inspections, inspectionId, { orgUnitCode: inspection.orgUnitCode, date: inspection.date });
    if (patch.verdict !== undefined) remember(hints.findings, answerHintKey(inspectionId, itemCode), finding?.row.id ?? existing?.id ?? null);
    if (finding?.ledgerCounter) remember(hints.ledgerCounters, finding.ledgerCounter.key, finding.ledgerCounter.value);
    if (finding?.repeatOrder) remember(hints.repeatOrders, inspectionId, finding.repeatOrder);
    await Promise.all([
      db.answers.put(after),
      db.inspections.put(movedOn(inspection, at)),
      writeEntries(db, entries),
      finding ? putFinding(db, finding.row) : undefined,
      finding?.ledgerCounter ? db.counters.put(finding.ledgerCounter) : undefined,
    ]);
    return ok(after);
  });
}

/**
 * What a verdict's save asks ahead, from the hints: a failing verdict on an item with no finding known
 * creates one (its unit-year's counter, the number after the one last seen, the repeat search's reads);
 * a passing one on an item whose finding is known may void it (that finding's history).
 */
function aheadPlan(hints: SaveHints, inspectionId: string, itemCode: string, verdict: Verdict | null): VerdictAheadPlan {
  const known = hints.findings.get(answerHintKey(inspectionId, itemCode));
  if (verdict !== 'partial' && verdict !== 'noncompliant') return typeof known === 'string' ? { historyOf: known } : {};
  const inspection = hints.inspections.get(inspectionId);
  if (typeof known === 'string' || !inspection) return {};
  const year = ledgerYear(inspection.date);
  return {
    creation: {
      orgUnitCode: inspection.orgUnitCode,
      year,
      counterHint: hints.ledgerCounters.get(ledgerCounterKey(inspection.orgUnitCode, year)),
      candidates: hints.repeatOrders.get(inspectionId) ?? [],
    },
  };
}

export async function completeInspection(db: XbDb, inspectionId: string): Promise<Result<Inspection>> {
  return setStatus(db, inspectionId, 'completed');
}

export async function reopenInspection(db: XbDb, inspectionId: string): Promise<Result<Inspection>> {
  return setStatus(db, inspectionId, 'draft');
}

async function setStatus(db: XbDb, inspectionId: string, status: Inspection['status']): Promise<Result<Inspection>> {
  return db.transaction('rw', [db.inspections, db.settings, db.history, db.counters], async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return actor;
    const current = await db.inspections.get(inspectionId);
    if (!current || current.deletedAt !== null) return err(appError('inspection.notFound'));
    if (current.status === status) return ok(current);
    const now = nowIso();
    const next: Inspection = {
      ...current,
      status,
      finishedAt: status === 'completed' ? now : null,
      rev: current.rev + 1,
      updatedAt: now,
      updatedBy: actor.value.inspectorName,
      deviceId: actor.value.deviceId,
    };
    await db.inspections.put(next);
    await recordInspection(db, actor.value, current, next, 'transition', status === 'completed' ? 'complete' : 'reopen');
    return ok(next);
  });
}

/**
 * Bookkeeping for the next start, best effort: on a full disk it is skipped (false) rather than failing
 * the navigation that called it; the answers themselves report their own save state.
 */
export async function rememberPosition(db: XbDb, inspectionId: string, itemCode: string): Promise<boolean> {
  try {
    await db.positions.put({ inspectionId, itemCode, at: nowIso() });
    return true;
  } catch {
    return false;
  }
}

export type { Verdict };
