// The dashboard's numbers (issue 6 item 5), counted in one pass over exactly the rows the register
// shows for the active filters, so a chart never disagrees with the register. Voided findings never
// count (the summary statement's rule); completed means 已整改待验收 or 已验收; overdue is
// core/finding/overdue's. Units are returned by code: names and words belong to the UI.
import type { OrgLevel } from '../org/model';
import { FINDING_STATUSES, SEVERITIES, type FindingFields, type FindingStatus, type Severity } from './model';
import { isCompleted, isOverdue } from './overdue';

export type DashboardFinding = Pick<
  FindingFields,
  'orgUnitCode' | 'category' | 'severity' | 'status' | 'dueDate' | 'milestoneDate' | 'deletedAt' | 'repeatOf' | 'inspectionDate' | 'completedAt'
>;

export type DashboardUnit = { code: string; level: OrgLevel; parentCode: string | null };

export type Tally<K extends string = string> = { key: K; count: number };

/** Cumulative at the end of `month` (YYYY-MM): findings found so far, completed so far, and their ratio. */
export type MonthPoint = { month: string; found: number; completed: number; rate: number };

export type Dashboard = {
  /** Findings counted: the rows given, less voided ones. */
  findings: number;
  /** Voided rows given (shown by the register when asked for) and left out of every number. */
  voided: number;
  /** Largest first; ties in code-point order. A blank category has the key ''. */
  byCategory: Tally[];
  /** Every severity and every status in their own order, zeros kept, so colours stay put. */
  bySeverity: Tally<Severity>[];
  byStatus: Tally<FindingStatus>[];
  /** The `topUnits` units with most findings (ties by code), and the rest as one group. */
  byUnit: { top: Tally[]; rest: { units: number; count: number } | null };
  byMonth: MonthPoint[];
  /** Findings without an inspection date (added by hand): counted as found from the first month on. */
  undated: number;
  /** Per 分行 (see branchOf) with at least one finding: overdue and repeated (屡查屡犯) counts, largest first. */
  overdueByBranch: Tally[];
  repeatByBranch: Tally[];
};

export const TOP_UNITS = 10;
/** Ten years of months; earlier ones fold into the first point, which is exact for cumulative counts. */
export const MAX_MONTHS = 120;

/**
 * The 分行 a unit rolls up to: the nearest unit of level branch at or above it, else the highest known
 * unit at or above it (head office for its own findings; the unit itself when nothing above it is
 * recorded, as on a branch device whose superior is unknown, or when the unit is unknown).
 */
export function branchResolver(units: readonly DashboardUnit[]): (code: string) => string {
  const byCode = new Map(units.map((u) => [u.code, u]));
  const memo = new Map<string, string>();
  return (code) => {
    const known = memo.get(code);
    if (known !== undefined) return known;
    let top = code;
    const seen = new Set<string>();
    for (let u = byCode.get(code); u !== undefined && !seen.has(u.code); u = u.parentCode === null ? undefined : byCode.get(u.parentCode)) {
      seen.add(u.code);
      top = u.code;
      if (u.level === 'branch') break;
    }
    memo.set(code, top);
    return top;
  };
}

const bump = (map: Map<string, number>, key: string, by = 1): void => {
  map.set(key, (map.get(key) ?? 0) + by);
};

const byCountThenKey = (a: Tally, b: Tally): number => b.count - a.count || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

const tallies = (map: ReadonlyMap<string, number>): Tally[] => [...map].map(([key, count]) => ({ key, count })).sort(byCountThenKey);

