// 统计看板's two sets of numbers in one pass over the register's filtered rows: the charts' (dashboardOf)
// and the summary statement's (summarizeChosen, as of the same day). At 100,000 findings each of those
// is a pass of its own (50–80 ms in Node); this is one pass that does less per row (one map entry per
// distinct category, unit and date, no strings made), checked against both on random rows.
import type { Summary } from '../ledger/summary';
import { TOP_CATEGORIES } from '../ledger/summary';
import { branchResolver, monthSeries, TOP_UNITS, type Dashboard, type DashboardFinding, type DashboardUnit, type Tally } from './dashboard';
import { FINDING_STATUSES, SEVERITIES } from './model';
import { isCompleted, isOverdue } from './overdue';

export type DashboardFigures = { dashboard: Dashboard; summary: Summary };

type Count = { n: number };
type UnitCount = { count: number; overdue: number; repeated: number; completed: number };

/** The entry for `key`, made on first use: one map lookup per row where a get and a set would be two. */
function entry(map: Map<string, Count>, key: string): Count {
  let e = map.get(key);
  if (e === undefined) {
    e = { n: 0 };
    map.set(key, e);
  }
  return e;
}

const byCountThenKey = (a: Tally, b: Tally): number => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/** Counts per key after `keyOf` (several keys may become one), largest first, ties in code-point order. */
function tallies(map: ReadonlyMap<string, Count | number>, keyOf: (key: string) => string = (k) => k): Tally[] {
  const merged = new Map<string, number>();
  for (const [raw, c] of map) {
    const key = keyOf(raw);
    merged.set(key, (merged.get(key) ?? 0) + (typeof c === 'number' ? c : c.n));
  }
  return [...merged].map(([key, count]) => ({ key, count })).sort(byCountThenKey);
}

const month = (day: string): string => day.slice(0, 7);

/**
 * The per-row half of dashboardFigures, resumable: rows can be counted a slice at a time (countRows)
 * and the figures made at the end (finishFigures), so 100,000 findings can be counted in idle moments
 * before 统计看板 is opened. Counted for one day (overdue depends on it).
 */
export type DashboardCount = {
  readonly today: string;
  /** Rows counted so far (countRows goes on from here). */
  counted: number;
  categories: Map<string, Count>;
  severities: Map<string, Count>;
  statuses: Map<string, Count>;
  perUnit: Map<string, UnitCount>;
  // Per day, folded into months at the end: far fewer distinct days than rows, and no month string per row.
  foundOn: Map<string, Count>;
  completedOn: Map<string, Count>;
  voided: number;
  undated: number;
  undatedCompleted: number;
};

export function startCount(today: string): DashboardCount {
  return {
    today,
    counted: 0,
    categories: new Map(),
    severities: new Map(SEVERITIES.map((s) => [s, { n: 0 }])),
    statuses: new Map(FINDING_STATUSES.map((s) => [s, { n: 0 }])),
    perUnit: new Map(),
    foundOn: new Map(),
    completedOn: new Map(),
    voided: 0,
    undated: 0,
    undatedCompleted: 0,
  };
}

