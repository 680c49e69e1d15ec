// The 整改台账 view over many findings: filtering, full-text search and sorting as pure functions, so
// the register can hold 100,000 findings and recompute only what a change needs (the UI memoises
// sort on the rows and filter on the sorted rows). Text values are ranked once per distinct value, so
// Chinese collation costs a few hundred comparisons, not millions.
import type { FindingFields, FindingStatus, Severity } from './model';
import { FINDING_STATUSES, SEVERITIES } from './model';
import { deadlineOf, dueInfo, isCompleted, type DueState } from './overdue';

export type RegisterRow = FindingFields & { id: string; updatedAt: string };

export type DueFilter = 'all' | 'overdue' | 'dueSoon' | 'open';
export type RepeatFilter = 'all' | 'repeat' | 'first';

export type RegisterFilter = {
  orgUnits: string[];
  categories: string[];
  severities: Severity[];
  statuses: FindingStatus[];
  due: DueFilter;
  /** Deadline range, inclusive; either end may be open. */
  dueFrom: string | null;
  dueTo: string | null;
  /**
   * Inspection dates, inclusive; either end may be open. A finding added by hand has no inspection
   * date and is outside any range (the rule of the summary statement's scope, core/ledger/summary.ts).
   */
  inspectedFrom: string | null;
  inspectedTo: string | null;
  checklists: string[];
  repeat: RepeatFilter;
  /** Words that must all appear in the description, measures or ledger number (case-insensitive). */
  text: string;
  /** Voided findings (tombstones) are hidden unless asked for. */
  includeVoided: boolean;
};

export const EMPTY_FILTER: RegisterFilter = {
  orgUnits: [],
  categories: [],
  severities: [],
  statuses: [],
  due: 'all',
  dueFrom: null,
  dueTo: null,
  inspectedFrom: null,
  inspectedTo: null,
  checklists: [],
  repeat: 'all',
  text: '',
  includeVoided: false,
};

export const SORT_KEYS = [
  'ledgerNo', 'orgUnitCode', 'category', 'severity', 'status', 'deadline', 'responsibleDept', 'responsiblePerson',
  'inspectionDate', 'completedAt', 'customerRemedy', 'updatedAt',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];
export type RegisterSort = { key: SortKey; order: 'asc' | 'desc' };

const haystacks = new WeakMap<object, string>();

/**
 * Builds the search text of rows ahead of the first search (the store does it while loading, a chunk
 * at a time), so typing the first word does not pay for lower-casing 100,000 descriptions.
 */
export function prepareSearch(rows: readonly RegisterRow[], from = 0, to = rows.length): void {
  for (let i = from; i < to; i++) {
    const r = rows[i];
    if (r !== undefined) haystack(r);
  }
}

/**
 * dueInfo's state without date arithmetic per row: findings share a few hundred deadlines, so each
 * distinct deadline is worked out once per call (the same dueInfo, so the same answer).
 */
function dueStates(today: string): (r: RegisterRow) => DueState {
  const byDeadline = new Map<string, DueState>();
  return (r) => {
    if (r.deletedAt !== null || isCompleted(r)) return 'closed';
    const deadline = deadlineOf(r);
    if (deadline === null) return 'none';
    let state = byDeadline.get(deadline);
    if (state === undefined) {
      state = dueInfo({ status: 'open', dueDate: deadline, milestoneDate: null, deletedAt: null }, today).state;
      byDeadline.set(deadline, state);
    }
    return state;
  };
}

function haystack(row: RegisterRow): string {
  let text = haystacks.get(row);
  if (text === undefined) {
    text = `${row.ledgerNo}\n${row.description}\n${row.measures}`.toLowerCase();
    haystacks.set(row, text);
  }
  return text;
}

export function filterFindings<T extends RegisterRow>(rows: readonly T[], filter: RegisterFilter, today: string): T[] {
  const set = <V>(values: readonly V[]): Set<V> | null => (values.length > 0 ? new Set(values) : null);
  const units = set(filter.orgUnits);
  const categories = set(filter.categories);
  const severities = set(filter.severities);
  const statuses = set(filter.statuses);
  const checklists = set(filter.checklists);
  const words = filter.text.toLowerCase().split(/\s+/).filter((w) => w !== '');
  const dueRange = filter.dueFrom !== null || filter.dueTo !== null;
  const dueState = dueStates(today);
  return rows.filter((r) => {
    if (!filter.includeVoided && r.deletedAt !== null) return false;
    if (units && !units.has(r.orgUnitCode)) return false;
    if (categories && !categories.has(r.category)) return false;
    if (severities && !severities.has(r.severity)) return false;
    if (statuses && !statuses.has(r.status)) return false;
    if (checklists && (r.checklistId === null || !checklists.has(r.checklistId))) return false;
    if (filter.repeat === 'repeat' && r.repeatOf === null) return false;
    if (filter.repeat === 'first' && r.repeatOf !== null) return false;
    if (filter.due !== 'all') {
      const state = dueState(r);
      if (filter.due === 'overdue' && state !== 'overdue') return false;
      if (filter.due === 'dueSoon' && state !== 'dueSoon') return false;
      if (filter.due === 'open' && state === 'closed') return false;
    }
    if (dueRange) {
      const deadline = deadlineOf(r);
      if (deadline === null) return false;
      if (filter.dueFrom !== null && deadline < filter.dueFrom) return false;
      if (filter.dueTo !== null && deadline > filter.dueTo) return false;
    }
    if (filter.inspectedFrom !== null || filter.inspectedTo !== null) {
      if (r.inspectionDate === null) return false;
      if (filter.inspectedFrom !== null && r.inspectionDate < filter.inspectedFrom) return false;
      if (filter.inspectedTo !== null && r.inspectionDate > filter.inspectedTo) return false;
    }
    if (words.length > 0) {
      const text = haystack(r);
      if (!words.every((w) => text.includes(w))) return false;
    }
    return true;
  });
}

