// The dashboard's aggregations against a hand count of a small fixture; the roll-up of units to their
// 分行; the month series; the summary statement's numbers equal to the register's for the same filters;
// and 100,000 generated findings counted correctly (timing is issue 7's bench, not asserted here).
import { describe, expect, it } from 'vitest';
import { branchResolver, dashboardOf, MAX_MONTHS, nextMonth, type DashboardUnit } from '../../../renderer/core/finding/dashboard';
import { EMPTY_FILTER, filterFindings, registerSummary, type RegisterFilter } from '../../../renderer/core/finding/register';
import { summarize, summarizeChosen, WHOLE_SCOPE } from '../../../renderer/core/ledger/summary';
import type { Finding } from '../../../renderer/core/finding/model';
import { aFinding, DASHBOARD_UNITS } from './fixtures';

const TODAY = '2026-06-15';

// 总行 H; 分行 B1 (支行 S11 with 网点 O111; 网点 O12) and B2 (网点 O21); 支行 S9 whose superior is not
// recorded (a branch device); X is no known unit.
const UNITS = DASHBOARD_UNITS;

let n = 0;
const f = (over: Partial<Finding>): Finding => {
  n += 1;
  return aFinding({ id: `f${n}`, ledgerNo: `${over.orgUnitCode ?? 'X'}-2026-${String(n).padStart(4, '0')}`, ...over });
};

const FINDINGS: Finding[] = [
  /* 1 */ f({ orgUnitCode: 'O111', category: '公示', severity: '一般', status: 'open', inspectionDate: '2026-03-02', dueDate: '2026-04-01' }), // overdue
  /* 2 */ f({ orgUnitCode: 'O111', category: '公示', severity: '较重', status: 'verified', inspectionDate: '2026-03-02', completedAt: '2026-04-10' }),
  /* 3 */ f({ orgUnitCode: 'O12', category: '投诉处理', severity: '重大', status: 'rectified', inspectionDate: '2026-04-05', completedAt: '2026-05-20', repeatOf: 'old-1' }),
  /* 4 */ f({ orgUnitCode: 'O12', category: '公示', severity: '一般', status: 'in_progress', inspectionDate: '2026-04-05', dueDate: '2026-07-01', repeatOf: 'old-2' }),
  /* 5 */ f({ orgUnitCode: 'S11', category: '适当性', severity: '一般', status: 'long_term', inspectionDate: '2026-05-01', dueDate: '2026-05-10', milestoneDate: '2026-08-01' }), // milestone ahead
  /* 6 */ f({ orgUnitCode: 'O21', category: '投诉处理', severity: '一般', status: 'open', source: 'manual', inspectionId: null, checklistId: null, inspectionDate: null, dueDate: '2026-06-01' }), // overdue
  // Completion dated before the inspection (bad data): counted as completed in the month it was found.
  /* 7 */ f({ orgUnitCode: 'O21', category: '适当性', severity: '重大', status: 'verified', inspectionDate: '2026-05-15', completedAt: '2026-04-20', checklistId: 'complaints' }),
  /* 8 */ f({ orgUnitCode: 'H', category: '公示', severity: '一般', status: 'open', inspectionDate: '2026-06-01', dueDate: '2026-06-10' }), // overdue
  /* 9 */ f({ orgUnitCode: 'X', category: ' ', severity: '一般', status: 'rectified', source: 'manual', inspectionId: null, checklistId: null, inspectionDate: null, completedAt: null }),
  /* 10 */ f({ orgUnitCode: 'S9', category: '公示', severity: '一般', status: 'in_progress', inspectionDate: '2026-02-10', dueDate: null, repeatOf: 'old-3' }),
  /* 11 */ f({ orgUnitCode: 'O21', category: '公示', status: 'open', dueDate: '2026-01-01', repeatOf: 'old-4', deletedAt: '2026-06-02T00:00:00.000Z' }), // voided
];

