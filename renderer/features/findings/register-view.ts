// The register's filtered rows, shared by the register and the dashboard and remembered per snapshot of
// the rows (db/finding-store.ts publishes a new array on every change) and per filter content: going
// back to a filter, clearing the search or opening 统计看板 on the register's filter costs nothing, and
// a filter that only narrows a remembered one (a longer search word) filters that one's rows instead of
// all of them. The result is always filterFindings(rows, filter, today), in the rows' order.
import { filterFindings, registerSummary, type RegisterFilter, type RegisterRow } from '../../core/finding/register';

/** Filters remembered per rows array. */
const KEPT = 8;

type Entry<T> = { filter: RegisterFilter; rows: T[] };

const cache = new WeakMap<readonly RegisterRow[], Map<string, Entry<RegisterRow>>>();

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).filter((w) => w !== '');

/**
 * Every row `next` keeps, `wider` keeps too: the same filter except for the search text, whose every
 * word is part of some word of the next one (filterFindings looks for each word as a substring).
 */
export function narrows(wider: RegisterFilter, next: RegisterFilter): boolean {
  for (const key of Object.keys(next) as (keyof RegisterFilter)[]) {
    if (key === 'text') continue;
    const a = wider[key];
    const b = next[key];
    if (Array.isArray(a) && Array.isArray(b)) {
      if (a.length !== b.length || a.some((v, i) => v !== b[i])) return false;
    } else if (a !== b) return false;
  }
  const nextWords = words(next.text);
  return words(wider.text).every((w) => nextWords.some((n) => n.includes(w)));
}

export function filteredRows<T extends RegisterRow>(rows: readonly T[], filter: RegisterFilter, today: string): T[] {
  let entries = cache.get(rows) as Map<string, Entry<T>> | undefined;
  if (!entries) {
    entries = new Map();
    cache.set(rows, entries as Map<string, Entry<RegisterRow>>);
  }
  const key = `${today}\u0000${JSON.stringify(filter)}`;
  const hit = entries.get(key);
  if (hit) {
    // Most recently used last.
    entries.delete(key);
    entries.set(key, hit);
    return hit.rows;
  }
  let source: readonly T[] = rows;
  for (const [k, e] of entries) if (k.startsWith(`${today}\u0000`) && e.rows.length < source.length && narrows(e.filter, filter)) source = e.rows;
  const result = filterFindings(source, filter, today);
  entries.set(key, { filter, rows: result });
  if (entries.size > KEPT) entries.delete(entries.keys().next().value ?? key);
  return result;
}

const summaries = new WeakMap<readonly RegisterRow[], { today: string; summary: ReturnType<typeof registerSummary> }>();

/** registerSummary, remembered per filtered rows array (filteredRows hands out the same one again). */
export function summaryOf(rows: readonly RegisterRow[], today: string): ReturnType<typeof registerSummary> {
  const known = summaries.get(rows);
  if (known?.today === today) return known.summary;
  const summary = registerSummary(rows, today);
  summaries.set(rows, { today, summary });
  return summary;
}
