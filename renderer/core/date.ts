// Calendar dates as 'YYYY-MM-DD' strings: due dates, completion dates and milestones are days, not
// instants, so they are compared as days and never shifted by a time zone.
import { isCalendarDate } from './checklist/validate';

export { isCalendarDate };

const DAY_MS = 86_400_000;

function toUtcMs(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}

/** Days from `from` to `to` (negative when `to` is earlier). Both must be calendar dates. */
export function daysBetween(from: string, to: string): number {
  return Math.round((toUtcMs(to) - toUtcMs(from)) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return new Date(toUtcMs(date) + days * DAY_MS).toISOString().slice(0, 10);
}

const TYPED_DATE = /^(\d{4})\s*(?:[-/.]|年)\s*(\d{1,2})\s*(?:[-/.]|月)\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;

/**
 * A day as people type it in a spreadsheet: 2026-03-05, 2026/3/5, 2026.3.5 or 2026年3月5日; a time of day
 * after it (a cell holding a date and time) is dropped. Null when it is not a day that exists.
 */
export function parseTypedDate(text: string): string | null {
  const m = TYPED_DATE.exec(text.trim());
  if (!m) return null;
  const day = `${m[1]}-${(m[2] ?? '').padStart(2, '0')}-${(m[3] ?? '').padStart(2, '0')}`;
  return isCalendarDate(day) ? day : null;
}
