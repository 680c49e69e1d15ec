// Turning two states of a record into history changes. Values are compared by content (canonical
// JSON), so an object or list rebuilt with the same content is not a change.
import { canonicalJson } from '../canonical';
import type { HistoryChange, Json } from './types';

const same = (a: unknown, b: unknown): boolean => a === b || canonicalJson(a) === canonicalJson(b);

/** The listed fields that differ, in the order listed. */
export function changesBetween<T extends object>(before: T, after: T, fields: readonly (keyof T & string)[]): HistoryChange[] {
  const out: HistoryChange[] = [];
  for (const field of fields) {
    if (!same(before[field], after[field])) out.push({ field, from: before[field] as Json, to: after[field] as Json });
  }
  return out;
}

/** A creation records every listed field from null, so replaying history rebuilds the record exactly. */
export function creationChangesOf<T extends object>(record: T, fields: readonly (keyof T & string)[]): HistoryChange[] {
  return fields.map((field) => ({ field, from: null, to: record[field] as Json }));
}
