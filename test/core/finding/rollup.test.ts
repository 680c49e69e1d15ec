// The unit tree's counts against a hand count. Today is 2026-06-30.
import { describe, expect, it } from 'vitest';
import { completionRate, orgRollup, registerFilterForUnit, searchOrgTree, UNASSIGNED_KEY, type OrgNode } from '../../../renderer/core/finding/rollup';
import { filterFindings } from '../../../renderer/core/finding/register';
import { summarize, WHOLE_SCOPE } from '../../../renderer/core/ledger/summary';
import type { Finding } from '../../../renderer/core/finding/model';
import type { OrgLevel } from '../../../renderer/core/org/model';
import { aFinding } from './fixtures';

const TODAY = '2026-06-30';
type Unit = { code: string; name: string; level: OrgLevel; parentCode: string | null };
const unit = (code: string, name: string, level: OrgLevel, parentCode: string | null): Unit => ({ code, name, level, parentCode });

const units: Unit[] = [
  unit('HQ', '总行', 'head', null),
  unit('BR01', '城东分行', 'branch', 'HQ'),
  unit('SB01', '东门支行', 'subbranch', 'BR01'),
  unit('WD01', '东门一号网点', 'outlet', 'SB01'),
  unit('WD02', '东门二号网点', 'outlet', 'SB01'),
  unit('SB02', '西门支行', 'subbranch', 'BR01'),
  unit('WD03', '西门网点', 'outlet', 'SB02'),
  unit('BR02', '城西分行', 'branch', 'HQ'),
  unit('WD04', '城西网点', 'outlet', 'BR02'),
  unit('LOST', '失联网点', 'outlet', 'GONE'),
  unit('CYA', '环甲支行', 'subbranch', 'CYB'),
  unit('CYB', '环乙支行', 'subbranch', 'CYA'),
  unit('CYC', '环丙网点', 'outlet', 'CYB'),
];

let n = 0;
const f = (orgUnitCode: string, over: Partial<Finding> = {}): Finding => {
  n += 1;
  return aFinding({ id: `f-${n}`, ledgerNo: `${orgUnitCode}-2026-${String(n).padStart(4, '0')}`, orgUnitCode, ...over });
};

const findings: Finding[] = [
  f('WD01', { status: 'open', dueDate: '2026-06-01' }), // overdue
  f('WD01', { status: 'verified', dueDate: '2026-05-01' }), // completed, never overdue
  f('WD01', { status: 'in_progress', dueDate: '2026-07-15' }),
  f('WD01', { status: 'open', dueDate: '2026-01-01', deletedAt: '2026-03-03T00:00:00.000Z' }), // voided: never counts
  f('WD02', { status: 'rectified', dueDate: '2026-01-01' }), // completed though its deadline passed
  f('WD02', { status: 'long_term', dueDate: '2026-12-31', milestoneDate: '2026-06-10' }), // overdue by its milestone
  f('SB01', { status: 'open', dueDate: null }),
  f('WD03', { status: 'open', dueDate: '2026-06-29' }), // overdue
  f('WD04', { status: 'verified' }),
  f('LOST', { status: 'open', dueDate: null }),
  f('CYC', { status: 'in_progress', dueDate: '2026-01-01' }), // overdue
  f('UNREG', { status: 'open', dueDate: '2026-09-01' }), // a unit nobody recorded
];

const counts = (findings: number, open: number, overdue: number, completed: number) => ({ findings, open, overdue, completed });

function find(nodes: readonly OrgNode<Unit>[], key: string): OrgNode<Unit> {
  const stack = [...nodes];
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    if (node.key === key) return node;
    stack.push(...node.children);
  }
  throw new Error(`no node ${key}`);
}

