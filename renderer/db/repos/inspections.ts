// Inspections and their answers. Every answer change is its own strict transaction: once the UI shows
// "已保存" the answer survives a crash or a closed laptop.
import type { XbDb } from '../db';
import type { AnswerRow, Inspection, InspectionKind } from '../types';
import { clock, nowIso } from '../clock';
import { currentActor } from './actor';
import { appError, err, ok, type Result } from '../../core/result';
import type { Verdict } from '../../core/checklist/schema';
import { findItem } from '../../core/checklist/items';
import { validateAnswer } from '../../core/inspection/answer';

export type StartInspectionInput = {
  checklistId: string;
  checklistVersion: string;
  orgUnitCode: string;
  kind: InspectionKind;
  inspectors: string[];
  date: string;
};

export async function startInspection(db: XbDb, input: StartInspectionInput): Promise<Result<Inspection>> {
  return db.transaction('rw', [db.inspections, db.checklists, db.orgUnits, db.settings], async () => {
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
    };
    await db.inspections.add(inspection);
    return ok(inspection);
  });
}

export type AnswerPatch = Partial<Pick<AnswerRow, 'verdict' | 'note' | 'sampleSize' | 'exceptions'>>;

export async function saveAnswer(db: XbDb, inspectionId: string, itemCode: string, patch: AnswerPatch): Promise<Result<AnswerRow>> {
  return db.transaction('rw', [db.answers, db.inspections, db.checklists, db.settings], async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return actor;
    const inspection = await db.inspections.get(inspectionId);
    if (!inspection || inspection.deletedAt !== null) return err(appError('inspection.notFound'));
    if (inspection.status === 'completed') return err(appError('inspection.completed'));
    const stored = await db.checklists.get([inspection.checklistId, inspection.checklistVersion]);
    const item = stored ? findItem(stored.checklist, itemCode) : undefined;
    if (!item) return err(appError('inspection.itemMissing', { code: itemCode }));
    const current = await db.answers.get([inspectionId, itemCode]);
    const now = nowIso();
    const next: AnswerRow = {
      inspectionId,
      itemCode,
      verdict: null,
      note: '',
      sampleSize: null,
      exceptions: null,
      attachments: [],
      ...current,
      ...patch,
      rev: (current?.rev ?? 0) + 1,
      updatedAt: now,
      updatedBy: actor.value.inspectorName,
      deviceId: actor.value.deviceId,
    };
    const problems = validateAnswer(item, next);
    const problem = problems[0];
    if (problem) return err(appError(`answer.${problem.code}`, problem.params));
    await db.answers.put(next);
    await db.inspections.update(inspectionId, { updatedAt: now, rev: inspection.rev + 1 });
    return ok(next);
  });
}

export async function completeInspection(db: XbDb, inspectionId: string): Promise<Result<Inspection>> {
  return setStatus(db, inspectionId, 'completed');
}

export async function reopenInspection(db: XbDb, inspectionId: string): Promise<Result<Inspection>> {
  return setStatus(db, inspectionId, 'draft');
}

async function setStatus(db: XbDb, inspectionId: string, status: Inspection['status']): Promise<Result<Inspection>> {
  return db.transaction('rw', db.inspections, db.settings, async () => {
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
    return ok(next);
  });
}

export async function rememberPosition(db: XbDb, inspectionId: string, itemCode: string): Promise<void> {
  await db.positions.put({ inspectionId, itemCode, at: nowIso() });
}

export type { Verdict };
