// Evidence files: stored once per content (id = sha256 of the stored bytes), referenced from findings
// (evidence) and answers (attachments). Attaching and detaching change the owner's list and are
// recorded in its history; attachment rows themselves are never deleted.
import type { XbDb } from '../db';
import type { AnswerRow, Attachment, FindingRow } from '../types';
import { nowIso } from '../clock';
import { currentActor, type Actor } from './actor';
import { findingWriteTables, writeFinding, type FindingError } from './findings';
import { answerWriteTables, changeAnswer } from './inspections';
import { appError, err, ok, type Result } from '../../core/result';
import { diffFields, fieldsOf } from '../../core/finding/model';

/** A file ready to store: hashed, and for images scaled with a thumbnail (renderer/io/evidence.ts). */
export type NewAttachment = Omit<Attachment, 'createdAt' | 'createdBy' | 'deviceId'>;

/** What to attach: a file already stored (found by its source hash before scaling), or a new one. */
export type EvidenceInput = { existingId: string } | { file: NewAttachment };

/** The stored attachment made from the same picked bytes, if any: attaching it again stores nothing. */
export async function findAttachmentBySource(db: XbDb, sourceSha256: string): Promise<Attachment | undefined> {
  return db.attachments.where('sourceSha256').equals(sourceSha256).first();
}

async function storeAll(db: XbDb, actor: Actor, inputs: readonly EvidenceInput[]): Promise<Result<string[]>> {
  // Checked before anything is added: an error returned after a write would still commit it.
  for (const input of inputs) {
    if ('existingId' in input && !(await db.attachments.get(input.existingId))) return err(appError('evidence.notFound'));
  }
  const ids: string[] = [];
  for (const input of inputs) {
    if ('existingId' in input) ids.push(input.existingId);
    else {
      if (!(await db.attachments.get(input.file.id))) {
        await db.attachments.add({ ...input.file, createdAt: nowIso(), createdBy: actor.inspectorName, deviceId: actor.deviceId });
      }
      ids.push(input.file.id);
    }
  }
  return ok(ids);
}

const union = (list: readonly string[], add: readonly string[]): string[] => [...new Set([...list, ...add])];

async function changeFindingEvidence(
  db: XbDb,
  findingId: string,
  change: (evidence: string[], actor: Actor) => Promise<Result<string[]>>,
): Promise<Result<FindingRow, FindingError>> {
  return db.transaction('rw', [...findingWriteTables(db), db.attachments], async () => {
    const actor = await currentActor(db);
    if (!actor.ok) return actor;
    const current = await db.findings.get(findingId);
    if (!current) return err(appError('finding.notFound'));
    if (current.deletedAt !== null) return err(appError('finding.deleted'));
    if (current.status === 'verified') return err(appError('finding.locked'));
    const evidence = await change(current.evidence, actor.value);
    if (!evidence.ok) return evidence;
    const next = { ...fieldsOf(current), evidence: evidence.value };
    const changes = diffFields(current, next);
    if (changes.length === 0) return ok(current);
    return ok(await writeFinding(db, { actor: actor.value, at: nowIso() }, findingId, current, next, { action: 'update', changes }));
  });
}

export async function attachToFinding(db: XbDb, findingId: string, inputs: readonly EvidenceInput[]): Promise<Result<FindingRow, FindingError>> {
  return changeFindingEvidence(db, findingId, async (evidence, actor) => {
    const ids = await storeAll(db, actor, inputs);
    return ids.ok ? ok(union(evidence, ids.value)) : ids;
  });
}

export async function detachFromFinding(db: XbDb, findingId: string, attachmentId: string): Promise<Result<FindingRow, FindingError>> {
  return changeFindingEvidence(db, findingId, async (evidence) => ok(evidence.filter((id) => id !== attachmentId)));
}

async function changeAnswerAttachments(
  db: XbDb,
  inspectionId: string,
  itemCode: string,
  change: (attachments: string[], actor: Actor) => Promise<Result<string[]>>,
): Promise<Result<AnswerRow>> {
  return db.transaction('rw', [...answerWriteTables(db), db.attachments], async () => {
    const r = await changeAnswer(db, inspectionId, itemCode, async (before, actor) => {
      const attachments = await change(before?.attachments ?? [], actor);
      return attachments.ok ? ok({ attachments: attachments.value }) : attachments;
    });
    return r.ok ? ok(r.value.after) : r;
  });
}

export async function attachToAnswer(db: XbDb, inspectionId: string, itemCode: string, inputs: readonly EvidenceInput[]): Promise<Result<AnswerRow>> {
  return changeAnswerAttachments(db, inspectionId, itemCode, async (list, actor) => {
    const ids = await storeAll(db, actor, inputs);
    return ids.ok ? ok(union(list, ids.value)) : ids;
  });
}

export async function detachFromAnswer(db: XbDb, inspectionId: string, itemCode: string, attachmentId: string): Promise<Result<AnswerRow>> {
  return changeAnswerAttachments(db, inspectionId, itemCode, async (list) => ok(list.filter((id) => id !== attachmentId)));
}
