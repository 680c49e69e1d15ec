// The import worker's connection announces its commits as whole tables changed (db/whole-table-notice):
// a few small writes no longer make a notice listing every key and index value, and live queries on
// another connection still see every change.
import { afterEach, describe, expect, it } from 'vitest';
import { Dexie, liveQuery, RangeSet, type ObservabilitySet } from 'dexie';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createDb, type XbDb } from '../../renderer/db/db';
import { wholeTableNotice } from '../../renderer/db/whole-table-notice';
import type { OrgUnit } from '../../renderer/db/types';

const unit = (n: number): OrgUnit => ({
  id: `u${n}`,
  code: `10${n}000`,
  name: `第${n}支行`,
  level: 'subbranch',
  parentCode: '100000',
  rev: 1,
  updatedAt: `2026-03-0${n}T08:00:00.000Z`,
  updatedBy: '王五',
  deviceId: 'dev-1',
  deletedAt: null,
});

let n = 0;
const opened: XbDb[] = [];
afterEach(() => {
  for (const db of opened.splice(0)) db.close();
});

/** Two connections to one new database: a plain one and, if asked, one with the middleware. */
async function pair(whole: boolean): Promise<{ writer: XbDb; reader: XbDb }> {
  const factory = new IDBFactory();
  const name = `notice-${++n}`;
  const writer = createDb({ name, indexedDB: factory, IDBKeyRange });
  if (whole) writer.use(wholeTableNotice);
  const reader = createDb({ name, indexedDB: factory, IDBKeyRange });
  await writer.open();
  await reader.open();
  opened.push(writer, reader);
  return { writer, reader };
}

/** The notices Dexie gives out while `work` runs and its commit settles. */
async function noticesOf(work: () => Promise<unknown>): Promise<ObservabilitySet[]> {
  const seen: ObservabilitySet[] = [];
  const listener = (parts: ObservabilitySet): void => void seen.push(parts);
  Dexie.on('storagemutated', listener);
  try {
    await work();
    await new Promise((resolve) => setTimeout(resolve, 20));
  } finally {
    Dexie.on('storagemutated').unsubscribe(listener);
  }
  return seen;
}

/** How many ranges an interval tree holds. */
const rangesIn = (tree: unknown): number => {
  if (typeof tree !== 'object' || tree === null || !('from' in tree)) return 0;
  const { l, r } = tree as { l?: unknown; r?: unknown };
  return 1 + rangesIn(l) + rangesIn(r);
};

const ofTable = (parts: ObservabilitySet, db: XbDb, table: string): [string, unknown][] => Object.entries(parts).filter(([k]) => k.startsWith(`idb://${db.name}/${table}/`));

describe('wholeTableNotice', () => {
  it('announces small writes as whole tables: one range per part, every index named, every key inside', async () => {
    const write = (db: XbDb) => db.transaction('rw', db.orgUnits, async () => {
      for (let i = 1; i <= 4; i++) await db.orgUnits.put(unit(i));
    });

    // Without it, Dexie lists each key and index value (the test's control).
    const plain = await pair(false);
    const [perKey] = await noticesOf(() => write(plain.writer));
    expect(perKey).toBeDefined();
    expect(Math.max(...ofTable(perKey!, plain.writer, 'orgUnits').map(([, t]) => rangesIn(t)))).toBe(4);

    const { writer } = await pair(true);
    const notices = await noticesOf(() => write(writer));
    expect(notices).toHaveLength(1);
    const parts = ofTable(notices[0]!, writer, 'orgUnits');
    expect(parts.map(([k]) => k.slice(`idb://${writer.name}/orgUnits/`.length)).sort()).toEqual(['', ':dels', 'code', 'level', 'parentCode', 'updatedAt']);
    for (const [, tree] of parts) {
      expect(rangesIn(tree)).toBe(1);
      const set = RangeSet(tree as Parameters<typeof RangeSet>[0]);
      for (const key of ['u1', 'u4', '101000', 'subbranch', '2026-03-04T08:00:00.000Z', 'zzz', '']) expect(set.hasKey(key)).toBe(true);
    }
    // Only the table written is named.
    expect(Object.keys(notices[0]!).every((k) => k.startsWith(`idb://${writer.name}/orgUnits/`))).toBe(true);
  });

  it('wakes a live query on another connection that reads a row the writer changed', async () => {
    const { writer, reader } = await pair(true);
    await writer.orgUnits.put(unit(1));
    const names: (string | undefined)[] = [];
    const subscription = liveQuery(() => reader.orgUnits.get('u1')).subscribe((u) => names.push(u?.name));
    try {
      await expect.poll(() => names).toEqual(['第1支行']);
      await writer.transaction('rw', writer.orgUnits, () => writer.orgUnits.put({ ...unit(1), name: '城东支行', rev: 2 }));
      await expect.poll(() => names.at(-1)).toBe('城东支行');
    } finally {
      subscription.unsubscribe();
    }
  });

  it('writes what it was given: the rows read back are the rows put', async () => {
    const { writer, reader } = await pair(true);
    await writer.orgUnits.bulkPut([unit(1), unit(2)]);
    await writer.orgUnits.delete('u2');
    expect(await reader.orgUnits.toArray()).toEqual([unit(1)]);
  });
});