describe('dashboard aggregations', () => {
  it('count the fixture as a hand count does', () => {
    const d = dashboardOf(FINDINGS, UNITS, TODAY, 4);
    expect(d.findings).toBe(10);
    expect(d.voided).toBe(1);
    expect(d.byCategory).toEqual([
      { key: '公示', count: 5 },
      { key: '投诉处理', count: 2 }, // ties in code-point order: 投 U+6295 before 适 U+9002
      { key: '适当性', count: 2 },
      { key: '', count: 1 },
    ]);
    expect(d.bySeverity).toEqual([{ key: '一般', count: 7 }, { key: '较重', count: 1 }, { key: '重大', count: 2 }]);
    expect(d.byStatus).toEqual([
      { key: 'open', count: 3 },
      { key: 'in_progress', count: 2 },
      { key: 'rectified', count: 2 },
      { key: 'verified', count: 2 },
      { key: 'long_term', count: 1 },
    ]);
    expect(d.byUnit).toEqual({
      top: [{ key: 'O111', count: 2 }, { key: 'O12', count: 2 }, { key: 'O21', count: 2 }, { key: 'H', count: 1 }],
      rest: { units: 3, count: 3 }, // S11, S9, X
    });
    expect(d.undated).toBe(2);
    expect(d.byMonth).toEqual([
      { month: '2026-02', found: 3, completed: 1, rate: 1 / 3 }, // #10 and the two undated; #9 completed undated
      { month: '2026-03', found: 5, completed: 1, rate: 1 / 5 },
      { month: '2026-04', found: 7, completed: 2, rate: 2 / 7 }, // #2
      { month: '2026-05', found: 9, completed: 4, rate: 4 / 9 }, // #3, #7
      { month: '2026-06', found: 10, completed: 4, rate: 0.4 },
    ]);
    expect(d.overdueByBranch).toEqual([
      { key: 'B1', count: 1 },
      { key: 'B2', count: 1 },
      { key: 'H', count: 1 },
      { key: 'S9', count: 0 },
      { key: 'X', count: 0 },
    ]);
    expect(d.repeatByBranch).toEqual([
      { key: 'B1', count: 2 },
      { key: 'S9', count: 1 },
      { key: 'B2', count: 0 },
      { key: 'H', count: 0 },
      { key: 'X', count: 0 },
    ]);
  });

  it('groups no units when there are no more than the top N', () => {
    expect(dashboardOf(FINDINGS, UNITS, TODAY).byUnit.rest).toBeNull();
    expect(dashboardOf(FINDINGS, UNITS, TODAY, 7).byUnit).toMatchObject({ rest: null });
    expect(dashboardOf(FINDINGS, UNITS, TODAY, 6).byUnit.rest).toEqual({ units: 1, count: 1 });
  });

  it('with no findings: zeros, and one month, today’s', () => {
    const d = dashboardOf([], UNITS, TODAY);
    expect(d).toMatchObject({ findings: 0, voided: 0, byCategory: [], byUnit: { top: [], rest: null }, overdueByBranch: [], repeatByBranch: [] });
    expect(d.bySeverity.every((t) => t.count === 0)).toBe(true);
    expect(d.byMonth).toEqual([{ month: '2026-06', found: 0, completed: 0, rate: 0 }]);
  });

  it('folds months older than the last MAX_MONTHS into the first point, losing nothing', () => {
    const old = f({ inspectionDate: '2010-01-15', status: 'verified', completedAt: '2010-03-01' });
    const recent = f({ inspectionDate: '2026-06-01', status: 'open' });
    const months = dashboardOf([old, recent], [], TODAY).byMonth;
    expect(months).toHaveLength(MAX_MONTHS);
    // 2010-01 … 2026-06 is 198 months; the first 78 fold into 2016-07.
    expect(months[0]).toEqual({ month: '2016-07', found: 1, completed: 1, rate: 1 });
    expect(months.at(-1)).toEqual({ month: '2026-06', found: 2, completed: 1, rate: 0.5 });
    expect(nextMonth('2026-12')).toBe('2027-01');
    expect(nextMonth('2026-09')).toBe('2026-10');
  });

  it('rolls units up to their 分行, and never loops on a cycle in the tree', () => {
    const branchOf = branchResolver(UNITS);
    expect(['O111', 'S11', 'O12', 'B1', 'O21', 'H', 'S9', 'X'].map(branchOf)).toEqual(['B1', 'B1', 'B1', 'B1', 'B2', 'H', 'S9', 'X']);
    const looped = branchResolver([
      { code: 'A', level: 'subbranch', parentCode: 'B' },
      { code: 'B', level: 'subbranch', parentCode: 'A' },
    ]);
    expect(looped('A')).toBe('B');
  });
});

