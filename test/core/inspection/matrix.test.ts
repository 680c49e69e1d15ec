// The item × unit matrix against a hand count: versions lined up by item code, the counted inspection
// per unit, worst verdicts rolled up a level, open findings whichever inspection raised them.
import { describe, expect, it } from 'vitest';
import { buildMatrix, latestPerUnit, lineUpItems, matrixCell, type Matrix, type MatrixAnswer, type MatrixFinding, type MatrixInspection, type MatrixInput, type MatrixVersion } from '../../../renderer/core/inspection/matrix';
import type { Checklist, ChecklistItem, Verdict } from '../../../renderer/core/checklist/schema';
import type { OrgLevel } from '../../../renderer/core/org/model';

const item = (code: string, requirement: string): ChecklistItem => ({ code, requirement, basis: [], method: '现场查看', severity: '一般' });

function version(v: string, sections: [string, ChecklistItem[]][]): MatrixVersion {
  const checklist: Checklist = {
    format: 'xiaobao.checklist/1',
    id: 'cl',
    version: v,
    title: '网点检查表',
    issuer: '总行',
    effectiveFrom: '2026-01-01',
    documents: [],
    sections: sections.map(([title, items], i) => ({ code: `S${i}`, title, items })),
  };
  return { version: v, checklist };
}

// 2025.1 has A, B and OLD; 2026.1 rewords A, keeps B, drops OLD and adds NEW.
const versions = [
  version('2025.1', [['公示', [item('A', '价目表公示（旧）'), item('OLD', '旧版独有项')]], ['投诉', [item('B', '投诉渠道')]]]),
  version('2026.1', [['公示', [item('A', '价目表公示'), item('B', '投诉渠道')]], ['新增', [item('NEW', '新版新增项')]]]),
];

type Unit = { code: string; name: string; level: OrgLevel; parentCode: string | null };
const units: Unit[] = [
  { code: 'BR01', name: '城东分行', level: 'branch', parentCode: null },
  { code: 'SB01', name: '东门支行', level: 'subbranch', parentCode: 'BR01' },
  { code: 'WD01', name: '东门一号网点', level: 'outlet', parentCode: 'SB01' },
  { code: 'WD02', name: '东门二号网点', level: 'outlet', parentCode: 'SB01' },
  { code: 'WD03', name: '城东直属网点', level: 'outlet', parentCode: 'BR01' },
  { code: 'WD09', name: '失联网点', level: 'outlet', parentCode: 'NOPE' },
];

const insp = (id: string, orgUnitCode: string, date: string, status: 'draft' | 'completed', over: Partial<MatrixInspection> = {}): MatrixInspection => ({
  id,
  orgUnitCode,
  checklistId: 'cl',
  date,
  startedAt: `${date}T09:00:00.000Z`,
  deletedAt: null,
  status,
  ...over,
});

const inspections: MatrixInspection[] = [
  insp('i1', 'WD01', '2026-03-01', 'completed'),
  insp('i2', 'WD01', '2026-05-01', 'completed'), // counts for WD01
  insp('i3', 'WD01', '2026-06-01', 'draft'), // later, but a draft: a completed one exists
  insp('i4', 'WD02', '2026-04-01', 'draft'), // WD02 has only a draft: it counts
  insp('i5', 'WD03', '2026-04-01', 'completed', { deletedAt: '2026-04-02T00:00:00.000Z' }), // voided
  insp('i6', 'SB01', '2026-04-02', 'completed'), // the sub-branch itself
  insp('i7', 'WD02', '2026-06-01', 'completed', { checklistId: 'other' }), // another checklist
  insp('i8', 'ZZ99', '2026-04-03', 'completed'), // a unit nobody recorded
  insp('i9', 'WD09', '2026-04-04', 'completed'),
];

const ans = (inspectionId: string, itemCode: string, verdict: Verdict | null): MatrixAnswer => ({ inspectionId, itemCode, verdict });
const answers: MatrixAnswer[] = [
  ans('i1', 'A', 'noncompliant'),
  ans('i1', 'B', 'compliant'),
  ans('i1', 'OLD', 'partial'),
  ans('i2', 'A', 'partial'),
  ans('i2', 'B', 'compliant'),
  ans('i2', 'NEW', 'na'),
  ans('i3', 'A', 'compliant'),
  ans('i4', 'A', 'noncompliant'),
  ans('i4', 'B', null), // answered, then cleared
  ans('i6', 'B', 'partial'),
  ans('i7', 'A', 'noncompliant'),
  ans('i8', 'A', 'noncompliant'),
  ans('i9', 'GHOST', 'noncompliant'), // an item of a version not installed here
];

