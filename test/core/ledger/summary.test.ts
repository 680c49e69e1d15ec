// The summary statement: numbers against a hand count of a small fixture for several scopes, the rate's
// formatting, and the paragraph in both languages, including when there is nothing to report.
import { describe, expect, it } from 'vitest';
import { blankFinding, type FindingStatus } from '../../../renderer/core/finding/model';
import type { FindingRecord, OrgUnitRecord } from '../../../renderer/core/ledger/records';
import { formatDay, formatRate, summarize, summaryStatement, unitsWithin, WHOLE_SCOPE } from '../../../renderer/core/ledger/summary';

const unit = (code: string, parentCode: string | null, level: OrgUnitRecord['level']): OrgUnitRecord => ({
  id: `u-${code}`, rev: 1, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'x', deviceId: 'd', deletedAt: null, code, name: code, level, parentCode,
});

// 总行 H; 分行 B1 (网点 O11, O12) and B2 (网点 O21).
const UNITS = [unit('H', null, 'head'), unit('B1', 'H', 'branch'), unit('O11', 'B1', 'outlet'), unit('O12', 'B1', 'outlet'), unit('B2', 'H', 'branch'), unit('O21', 'B2', 'outlet')];

let n = 0;
const f = (orgUnitCode: string, status: FindingStatus, category: string, inspectionDate: string | null, dueDate: string | null, over: Partial<FindingRecord> = {}): FindingRecord => {
  n += 1;
  return {
    id: `f${n}`, rev: 1, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'x', deviceId: 'd',
    ...blankFinding({ ledgerNo: `${orgUnitCode}-2026-${n}`, orgUnitCode, source: 'verdict', description: 'd', category, basis: '', severity: '一般' }),
    inspectionDate, dueDate, status, checklistId: 'branch-onsite', checklistVersion: '2026.1',
    ...over,
  };
};

const AS_OF = '2026-06-30';
const FINDINGS: FindingRecord[] = [
  f('O11', 'verified', '公示', '2026-03-01', '2026-04-01'),
  f('O11', 'open', '公示', '2026-03-01', '2026-05-01'), // overdue
  f('O11', 'rectified', '适当性', '2026-05-10', '2026-06-01'),
  f('O12', 'in_progress', '公示', '2026-05-12', '2026-07-15'),
  f('O12', 'long_term', '投诉处理', '2026-05-12', '2026-05-30', { milestoneDate: '2026-08-01' }), // milestone ahead: not overdue
  f('O21', 'in_progress', '适当性', '2026-06-02', '2026-06-20'), // overdue
  f('O21', 'verified', '投诉处理', '2026-06-02', null, { checklistId: 'complaints' }),
  f('B2', 'open', '信息安全', null, '2026-06-01', { source: 'manual', checklistId: null, checklistVersion: null }), // overdue, no inspection
  f('O21', 'open', '公示', '2026-06-02', '2026-06-01', { deletedAt: '2026-06-03T00:00:00.000Z' }), // voided: never counts
];

describe('summary numbers', () => {
  it('counts the whole bank as a hand count does', () => {
    expect(summarize(FINDINGS, WHOLE_SCOPE, UNITS, AS_OF)).toEqual({
      findings: 8,
      orgUnitsWithFindings: 4, // O11 O12 O21 B2
      completed: 3, // verified, rectified, verified
      orgUnitsCompleted: 2, // O11, O21
      open: 5,
      overdue: 3,
      completionRate: 3 / 8,
      topCategories: [{ category: '公示', count: 3 }, { category: '投诉处理', count: 2 }, { category: '适当性', count: 2 }],
      asOf: AS_OF,
    });
  });

  it('a unit scope takes the units below it', () => {
    expect(unitsWithin(['B1'], UNITS)).toEqual(new Set(['B1', 'O11', 'O12']));
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, units: ['B1'] }, UNITS, AS_OF)).toMatchObject({ findings: 5, orgUnitsWithFindings: 2, completed: 2, orgUnitsCompleted: 1, open: 3, overdue: 1, completionRate: 0.4 });
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, units: ['B2'] }, UNITS, AS_OF)).toMatchObject({ findings: 3, orgUnitsWithFindings: 2, completed: 1, orgUnitsCompleted: 1, open: 2, overdue: 2 });
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, units: ['O12', 'O21'] }, UNITS, AS_OF)).toMatchObject({ findings: 4, orgUnitsWithFindings: 2, completed: 1, overdue: 1 });
  });

  it('a date range on the inspection date leaves out findings without one; a checklist scope those of other checklists', () => {
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, from: '2026-05-01', to: '2026-05-31' }, UNITS, AS_OF)).toMatchObject({ findings: 3, orgUnitsWithFindings: 2, completed: 1, open: 2, overdue: 0 });
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, from: '2026-06-01' }, UNITS, AS_OF)).toMatchObject({ findings: 2, completed: 1, overdue: 1 });
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, checklists: ['complaints'] }, UNITS, AS_OF)).toMatchObject({ findings: 1, completed: 1, completionRate: 1 });
    expect(summarize(FINDINGS, { ...WHOLE_SCOPE, checklists: ['branch-onsite'], units: ['B2'] }, UNITS, AS_OF)).toMatchObject({ findings: 1, open: 1, overdue: 1 });
  });

  it('overdue follows the as-of day', () => {
    expect(summarize(FINDINGS, WHOLE_SCOPE, UNITS, '2026-04-15').overdue).toBe(0);
    expect(summarize(FINDINGS, WHOLE_SCOPE, UNITS, '2026-08-02').overdue).toBe(5);
  });
});

