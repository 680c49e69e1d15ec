import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshDb, fixedClock, setUpBranch, withChecklist, miniChecklist } from './helpers';
import { completeInspection, reopenInspection, rememberPosition, saveAnswer, startInspection, type StartInspectionInput } from '../../renderer/db/repos/inspections';
import { syncBundledChecklists } from '../../renderer/db/repos/checklists';
import { setClockForTests } from '../../renderer/db/clock';
import type { XbDb } from '../../renderer/db/db';

const input: StartInspectionInput = {
  checklistId: 'mini',
  checklistVersion: '1.0',
  orgUnitCode: 'BR01',
  kind: 'self',
  inspectors: ['张三', ' 李四 ', '张三', ''],
  date: '2026-03-02',
};

async function started(db: XbDb): Promise<string> {
  const r = await startInspection(db, input);
  if (!r.ok) throw new Error(r.error.code);
  return r.value.id;
}

describe('inspections', () => {
  let db: XbDb;
  beforeEach(async () => {
    fixedClock();
    db = await freshDb();
    await setUpBranch(db);
    await withChecklist(db);
  });
  afterEach(() => setClockForTests(null));

  it('pins the checklist id, version and sha256 and cleans the inspector list', async () => {
    const r = await startInspection(db, input);
    expect(r.ok && r.value).toMatchObject({
      checklistId: 'mini',
      checklistVersion: '1.0',
      checklistSha256: 'a'.repeat(64),
      checklistTitle: '迷你检查表',
      inspectors: ['张三', '李四'],
      status: 'draft',
      rev: 1,
      finishedAt: null,
    });
  });

  it('refuses a missing checklist, a missing unit, no inspector or a bad date', async () => {
    expect(await startInspection(db, { ...input, checklistVersion: '9' })).toMatchObject({ ok: false, error: { code: 'inspection.checklistMissing' } });
    expect(await startInspection(db, { ...input, orgUnitCode: 'X1' })).toMatchObject({ ok: false, error: { code: 'org.notFound' } });
    expect(await startInspection(db, { ...input, inspectors: [' '] })).toMatchObject({ ok: false, error: { code: 'inspection.inspectors' } });
    expect(await startInspection(db, { ...input, date: '2026/3/2' })).toMatchObject({ ok: false, error: { code: 'inspection.date' } });
    expect(await db.inspections.count()).toBe(0);
  });

  it('saves each answer change with a new revision and keeps earlier fields', async () => {
    const id = await started(db);
    const a = await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' });
    expect(a.ok && a.value).toMatchObject({ verdict: 'partial', note: '', rev: 1, updatedBy: '张三' });
    const b = await saveAnswer(db, id, 'M-PUB-01', { note: '价目表为旧版' });
    expect(b.ok && b.value).toMatchObject({ verdict: 'partial', note: '价目表为旧版', rev: 2 });
    const stored = await db.answers.get([id, 'M-PUB-01']);
    expect(stored).toMatchObject({ verdict: 'partial', note: '价目表为旧版', rev: 2 });
    const insp = await db.inspections.get(id);
    expect(insp!.rev).toBe(3);
  });

  it('validates samples and refuses items that are not in the checklist', async () => {
    const id = await started(db);
    expect(await saveAnswer(db, id, 'M-ZQ-01', { sampleSize: 10, exceptions: 11 })).toMatchObject({ ok: false });
    expect(await saveAnswer(db, id, 'NOPE', { verdict: 'compliant' })).toMatchObject({ ok: false, error: { code: 'inspection.itemMissing' } });
    expect(await db.answers.count()).toBe(0);
    const ok = await saveAnswer(db, id, 'M-ZQ-01', { sampleSize: 10, exceptions: 2, verdict: 'noncompliant' });
    expect(ok.ok).toBe(true);
  });

  it('completes, refuses edits when completed, and reopens', async () => {
    const id = await started(db);
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'compliant' });
    const c = await completeInspection(db, id);
    expect(c.ok && c.value.status).toBe('completed');
    expect(c.ok && c.value.finishedAt).toBeTruthy();
    expect(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'compliant' })).toMatchObject({ ok: false, error: { code: 'inspection.completed' } });
    const r = await reopenInspection(db, id);
    expect(r.ok && r.value).toMatchObject({ status: 'draft', finishedAt: null });
    expect((await saveAnswer(db, id, 'M-PUB-02', { verdict: 'compliant' })).ok).toBe(true);
  });

  it('remembers the last item per inspection', async () => {
    const id = await started(db);
    await rememberPosition(db, id, 'M-ZQ-01');
    expect(await db.positions.get(id)).toMatchObject({ itemCode: 'M-ZQ-01' });
  });

  it('keeps a stored checklist when a bundled file with the same version has different content', async () => {
    const changed = { ...miniChecklist, title: '改过的标题' };
    const r = await syncBundledChecklists(db, [{ fileName: 'mini.json', checklist: changed, sha256: 'b'.repeat(64) }]);
    expect(r).toEqual({ added: 0, conflicts: ['mini.json'] });
    expect((await db.checklists.get(['mini', '1.0']))!.checklist.title).toBe('迷你检查表');
    const v2 = { ...miniChecklist, version: '2.0' };
    expect(await syncBundledChecklists(db, [{ fileName: 'mini-2.json', checklist: v2, sha256: 'c'.repeat(64) }])).toEqual({ added: 1, conflicts: [] });
  });
});