const SEVERITY_RANK = new Map<string, number>(SEVERITIES.map((s, i) => [s, i]));
const STATUS_RANK = new Map<string, number>(FINDING_STATUSES.map((s, i) => [s, i]));

/** Rank of each distinct text value in Chinese collation order. */
function textRanks(values: Iterable<string>): Map<string, number> {
  const distinct = [...new Set(values)].sort((a, b) => a.localeCompare(b, 'zh-CN'));
  return new Map(distinct.map((v, i) => [v, i]));
}

type Key = number | string | null;

function keyFunction(rows: readonly RegisterRow[], key: SortKey): (r: RegisterRow) => Key {
  switch (key) {
    case 'severity':
      return (r) => SEVERITY_RANK.get(r.severity) ?? -1;
    case 'status':
      return (r) => STATUS_RANK.get(r.status) ?? -1;
    case 'deadline':
      return (r) => deadlineOf(r);
    case 'customerRemedy':
      return (r) => r.customerRemedy;
    case 'category':
    case 'responsibleDept':
    case 'responsiblePerson': {
      const ranks = textRanks(rows.map((r) => r[key]));
      return (r) => ranks.get(r[key]) ?? -1;
    }
    case 'ledgerNo':
    case 'orgUnitCode':
    case 'inspectionDate':
    case 'completedAt':
    case 'updatedAt':
      return (r) => r[key];
  }
}

/**
 * A sorted copy. Empty values (no deadline, no amount) go last in both directions; ties keep ledger
 * number order, so the result never depends on the order rows arrived in.
 */
export function sortFindings<T extends RegisterRow>(rows: readonly T[], sort: RegisterSort | null): T[] {
  const s = sort ?? { key: 'ledgerNo', order: 'asc' };
  // Rows kept in ledger-number order (db/finding-store.ts) need no sorting for it.
  if (s.key === 'ledgerNo' && inLedgerNoOrder(rows)) return s.order === 'asc' ? rows.slice() : rows.slice().reverse();
  const key = keyFunction(rows, s.key);
  const dir = s.order === 'asc' ? 1 : -1;
  const keyed = rows.map((row) => ({ row, k: key(row) }));
  keyed.sort((a, b) => {
    if (a.k !== b.k) {
      if (a.k === null || a.k === '') return 1;
      if (b.k === null || b.k === '') return -1;
      return (a.k < b.k ? -1 : 1) * dir;
    }
    return a.row.ledgerNo < b.row.ledgerNo ? -1 : a.row.ledgerNo > b.row.ledgerNo ? 1 : 0;
  });
  return keyed.map((k) => k.row);
}

/** Strictly rising ledger numbers (so descending is the exact reverse: no ties to keep in order). */
export function inLedgerNoOrder(rows: readonly RegisterRow[]): boolean {
  let previous: string | null = null;
  for (const r of rows) {
    if (previous !== null && !(previous < r.ledgerNo)) return false;
    previous = r.ledgerNo;
  }
  return true;
}

export type RegisterFacets = { categories: string[]; checklists: string[] };

/** The filter choices from the distinct non-empty categories and the checklist ids: categories in Chinese collation order. */
export function facetLists(categories: Iterable<string>, checklists: Iterable<string>): RegisterFacets {
  return { categories: [...textRanks(categories).keys()], checklists: [...new Set(checklists)].sort() };
}

/** The distinct categories and checklists present, for the filter choices. */
export function registerFacets(rows: readonly RegisterRow[]): RegisterFacets {
  const categories = new Set<string>();
  const checklists = new Set<string>();
  for (const r of rows) {
    if (r.category !== '') categories.add(r.category);
    if (r.checklistId !== null) checklists.add(r.checklistId);
  }
  return facetLists(categories, checklists);
}

/** Counts for the register's header: what an auditor asks first. */
export function registerSummary(rows: readonly RegisterRow[], today: string): Record<'total' | 'overdue' | 'dueSoon' | 'closed', number> {
  const out = { total: 0, overdue: 0, dueSoon: 0, closed: 0 };
  const dueState = dueStates(today);
  for (const r of rows) {
    out.total++;
    const state = dueState(r);
    if (state === 'overdue') out.overdue++;
    else if (state === 'dueSoon') out.dueSoon++;
    else if (state === 'closed') out.closed++;
  }
  return out;
}
