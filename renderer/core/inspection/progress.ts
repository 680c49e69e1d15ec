// Progress of an inspection and navigation between its items. Answers are passed as a Map keyed by item
// code, never a plain object: an item may legitimately be coded "constructor", and a plain-object
// lookup would find Object.prototype.constructor. Answers for codes not in the checklist are ignored.
import type { Checklist } from '../checklist/schema';
import { allItems, type FlatItem } from '../checklist/items';
import { isFailure, type Answer } from './answer';

export type AnswerLike = Pick<Answer, 'verdict'>;
export type AnswersByCode = ReadonlyMap<string, AnswerLike>;

export type Progress = {
  total: number;
  answered: number;
  compliant: number;
  partial: number;
  noncompliant: number;
  na: number;
  /** partial + noncompliant: the items that produce findings. */
  failed: number;
  /** Whole percent answered, rounded down, so 100 means every item has a verdict. */
  percent: number;
};

export type SectionProgress = Progress & { code: string; title: string };
export type InspectionProgress = { overall: Progress; sections: SectionProgress[] };

/** failedLast: items that failed in the previous inspection of the series (core/inspection/cycle.ts). */
export type ItemFilter = 'all' | 'unanswered' | 'failed' | 'failedLast';

export function indexAnswers<A extends { itemCode: string }>(answers: Iterable<A>): Map<string, A> {
  const map = new Map<string, A>();
  for (const a of answers) map.set(a.itemCode, a);
  return map;
}

export function computeProgress(checklist: Checklist, answersByCode: AnswersByCode): InspectionProgress {
  const overall = emptyProgress();
  const sections = checklist.sections.map((section) => {
    const progress = emptyProgress();
    for (const item of section.items) {
      const verdict = answersByCode.get(item.code)?.verdict ?? null;
      count(progress, verdict);
      count(overall, verdict);
    }
    return { ...finish(progress), code: section.code, title: section.title };
  });
  return { overall: finish(overall), sections };
}

function emptyProgress(): Progress {
  return { total: 0, answered: 0, compliant: 0, partial: 0, noncompliant: 0, na: 0, failed: 0, percent: 0 };
}

function count(p: Progress, verdict: AnswerLike['verdict']): void {
  p.total++;
  if (verdict === null) return;
  p.answered++;
  p[verdict]++;
  if (isFailure(verdict)) p.failed++;
}

function finish(p: Progress): Progress {
  return { ...p, percent: p.total === 0 ? 0 : Math.floor((p.answered * 100) / p.total) };
}

/** `previous` holds last time's answers by item code; without it 'failedLast' matches nothing. */
export function filterItems(checklist: Checklist, answersByCode: AnswersByCode, filter: ItemFilter, previous: AnswersByCode = new Map()): FlatItem[] {
  const entries = allItems(checklist);
  switch (filter) {
    case 'all':
      return entries;
    case 'unanswered':
      return entries.filter((e) => (answersByCode.get(e.item.code)?.verdict ?? null) === null);
    case 'failed':
      return entries.filter((e) => isFailure(answersByCode.get(e.item.code)?.verdict ?? null));
    case 'failedLast':
      return entries.filter((e) => isFailure(previous.get(e.item.code)?.verdict ?? null));
  }
}

export function unansweredItems(checklist: Checklist, answersByCode: AnswersByCode): FlatItem[] {
  return filterItems(checklist, answersByCode, 'unanswered');
}

/**
 * The code after `current`, or null at the end. When `current` is null or not in the list (the filter
 * just hid it), the first code: entering a list from outside lands at its start.
 */
export function nextItem(codesInOrder: readonly string[], current: string | null): string | null {
  const i = current === null ? -1 : codesInOrder.indexOf(current);
  if (i === -1) return codesInOrder[0] ?? null;
  return codesInOrder[i + 1] ?? null;
}

/** The code before `current`, or null at the start; the last code when `current` is null or not in the list. */
export function prevItem(codesInOrder: readonly string[], current: string | null): string | null {
  const i = current === null ? -1 : codesInOrder.indexOf(current);
  if (i === -1) return codesInOrder[codesInOrder.length - 1] ?? null;
  return i === 0 ? null : (codesInOrder[i - 1] ?? null);
}

/** The first unanswered item after `current` in checklist order, wrapping round; null when all are answered. */
export function nextUnanswered(checklist: Checklist, answersByCode: AnswersByCode, current: string | null): string | null {
  const codes = allItems(checklist).map((e) => e.item.code);
  const start = current === null ? -1 : codes.indexOf(current);
  for (let step = 1; step <= codes.length; step++) {
    const code = codes[(start + step + codes.length) % codes.length];
    if (code !== undefined && (answersByCode.get(code)?.verdict ?? null) === null) return code;
  }
  return null;
}
