// The 汇总表 (issue 6 item 9): for a set of findings (the rows the register shows), counts per unit with
// each unit's subtree rolled up, per category, per severity and per status, and the overdue ones. The
// numbers mean what summary.ts says they mean (voided never count; completed is 已整改待验收 or 已验收;
// overdue at the as-of day), so the workbook, the statement and the register always agree.
import { SEVERITIES, type Severity } from '../checklist/schema';
import { FINDING_STATUSES, type FindingStatus } from '../finding/model';
import { dueInfo } from '../finding/overdue';
import type { OrgLevel } from '../org/model';
import type { FindingRecord, OrgUnitRecord } from './records';
import { isCompleted } from '../finding/overdue';
import { byCountThenName, summarize, WHOLE_SCOPE, type Summary, type SummaryFinding } from './summary';

export type SummaryTableFinding = SummaryFinding &
  Pick<FindingRecord, 'id' | 'ledgerNo' | 'severity' | 'description' | 'responsibleDept' | 'responsiblePerson'>;

export type Counts = { findings: number; completed: number; open: number; overdue: number };

export type UnitLine = {
  code: string;
  /** '' for a unit the findings name but the org tree does not hold. */
  name: string;
  level: OrgLevel | null;
  /** 0 for a top unit; each level below adds one. */
  depth: number;
  /** The unit's own findings. */
  own: Counts;
  /** The unit's and every unit's below it. */
  subtree: Counts;
  hasChildren: boolean;
};

export type OverdueLine = {
  id: string;
  ledgerNo: string;
  orgUnitCode: string;
  description: string;
  severity: Severity;
  responsibleDept: string;
  responsiblePerson: string;
  status: FindingStatus;
  deadline: string;
  /** Days past the deadline at the as-of day (at least 1). */
  days: number;
};

/** Overdue findings by how long they have been overdue: at most `upTo` days (null: no upper end). */
export const OVERDUE_BUCKETS = [
  { from: 1, upTo: 30 },
  { from: 31, upTo: 90 },
  { from: 91, upTo: 180 },
  { from: 181, upTo: null },
] as const;

export type SummaryTables = {
  summary: Summary;
  /** Units with at least one finding in their subtree, in tree order (children by code); unknown units last. */
  units: UnitLine[];
  /** Largest first; ties in code-point order. '' is a finding without a category. */
  categories: { category: string; counts: Counts }[];
  /** Gravest first; every severity, zero or not. */
  severities: { severity: Severity; counts: Counts }[];
  /** In workflow order; every status, zero or not. */
  statuses: { status: FindingStatus; findings: number; overdue: number }[];
  overdueBuckets: number[];
  /** Longest overdue first, then by ledger number. */
  overdue: OverdueLine[];
  total: Counts;
};

const zero = (): Counts => ({ findings: 0, completed: 0, open: 0, overdue: 0 });

function count(into: Counts, completed: boolean, overdue: boolean): void {
  into.findings += 1;
  if (completed) into.completed += 1;
  else into.open += 1;
  if (overdue) into.overdue += 1;
}

const addCounts = (a: Counts, b: Counts): Counts => ({ findings: a.findings + b.findings, completed: a.completed + b.completed, open: a.open + b.open, overdue: a.overdue + b.overdue });

type UnitRef = Pick<OrgUnitRecord, 'code' | 'name' | 'parentCode' | 'level'>;

