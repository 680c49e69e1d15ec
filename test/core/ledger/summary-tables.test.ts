// The 汇总表's numbers: every unit line, rolled up or not, equals summarize() over the same scope; the
// totals equal the register's summary; categories, severities, statuses and the overdue list add up.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { blankFinding, FINDING_STATUSES, SEVERITIES, type FindingStatus } from '../../../renderer/core/finding/model';
import { registerSummary } from '../../../renderer/core/finding/register';
import type { FindingRecord, OrgUnitRecord } from '../../../renderer/core/ledger/records';
import { summarize, WHOLE_SCOPE } from '../../../renderer/core/ledger/summary';
import { OVERDUE_BUCKETS, summaryTables, type Counts } from '../../../renderer/core/ledger/summary-tables';

const unit = (code: string, parentCode: string | null, level: OrgUnitRecord['level']): OrgUnitRecord => ({
  id: `u-${code}`, rev: 1, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'x', deviceId: 'd', deletedAt: null, code, name: `${code}名`, level, parentCode,
});

// 总行 H; 分行 B1 (支行 S1 with 网点 O11, O12; 网点 O13) and B2 (网点 O21); 分行 B3 has nothing.
const UNITS = [
  unit('H', null, 'head'), unit('B1', 'H', 'branch'), unit('S1', 'B1', 'subbranch'), unit('O11', 'S1', 'outlet'), unit('O12', 'S1', 'outlet'),
  unit('O13', 'B1', 'outlet'), unit('B2', 'H', 'branch'), unit('O21', 'B2', 'outlet'), unit('B3', 'H', 'branch'),
];
const AS_OF = '2026-06-30';

let n = 0;
const f = (orgUnitCode: string, status: FindingStatus, over: Partial<FindingRecord> = {}): FindingRecord => {
  n += 1;
  return {
    id: `f${n}`, rev: 1, updatedAt: '2026-01-01T00:00:00.000Z', updatedBy: 'x', deviceId: 'd',
    ...blankFinding({ ledgerNo: `${orgUnitCode}-2026-${String(n).padStart(4, '0')}`, orgUnitCode, source: 'manual', description: `问题${n}`, category: '公示', basis: '', severity: '一般' }),
    status,
    ...over,
  };
};

const FINDINGS: FindingRecord[] = [
  f('O11', 'verified', { dueDate: '2026-04-01' }),
  f('O11', 'open', { dueDate: '2026-05-01', category: '适当性', severity: '较重' }), // 60 days overdue
  f('O12', 'in_progress', { dueDate: '2025-12-01', severity: '重大' }), // 211 days overdue
  f('O12', 'long_term', { dueDate: '2026-05-30', milestoneDate: '2026-08-01', category: '投诉处理' }),
  f('S1', 'rectified', { dueDate: '2026-06-01' }),
  f('O13', 'open', { dueDate: '2026-06-29', category: '' }), // 1 day overdue
  f('O21', 'open', { dueDate: '2026-06-01', deletedAt: '2026-06-02T00:00:00.000Z' }), // voided
  f('B1', 'in_progress', { dueDate: null }),
  f('ZZ99', 'open', { dueDate: '2026-07-01' }), // a unit the tree does not hold
];

const counts = (s: { findings: number; completed: number; open: number; overdue: number }): Counts => ({ findings: s.findings, completed: s.completed, open: s.open, overdue: s.overdue });

