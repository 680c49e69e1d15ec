// 统计看板's remembered numbers (features/dashboard/dashboard-view.ts): the same as core's counting for
// the rows, units and day asked, kept per rows array and counted afresh when any of them changes; and
// counted ahead while the page is idle (prepareDashboardWhenIdle).
import { describe, expect, it, vi } from 'vitest';
import { dashboardOf } from '../../renderer/core/finding/dashboard';
import { summarizeChosen } from '../../renderer/core/ledger/summary';
import { dashboardFor, prepareDashboardWhenIdle, summaryFor } from '../../renderer/features/dashboard/dashboard-view';
import { aFinding } from '../core/finding/fixtures';

const units = [
  { code: 'B1', level: 'branch' as const, parentCode: null },
  { code: 'O1', level: 'outlet' as const, parentCode: 'B1' },
];
const rows = [
  aFinding({ id: 'a', orgUnitCode: 'O1', status: 'open', dueDate: '2026-03-01', inspectionDate: '2026-02-10' }),
  aFinding({ id: 'b', orgUnitCode: 'B1', status: 'verified', inspectionDate: '2026-02-10', completedAt: '2026-03-05' }),
  aFinding({ id: 'c', orgUnitCode: 'O1', status: 'in_progress', dueDate: '2026-04-01', inspectionDate: '2026-03-01', repeatOf: 'a' }),
];

describe('dashboardFor', () => {
  it('gives dashboardOf for the rows, units and day, and the same object when asked again', () => {
    const first = dashboardFor(rows, units, '2026-03-20');
    expect(first).toEqual(dashboardOf(rows, units, '2026-03-20'));
    expect(dashboardFor(rows, units, '2026-03-20')).toBe(first);
  });

  it('counts afresh for another day, another units list or another rows array', () => {
    const first = dashboardFor(rows, units, '2026-03-20');
    const later = dashboardFor(rows, units, '2026-04-20');
    expect(later).not.toBe(first);
    expect(later).toEqual(dashboardOf(rows, units, '2026-04-20'));
    expect(later.overdueByBranch).toEqual([{ key: 'B1', count: 2 }]);
    const noUnits = dashboardFor(rows, [], '2026-04-20');
    expect(noUnits).toEqual(dashboardOf(rows, [], '2026-04-20'));
    expect(noUnits.overdueByBranch).not.toEqual(later.overdueByBranch);
    const fewer = rows.slice(1);
    expect(dashboardFor(fewer, units, '2026-04-20').findings).toBe(2);
  });
});

describe('summaryFor', () => {
  it('gives summarizeChosen for the rows and day, kept per rows array', () => {
    const first = summaryFor(rows, '2026-03-20');
    expect(first).toEqual(summarizeChosen(rows, '2026-03-20'));
    expect(summaryFor(rows, '2026-03-20')).toBe(first);
    const other = summaryFor(rows, '2026-04-20');
    expect(other).toEqual(summarizeChosen(rows, '2026-04-20'));
    expect(other.overdue).toBe(2);
    expect(first.overdue).toBe(1);
  });

  it('is the summary counted with the dashboard for the same rows and day', () => {
    const same = rows.slice();
    const today = '2026-03-20';
    const before = summaryFor(same, today);
    dashboardFor(same, units, today);
    const counted = summaryFor(same, today);
    expect(counted).toEqual(summarizeChosen(same, today));
    expect(counted).toEqual(before);
    expect(summaryFor(same, today)).toBe(counted);
    // Another day is counted on its own.
    expect(summaryFor(same, '2026-04-20')).toEqual(summarizeChosen(same, '2026-04-20'));
  });
});

describe('prepareDashboardWhenIdle', () => {
  /** The rows behind a proxy that counts how often a row is read. */
  function watched(list: readonly ReturnType<typeof aFinding>[]): { rows: readonly ReturnType<typeof aFinding>[]; reads: () => number } {
    let reads = 0;
    const rows = new Proxy(list, {
      get(target, key, receiver) {
        if (typeof key === 'string' && /^\d+$/.test(key)) reads += 1;
        return Reflect.get(target, key, receiver) as unknown;
      },
    });
    return { rows, reads: () => reads };
  }
  const many = Array.from({ length: 5000 }, (_, i) => aFinding({ id: `f${i}`, orgUnitCode: i % 3 === 0 ? 'B1' : 'O1', status: i % 4 === 0 ? 'verified' : 'open', dueDate: '2026-03-01', inspectionDate: `2026-0${1 + (i % 3)}-10`, completedAt: i % 4 === 0 ? '2026-03-05' : null }));

  it('counts the figures while idle, so asking for them afterwards reads no row', async () => {
    const { rows, reads } = watched(many);
    prepareDashboardWhenIdle(rows, units, '2026-03-20');
    // Asked again while counting: not counted twice.
    prepareDashboardWhenIdle(rows, units, '2026-03-20');
    await vi.waitFor(() => expect(reads()).toBe(many.length), { timeout: 5000 });
    // Whatever is left after the last row (the tallies) is done in the same slice.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const before = reads();
    expect(dashboardFor(rows, units, '2026-03-20')).toEqual(dashboardOf(many, units, '2026-03-20'));
    expect(reads()).toBe(before);
    expect(summaryFor(rows, '2026-03-20')).toEqual(summarizeChosen(many, '2026-03-20'));
    expect(reads()).toBe(before);
    // Already counted: preparing again reads nothing.
    prepareDashboardWhenIdle(rows, units, '2026-03-20');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reads()).toBe(before);
  });

  it('abandons a count when newer rows are asked for, and keeps the newer one', async () => {
    const old = watched(many);
    const fresh = watched(many.slice(0, 1000));
    prepareDashboardWhenIdle(old.rows, units, '2026-03-20');
    prepareDashboardWhenIdle(fresh.rows, units, '2026-03-20');
    await vi.waitFor(() => expect(fresh.reads()).toBe(1000), { timeout: 5000 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(old.reads()).toBe(0);
    const before = fresh.reads();
    expect(dashboardFor(fresh.rows, units, '2026-03-20')).toEqual(dashboardOf(many.slice(0, 1000), units, '2026-03-20'));
    expect(fresh.reads()).toBe(before);
  });
});
