// What the item × unit matrix (core/inspection/matrix.ts) reads for one checklist id, and nothing more:
// head office may hold 5,000 inspections × 60 answers, but the matrix needs only the answers of each
// unit's counted inspection. Inspections come by the checklistId index, answers by inspectionId.
import type { XbDb } from '../db';
import type { Inspection, StoredChecklist } from '../types';
import { latestPerUnit, type MatrixAnswer } from '../../core/inspection/matrix';

export type MatrixSource = {
  checklistId: string;
  /** The installed versions of the checklist. */
  versions: StoredChecklist[];
  /** The inspection that counts for each unit (latestPerUnit). */
  inspections: Inspection[];
  /** Their answers, reduced to what a cell shows. */
  answers: MatrixAnswer[];
};

export async function matrixSource(db: Pick<XbDb, 'transaction' | 'inspections' | 'answers' | 'checklists'>, checklistId: string): Promise<MatrixSource> {
  return db.transaction('r', [db.inspections, db.answers, db.checklists], async () => {
    const all = await db.inspections.where('checklistId').equals(checklistId).toArray();
    const inspections = [...latestPerUnit(all, checklistId).values()];
    // One indexed getAll per inspection: in Chromium far faster than anyOf, which walks a cursor row by row.
    const rows = (await Promise.all(inspections.map((i) => db.answers.where('inspectionId').equals(i.id).toArray()))).flat();
    const versions = await db.checklists.where('id').equals(checklistId).toArray();
    return {
      checklistId,
      versions,
      inspections,
      answers: rows.map((a) => ({ inspectionId: a.inspectionId, itemCode: a.itemCode, verdict: a.verdict })),
    };
  });
}

/** The checklist ids inspections name, each with the title one of them recorded (for ids not installed here). */
export async function inspectedChecklists(db: Pick<XbDb, 'inspections'>): Promise<{ id: string; title: string }[]> {
  const ids = (await db.inspections.orderBy('checklistId').uniqueKeys()).map(String);
  return Promise.all(ids.map(async (id) => ({ id, title: (await db.inspections.where('checklistId').equals(id).first())?.checklistTitle ?? id })));
}
