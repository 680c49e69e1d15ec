// Today's calendar date where the app runs, from the data layer's clock (pinned in tests).
import { clock } from './clock';

/** The calendar date of an instant where the app runs. */
export function localDayOf(d: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

export function todayLocal(): string {
  return localDayOf(clock().now());
}
