// The org units, read by one live query per database for every component that shows them. Each
// component had its own (useLiveQuery): after a head-office import had added its thousands of outlets,
// every mounted one read them all again, and Dexie recorded each row's key per query through the
// `code` index (64 ms at 2,500 units, measured at national scale) and cloned each result for each
// component — in the task that took in the import's change notice. One query by the primary key
// (Dexie records its range, not each key), sorted here; and the app shell only follows its own unit's
// label, so a change elsewhere in the units does not render the whole app again.
import { liveQuery, type Subscription } from 'dexie';
import type { XbDb } from './db';
import { onePerDatabase } from './per-db';
import { useStoreInTransition, whole } from './store-in-transition';
import type { OrgUnit } from './types';

/** By code, in code-unit order (IndexedDB's order of the `code` index, which this replaces). */
const byCode = (a: OrgUnit, b: OrgUnit): number => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);

/** Every field of a unit is a string, a number or null: equal units have the same keys with identical values. */
function sameUnit(a: OrgUnit, b: OrgUnit): boolean {
  const keys = Object.keys(a) as (keyof OrgUnit)[];
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (a[k] !== b[k]) return false;
  return true;
}

/**
 * The same units in the same order. Compared field by field: JSON.stringify of both lists took about
 * 110 ms at 2,500 units in the task that took in an import's change notice (profiled at national scale).
 */
export function sameUnits(a: readonly OrgUnit[], b: readonly OrgUnit[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!sameUnit(a[i] as OrgUnit, b[i] as OrgUnit)) return false;
  return true;
}

class OrgUnitStore {
  private units: OrgUnit[] | undefined = undefined;
  private readonly listeners = new Set<() => void>();
  private subscription: Subscription | null = null;

  constructor(private readonly db: XbDb) {}

  /** The query runs while anything listens; the units last read stay, so a page opened again starts from them. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.subscription ??= liveQuery(() => this.db.orgUnits.toArray()).subscribe({
      next: (rows) => this.take(rows),
      error: (e: unknown) => console.error('reading the org units failed', e),
    });
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size > 0) return;
      this.subscription?.unsubscribe();
      this.subscription = null;
    };
  };

  getSnapshot = (): OrgUnit[] | undefined => this.units;

  /** The live units by code; the same array as before when nothing in them changed, so what was worked out from it holds. */
  private take(rows: OrgUnit[]): void {
    const units = rows.filter((u) => u.deletedAt === null).sort(byCode);
    if (this.units !== undefined && sameUnits(this.units, units)) return;
    this.units = units;
    for (const l of this.listeners) l();
  }
}

const storeOf = onePerDatabase((db) => new OrgUnitStore(db));

/** The live (not deleted) units by code; undefined until first read. */
export function useLiveOrgUnits(db: XbDb): OrgUnit[] | undefined {
  const store = storeOf(db);
  return useStoreInTransition(store.subscribe, store.getSnapshot, whole);
}

/** "name（code）" of the unit with this code, the code alone while unknown: changes only when that label does. */
export function useLiveUnitLabel(db: XbDb, code: string | undefined): string | undefined {
  const store = storeOf(db);
  return useStoreInTransition(store.subscribe, store.getSnapshot, (units) => {
    if (code === undefined) return undefined;
    const unit = units?.find((u) => u.code === code);
    return unit ? `${unit.name}（${unit.code}）` : code;
  });
}
