// 统计看板's numbers, remembered per filtered rows array (register-view.ts hands out the same array for
// the same snapshot and filter): opening the dashboard again, or going back to a filter, counts nothing
// again. The counting itself is core's (dashboardOf, summarizeChosen), so the numbers are the same.
import { dashboardOf, type Dashboard, type DashboardFinding, type DashboardUnit } from '../../core/finding/dashboard';
import { summarizeChosen, type Summary, type SummaryFinding } from '../../core/ledger/summary';

type Kept<K, V> = { key: K; value: V };

const dashboards = new WeakMap<readonly DashboardFinding[], Kept<{ units: readonly DashboardUnit[]; today: string }, Dashboard>>();
const summaries = new WeakMap<readonly SummaryFinding[], Kept<string, Summary>>();

/** dashboardOf(rows, units, today), remembered for the last units list and day asked with these rows. */
export function dashboardFor(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string): Dashboard {
  const kept = dashboards.get(rows);
  if (kept && kept.key.units === units && kept.key.today === today) return kept.value;
  const value = dashboardOf(rows, units, today);
  dashboards.set(rows, { key: { units, today }, value });
  return value;
}

/** summarizeChosen(rows, asOf), remembered for the last day asked with these rows. */
export function summaryFor(rows: readonly SummaryFinding[], asOf: string): Summary {
  const kept = summaries.get(rows);
  if (kept?.key === asOf) return kept.value;
  const value = summarizeChosen(rows, asOf);
  summaries.set(rows, { key: asOf, value });
  return value;
}
