// 统计看板's numbers, remembered per filtered rows array (register-view.ts hands out the same array for
// the same snapshot and filter): opening the dashboard again, or going back to a filter, counts nothing
// again. The charts' numbers and the summary statement's for the same day come from one pass
// (core's dashboardFigures, equal to dashboardOf and summarizeChosen); a statement as of another day
// is counted on its own.
import type { Dashboard, DashboardFinding, DashboardUnit } from '../../core/finding/dashboard';
import { dashboardFigures, type DashboardFigures } from '../../core/finding/dashboard-figures';
import { summarizeChosen, type Summary, type SummaryFinding } from '../../core/ledger/summary';

type Kept<K, V> = { key: K; value: V };

const figures = new WeakMap<readonly DashboardFinding[], Kept<{ units: readonly DashboardUnit[]; today: string }, DashboardFigures>>();
const summaries = new WeakMap<readonly SummaryFinding[], Kept<string, Summary>>();

/** dashboardOf(rows, units, today), remembered for the last units list and day asked with these rows. */
export function dashboardFor(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string): Dashboard {
  const kept = figures.get(rows);
  if (kept && kept.key.units === units && kept.key.today === today) return kept.value.dashboard;
  const value = dashboardFigures(rows, units, today);
  figures.set(rows, { key: { units, today }, value });
  return value.dashboard;
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