describe('orgRollup', () => {
  const tree = orgRollup(units, findings, TODAY);

  it('counts each unit’s own findings and its whole subtree, as counted by hand', () => {
    expect(find(tree.nodes, 'WD01').own).toEqual(counts(3, 2, 1, 1));
    expect(find(tree.nodes, 'WD02').total).toEqual(counts(2, 1, 1, 1));
    expect(find(tree.nodes, 'SB01').own).toEqual(counts(1, 1, 0, 0));
    expect(find(tree.nodes, 'SB01').total).toEqual(counts(6, 4, 2, 2));
    expect(find(tree.nodes, 'SB02').total).toEqual(counts(1, 1, 1, 0));
    expect(find(tree.nodes, 'BR01').total).toEqual(counts(7, 5, 3, 2));
    expect(find(tree.nodes, 'BR02').total).toEqual(counts(1, 0, 0, 1));
    expect(find(tree.nodes, 'HQ').own).toEqual(counts(0, 0, 0, 0));
    expect(find(tree.nodes, 'HQ').total).toEqual(counts(8, 5, 3, 3));
    expect(tree.total).toEqual(counts(11, 8, 4, 3));
  });

  it('shapes the tree: children in code order, units without a known parent and unknown codes under 未归属', () => {
    expect(tree.nodes.map((x) => x.key)).toEqual(['HQ', UNASSIGNED_KEY]);
    expect(find(tree.nodes, 'HQ').children.map((x) => x.key)).toEqual(['BR01', 'BR02']);
    expect(find(tree.nodes, 'BR01').children.map((x) => x.key)).toEqual(['SB01', 'SB02']);
    const group = find(tree.nodes, UNASSIGNED_KEY);
    expect(group.kind).toBe('group');
    expect(group.children.map((x) => [x.key, x.kind])).toEqual([
      ['LOST', 'unit'],
      ['CYA', 'unit'],
      ['UNREG', 'unknown'],
    ]);
    // The parentCode cycle CYA ↔ CYB is entered once; CYC stays below CYB.
    expect(find(tree.nodes, 'CYA').children.map((x) => x.key)).toEqual(['CYB']);
    expect(find(tree.nodes, 'CYB').children.map((x) => x.key)).toEqual(['CYC']);
    expect(find(tree.nodes, 'CYA').total).toEqual(counts(1, 1, 1, 0));
    expect(group.total).toEqual(counts(3, 3, 1, 0));
  });

  it('agrees with the summary statement for a unit’s scope', () => {
    for (const code of ['HQ', 'BR01', 'SB01', 'WD02']) {
      const s = summarize(findings, { ...WHOLE_SCOPE, units: [code] }, units, TODAY);
      expect({ findings: s.findings, open: s.open, overdue: s.overdue, completed: s.completed }).toEqual(find(tree.nodes, code).total);
    }
    const whole = summarize(findings, WHOLE_SCOPE, units, TODAY);
    expect(completionRate(tree.total)).toBe(whole.completionRate);
  });

  it('gives a rate only where there are findings', () => {
    expect(completionRate(find(tree.nodes, 'SB01').total)).toBeCloseTo(2 / 6);
    expect(completionRate(find(tree.nodes, 'BR02').total)).toBe(1);
    expect(completionRate(counts(0, 0, 0, 0))).toBeNull();
  });

  it('lists units with no findings, and an empty bank has no 未归属 group', () => {
    expect(orgRollup([unit('HQ', '总行', 'head', null)], [], TODAY)).toEqual({
      nodes: [{ key: 'HQ', kind: 'unit', code: 'HQ', unit: units[0], own: counts(0, 0, 0, 0), total: counts(0, 0, 0, 0), children: [] }],
      total: counts(0, 0, 0, 0),
    });
  });
});

describe('registerFilterForUnit', () => {
  const tree = orgRollup(units, findings, TODAY);

  it('shows in the register exactly the findings the node counts', () => {
    for (const code of ['HQ', 'BR01', 'SB01', 'WD01', 'CYA', 'CYB', 'LOST', 'UNREG']) {
      const filter = registerFilterForUnit(code, units);
      expect(filterFindings(findings, filter, TODAY).length, code).toBe(find(tree.nodes, code).total.findings);
    }
    expect(registerFilterForUnit('SB01', units).orgUnits).toEqual(['SB01', 'WD01', 'WD02']);
    // In the cycle, CYB's subtree as placed holds CYC but not CYA, which is placed above it.
    expect(registerFilterForUnit('CYB', units).orgUnits).toEqual(['CYB', 'CYC']);
  });
});

describe('searchOrgTree', () => {
  const tree = orgRollup(units, findings, TODAY);

  it('keeps the branches leading to matches and opens them; a match keeps its subtree', () => {
    const r = searchOrgTree(tree.nodes, '东门');
    expect(r.nodes.map((x) => x.key)).toEqual(['HQ']);
    expect(find(r.nodes, 'HQ').children.map((x) => x.key)).toEqual(['BR01']);
    expect(find(r.nodes, 'BR01').children.map((x) => x.key)).toEqual(['SB01']);
    expect(find(r.nodes, 'SB01').children.map((x) => x.key)).toEqual(['WD01', 'WD02']);
    // 东门支行 matches and so do its outlets: it is opened to show them.
    expect(r.expanded.sort()).toEqual(['BR01', 'HQ', 'SB01']);
    // A match with no match below keeps its subtree closed.
    const west = searchOrgTree(tree.nodes, '西门支行');
    expect(find(west.nodes, 'SB02').children.map((x) => x.key)).toEqual(['WD03']);
    expect(west.expanded.sort()).toEqual(['BR01', 'HQ']);
    // Counts stay those of the whole subtree.
    expect(find(r.nodes, 'BR01').total).toEqual(counts(7, 5, 3, 2));
  });

  it('matches codes case-insensitively, inside 未归属 too', () => {
    const r = searchOrgTree(tree.nodes, 'unreg');
    expect(r.nodes.map((x) => x.key)).toEqual([UNASSIGNED_KEY]);
    expect(r.expanded).toEqual([UNASSIGNED_KEY]);
    expect(searchOrgTree(tree.nodes, '  ').nodes).toEqual(tree.nodes);
    expect(searchOrgTree(tree.nodes, '没有这个').nodes).toEqual([]);
  });
});
