// Today's calendar date where the app runs, from the data layer's clock (pinned in tests).
import { clock } from './clock';

export function todayLocal(): string {
  const d = clock().now();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}
