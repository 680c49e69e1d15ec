// The stored checklists answer saves read, kept in memory per database instance. Every verdict click
// needs its inspection's checklist (is the item in it, what it requires) inside its own strict
// transaction; reading and cloning the whole checklist from IndexedDB each time was a round trip and a
// structured clone per save. A stored checklist does not change under an inspection that pins it (by
// id, version and sha256: repos/checklists.ts keeps a pinned version and refuses a changed text), so
// the copy read once serves every later save, as long as:
// - it is this database instance's copy (kept per Dexie instance: two databases never share one);
// - no transaction has written to that database's checklists table since it was read: Dexie reports
//   every committed change (an import, a removal, a restored backup's clear and re-adding), in this
//   window and, through its BroadcastChannel, in the app's other windows, as `storagemutated`;
// - its sha256 is the one the inspection pinned (so a copy is never used for another text).
// The copies handed out are frozen: a caller that tried to change one would throw, not corrupt the cache.
import { Dexie } from 'dexie';
import type { XbDb } from './db';
import type { StoredChecklist } from './types';

type Kept = { row: StoredChecklist; generation: number };

/** Per database name: how many committed transactions have changed its checklists table. */
const generations = new Map<string, number>();
const kept = new WeakMap<Dexie, Map<string, Kept>>();

const generationOf = (name: string): number => generations.get(name) ?? 0;

Dexie.on('storagemutated', (parts) => {
  for (const part of Object.keys(parts)) {
    // Parts are named idb://<database>/<table>/<index> (Dexie's observability middleware).
    const match = /^idb:\/\/(.*)\/checklists\/[^/]*$/.exec(part);
    if (match?.[1] !== undefined) generations.set(match[1], generationOf(match[1]) + 1);
  }
});

/**
 * The stored checklist `id` + `version`, as `db.checklists.get([id, version])` gives it, inside the
 * caller's transaction (which must include checklists). Served from memory when the copy there has the
 * `sha256` the caller's inspection pinned; otherwise read, and kept when it has that sha256.
 */
export async function pinnedChecklist(db: XbDb, id: string, version: string, sha256: string): Promise<StoredChecklist | undefined> {
  let entries = kept.get(db);
  if (!entries) kept.set(db, (entries = new Map()));
  const key = JSON.stringify([id, version]);
  const generation = generationOf(db.name);
  const hit = entries.get(key);
  if (hit && hit.generation === generation && hit.row.sha256 === sha256) return hit.row;
  const row = await db.checklists.get([id, version]);
  // A change committed while this read was under way leaves the copy out: the next save reads again.
  if (row && row.sha256 === sha256 && generationOf(db.name) === generation) entries.set(key, { row: deepFreeze(row), generation });
  else entries.delete(key);
  return row;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