const fnd = (orgUnitCode: string, itemCode: string | null, over: Partial<MatrixFinding> = {}): MatrixFinding => ({
  orgUnitCode,
  itemCode,
  checklistId: 'cl',
  status: 'open',
  deletedAt: null,
  ...over,
});
const findings: MatrixFinding[] = [
  fnd('WD01', 'A'),
  fnd('WD01', 'A', { status: 'verified' }),
  fnd('WD01', 'A', { status: 'in_progress', deletedAt: '2026-05-02T00:00:00.000Z' }),
  fnd('WD02', 'NEW', { status: 'long_term' }),
  fnd('WD02', 'A', { checklistId: 'other' }),
  fnd('WD03', 'OLD', { status: 'in_progress' }), // open though WD03 has no counted inspection
  fnd('WD02', null, { checklistId: null }), // a manual finding
  fnd('WD02', 'PHANTOM'),
  fnd('SB01', 'B'),
];

const input = (level: OrgLevel): MatrixInput<Unit> => ({ checklistId: 'cl', versions, units, level, inspections, answers, findings });

/** The matrix as [row code, ...cells as "verdict/open"] with '-' for no verdict. */
function table(m: Matrix<Unit>): string[][] {
  return m.rows.map((r, i) => [r.code, ...m.columns.map((_, c) => {
    const cell = matrixCell(m, i, c);
    return `${cell.worst ?? '-'}/${cell.open}`;
  })]);
}

describe('lineUpItems', () => {
  it('gives every item code one row: the newest version’s order and words, then items only older versions have', () => {
    const rows = lineUpItems(versions);
    expect(rows.map((r) => [r.code, r.requirement, r.section, r.versions])).toEqual([
      ['A', '价目表公示', '公示', ['2026.1', '2025.1']],
      ['B', '投诉渠道', '公示', ['2026.1', '2025.1']],
      ['NEW', '新版新增项', '新增', ['2026.1']],
      ['OLD', '旧版独有项', '公示', ['2025.1']],
    ]);
    // The order versions arrive in does not matter; "2026.10" is newer than "2026.9".
    expect(lineUpItems([...versions].reverse())).toEqual(rows);
    const later = lineUpItems([version('2026.9', [['甲', [item('A', '九')]]]), version('2026.10', [['乙', [item('A', '十')]]])]);
    expect(later[0]?.requirement).toBe('十');
  });
});

describe('latestPerUnit', () => {
  it('counts the latest completed inspection, a draft only where nothing is completed, never a voided one', () => {
    const chosen = latestPerUnit(inspections, 'cl');
    expect(Object.fromEntries([...chosen].map(([unit, i]) => [unit, i.id]))).toEqual({ WD01: 'i2', WD02: 'i4', SB01: 'i6', ZZ99: 'i8', WD09: 'i9' });
  });

  it('breaks a tie on the date by the moment the inspection was started', () => {
    const early = insp('x1', 'WD01', '2026-05-01', 'completed', { startedAt: '2026-05-01T08:00:00.000Z' });
    const late = insp('x2', 'WD01', '2026-05-01', 'completed', { startedAt: '2026-05-01T15:00:00.000Z' });
    expect(latestPerUnit([late, early], 'cl').get('WD01')?.id).toBe('x2');
    expect(latestPerUnit([early, late], 'cl').get('WD01')?.id).toBe('x2');
  });
});

