// Schema 2 adds findings, attachments, history and counters. Databases from schema 1 may already hold
// failing verdicts: each becomes a finding numbered in the order the failures were recorded, and the
// inspections and answers that exist are written to history as created, so the chain starts complete.
import type { Transaction } from 'dexie';
import type { XbDb } from '../db';
import type { AnswerRow, DeviceSettings, Inspection, StoredChecklist } from '../types';
import { allItems } from '../../core/checklist/items';
import { isFailure } from '../../core/inspection/answer';
import { creationChangesOf } from '../../core/audit/changes';
import { findingFromVerdict } from '../../core/finding/create';
import { creationChanges } from '../../core/finding/model';
import { ledgerYear } from '../../core/finding/ledger-no';
import { SYSTEM_REASONS } from '../../core/finding/verdict-link';
import { appendHistory } from '../repos/history';
import { allocateLedgerNo, writeFinding, type FindingTables } from '../repos/findings';
import { ANSWER_FIELDS, answerEntityId } from '../repos/inspections';
import { clock } from '../clock';

// The fields an inspection had at schema 2, frozen: a field added later (previousInspectionId) must not
// change what this migration writes, nor put an undefined value into the history it hashes.
const INSPECTION_FIELDS_V2 = [
  'checklistId', 'checklistVersion', 'checklistSha256', 'checklistTitle', 'orgUnitCode', 'kind', 'inspectors', 'date',
  'startedAt', 'finishedAt', 'status', 'deletedAt',
] as const satisfies readonly (keyof Inspection)[];

export async function migrate0002(tx: Transaction): Promise<void> {
  const settings = (await tx.table('settings').get('device')) as DeviceSettings | undefined;
  // Answers need a set-up device, so without one there is nothing to migrate.
  if (!settings) return;
  const deviceId = settings.deviceId;
  const t: FindingTables = { findings: tx.table('findings') as XbDb['findings'], history: tx.table('history') as XbDb['history'], counters: tx.table('counters') as XbDb['counters'] };
  const inspections = ((await tx.table('inspections').toArray()) as Inspection[]).sort((a, b) => (a.startedAt < b.startedAt ? -1 : 1));
  const byId = new Map(inspections.map((i) => [i.id, i]));
  const checklists = new Map(((await tx.table('checklists').toArray()) as StoredChecklist[]).map((c) => [`${c.id}@${c.version}`, c.checklist]));
  const answers = ((await tx.table('answers').toArray()) as AnswerRow[]).sort((a, b) => (a.updatedAt < b.updatedAt ? -1 : 1));
  const reason = SYSTEM_REASONS.migration0002;

  for (const i of inspections) {
    await appendHistory(t, deviceId, { entityType: 'inspection', entityId: i.id, at: i.updatedAt, actor: i.updatedBy, action: 'create', changes: creationChangesOf(i, INSPECTION_FIELDS_V2), reason });
  }
  for (const a of answers) {
    await appendHistory(t, deviceId, {
      entityType: 'answer',
      entityId: answerEntityId(a.inspectionId, a.itemCode),
      at: a.updatedAt,
      actor: a.updatedBy,
      action: 'create',
      changes: creationChangesOf(a, ANSWER_FIELDS),
      reason,
    });
  }
  const failing = answers
    .filter((a) => isFailure(a.verdict))
    .map((a) => ({ a, inspection: byId.get(a.inspectionId) }))
    .filter((x): x is { a: AnswerRow; inspection: Inspection } => x.inspection !== undefined && x.inspection.deletedAt === null)
    .sort((x, y) => (x.inspection.date === y.inspection.date ? (x.a.updatedAt < y.a.updatedAt ? -1 : 1) : x.inspection.date < y.inspection.date ? -1 : 1));
  for (const { a, inspection } of failing) {
    const checklist = checklists.get(`${inspection.checklistId}@${inspection.checklistVersion}`);
    const entry = checklist ? allItems(checklist).find((e) => e.item.code === a.itemCode) : undefined;
    if (!checklist || !entry) continue;
    const ledgerNo = await allocateLedgerNo(t, inspection.orgUnitCode, ledgerYear(inspection.date));
    const fields = findingFromVerdict(
      { inspection, item: entry.item, section: entry.section, documents: checklist.documents, verdict: a.verdict as 'partial' | 'noncompliant', note: a.note },
      ledgerNo,
      null,
    );
    await writeFinding(t, { actor: { deviceId, inspectorName: a.updatedBy }, at: a.updatedAt }, clock().uuid(), undefined, fields, { action: 'create', changes: creationChanges(fields), reason });
  }
}