export function summaryTables(findings: readonly SummaryTableFinding[], units: readonly UnitRef[], asOf: string): SummaryTables {
  const live = findings.filter((f) => f.deletedAt === null);
  const byUnit = new Map<string, Counts>();
  const byCategory = new Map<string, Counts>();
  const bySeverity = new Map<Severity, Counts>(SEVERITIES.map((s) => [s, zero()]));
  const byStatus = new Map<FindingStatus, { findings: number; overdue: number }>(FINDING_STATUSES.map((s) => [s, { findings: 0, overdue: 0 }]));
  const total = zero();
  const buckets = OVERDUE_BUCKETS.map(() => 0);
  const overdue: OverdueLine[] = [];
  for (const f of live) {
    const completed = isCompleted(f);
    const due = dueInfo(f, asOf);
    const late = due.state === 'overdue';
    const tally = (map: Map<string, Counts>, key: string): void => {
      const c = map.get(key) ?? zero();
      count(c, completed, late);
      map.set(key, c);
    };
    count(total, completed, late);
    tally(byUnit, f.orgUnitCode);
    tally(byCategory, f.category.trim());
    tally(bySeverity as Map<string, Counts>, f.severity);
    const s = byStatus.get(f.status);
    if (s) {
      s.findings += 1;
      if (late) s.overdue += 1;
    }
    if (late && due.deadline !== null && due.days !== null) {
      const days = -due.days;
      const bucket = OVERDUE_BUCKETS.findIndex((b) => b.upTo === null || days <= b.upTo);
      buckets[bucket] = (buckets[bucket] ?? 0) + 1;
      overdue.push({ id: f.id, ledgerNo: f.ledgerNo, orgUnitCode: f.orgUnitCode, description: f.description, severity: f.severity, responsibleDept: f.responsibleDept, responsiblePerson: f.responsiblePerson, status: f.status, deadline: due.deadline, days });
    }
  }
  overdue.sort((a, b) => b.days - a.days || (a.ledgerNo < b.ledgerNo ? -1 : a.ledgerNo > b.ledgerNo ? 1 : 0));
  return {
    summary: summarize(live, WHOLE_SCOPE, units, asOf),
    units: unitLines(byUnit, units),
    categories: [...byCategory].sort(([a, x], [b, y]) => byCountThenName([a, x.findings], [b, y.findings])).map(([category, counts]) => ({ category, counts })),
    severities: [...SEVERITIES].reverse().map((severity) => ({ severity, counts: bySeverity.get(severity) ?? zero() })),
    statuses: FINDING_STATUSES.map((status) => ({ status, ...(byStatus.get(status) ?? { findings: 0, overdue: 0 }) })),
    overdueBuckets: buckets,
    overdue,
    total,
  };
}

/** The tree walked from its tops, each unit's subtree summed on the way back up. */
function unitLines(byUnit: ReadonlyMap<string, Counts>, units: readonly UnitRef[]): UnitLine[] {
  const known = new Map(units.map((u) => [u.code, u]));
  const children = new Map<string, UnitRef[]>();
  const tops: UnitRef[] = [];
  for (const u of units) {
    if (u.parentCode !== null && known.has(u.parentCode) && u.parentCode !== u.code) {
      const list = children.get(u.parentCode);
      if (list) list.push(u);
      else children.set(u.parentCode, [u]);
    } else tops.push(u);
  }
  const byCode = (a: UnitRef, b: UnitRef): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  const out: UnitLine[] = [];
  const visited = new Set<string>();
  // Returns the subtree's counts; lines of units with nothing in their subtree are dropped afterwards.
  const walk = (u: UnitRef, depth: number): Counts => {
    visited.add(u.code);
    const own = byUnit.get(u.code) ?? zero();
    const line: UnitLine = { code: u.code, name: u.name, level: u.level, depth, own, subtree: own, hasChildren: false };
    out.push(line);
    let subtree = own;
    for (const child of [...(children.get(u.code) ?? [])].sort(byCode)) {
      // A parent loop in the data would otherwise never end; each unit is counted once.
      if (visited.has(child.code)) continue;
      line.hasChildren = true;
      subtree = addCounts(subtree, walk(child, depth + 1));
    }
    line.subtree = subtree;
    return subtree;
  };
  for (const top of [...tops].sort(byCode)) walk(top, 0);
  // Units caught in a parent loop have no top to be reached from: list them as tops.
  for (const u of [...units].sort(byCode)) if (!visited.has(u.code)) walk(u, 0);
  const unknown = [...byUnit.keys()].filter((code) => !known.has(code)).sort();
  for (const code of unknown) {
    const own = byUnit.get(code) ?? zero();
    out.push({ code, name: '', level: null, depth: 0, own, subtree: own, hasChildren: false });
  }
  return out.filter((l) => l.subtree.findings > 0);
}