describe('the summary statement counts what the register shows', () => {
  const filters: [string, Partial<RegisterFilter>][] = [
    ['no filter', {}],
    ['one unit', { orgUnits: ['O12'] }],
    ['units and a checklist', { orgUnits: ['O111', 'O21'], checklists: ['branch-onsite'] }],
    ['inspection dates', { inspectedFrom: '2026-03-01', inspectedTo: '2026-04-30' }],
    ['overdue only', { due: 'overdue' }],
    ['status and severity', { statuses: ['open', 'verified'], severities: ['一般', '重大'] }],
    ['repeats', { repeat: 'repeat' }],
    ['text', { text: '价目表' }],
  ];
  it.each(filters)('%s', (_, over) => {
    const shown = filterFindings(FINDINGS, { ...EMPTY_FILTER, ...over }, TODAY);
    const register = registerSummary(shown, TODAY);
    const summary = summarizeChosen(shown, TODAY);
    const dashboard = dashboardOf(shown, UNITS, TODAY);
    expect(summary.findings).toBe(register.total);
    expect(summary.completed).toBe(register.closed);
    expect(summary.overdue).toBe(register.overdue);
    expect(summary.orgUnitsWithFindings).toBe(new Set(shown.map((r) => r.orgUnitCode)).size);
    expect(dashboard.findings).toBe(register.total);
    expect(dashboard.byStatus.reduce((s, t) => s + t.count, 0)).toBe(register.total);
    expect(dashboard.overdueByBranch.reduce((s, t) => s + t.count, 0)).toBe(register.overdue);
    expect(dashboard.byMonth.at(-1)).toMatchObject({ found: summary.findings, completed: summary.completed });
  });

  it('leaves voided findings out when the register is asked to show them', () => {
    const shown = filterFindings(FINDINGS, { ...EMPTY_FILTER, includeVoided: true }, TODAY);
    expect(registerSummary(shown, TODAY).total).toBe(11);
    expect(summarizeChosen(shown, TODAY).findings).toBe(10);
    expect(dashboardOf(shown, UNITS, TODAY)).toMatchObject({ findings: 10, voided: 1 });
  });

  it('equals the §7 scope for the same units (leaves, which have none below), checklist and dates', () => {
    const filter: RegisterFilter = { ...EMPTY_FILTER, orgUnits: ['O111', 'O12', 'O21'], checklists: ['branch-onsite'], inspectedFrom: '2026-03-01', inspectedTo: '2026-05-31' };
    const scope = { from: '2026-03-01', to: '2026-05-31', checklists: ['branch-onsite'], units: ['O111', 'O12', 'O21'] };
    const fromRegister = summarizeChosen(filterFindings(FINDINGS, filter, TODAY), TODAY);
    expect(fromRegister).toEqual(summarize(FINDINGS, scope, UNITS, TODAY));
    expect(fromRegister).toMatchObject({ findings: 4, completed: 2, overdue: 1 });
    expect(summarizeChosen(FINDINGS, TODAY)).toEqual(summarize(FINDINGS, WHOLE_SCOPE, UNITS, TODAY));
  });
});

describe('100,000 findings', () => {
  it('are counted exactly', () => {
    const STATUSES = ['open', 'in_progress', 'rectified', 'verified', 'long_term'] as const;
    const branches = Array.from({ length: 20 }, (_, b) => `B${String(b).padStart(2, '0')}`);
    const units: DashboardUnit[] = [
      { code: 'H', level: 'head', parentCode: null },
      ...branches.map((code): DashboardUnit => ({ code, level: 'branch', parentCode: 'H' })),
      ...Array.from({ length: 200 }, (_, o): DashboardUnit => ({ code: `O${String(o).padStart(3, '0')}`, level: 'outlet', parentCode: branches[o % 20]! })),
    ];
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      aFinding({
        id: `r${i}`,
        ledgerNo: `L-${i}`,
        orgUnitCode: `O${String(i % 200).padStart(3, '0')}`,
        category: `类别${i % 7}`,
        status: STATUSES[i % 5]!,
        // Every fourth finding is past due; a long-term one has its milestone ahead.
        dueDate: i % 4 === 0 ? '2026-05-01' : '2026-09-01',
        milestoneDate: '2026-12-01',
        inspectionDate: `2026-0${1 + (i % 6)}-10`,
        completedAt: i % 5 === 2 || i % 5 === 3 ? '2026-06-01' : null,
        repeatOf: i % 10 === 0 ? 'earlier' : null,
        deletedAt: i % 1000 === 999 ? '2026-06-02T00:00:00.000Z' : null,
      }),
    );
    // Independent counts, by arithmetic on i.
    let live = 0;
    let completed = 0;
    let overdue = 0;
    let repeat = 0;
    for (let i = 0; i < 100_000; i++) {
      if (i % 1000 === 999) continue;
      live += 1;
      if (i % 5 === 2 || i % 5 === 3) completed += 1;
      else if (i % 4 === 0 && i % 5 !== 4) overdue += 1;
      if (i % 10 === 0) repeat += 1;
    }
    const shown = filterFindings(rows, EMPTY_FILTER, TODAY);
    const d = dashboardOf(shown, units, TODAY);
    const s = summarizeChosen(shown, TODAY);
    expect(d.findings).toBe(live);
    expect(d.voided).toBe(0);
    expect(d.byCategory.reduce((n, t) => n + t.count, 0)).toBe(live);
    expect(d.byStatus.find((t) => t.key === 'rectified')!.count + d.byStatus.find((t) => t.key === 'verified')!.count).toBe(completed);
    expect(d.byUnit.top).toHaveLength(10);
    expect(d.byUnit.top.reduce((n, t) => n + t.count, 0) + d.byUnit.rest!.count).toBe(live);
    expect(d.byUnit.rest!.units).toBe(190);
    expect(d.overdueByBranch).toHaveLength(20);
    expect(d.overdueByBranch.reduce((n, t) => n + t.count, 0)).toBe(overdue);
    expect(d.repeatByBranch.reduce((n, t) => n + t.count, 0)).toBe(repeat);
    expect(d.byMonth.map((m) => m.month)).toEqual(['2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06']);
    expect(d.byMonth.at(-1)).toMatchObject({ found: live, completed });
    expect(s).toMatchObject({ findings: live, completed, overdue, orgUnitsWithFindings: 200, open: live - completed });
    expect(registerSummary(shown, TODAY)).toMatchObject({ total: live, overdue, closed: completed });
  });
});
