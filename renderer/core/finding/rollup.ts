// Findings counted per organisation unit and rolled up the tree, for 机构总览: each node carries the
// counts of its whole subtree. The words mean what the summary statement means (core/ledger/summary):
// voided findings never count, completed is 已整改待验收 or 已验收, open is every other live finding,
// overdue is core/finding/overdue's at `today`. One pass over the findings, one over the units.
import type { FindingFields } from './model';
import { isCompleted, isOverdue } from './overdue';
import { orgForest, placedSubtree, type TreeUnit } from '../org/tree';
import { EMPTY_FILTER, type RegisterFilter } from './register';

export type UnitCounts = { findings: number; open: number; overdue: number; completed: number };

export type RollupFinding = Pick<FindingFields, 'orgUnitCode' | 'status' | 'deletedAt' | 'dueDate' | 'milestoneDate'>;

/**
 * unit: a recorded unit; unknown: a code findings name but no unit record has (shown under 未归属 so
 * that every finding is counted somewhere); group: the 未归属 group itself.
 */
export type OrgNode<U extends TreeUnit> = {
  key: string;
  kind: 'unit' | 'unknown' | 'group';
  code: string;
  unit: U | null;
  /** This unit's own findings. */
  own: UnitCounts;
  /** Its own and every unit's below it. */
  total: UnitCounts;
  children: OrgNode<U>[];
};

/** The key of the 未归属 group: `#` never occurs in a unit code. */
export const UNASSIGNED_KEY = '#unassigned';

export type OrgRollup<U extends TreeUnit> = {
  /** Units without a parent, then (when there is any) the 未归属 group. */
  nodes: OrgNode<U>[];
  total: UnitCounts;
};

const zero = (): UnitCounts => ({ findings: 0, open: 0, overdue: 0, completed: 0 });

function add(into: UnitCounts, from: UnitCounts): void {
  into.findings += from.findings;
  into.open += from.open;
  into.overdue += from.overdue;
  into.completed += from.completed;
}

function tally(into: UnitCounts, f: RollupFinding, today: string): void {
  into.findings += 1;
  if (isCompleted(f)) into.completed += 1;
  else {
    into.open += 1;
    if (isOverdue(f, today)) into.overdue += 1;
  }
}

/** completed / findings, or null when there are no findings (the tree shows a dash, not 0%). */
export const completionRate = (c: UnitCounts): number | null => (c.findings === 0 ? null : c.completed / c.findings);

export function orgRollup<U extends TreeUnit>(units: readonly U[], findings: readonly RollupFinding[], today: string): OrgRollup<U> {
  const own = new Map<string, UnitCounts>();
  for (const f of findings) {
    if (f.deletedAt !== null) continue;
    let counts = own.get(f.orgUnitCode);
    if (!counts) own.set(f.orgUnitCode, (counts = zero()));
    tally(counts, f, today);
  }
  const forest = orgForest(units);
  const nodes = new Map<string, OrgNode<U>>();
  const node = (kind: OrgNode<U>['kind'], code: string, unit: U | null): OrgNode<U> => {
    const counts = own.get(code) ?? zero();
    return { key: code, kind, code, unit, own: counts, total: { ...counts }, children: [] };
  };
  for (const u of forest.order) nodes.set(u.code, node('unit', u.code, u));
  for (const u of forest.order) {
    const parent = forest.placedParent.get(u.code);
    const child = nodes.get(u.code);
    if (parent && child) nodes.get(parent)?.children.push(child);
  }
  // Children come after their parent in `order`: walking it backwards adds each subtree in before its parent is added on.
  for (let i = forest.order.length - 1; i >= 0; i--) {
    const code = forest.order[i]?.code ?? '';
    const parent = forest.placedParent.get(code);
    const child = nodes.get(code);
    if (parent && child) {
      const into = nodes.get(parent);
      if (into) add(into.total, child.total);
    }
  }
  const pick = (list: readonly U[]): OrgNode<U>[] => list.flatMap((u) => nodes.get(u.code) ?? []);
  const unknown = [...own.keys()].filter((code) => !nodes.has(code)).sort().map((code) => node('unknown', code, null));
  const top = pick(forest.roots);
  const unassigned = [...pick(forest.unassigned), ...unknown];
  if (unassigned.length > 0) {
    const group: OrgNode<U> = { key: UNASSIGNED_KEY, kind: 'group', code: '', unit: null, own: zero(), total: zero(), children: unassigned };
    for (const n of unassigned) add(group.total, n.total);
    top.push(group);
  }
  const total = zero();
  for (const n of top) add(total, n.total);
  return { nodes: top, total };
}

export type TreeSearch<U extends TreeUnit> = { nodes: OrgNode<U>[]; expanded: string[] };

/**
 * The branches of the tree that lead to a unit whose name or code contains `query` (case-insensitive),
 * with the keys to expand so every match shows. A match keeps its whole subtree (opened where a match lies
 * below it); counts are not changed.
 */
export function searchOrgTree<U extends TreeUnit & { name: string }>(nodes: readonly OrgNode<U>[], query: string): TreeSearch<U> {
  const q = query.trim().toLowerCase();
  if (q === '') return { nodes: [...nodes], expanded: [] };
  const expanded: string[] = [];
  const matches = (n: OrgNode<U>): boolean =>
    n.kind !== 'group' && (n.code.toLowerCase().includes(q) || (n.unit?.name.toLowerCase().includes(q) ?? false));
  const visit = (list: readonly OrgNode<U>[]): OrgNode<U>[] =>
    list.flatMap((n) => {
      const kept = visit(n.children);
      if (kept.length > 0) expanded.push(n.key);
      if (matches(n)) return [n];
      return kept.length > 0 ? [{ ...n, children: kept }] : [];
    });
  return { nodes: visit(nodes), expanded };
}

/** The register filter that shows exactly the findings a tree node counts: the unit and all placed below it. */
export function registerFilterForUnit(code: string, units: readonly TreeUnit[]): RegisterFilter {
  return { ...EMPTY_FILTER, orgUnits: placedSubtree(orgForest(units), code) };
}
