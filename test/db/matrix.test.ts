// The matrix reads, for one checklist id, the counted inspection of each unit and only their answers.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { completeInspection, saveAnswer, startInspection } from '../../renderer/db/repos/inspections';
import { importChecklist } from '../../renderer/db/repos/checklists';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { inspectedChecklists, matrixSource } from '../../renderer/db/repos/matrix';
import { buildMatrix, matrixCell } from '../../renderer/core/inspection/matrix';
import type { Verdict } from '../../renderer/core/checklist/schema';
import { miniChecklist, miniV2 } from './helpers';
import { eachTestBranchDb, inspected, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

async function answer(inspectionId: string, itemCode: string, verdict: Verdict): Promise<void> {
  unwrap(await saveAnswer(db, inspectionId, itemCode, { verdict, note: '记录' }));
}

async function start(checklistId: string, checklistVersion: string, orgUnitCode: string, date: string): Promise<string> {
  return unwrap(await startInspection(db, { checklistId, checklistVersion, orgUnitCode, kind: 'self', inspectors: ['张三'], date })).id;
}

describe('matrixSource', () => {
  it('returns each unit’s counted inspection with only its answers, and every installed version of the checklist', async () => {
    unwrap(await importChecklist(db, { fileName: 'mini-2.0.json', checklist: miniV2, sha256: 'b'.repeat(64) }));
    unwrap(await importChecklist(db, { fileName: 'other.json', checklist: { ...miniChecklist, id: 'other', title: '其他检查表' }, sha256: 'c'.repeat(64) }));
    unwrap(await addOrgUnit(db, { code: 'WD01', name: '东门网点', level: 'outlet', parentCode: 'BR01' }));

    // BR01: two completed inspections; the later one counts.
    const early = await inspected(db, '2026-03-02', 'BR01');
    await answer(early, 'M-PUB-01', 'noncompliant');
    unwrap(await completeInspection(db, early));
    const late = await inspected(db, '2026-03-09', 'BR01');
    await answer(late, 'M-PUB-01', 'compliant');
    await answer(late, 'M-PUB-02', 'partial');
    unwrap(await completeInspection(db, late));
    // WD01: a draft of version 2.0 counts; another checklist's inspection and a voided one never do.
    const draft = await start('mini', '2.0', 'WD01', '2026-03-10');
    await answer(draft, 'M-PUB-03', 'na');
    const other = await start('other', '1.0', 'WD01', '2026-03-11');
    await answer(other, 'M-PUB-01', 'noncompliant');
    const voided = await start('mini', '1.0', 'WD01', '2026-03-12');
    await answer(voided, 'M-PUB-01', 'noncompliant');
    await db.inspections.update(voided, { deletedAt: '2026-03-12T10:00:00.000Z' });

    const source = await matrixSource(db, 'mini');
    expect(source.checklistId).toBe('mini');
    expect(source.inspections.map((i) => i.id).sort()).toEqual([late, draft].sort());
    const byKey = (a: { inspectionId: string; itemCode: string }) => `${a.inspectionId}/${a.itemCode}`;
    expect([...source.answers].sort((a, b) => byKey(a).localeCompare(byKey(b)))).toEqual(
      [
        { inspectionId: late, itemCode: 'M-PUB-01', verdict: 'compliant' },
        { inspectionId: late, itemCode: 'M-PUB-02', verdict: 'partial' },
        { inspectionId: draft, itemCode: 'M-PUB-03', verdict: 'na' },
      ].sort((a, b) => byKey(a).localeCompare(byKey(b))),
    );
    expect(source.versions.map((v) => v.version).sort()).toEqual(['1.0', '2.0']);

    expect(await inspectedChecklists(db)).toEqual([
      { id: 'mini', title: '迷你检查表' },
      { id: 'other', title: '其他检查表' },
    ]);

    // Fed to the matrix with the units, the outlet's column shows its draft's verdict under the 2.0 item.
    const units = await db.orgUnits.toArray();
    const m = buildMatrix({ checklistId: 'mini', versions: source.versions, units, level: 'outlet', inspections: source.inspections, answers: source.answers, findings: [] });
    expect(m.rows.map((r) => r.code)).toEqual(['M-PUB-01', 'M-PUB-03', 'M-ZQ-01', 'M-PUB-02']);
    expect(m.columns.map((c) => c.unit.code)).toEqual(['WD01']);
    expect(matrixCell(m, 1, 0)).toEqual({ worst: 'na', open: 0 });
    // BR01 is a branch: no outlet column holds its inspection.
    expect(m.unplaced).toBe(1);
  });

  it('reads nothing for a checklist id nobody used', async () => {
    await answer(await inspected(db), 'M-PUB-01', 'partial');
    expect(await matrixSource(db, 'none')).toEqual({ checklistId: 'none', versions: [], inspections: [], answers: [] });
    expect(await inspectedChecklists(db)).toEqual([{ id: 'mini', title: '迷你检查表' }]);
  });
});
