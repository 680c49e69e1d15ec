// Deadlines are derived, never stored: a finding is overdue when its deadline has passed and it is not
// yet rectified or verified, and due soon when the deadline is within DUE_SOON_DAYS. For a long-term
// finding the deadline is its next milestone (its original due date was consciously replaced).
import { daysBetween } from '../date';
import type { FindingFields } from './model';

export const DUE_SOON_DAYS = 7;

export type DueState = 'closed' | 'none' | 'overdue' | 'dueSoon' | 'ok';

export type DueInfo = { state: DueState; deadline: string | null; /** days until the deadline; negative when overdue */ days: number | null };

type DueFields = Pick<FindingFields, 'status' | 'dueDate' | 'milestoneDate' | 'deletedAt'>;

export function deadlineOf(f: DueFields): string | null {
  return f.status === 'long_term' ? (f.milestoneDate ?? f.dueDate) : f.dueDate;
}

/** 已整改待验收 or 已验收: the finding counts as completed (完成整改) in every count and rate. */
export const isCompleted = (f: Pick<FindingFields, 'status'>): boolean => f.status === 'rectified' || f.status === 'verified';

export function dueInfo(f: DueFields, today: string): DueInfo {
  const deadline = deadlineOf(f);
  if (f.deletedAt !== null || isCompleted(f)) return { state: 'closed', deadline, days: null };
  if (deadline === null) return { state: 'none', deadline, days: null };
  const days = daysBetween(today, deadline);
  return { state: days < 0 ? 'overdue' : days <= DUE_SOON_DAYS ? 'dueSoon' : 'ok', deadline, days };
}

/** dueInfo's 'overdue' without the day arithmetic (calendar dates order as strings): the dashboard asks it of 100,000 rows. */
export function isOverdue(f: DueFields, today: string): boolean {
  if (f.deletedAt !== null || isCompleted(f)) return false;
  const deadline = deadlineOf(f);
  return deadline !== null && deadline < today;
}