describe('summaryTables', () => {
  const t = summaryTables(FINDINGS, UNITS, AS_OF);

  it('totals what summarize() and the register’s summary count for the same rows', () => {
    expect(t.total).toEqual(counts(summarize(FINDINGS, WHOLE_SCOPE, UNITS, AS_OF)));
    expect(t.total).toEqual({ findings: 8, completed: 2, open: 6, overdue: 3 });
    expect(t.summary).toEqual(summarize(FINDINGS, WHOLE_SCOPE, UNITS, AS_OF));
    expect(registerSummary(FINDINGS.filter((x) => x.deletedAt === null), AS_OF).overdue).toBe(t.total.overdue);
  });

  it('lists units in tree order with their own counts and their subtree rolled up, as summarize() counts each scope', () => {
    expect(t.units.map((u) => [u.code, u.depth, u.hasChildren])).toEqual([
      ['H', 0, true], ['B1', 1, true], ['O13', 2, false], ['S1', 2, true], ['O11', 3, false], ['O12', 3, false], ['ZZ99', 0, false],
    ]);
    for (const line of t.units) {
      expect(line.subtree, line.code).toEqual(line.code === 'ZZ99' ? line.own : counts(summarize(FINDINGS, { ...WHOLE_SCOPE, units: [line.code] }, UNITS, AS_OF)));
      expect(line.own, line.code).toEqual(counts(summarize(FINDINGS.filter((x) => x.orgUnitCode === line.code), WHOLE_SCOPE, UNITS, AS_OF)));
    }
    expect(t.units.find((u) => u.code === 'B1')).toMatchObject({ name: 'B1名', level: 'branch', own: { findings: 1 }, subtree: { findings: 7, completed: 2, overdue: 3 } });
    expect(t.units.find((u) => u.code === 'ZZ99')).toMatchObject({ name: '', level: null });
  });

  it('breaks the total down by category, severity and status, every line adding up', () => {
    const sum = (lines: Counts[]): Counts => lines.reduce((a, b) => ({ findings: a.findings + b.findings, completed: a.completed + b.completed, open: a.open + b.open, overdue: a.overdue + b.overdue }));
    expect(t.categories.map((c) => [c.category, c.counts.findings])).toEqual([['公示', 5], ['', 1], ['投诉处理', 1], ['适当性', 1]]);
    expect(sum(t.categories.map((c) => c.counts))).toEqual(t.total);
    expect(t.severities.map((s) => s.severity)).toEqual([...SEVERITIES].reverse());
    expect(sum(t.severities.map((s) => s.counts))).toEqual(t.total);
    expect(t.statuses.map((s) => [s.status, s.findings, s.overdue])).toEqual([['open', 3, 2], ['in_progress', 2, 1], ['rectified', 1, 0], ['verified', 1, 0], ['long_term', 1, 0]]);
  });

  it('lists the overdue findings, longest overdue first, and buckets them by how long', () => {
    expect(t.overdue.map((o) => [o.orgUnitCode, o.days, o.deadline])).toEqual([['O12', 211, '2025-12-01'], ['O11', 60, '2026-05-01'], ['O13', 1, '2026-06-29']]);
    expect(t.overdueBuckets).toEqual([1, 1, 0, 1]);
    expect(t.overdueBuckets).toHaveLength(OVERDUE_BUCKETS.length);
  });

  it('survives a parent loop in the data and counts every unit once', () => {
    const loop = [unit('A', 'B', 'branch'), unit('B', 'A', 'subbranch')];
    const r = summaryTables([f('A', 'open'), f('B', 'open')], loop, AS_OF);
    expect(r.units.map((u) => u.code).sort()).toEqual(['A', 'B']);
    expect(r.total.findings).toBe(2);
  });

  it('agrees with summarize() for every unit on random findings', () => {
    const codes = [...UNITS.map((u) => u.code), 'ZZ99'];
    const arb = fc.array(
      fc.record({
        unit: fc.constantFrom(...codes),
        status: fc.constantFrom(...FINDING_STATUSES),
        due: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
        voided: fc.boolean(),
        severity: fc.constantFrom(...SEVERITIES),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(arb, (specs) => {
        const findings = specs.map((s) =>
          f(s.unit, s.status, {
            severity: s.severity,
            dueDate: s.due === null ? null : new Date(Date.UTC(2026, 0, 1) + s.due * 86_400_000).toISOString().slice(0, 10),
            deletedAt: s.voided ? '2026-01-02T00:00:00.000Z' : null,
          }),
        );
        const r = summaryTables(findings, UNITS, AS_OF);
        expect(r.total).toEqual(counts(summarize(findings, WHOLE_SCOPE, UNITS, AS_OF)));
        for (const line of r.units) if (line.level !== null) expect(line.subtree).toEqual(counts(summarize(findings, { ...WHOLE_SCOPE, units: [line.code] }, UNITS, AS_OF)));
        expect(r.overdue).toHaveLength(r.total.overdue);
        expect(r.overdueBuckets.reduce((a, b) => a + b, 0)).toBe(r.total.overdue);
      }),
      { numRuns: 100 },
    );
  });
});