/** Counts rows[c.counted, to) into c (to: at most rows.length). */
export function countRows(c: DashboardCount, rows: readonly DashboardFinding[], to = rows.length): void {
  const { categories, severities, statuses, perUnit, foundOn, completedOn, today } = c;
  const end = Math.min(to, rows.length);
  for (let i = c.counted; i < end; i++) {
    const r = rows[i];
    if (r === undefined) continue;
    if (r.deletedAt !== null) {
      c.voided += 1;
      continue;
    }
    entry(categories, r.category).n += 1;
    entry(severities, r.severity).n += 1;
    entry(statuses, r.status).n += 1;
    let unit = perUnit.get(r.orgUnitCode);
    if (unit === undefined) {
      unit = { count: 0, overdue: 0, repeated: 0, completed: 0 };
      perUnit.set(r.orgUnitCode, unit);
    }
    unit.count += 1;
    if (r.repeatOf !== null) unit.repeated += 1;
    const found = r.inspectionDate;
    if (found === null) c.undated += 1;
    else entry(foundOn, found).n += 1;
    if (isCompleted(r)) {
      unit.completed += 1;
      // Completed in the later of its completion's and its finding's month (dashboardOf's rule); the
      // later day is in the later month, so the day is kept and the month taken at the end.
      const done = r.completedAt === null ? found : found === null || r.completedAt > found ? r.completedAt : found;
      if (done === null) c.undatedCompleted += 1;
      else entry(completedOn, done).n += 1;
    } else if (isOverdue(r, today)) unit.overdue += 1;
  }
  c.counted = Math.max(c.counted, end);
}

/** dashboardOf(rows, units, today, topUnits) and summarizeChosen(rows, today), counted together. */
export function dashboardFigures(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string, topUnits = TOP_UNITS): DashboardFigures {
  const c = startCount(today);
  countRows(c, rows);
  return finishFigures(c, units, topUnits);
}

/** The figures of every row counted into c. */
export function finishFigures(c: DashboardCount, units: readonly DashboardUnit[], topUnits = TOP_UNITS): DashboardFigures {
  const { categories, severities, statuses, perUnit, foundOn, completedOn, voided, undated, undatedCompleted, today } = c;
  const branchOf = branchResolver(units);
  const overdue = new Map<string, number>();
  const repeated = new Map<string, number>();
  const unitCounts = new Map<string, number>();
  let findings = 0;
  let completed = 0;
  let overdueCount = 0;
  let unitsCompleted = 0;
  for (const [code, unit] of perUnit) {
    const branch = branchOf(code);
    overdue.set(branch, (overdue.get(branch) ?? 0) + unit.overdue);
    repeated.set(branch, (repeated.get(branch) ?? 0) + unit.repeated);
    unitCounts.set(code, unit.count);
    findings += unit.count;
    completed += unit.completed;
    overdueCount += unit.overdue;
    if (unit.completed > 0) unitsCompleted += 1;
  }
  const byCategory = tallies(categories, (c) => c.trim());
  const unitTallies = tallies(unitCounts);
  const rest = unitTallies.slice(topUnits);
  const monthly = (days: ReadonlyMap<string, Count>): Map<string, number> => {
    const out = new Map<string, number>();
    for (const [day, c] of days) out.set(month(day), (out.get(month(day)) ?? 0) + c.n);
    return out;
  };
  const dashboard: Dashboard = {
    findings,
    voided,
    byCategory,
    bySeverity: SEVERITIES.map((key) => ({ key, count: severities.get(key)?.n ?? 0 })),
    byStatus: FINDING_STATUSES.map((key) => ({ key, count: statuses.get(key)?.n ?? 0 })),
    byUnit: { top: unitTallies.slice(0, topUnits), rest: rest.length === 0 ? null : { units: rest.length, count: rest.reduce((n, t) => n + t.count, 0) } },
    byMonth: monthSeries(monthly(foundOn), monthly(completedOn), undated, undatedCompleted, today),
    undated,
    overdueByBranch: tallies(overdue),
    repeatByBranch: tallies(repeated),
  };
  const summary: Summary = {
    findings,
    orgUnitsWithFindings: perUnit.size,
    completed,
    orgUnitsCompleted: unitsCompleted,
    open: findings - completed,
    overdue: overdueCount,
    completionRate: findings === 0 ? 0 : completed / findings,
    // byCategory's order is the statement's (count, then code point); a blank category is never named.
    topCategories: byCategory
      .filter((t) => t.key !== '')
      .slice(0, TOP_CATEGORIES)
      .map((t) => ({ category: t.key, count: t.count })),
    asOf: today,
  };
  return { dashboard, summary };
}
