// The summary statement head office puts in its work summary (issue 6 item 6, ARCHITECTURE §7): the
// numbers for a scope of findings and the paragraph 「本次自查共发现问题N个，涉及M家网点机构……」. One
// definition for the app, the command line and the tests: voided findings never count; completed means
// 已整改待验收 or 已验收; overdue is core/finding/overdue's at the as-of day.
import { isCompleted, isOverdue } from '../finding/overdue';
import { unitsWithin } from '../org/model';
import type { FindingRecord, OrgUnitRecord } from './records';

export type SummaryScope = {
  /** Inspection dates, inclusive; a finding without an inspection date is outside any range. */
  from: string | null;
  to: string | null;
  /** Checklist ids; empty: all (and findings without a checklist). */
  checklists: readonly string[];
  /** Unit codes, each with every unit below it; empty: all. */
  units: readonly string[];
};

export const WHOLE_SCOPE: SummaryScope = { from: null, to: null, checklists: [], units: [] };

export type SummaryNumbers = {
  findings: number;
  orgUnitsWithFindings: number;
  completed: number;
  orgUnitsCompleted: number;
  open: number;
  overdue: number;
  /** completed / findings; 0 when there are none. */
  completionRate: number;
};

export type SummaryFinding = Pick<FindingRecord, 'orgUnitCode' | 'status' | 'deletedAt' | 'dueDate' | 'milestoneDate' | 'category' | 'inspectionDate' | 'checklistId'>;

/** How many categories the statement names (主要集中在A、B和C方面). */
export const TOP_CATEGORIES = 3;

export type Summary = SummaryNumbers & {
  /** The most frequent categories, largest first (ties in code-point order), at most TOP_CATEGORIES. */
  topCategories: { category: string; count: number }[];
  asOf: string;
};

export { unitsWithin };

export function inScope<F extends SummaryFinding>(findings: readonly F[], scope: SummaryScope, units: readonly Pick<OrgUnitRecord, 'code' | 'parentCode'>[]): F[] {
  const within = scope.units.length > 0 ? unitsWithin(scope.units, units) : null;
  const checklists = scope.checklists.length > 0 ? new Set(scope.checklists) : null;
  return findings.filter((f) => {
    if (f.deletedAt !== null) return false;
    if (within && !within.has(f.orgUnitCode)) return false;
    if (checklists && (f.checklistId === null || !checklists.has(f.checklistId))) return false;
    if (scope.from !== null || scope.to !== null) {
      if (f.inspectionDate === null) return false;
      if (scope.from !== null && f.inspectionDate < scope.from) return false;
      if (scope.to !== null && f.inspectionDate > scope.to) return false;
    }
    return true;
  });
}

/** Larger counts first; ties in code-point order of the name, so the same data always gives the same order. */
export const byCountThenName = ([a, x]: readonly [string, number], [b, y]: readonly [string, number]): number => y - x || (a < b ? -1 : a > b ? 1 : 0);

export function summarize(findings: readonly SummaryFinding[], scope: SummaryScope, units: readonly Pick<OrgUnitRecord, 'code' | 'parentCode'>[], asOf: string): Summary {
  const chosen = inScope(findings, scope, units);
  const withFindings = new Set<string>();
  const withCompleted = new Set<string>();
  const categories = new Map<string, number>();
  let completed = 0;
  let overdue = 0;
  for (const f of chosen) {
    withFindings.add(f.orgUnitCode);
    if (isCompleted(f)) {
      completed += 1;
      withCompleted.add(f.orgUnitCode);
    } else if (isOverdue(f, asOf)) overdue += 1;
    const category = f.category.trim();
    if (category !== '') categories.set(category, (categories.get(category) ?? 0) + 1);
  }
  const topCategories = [...categories]
    .sort(byCountThenName)
    .slice(0, TOP_CATEGORIES)
    .map(([category, count]) => ({ category, count }));
  return {
    findings: chosen.length,
    orgUnitsWithFindings: withFindings.size,
    completed,
    orgUnitsCompleted: withCompleted.size,
    open: chosen.length - completed,
    overdue,
    completionRate: chosen.length === 0 ? 0 : completed / chosen.length,
    topCategories,
    asOf,
  };
}

/**
 * The numbers for findings already chosen elsewhere (the register's filtered rows), so the statement
 * counts exactly what the register shows; voided ones are still left out.
 */
export const summarizeChosen = (findings: readonly SummaryFinding[], asOf: string): Summary => summarize(findings, WHOLE_SCOPE, [], asOf);

/** The rate as the statement prints it: one decimal, without a trailing .0 (66.7, 100, 0). */
export function formatRate(rate: number): string {
  const tenths = Math.round(rate * 1000);
  return tenths % 10 === 0 ? String(tenths / 10) : (tenths / 10).toFixed(1);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** 2026-06-30 → 2026年6月30日 / June 30, 2026. */
export function formatDay(day: string, lang: SummaryLang): string {
  const [y, m, d] = [Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10))];
  return lang === 'zh-CN' ? `${y}年${m}月${d}日` : `${MONTHS[m - 1] ?? ''} ${d}, ${y}`;
}

export type SummaryLang = 'zh-CN' | 'en-US';

// A category name may itself hold 、 or 和 (销售专区、双录与适当性): then every name is quoted, or the list would be ambiguous.
const AMBIGUOUS = /[、，,和与及]/;

function list(names: readonly string[], lang: SummaryLang): string {
  const items = lang === 'zh-CN' && names.some((n) => AMBIGUOUS.test(n)) ? names.map((n) => `“${n}”`) : names;
  if (items.length <= 1) return items.join('');
  const head = items.slice(0, -1).join(lang === 'zh-CN' ? '、' : ', ');
  return `${head}${lang === 'zh-CN' ? '和' : ' and '}${items[items.length - 1] ?? ''}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** The paragraph for the work summary. With no findings it says so instead of dividing by zero. */
export function summaryStatement(s: Summary, lang: SummaryLang): string {
  const day = formatDay(s.asOf, lang);
  const categories = s.topCategories.map((c) => c.category);
  if (lang === 'zh-CN') {
    if (s.findings === 0) return `本次自查未发现问题。截至${day}，无尚未完成整改的问题。`;
    const focus = categories.length > 0 ? `，主要集中在${list(categories, lang)}方面` : '';
    return (
      `本次自查共发现问题${s.findings}个，涉及${s.orgUnitsWithFindings}家网点机构${focus}。` +
      `截至${day}，已完成整改问题${s.completed}个，涉及网点${s.orgUnitsCompleted}家，整改完成率${formatRate(s.completionRate)}%；` +
      `尚未完成整改问题${s.open}个，其中逾期${s.overdue}个。`
    );
  }
  if (s.findings === 0) return `This self-inspection found no issues. As of ${day}, no issue awaits rectification.`;
  const focus = categories.length > 0 ? `, mainly in ${list(categories, lang)}` : '';
  return (
    `This self-inspection found ${plural(s.findings, 'issue', 'issues')} at ${plural(s.orgUnitsWithFindings, 'unit', 'units')}${focus}. ` +
    `As of ${day}, ${plural(s.completed, 'issue has', 'issues have')} been rectified, at ${plural(s.orgUnitsCompleted, 'unit', 'units')}, a completion rate of ${formatRate(s.completionRate)}%; ` +
    `${plural(s.open, 'issue remains', 'issues remain')} open, ${s.overdue} of them overdue.`
  );
}
