import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { attachToAnswer, attachToFinding, detachFromAnswer, detachFromFinding, findAttachmentBySource, type NewAttachment } from '../../renderer/db/repos/attachments';
import { addManualFinding, transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { completeInspection } from '../../renderer/db/repos/inspections';
import { historyOf } from '../../renderer/db/repos/history';
import { eachTestBranchDb, inspected, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

const photo = (id: string, source = `src-${id}`): NewAttachment => ({
  id,
  sourceSha256: source,
  name: `${id}.jpg`,
  mime: 'image/jpeg',
  size: 3,
  width: 2000,
  height: 1500,
  blob: new Blob([new Uint8Array([1, 2, 3])], { type: 'image/jpeg' }),
  thumbnail: new Blob([new Uint8Array([4])], { type: 'image/jpeg' }),
});

const newFinding = async () =>
  unwrap(await addManualFinding(db, { orgUnitCode: 'BR01', description: '价目表未更新', category: '公示', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' })).id;

describe('evidence', () => {
  it('stores an identical file once, however often and wherever it is attached', async () => {
    const a = await newFinding();
    const b = await newFinding();
    const file = photo('a'.repeat(64));
    unwrap(await attachToFinding(db, a, [{ file }]));
    unwrap(await attachToFinding(db, a, [{ file }]));
    unwrap(await attachToFinding(db, b, [{ existingId: file.id }]));
    expect(await db.attachments.count()).toBe(1);
    expect((await db.findings.get(a))!.evidence).toEqual([file.id]);
    expect((await db.findings.get(b))!.evidence).toEqual([file.id]);
    const stored = (await db.attachments.get(file.id))!;
    expect(stored).toMatchObject({ name: file.name, createdBy: '张三', width: 2000 });
    expect(stored.blob).toBeInstanceOf(Blob);
    expect(await findAttachmentBySource(db, file.sourceSha256)).toMatchObject({ id: file.id });
  });

  it('records attaching and detaching in the finding’s history', async () => {
    const id = await newFinding();
    unwrap(await attachToFinding(db, id, [{ file: photo('1'.repeat(64)) }, { file: photo('2'.repeat(64)) }]));
    unwrap(await detachFromFinding(db, id, '1'.repeat(64)));
    const entries = await historyOf(db, 'finding', id);
    expect(entries.slice(1).map((e) => e.changes)).toEqual([
      [{ field: 'evidence', from: [], to: ['1'.repeat(64), '2'.repeat(64)] }],
      [{ field: 'evidence', from: ['1'.repeat(64), '2'.repeat(64)], to: ['2'.repeat(64)] }],
    ]);
    // The file itself stays: history still refers to it.
    expect(await db.attachments.count()).toBe(2);
  });

  it('refuses unknown files without storing anything, and verified findings', async () => {
    const id = await newFinding();
    expect(await attachToFinding(db, id, [{ file: photo('3'.repeat(64)) }, { existingId: 'nope' }])).toMatchObject({ ok: false, error: { code: 'evidence.notFound' } });
    expect(await db.attachments.count()).toBe(0);
    unwrap(await updateFinding(db, id, { measures: 'm', completionNote: '说明' }));
    unwrap(await transitionFinding(db, id, 'submit', { completedAt: '2026-03-02' }));
    unwrap(await transitionFinding(db, id, 'verify', { verifier: '王五', verifiedAt: '2026-03-02' }));
    expect(await attachToFinding(db, id, [{ file: photo('4'.repeat(64)) }])).toMatchObject({ ok: false, error: { code: 'finding.locked' } });
  });

  it('attaches to an answer (even before a verdict) and records it in the answer’s history', async () => {
    const inspection = await inspected(db);
    const file = photo('5'.repeat(64));
    const a = unwrap(await attachToAnswer(db, inspection, 'M-PUB-01', [{ file }]));
    expect(a).toMatchObject({ verdict: null, attachments: [file.id], rev: 1 });
    unwrap(await detachFromAnswer(db, inspection, 'M-PUB-01', file.id));
    const entries = await historyOf(db, 'answer', `${inspection}/M-PUB-01`);
    expect(entries.map((e) => e.action)).toEqual(['create', 'update']);
    expect(entries[1]!.changes).toEqual([{ field: 'attachments', from: [file.id], to: [] }]);
    expect(await attachToAnswer(db, inspection, 'NOPE', [{ file }])).toMatchObject({ ok: false, error: { code: 'inspection.itemMissing' } });
    unwrap(await completeInspection(db, inspection));
    expect(await attachToAnswer(db, inspection, 'M-PUB-01', [{ file }])).toMatchObject({ ok: false, error: { code: 'inspection.completed' } });
  });
});
