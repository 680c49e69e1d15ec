// Today's calendar date where the app runs, from the data layer's clock (pinned in tests).
import { daysBetween } from '../core/date';
import { clock } from './clock';

/** The calendar date of an instant where the app runs. */
export function localDayOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function todayLocal(): string {
  return localDayOf(clock().now());
}

/**
 * Whole calendar days, where the app runs, from the day of a stored instant (ISO, UTC) to `today`;
 * never negative. Comparing the instant's UTC date instead would call an export made at 00:30 in
 * Beijing "1 day ago" for eight hours each night.
 */
export function localDaysSince(instant: string, today: string): number {
  return Math.max(0, daysBetween(localDayOf(new Date(instant)), today));
}
