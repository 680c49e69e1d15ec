// 统计看板's numbers, remembered per filtered rows array (register-view.ts hands out the same array for
// the same snapshot and filter): opening the dashboard again, or going back to a filter, counts nothing
// again. The charts' numbers and the summary statement's for the same day come from one pass
// (core's dashboardFigures, equal to dashboardOf and summarizeChosen); a statement as of another day
// is counted on its own. The register counts its rows' figures ahead while the page is idle
// (prepareDashboardWhenIdle), so 统计看板 usually opens on figures already counted.
import type { Dashboard, DashboardFinding, DashboardUnit } from '../../core/finding/dashboard';
import { countRows, dashboardFigures, finishFigures, startCount, type DashboardFigures } from '../../core/finding/dashboard-figures';
import { inIdleSlices } from '../../io/idle';
import { summarizeChosen, type Summary, type SummaryFinding } from '../../core/ledger/summary';

type Kept<K, V> = { key: K; value: V };

const figures = new WeakMap<readonly DashboardFinding[], Kept<{ units: readonly DashboardUnit[]; today: string }, DashboardFigures>>();
const summaries = new WeakMap<readonly SummaryFinding[], Kept<string, Summary>>();

/** dashboardOf(rows, units, today), remembered for the last units list and day asked with these rows. */
export function dashboardFor(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string): Dashboard {
  const kept = keptFigures(rows, units, today);
  if (kept) return kept.dashboard;
  const value = dashboardFigures(rows, units, today);
  figures.set(rows, { key: { units, today }, value });
  return value.dashboard;
}

/** The figures already counted for these rows, units and day. */
function keptFigures(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string): DashboardFigures | undefined {
  const kept = figures.get(rows);
  return kept && kept.key.units === units && kept.key.today === today ? kept.value : undefined;
}

/** The rows whose figures are being counted ahead; a newer request abandons the older one. */
let preparing: readonly DashboardFinding[] | null = null;

/** Rows counted at a time (about 1-2 ms per 2,000 findings). */
const SLICE = 2000;

/**
 * Counts dashboardFor(rows, units, today) a slice at a time while the page is idle, and keeps it as if
 * it had been asked: at 100,000 findings the count is 70-90 ms, which opening 统计看板 then skips.
 * Nothing is counted twice: rows already counted for these units and this day, or being counted, are
 * left alone; newer rows abandon an older count.
 */
export function prepareDashboardWhenIdle(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string): void {
  if (keptFigures(rows, units, today) || preparing === rows) return;
  preparing = rows;
  const count = startCount(today);
  inIdleSlices(() => {
    if (preparing !== rows) return false;
    if (keptFigures(rows, units, today)) {
      preparing = null;
      return false;
    }
    countRows(count, rows, count.counted + SLICE);
    if (count.counted < rows.length) return true;
    preparing = null;
    figures.set(rows, { key: { units, today }, value: finishFigures(count, units) });
    return false;
  });
}

/**
 * summarizeChosen(rows, asOf): the one counted with the dashboard for these rows when it was for that
 * day (the summary does not depend on the units), else remembered for the last other day asked.
 */
export function summaryFor(rows: readonly (SummaryFinding & DashboardFinding)[], asOf: string): Summary {
  const counted = figures.get(rows);
  if (counted?.key.today === asOf) return counted.value.summary;
  const kept = summaries.get(rows);
  if (kept?.key === asOf) return kept.value;
  const value = summarizeChosen(rows, asOf);
  summaries.set(rows, { key: asOf, value });
  return value;
}
