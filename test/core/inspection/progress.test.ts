import { describe, expect, it } from 'vitest';
import {
  computeProgress,
  filterItems,
  indexAnswers,
  nextItem,
  nextUnanswered,
  prevItem,
  unansweredItems,
  type AnswerLike,
} from '../../../renderer/core/inspection/progress';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import type { Checklist, Verdict } from '../../../renderer/core/checklist/schema';
import { fixtureText, readRepoText } from '../helpers';

function load(text: string): Checklist {
  const r = parseChecklistText(text);
  if (!r.ok) throw new Error('does not parse');
  return r.value;
}

const minimal = load(fixtureText('minimal.json'));

function answers(entries: Record<string, Verdict | null>): Map<string, AnswerLike> {
  return new Map(Object.entries(entries).map(([code, verdict]) => [code, { verdict }]));
}

describe('computeProgress', () => {
  it('counts nothing answered', () => {
    const p = computeProgress(minimal, new Map());
    expect(p.overall).toEqual({ total: 3, answered: 0, compliant: 0, partial: 0, noncompliant: 0, na: 0, failed: 0, percent: 0 });
    expect(p.sections.map((s) => [s.code, s.total])).toEqual([
      ['S1', 2],
      ['S2', 1],
    ]);
  });

  it('counts verdicts overall and per section, ignoring unknown codes and null verdicts', () => {
    const p = computeProgress(minimal, answers({ 'T-S1-01': 'compliant', 'T-S1-02': 'partial', 'T-S2-01': null, 'NOT-IN-LIST': 'noncompliant' }));
    expect(p.overall).toEqual({ total: 3, answered: 2, compliant: 1, partial: 1, noncompliant: 0, na: 0, failed: 1, percent: 66 });
    expect(p.sections[0]).toMatchObject({ answered: 2, percent: 100 });
    expect(p.sections[1]).toMatchObject({ answered: 0, percent: 0 });
  });

  it('reaches 100 only when every item is answered', () => {
    const c = load(readRepoText('checklists/branch-onsite.json'));
    const codes = c.sections.flatMap((s) => s.items.map((i) => i.code));
    const almost = new Map<string, AnswerLike>(codes.slice(1).map((code) => [code, { verdict: 'na' }]));
    expect(computeProgress(c, almost).overall.percent).toBe(96);
    almost.set(codes[0]!, { verdict: 'noncompliant' });
    expect(computeProgress(c, almost).overall).toMatchObject({ total: 33, answered: 33, na: 32, noncompliant: 1, failed: 1, percent: 100 });
  });
});

describe('filters and navigation', () => {
  const a = answers({ 'T-S1-01': 'noncompliant', 'T-S1-02': 'compliant' });

  it('filters all, unanswered and failed items', () => {
    expect(filterItems(minimal, a, 'all').map((e) => e.item.code)).toEqual(['T-S1-01', 'T-S1-02', 'T-S2-01']);
    expect(filterItems(minimal, a, 'unanswered').map((e) => e.item.code)).toEqual(['T-S2-01']);
    expect(filterItems(minimal, a, 'failed').map((e) => e.item.code)).toEqual(['T-S1-01']);
    expect(unansweredItems(minimal, new Map()).map((e) => e.item.code)).toEqual(['T-S1-01', 'T-S1-02', 'T-S2-01']);
  });

  it('filters the items that failed last time by the previous answers, whatever was answered now', () => {
    const now = answers({ 'T-S1-01': 'compliant' });
    const last = answers({ 'T-S1-01': 'noncompliant', 'T-S1-02': 'compliant', 'T-S2-01': 'partial', 'GONE-01': 'noncompliant' });
    expect(filterItems(minimal, now, 'failedLast', last).map((e) => e.item.code)).toEqual(['T-S1-01', 'T-S2-01']);
    expect(filterItems(minimal, now, 'failedLast')).toEqual([]);
  });

  it('indexAnswers keys answers by item code, the last one winning', () => {
    const m = indexAnswers([
      { itemCode: 'A', verdict: 'na' as const },
      { itemCode: 'A', verdict: 'compliant' as const },
    ]);
    expect(m.get('A')?.verdict).toBe('compliant');
  });

  it('next and previous walk the list and stop at the ends', () => {
    const codes = ['A', 'B', 'C'];
    expect(nextItem(codes, 'A')).toBe('B');
    expect(nextItem(codes, 'C')).toBeNull();
    expect(prevItem(codes, 'B')).toBe('A');
    expect(prevItem(codes, 'A')).toBeNull();
  });

  it('entering a list from outside lands at its start (next) or end (previous)', () => {
    expect(nextItem(['A', 'B'], 'Z')).toBe('A');
    expect(prevItem(['A', 'B'], 'Z')).toBe('B');
    expect(nextItem(['A', 'B'], null)).toBe('A');
    expect(nextItem([], 'A')).toBeNull();
    expect(prevItem([], null)).toBeNull();
  });

  it('nextUnanswered wraps round and returns null when all are answered', () => {
    expect(nextUnanswered(minimal, a, 'T-S2-01')).toBe('T-S2-01'); // the only unanswered one: the current item itself
    const one = answers({ 'T-S1-02': 'compliant' });
    expect(nextUnanswered(minimal, one, 'T-S2-01')).toBe('T-S1-01');
    expect(nextUnanswered(minimal, one, 'T-S1-01')).toBe('T-S2-01');
    expect(nextUnanswered(minimal, one, null)).toBe('T-S1-01');
    expect(nextUnanswered(minimal, answers({ 'T-S1-01': 'na', 'T-S1-02': 'na', 'T-S2-01': 'na' }), null)).toBeNull();
  });
});