describe('summary statement', () => {
  it('reads as the work summary paragraph in Chinese, and in English', () => {
    const s = summarize(FINDINGS, WHOLE_SCOPE, UNITS, AS_OF);
    expect(summaryStatement(s, 'zh-CN')).toBe(
      '本次自查共发现问题8个，涉及4家网点机构，主要集中在公示、投诉处理和适当性方面。截至2026年6月30日，已完成整改问题3个，涉及网点2家，整改完成率37.5%；尚未完成整改问题5个，其中逾期3个。',
    );
    expect(summaryStatement(s, 'en-US')).toBe(
      'This self-inspection found 8 issues at 4 units, mainly in 公示, 投诉处理 and 适当性. As of June 30, 2026, 3 issues have been rectified, at 2 units, a completion rate of 37.5%; 5 issues remain open, 3 of them overdue.',
    );
    const one = summarize(FINDINGS, { ...WHOLE_SCOPE, checklists: ['complaints'] }, UNITS, AS_OF);
    expect(summaryStatement(one, 'zh-CN')).toBe('本次自查共发现问题1个，涉及1家网点机构，主要集中在投诉处理方面。截至2026年6月30日，已完成整改问题1个，涉及网点1家，整改完成率100%；尚未完成整改问题0个，其中逾期0个。');
    expect(summaryStatement(one, 'en-US')).toContain('found 1 issue at 1 unit, mainly in 投诉处理. As of June 30, 2026, 1 issue has been rectified');
  });

  it('quotes the category names when one of them holds a 、 or 和 itself', () => {
    const mixed = [...FINDINGS, f('O21', 'open', '销售专区、双录与适当性', '2026-06-02', null), f('O21', 'open', '销售专区、双录与适当性', '2026-06-02', null), f('O21', 'open', '销售专区、双录与适当性', '2026-06-02', null)];
    expect(summaryStatement(summarize(mixed, WHOLE_SCOPE, UNITS, AS_OF), 'zh-CN')).toContain('主要集中在“公示”、“销售专区、双录与适当性”和“投诉处理”方面。');
  });

  it('with no findings there is no division by zero and the sentence still makes sense', () => {
    const none = summarize(FINDINGS, { ...WHOLE_SCOPE, units: ['H'], from: '2027-01-01' }, UNITS, AS_OF);
    expect(none).toMatchObject({ findings: 0, completed: 0, open: 0, overdue: 0, completionRate: 0, topCategories: [] });
    expect(summaryStatement(none, 'zh-CN')).toBe('本次自查未发现问题。截至2026年6月30日，无尚未完成整改的问题。');
    expect(summaryStatement(none, 'en-US')).toBe('This self-inspection found no issues. As of June 30, 2026, no issue awaits rectification.');
  });

  it('formats the rate with one decimal and days without leading zeros', () => {
    expect([0, 1, 2 / 3, 1 / 3, 0.05, 0.9995, 0.12345, 1 / 7].map(formatRate)).toEqual(['0', '100', '66.7', '33.3', '5', '100', '12.3', '14.3']);
    expect(formatDay('2026-01-05', 'zh-CN')).toBe('2026年1月5日');
    expect(formatDay('2026-12-31', 'en-US')).toBe('December 31, 2026');
  });
});
