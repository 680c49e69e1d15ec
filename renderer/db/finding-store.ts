// The register's view of all findings. Reading 100,000 findings out of IndexedDB takes seconds, so the
// store loads them once per app session, a page at a time (the register is usable from the first page
// on), and afterwards reads only rows whose localSeq moved past the last one seen: every finding write
// stamps a rising localSeq (repos/findings.ts), so a change costs the changed rows, not the table.
import { useSyncExternalStore } from 'react';
import { liveQuery, type Subscription } from 'dexie';
import type { XbDb } from './db';
import type { FindingRow } from './types';

const PAGE = 5000;

export type FindingSnapshot = { rows: FindingRow[]; loading: boolean };

class FindingStore {
  private readonly byId = new Map<string, FindingRow>();
  private cursor = 0;
  private snapshot: FindingSnapshot = { rows: [], loading: true };
  private readonly listeners = new Set<() => void>();
  private started = false;
  private subscription: Subscription | null = null;

  constructor(private readonly db: XbDb) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    if (!this.started) {
      this.started = true;
      void this.load();
    }
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FindingSnapshot => this.snapshot;

  private take(rows: FindingRow[], loading: boolean): void {
    for (const row of rows) {
      this.byId.set(row.id, row);
      if (row.localSeq > this.cursor) this.cursor = row.localSeq;
    }
    if (rows.length === 0 && loading === this.snapshot.loading) return;
    this.snapshot = { rows: [...this.byId.values()], loading };
    for (const l of this.listeners) l();
  }

  private async load(): Promise<void> {
    try {
      for (;;) {
        const page = await this.db.findings.where('localSeq').above(this.cursor).limit(PAGE).toArray();
        const done = page.length < PAGE;
        this.take(page, !done);
        if (done) break;
      }
    } catch (e) {
      console.error('loading findings failed', e);
      this.take([], false);
    }
    this.subscription = liveQuery(() => this.db.findings.where('localSeq').above(this.cursor).toArray()).subscribe({
      next: (changed) => this.take(changed, false),
      error: (e: unknown) => console.error('findings query failed', e),
    });
    this.db.on('close', () => this.subscription?.unsubscribe());
  }
}

const stores = new WeakMap<XbDb, FindingStore>();

function storeOf(db: XbDb): FindingStore {
  let store = stores.get(db);
  if (!store) {
    store = new FindingStore(db);
    stores.set(db, store);
  }
  return store;
}

/** All findings, tombstones included; `loading` is true while the first load is still reading pages. */
export function useFindingSnapshot(db: XbDb): FindingSnapshot {
  const store = storeOf(db);
  return useSyncExternalStore(store.subscribe, store.getSnapshot);
}