describe('buildMatrix', () => {
  it('outlets: worst verdict of the counted inspection and open findings per item, counted by hand', () => {
    const m = buildMatrix(input('outlet'));
    expect(m.columns.map((c) => c.unit.code)).toEqual(['WD01', 'WD02', 'WD03', 'WD09']);
    expect(table(m)).toEqual([
      //       WD01             WD02              WD03        WD09
      ['A', 'partial/1', 'noncompliant/0', '-/0', '-/0'],
      ['B', 'compliant/0', '-/0', '-/0', '-/0'],
      ['NEW', 'na/0', '-/1', '-/0', '-/0'],
      ['OLD', '-/0', '-/0', '-/1', '-/0'],
      ['GHOST', '-/0', '-/0', '-/0', 'noncompliant/0'],
      ['PHANTOM', '-/0', '-/1', '-/0', '-/0'],
    ]);
    expect(m.rows.map((r) => [r.code, r.failing, r.open])).toEqual([
      ['A', 2, 1],
      ['B', 0, 0],
      ['NEW', 0, 1],
      ['OLD', 0, 1],
      ['GHOST', 1, 0],
      ['PHANTOM', 0, 1],
    ]);
    expect(m.rows.find((r) => r.code === 'GHOST')).toMatchObject({ requirement: null, section: null, versions: [] });
    expect(m.columns.map((c) => [c.unit.code, c.inspections, c.lastDate, c.failing, c.open])).toEqual([
      ['WD01', 1, '2026-05-01', 1, 1],
      ['WD02', 1, '2026-04-01', 1, 2],
      ['WD03', 0, null, 0, 1],
      ['WD09', 1, '2026-04-04', 1, 0],
    ]);
    // SB01's own inspection and the unrecorded ZZ99's have no outlet column.
    expect(m.unplaced).toBe(2);
  });

  it('sub-branches: a column rolls up the units below it and shows their worst verdict', () => {
    const m = buildMatrix(input('subbranch'));
    expect(m.columns.map((c) => c.unit.code)).toEqual(['SB01']);
    expect(table(m)).toEqual([
      ['A', 'noncompliant/1'],
      ['B', 'partial/1'],
      ['NEW', 'na/1'],
      ['OLD', '-/0'],
      ['PHANTOM', '-/1'],
    ]);
    expect(m.columns[0]).toMatchObject({ inspections: 3, lastDate: '2026-05-01', failing: 2, open: 4 });
    // WD03 hangs directly below the branch; WD09 and ZZ99 belong to no sub-branch.
    expect(m.unplaced).toBe(2);
  });

  it('a branch column holds every inspection below it', () => {
    const m = buildMatrix(input('branch'));
    expect(m.columns.map((c) => [c.unit.code, c.inspections])).toEqual([['BR01', 3]]);
    expect(matrixCell(m, 0, 0)).toEqual({ worst: 'noncompliant', open: 1 });
  });

  it('survives a parentCode cycle and units with no inspections', () => {
    const looped: Unit[] = [
      { code: 'SA', name: '甲', level: 'subbranch', parentCode: 'SB' },
      { code: 'SB', name: '乙', level: 'subbranch', parentCode: 'SA' },
      { code: 'W1', name: '丙', level: 'outlet', parentCode: 'SB' },
    ];
    const m = buildMatrix({ ...input('subbranch'), units: looped, inspections: [insp('c1', 'W1', '2026-04-01', 'completed')], answers: [ans('c1', 'A', 'partial')], findings: [] });
    expect(m.columns.map((c) => c.unit.code)).toEqual(['SA', 'SB']);
    expect(matrixCell(m, 0, 1)).toEqual({ worst: 'partial', open: 0 });
    expect(matrixCell(m, 0, 0)).toEqual({ worst: null, open: 0 });
  });

  it('60 items × 1,000 outlets from 5,000 inspections and 300,000 answers: the latest round counts per outlet', () => {
    const items = Array.from({ length: 60 }, (_, i) => item(`I${String(i).padStart(2, '0')}`, `第${i}项`));
    const big: Unit[] = [{ code: 'BR', name: '分行', level: 'branch', parentCode: null }];
    for (let u = 0; u < 1000; u++) big.push({ code: `W${String(u).padStart(4, '0')}`, name: `网点${u}`, level: 'outlet', parentCode: 'BR' });
    const rounds: MatrixInspection[] = [];
    const many: MatrixAnswer[] = [];
    const verdicts: Verdict[] = ['compliant', 'na', 'partial', 'noncompliant'];
    for (let k = 0; k < 5000; k++) {
      const unitCode = `W${String(k % 1000).padStart(4, '0')}`;
      const round = Math.floor(k / 1000);
      rounds.push(insp(`b${k}`, unitCode, `2026-0${round + 1}-01`, 'completed'));
      items.forEach((it, i) => many.push(ans(`b${k}`, it.code, verdicts[(k + i) % 4] ?? null)));
    }
    const m = buildMatrix({ checklistId: 'cl', versions: [version('1', [['全部', items]])], units: big, level: 'outlet', inspections: rounds, answers: many, findings: [fnd('W0007', 'I03')] });
    expect(m.rows).toHaveLength(60);
    expect(m.columns).toHaveLength(1000);
    expect(m.columns.every((c) => c.inspections === 1 && c.lastDate === '2026-05-01')).toBe(true);
    // Unit 7's counted inspection is b4007 (the fifth round): item 3 got verdicts[(4007 + 3) % 4].
    expect(matrixCell(m, 3, 7)).toEqual({ worst: verdicts[(4007 + 3) % 4], open: 1 });
  });
});
