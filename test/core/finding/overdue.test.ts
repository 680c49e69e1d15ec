import { describe, expect, it } from 'vitest';
import { dueInfo, isOverdue, DUE_SOON_DAYS } from '../../../renderer/core/finding/overdue';
import { addDays, daysBetween } from '../../../renderer/core/date';
import type { FindingStatus } from '../../../renderer/core/finding/model';

const f = (status: FindingStatus, dueDate: string | null, milestoneDate: string | null = null, deletedAt: string | null = null) => ({ status, dueDate, milestoneDate, deletedAt });
const today = '2026-03-20';

describe('due dates', () => {
  it.each([
    ['open', '2026-03-19', 'overdue', -1],
    ['in_progress', '2026-02-28', 'overdue', -20],
    ['open', '2026-03-20', 'dueSoon', 0],
    ['in_progress', '2026-03-27', 'dueSoon', 7],
    ['in_progress', '2026-03-28', 'ok', 8],
    ['open', null, 'none', null],
  ] as const)('%s due %s is %s', (status, due, state, days) => {
    expect(dueInfo(f(status, due), today)).toEqual({ state, deadline: due, days });
  });

  it('rectified, verified and voided findings are never overdue', () => {
    expect(dueInfo(f('rectified', '2026-01-01'), today).state).toBe('closed');
    expect(dueInfo(f('verified', '2026-01-01'), today).state).toBe('closed');
    expect(isOverdue(f('open', '2026-01-01', null, '2026-02-01T00:00:00Z'), today)).toBe(false);
  });

  it('a long-term finding is measured against its milestone', () => {
    expect(dueInfo(f('long_term', '2026-01-01', '2026-06-30'), today)).toMatchObject({ state: 'ok', deadline: '2026-06-30' });
    expect(dueInfo(f('long_term', '2026-01-01', '2026-03-01'), today).state).toBe('overdue');
    expect(dueInfo(f('long_term', '2026-01-01', null), today).state).toBe('overdue');
  });

  it('isOverdue agrees with dueInfo for every status, around the deadline, and for long-term milestones', () => {
    const statuses: FindingStatus[] = ['open', 'in_progress', 'rectified', 'verified', 'long_term'];
    for (const status of statuses) {
      for (const due of [null, '2025-12-31', '2026-03-19', '2026-03-20', '2026-03-21', '2027-01-01']) {
        for (const milestone of [null, '2026-03-19', '2026-04-01']) {
          for (const deleted of [null, '2026-02-01T00:00:00Z']) {
            const x = f(status, due, milestone, deleted);
            expect(isOverdue(x, today), JSON.stringify(x)).toBe(dueInfo(x, today).state === 'overdue');
          }
        }
      }
    }
  });

  it('counts days across months, leap days and years', () => {
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2027-01-01')).toBe(1);
    expect(addDays('2026-03-20', DUE_SOON_DAYS)).toBe('2026-03-27');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  });
});