/** The month after YYYY-MM. */
export function nextMonth(month: string): string {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${month.slice(0, 4)}-${String(m + 1).padStart(2, '0')}`;
}

export function monthSeries(found: ReadonlyMap<string, number>, completed: ReadonlyMap<string, number>, undated: number, undatedCompleted: number, today: string): MonthPoint[] {
  let last = today.slice(0, 7);
  let first = last;
  for (const m of [...found.keys(), ...completed.keys()]) {
    if (m < first) first = m;
    if (m > last) last = m;
  }
  const months: string[] = [];
  for (let m = first; m <= last; m = nextMonth(m)) months.push(m);
  const shown = months.slice(-MAX_MONTHS);
  let f = undated;
  let c = undatedCompleted;
  for (const m of months.slice(0, months.length - shown.length)) {
    f += found.get(m) ?? 0;
    c += completed.get(m) ?? 0;
  }
  return shown.map((month) => {
    f += found.get(month) ?? 0;
    c += completed.get(month) ?? 0;
    return { month, found: f, completed: c, rate: f === 0 ? 0 : c / f };
  });
}

export function dashboardOf(rows: readonly DashboardFinding[], units: readonly DashboardUnit[], today: string, topUnits = TOP_UNITS): Dashboard {
  const categories = new Map<string, number>();
  const severities = new Map<string, number>(SEVERITIES.map((s) => [s, 0]));
  const statuses = new Map<string, number>(FINDING_STATUSES.map((s) => [s, 0]));
  // Per unit first, rolled up to branches once at the end: one map lookup per row instead of three.
  const perUnit = new Map<string, { count: number; overdue: number; repeated: number }>();
  const foundIn = new Map<string, number>();
  const completedIn = new Map<string, number>();
  let findings = 0;
  let voided = 0;
  let undated = 0;
  let undatedCompleted = 0;
  for (const r of rows) {
    if (r.deletedAt !== null) {
      voided += 1;
      continue;
    }
    findings += 1;
    bump(categories, r.category.trim());
    bump(severities, r.severity);
    bump(statuses, r.status);
    let unit = perUnit.get(r.orgUnitCode);
    if (unit === undefined) {
      unit = { count: 0, overdue: 0, repeated: 0 };
      perUnit.set(r.orgUnitCode, unit);
    }
    unit.count += 1;
    if (isOverdue(r, today)) unit.overdue += 1;
    if (r.repeatOf !== null) unit.repeated += 1;
    const foundMonth = r.inspectionDate === null ? null : r.inspectionDate.slice(0, 7);
    if (foundMonth === null) undated += 1;
    else bump(foundIn, foundMonth);
    if (isCompleted(r)) {
      // A finding cannot be completed before it is found: a completion dated earlier counts when found.
      const doneMonth = r.completedAt === null ? foundMonth : foundMonth === null || r.completedAt.slice(0, 7) > foundMonth ? r.completedAt.slice(0, 7) : foundMonth;
      if (doneMonth === null) undatedCompleted += 1;
      else bump(completedIn, doneMonth);
    }
  }
  const branchOf = branchResolver(units);
  const overdue = new Map<string, number>();
  const repeated = new Map<string, number>();
  const unitCounts = new Map<string, number>();
  for (const [code, unit] of perUnit) {
    const branch = branchOf(code);
    bump(overdue, branch, unit.overdue);
    bump(repeated, branch, unit.repeated);
    unitCounts.set(code, unit.count);
  }
  const unitTallies = tallies(unitCounts);
  const rest = unitTallies.slice(topUnits);
  return {
    findings,
    voided,
    byCategory: tallies(categories),
    bySeverity: SEVERITIES.map((key) => ({ key, count: severities.get(key) ?? 0 })),
    byStatus: FINDING_STATUSES.map((key) => ({ key, count: statuses.get(key) ?? 0 })),
    byUnit: { top: unitTallies.slice(0, topUnits), rest: rest.length === 0 ? null : { units: rest.length, count: rest.reduce((n, t) => n + t.count, 0) } },
    byMonth: monthSeries(foundIn, completedIn, undated, undatedCompleted, today),
    undated,
    overdueByBranch: tallies(overdue),
    repeatByBranch: tallies(repeated),
  };
}
