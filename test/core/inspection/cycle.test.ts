import { describe, expect, it } from 'vitest';
import { compareRounds, earlierRounds, excerpt, previousRound, repeatSearchOrder, seriesOf, type Round } from '../../../renderer/core/inspection/cycle';

const round = (id: string, date: string, extra: Partial<Round> = {}): Round => ({
  id,
  orgUnitCode: 'WD01',
  checklistId: 'branch-onsite',
  date,
  startedAt: `${date}T08:00:00.000Z`,
  deletedAt: null,
  ...extra,
});

const ids = (rounds: readonly Round[]) => rounds.map((r) => r.id);

describe('a series of inspections', () => {
  const a = round('a', '2025-03-01');
  const b = round('b', '2025-09-10');
  const bLater = round('b2', '2025-09-10', { startedAt: '2025-09-10T15:00:00.000Z' });
  const otherUnit = round('x', '2025-12-01', { orgUnitCode: 'WD02' });
  const otherList = round('y', '2025-12-01', { checklistId: 'complaints' });
  const voided = round('v', '2025-12-01', { deletedAt: '2025-12-02T00:00:00.000Z' });
  const all = [b, otherUnit, a, voided, bLater, otherList];

  it('is the live inspections of one unit and checklist id, newest first, same-day ones by start time', () => {
    expect(ids(seriesOf(all, 'WD01', 'branch-onsite'))).toEqual(['b2', 'b', 'a']);
    expect(compareRounds(b, bLater)).toBeLessThan(0);
    expect(compareRounds(round('p', '2025-01-01'), round('q', '2025-01-01'))).toBeLessThan(0);
    expect(compareRounds(a, a)).toBe(0);
  });

  it('gives each inspection the most recent earlier one as previous, none to the first', () => {
    const current = round('c', '2026-03-02');
    expect(previousRound(current, [...all, current])?.id).toBe('b2');
    expect(previousRound(bLater, all)?.id).toBe('b');
    expect(previousRound(a, all)).toBeNull();
    expect(ids(earlierRounds(bLater, all))).toEqual(['b', 'a']);
  });

  it('follows the link of a follow-up, unless it leads out of the series or to a voided inspection', () => {
    expect(previousRound(round('c', '2026-03-02', { previousInspectionId: 'a' }), all)?.id).toBe('a');
    // A follow-up dated before the one it was started from still shows that one.
    expect(previousRound(round('c', '2024-01-01', { previousInspectionId: 'b' }), all)?.id).toBe('b');
    expect(previousRound(round('c', '2026-03-02', { previousInspectionId: 'x' }), all)?.id).toBe('b2');
    expect(previousRound(round('c', '2026-03-02', { previousInspectionId: 'v' }), all)?.id).toBe('b2');
    expect(previousRound(round('c', '2026-03-02', { previousInspectionId: 'gone' }), all)?.id).toBe('b2');
    expect(previousRound(round('c', '2026-03-02', { previousInspectionId: 'c' }), all)?.id).toBe('b2');
  });

  it('looks for a repeat in the previous inspection first, then further back, newest first', () => {
    expect(ids(repeatSearchOrder(round('c', '2026-03-02'), all))).toEqual(['b2', 'b', 'a']);
    expect(ids(repeatSearchOrder(round('c', '2026-03-02', { previousInspectionId: 'a' }), all))).toEqual(['a', 'b2', 'b']);
    expect(repeatSearchOrder(a, all)).toEqual([]);
  });
});

describe('excerpt', () => {
  it('keeps a short note whole, folding runs of white space', () => {
    expect(excerpt('  价目表\n\n为旧版  ', 20)).toEqual({ text: '价目表 为旧版', clipped: false });
  });

  it('cuts a long note at a character boundary and says so', () => {
    expect(excerpt('价目表为旧版，未公示投诉电话', 6)).toEqual({ text: '价目表为旧版…', clipped: true });
    expect(excerpt('😀😀😀', 2)).toEqual({ text: '😀😀…', clipped: true });
  });
});
