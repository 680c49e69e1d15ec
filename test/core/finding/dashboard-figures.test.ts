// dashboardFigures counts in one pass what dashboardOf (the charts) and summarizeChosen (the summary
// statement) count in two: on random rows, both halves equal those two, which stay the definitions.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dashboardOf } from '../../../renderer/core/finding/dashboard';
import { countRows, dashboardFigures, finishFigures, startCount } from '../../../renderer/core/finding/dashboard-figures';
import { FINDING_STATUSES, SEVERITIES } from '../../../renderer/core/finding/model';
import { summarizeChosen } from '../../../renderer/core/ledger/summary';
import { aFinding, DASHBOARD_UNITS } from './fixtures';

const UNITS = DASHBOARD_UNITS;

/** A day from 2024-11-01 on, `n` days later (crossing month and year ends). */
const day = (n: number): string => new Date(Date.UTC(2024, 10, 1) + n * 86_400_000).toISOString().slice(0, 10);
const aDay = fc.option(fc.integer({ min: 0, max: 900 }), { nil: null });

const aRow = fc.record({
  unit: fc.constantFrom(...UNITS.map((u) => u.code), 'X', 'O999'),
  // Blank, padded and tied categories: the summary names neither blank ones nor their padding.
  category: fc.constantFrom('公示', ' 公示 ', '投诉处理', '适当性', '销售专区、双录', '', '  ', 'a', 'B'),
  severity: fc.constantFrom(...SEVERITIES),
  status: fc.constantFrom(...FINDING_STATUSES),
  due: aDay,
  milestone: aDay,
  inspected: aDay,
  completed: aDay,
  repeat: fc.boolean(),
  voided: fc.boolean(),
});

describe('dashboardFigures', () => {
  it('equals dashboardOf and summarizeChosen on random rows, units and days', () => {
    fc.assert(
      fc.property(fc.array(aRow, { maxLength: 80 }), fc.integer({ min: 0, max: 900 }), fc.integer({ min: 0, max: 4 }), fc.boolean(), (specs, todayAt, topUnits, withUnits) => {
        const rows = specs.map((s, i) =>
          aFinding({
            id: `r${i}`,
            orgUnitCode: s.unit,
            category: s.category,
            severity: s.severity,
            status: s.status,
            dueDate: s.due === null ? null : day(s.due),
            milestoneDate: s.milestone === null ? null : day(s.milestone),
            inspectionDate: s.inspected === null ? null : day(s.inspected),
            completedAt: s.completed === null ? null : day(s.completed),
            repeatOf: s.repeat ? 'earlier' : null,
            deletedAt: s.voided ? '2026-01-02T00:00:00.000Z' : null,
          }),
        );
        const today = day(todayAt);
        const units = withUnits ? UNITS : [];
        const { dashboard, summary } = dashboardFigures(rows, units, today, topUnits);
        expect(dashboard).toEqual(dashboardOf(rows, units, today, topUnits));
        expect(summary).toEqual(summarizeChosen(rows, today));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the same figures counted a slice at a time, in any slices', () => {
    fc.assert(
      fc.property(fc.array(aRow, { maxLength: 60 }), fc.array(fc.integer({ min: 0, max: 70 }), { maxLength: 6 }), (specs, cuts) => {
        const rows = specs.map((s, i) =>
          aFinding({ id: `r${i}`, orgUnitCode: s.unit, category: s.category, severity: s.severity, status: s.status, dueDate: s.due === null ? null : day(s.due), inspectionDate: s.inspected === null ? null : day(s.inspected), completedAt: s.completed === null ? null : day(s.completed), repeatOf: s.repeat ? 'earlier' : null, deletedAt: s.voided ? '2026-01-02T00:00:00.000Z' : null }),
        );
        const c = startCount(day(400));
        for (const to of [...cuts].sort((a, b) => a - b)) countRows(c, rows, to);
        expect(c.counted).toBe(Math.min(rows.length, Math.max(0, ...cuts)));
        countRows(c, rows);
        // Counting again past the end adds nothing.
        countRows(c, rows);
        expect(c.counted).toBe(rows.length);
        expect(finishFigures(c, UNITS)).toEqual(dashboardFigures(rows, UNITS, day(400)));
      }),
      { numRuns: 200 },
    );
  });

  it('counts nothing in no rows', () => {
    const { dashboard, summary } = dashboardFigures([], UNITS, '2026-06-15');
    expect(dashboard).toEqual(dashboardOf([], UNITS, '2026-06-15'));
    expect(summary).toEqual(summarizeChosen([], '2026-06-15'));
  });

  it('counts a month more than ten years back into the first point, as dashboardOf does', () => {
    const rows = [aFinding({ inspectionDate: '2010-01-05', status: 'verified', completedAt: '2010-02-01' }), aFinding({ id: 'f-2', inspectionDate: '2026-05-01' })];
    expect(dashboardFigures(rows, UNITS, '2026-06-15').dashboard).toEqual(dashboardOf(rows, UNITS, '2026-06-15'));
  });
});
