// The register's finding store: the index it keeps (rows in ledger-number order, live count, filter
// facets) always equals a full recount after any mix of inserts and updates, and the store's load (the
// head first, then chunks) and its incremental updates end with exactly the rows in the database.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CHUNK, FIRST_CHUNK, FindingIndex, HEAD, WATCH, findingStore, findingsLoaded, nextChunkSize } from '../../renderer/db/finding-store';
import { registerFacets } from '../../renderer/core/finding/register';
import type { FindingRow } from '../../renderer/db/types';
import { aFinding } from '../core/finding/fixtures';
import { freshDb } from './helpers';

const row = (id: string, ledgerNo: string, over: Partial<FindingRow> = {}): FindingRow => ({ ...aFinding({ id, ledgerNo }), localSeq: 1, ...over });

/** What the index must hold for these rows (the latest version of each id). */
function recount(rows: readonly FindingRow[]) {
  const latest = [...new Map(rows.map((r) => [r.id, r])).values()].sort((a, b) => (a.ledgerNo < b.ledgerNo ? -1 : a.ledgerNo > b.ledgerNo ? 1 : 0));
  return { rows: latest, live: latest.filter((r) => r.deletedAt === null).length, facets: registerFacets(latest) };
}

const change = fc.record({
  id: fc.integer({ min: 0, max: 40 }),
  category: fc.constantFrom('', '公示', '双录', '投诉', '适当性'),
  checklistId: fc.constantFrom(null, 'branch-onsite', 'national-campaign'),
  deleted: fc.boolean(),
  rev: fc.integer({ min: 1, max: 9 }),
});

describe('FindingIndex', () => {
  it('equals a full recount after random batches of inserts and updates', () => {
    fc.assert(
      fc.property(fc.array(fc.array(change, { maxLength: 12 }), { maxLength: 12 }), fc.boolean(), (batches, firstSorted) => {
        const index = new FindingIndex();
        const all: FindingRow[] = [];
        batches.forEach((batch, b) => {
          // Ledger numbers follow the id, so an update keeps its place; ids come in any order.
          const rows = batch.map((c) =>
            row(`f${c.id}`, `WD-2026-${String(c.id).padStart(4, '0')}`, { category: c.category, checklistId: c.checklistId, deletedAt: c.deleted ? '2026-03-05T00:00:00Z' : null, rev: c.rev }),
          );
          const unique = [...new Map(rows.map((r) => [r.id, r])).values()];
          if (b === 0 && firstSorted) index.appendSorted(recount(unique).rows);
          else index.apply(unique);
          all.push(...unique);
          const want = recount(all);
          const got = index.snapshotParts();
          expect(got.rows.map((r) => r.id)).toEqual(want.rows.map((r) => r.id));
          expect(got.rows).toEqual(want.rows);
          expect(got.live).toBe(want.live);
          expect(got.facets).toEqual(want.facets);
        });
      }),
    );
  });

  it('re-sorts when a known finding comes back with another ledger number', () => {
    const index = new FindingIndex();
    index.appendSorted([row('a', 'A-1'), row('b', 'A-2'), row('c', 'A-3')]);
    index.apply([row('a', 'A-9')]);
    expect(index.snapshotParts().rows.map((r) => r.id)).toEqual(['b', 'c', 'a']);
  });

  it('a chunk out of order or repeating known rows is merged, not appended', () => {
    const index = new FindingIndex();
    index.appendSorted([row('b', 'A-2'), row('c', 'A-3')]);
    index.appendSorted([row('a', 'A-1'), row('c', 'A-3', { rev: 2 })]);
    expect(index.snapshotParts().rows.map((r) => `${r.id}${r.rev}`)).toEqual(['a1', 'b1', 'c2']);
  });
});

describe('the load chunk size', () => {
  it('halves after a slow read, doubles after a quick one, within its bounds', () => {
    expect(nextChunkSize(FIRST_CHUNK, 60)).toBe(FIRST_CHUNK / 2);
    expect(nextChunkSize(FIRST_CHUNK, 2)).toBe(FIRST_CHUNK * 2);
    expect(nextChunkSize(FIRST_CHUNK, 20)).toBe(FIRST_CHUNK);
    expect(nextChunkSize(CHUNK, 1)).toBe(CHUNK);
    let size = FIRST_CHUNK;
    for (let i = 0; i < 20; i++) size = nextChunkSize(size, 500);
    expect(size).toBeGreaterThan(0);
    expect(nextChunkSize(size, 500)).toBe(size);
  });
});

describe('the finding store', () => {
  it('publishes the first findings by ledger number first, then all, then follows changes by localSeq', async () => {
    const db = await freshDb();
    const total = HEAD + CHUNK + 321;
    // Written in an order unlike the ledger numbers', with localSeq rising as writes do.
    const rows = Array.from({ length: total }, (_, i) => row(`f${i}`, `WD-${String((i * 7919) % total).padStart(6, '0')}`, { localSeq: i + 1, category: i % 3 === 0 ? '公示' : '双录' }));
    await db.findings.bulkPut(rows);
    const store = findingStore(db);
    const seen: { loading: boolean; rows: number }[] = [];
    const done = new Promise<void>((resolve) => {
      store.subscribe(() => {
        const s = store.getSnapshot();
        seen.push({ loading: s.loading, rows: s.rows.length });
        if (!s.loading) resolve();
      });
    });
    await done;
    await findingsLoaded(db);
    expect(seen[0]).toEqual({ loading: true, rows: HEAD });
    const loaded = store.getSnapshot();
    expect(loaded.rows).toEqual(recount(rows).rows);
    expect(loaded.loaded).toBe(total);
    expect(loaded.live).toBe(total);
    expect(loaded.facets).toEqual(registerFacets(rows));

    // An update, a voided finding and a new one: read by localSeq, merged into place.
    const changed = [
      row('f5', loaded.rows.find((r) => r.id === 'f5')?.ledgerNo ?? '', { localSeq: total + 1, category: '投诉' }),
      row('f6', loaded.rows.find((r) => r.id === 'f6')?.ledgerNo ?? '', { localSeq: total + 2, deletedAt: '2026-03-05T00:00:00Z', category: '双录' }),
      row('new', 'WD-000000-0', { localSeq: total + 3, category: '公示' }),
    ];
    const updated = new Promise<void>((resolve) => store.subscribe(() => (store.getSnapshot().rows.length === total + 1 ? resolve() : undefined)));
    await db.findings.bulkPut(changed);
    await updated;
    await expect.poll(() => store.getSnapshot().rows.find((r) => r.id === 'f6')?.deletedAt ?? null).not.toBeNull();
    const after = await db.findings.toArray();
    const now = store.getSnapshot();
    expect(now.rows).toEqual(recount(after).rows);
    expect(now.live).toBe(total);
    expect(now.facets).toEqual(registerFacets(after));
    expect(loaded.rows).toHaveLength(total);

    // An import: more findings at once than a chunk holds, new and changed, are read a chunk at a time
    // and shown together once all are read.
    const base = total + 3;
    const imported = [
      ...Array.from({ length: 2 * CHUNK + 17 }, (_, i) => row(`imp${i}`, `WD-${String(total + 10 + i).padStart(6, '0')}`, { localSeq: base + 1 + i, category: '适当性' })),
      row('f7', now.rows.find((r) => r.id === 'f7')?.ledgerNo ?? '', { localSeq: base + 2 * CHUNK + 18, category: '投诉' }),
    ];
    const sizes: number[] = [];
    const caughtUp = new Promise<void>((resolve) =>
      store.subscribe(() => {
        sizes.push(store.getSnapshot().rows.length);
        if (store.getSnapshot().rows.length === total + 1 + 2 * CHUNK + 17) resolve();
      }),
    );
    await db.findings.bulkPut(imported);
    await caughtUp;
    await expect.poll(() => store.getSnapshot().rows.find((r) => r.id === 'f7')?.category).toBe('投诉');
    const all = await db.findings.toArray();
    expect(store.getSnapshot().rows).toEqual(recount(all).rows);
    expect(store.getSnapshot().facets).toEqual(registerFacets(all));
    // Never a part of the import on its own: the first publication after it already holds every new row.
    expect(sizes.filter((n) => n > total + 1 && n < total + 1 + 2 * CHUNK + 17)).toEqual([]);
    db.close();
    // fake-indexeddb is slow and the machine may be busy: reads shrink to the smallest chunk then.
  }, 30_000);

  it('an import of more rows than the live query watches is read by the catch-up and shown in one publication', async () => {
    const db = await freshDb();
    const first = Array.from({ length: 30 }, (_, i) => row(`f${i}`, `WD-${String(i * 2).padStart(6, '0')}`, { localSeq: i + 1 }));
    await db.findings.bulkPut(first);
    const store = findingStore(db);
    store.subscribe(() => undefined);
    await findingsLoaded(db);
    const total = first.length + WATCH + 37;
    const published: number[] = [];
    const done = new Promise<void>((resolve) =>
      store.subscribe(() => {
        published.push(store.getSnapshot().rows.length);
        if (store.getSnapshot().rows.length === total) resolve();
      }),
    );
    // New rows interleaved with the old ones by ledger number, and one old row changed.
    const imported = [
      ...Array.from({ length: WATCH + 37 }, (_, i) => row(`imp${i}`, `WD-${String(i * 2 + 1).padStart(6, '0')}`, { localSeq: 100 + i, category: '适当性' })),
      row('f3', 'WD-000006', { localSeq: 100 + WATCH + 37, category: '投诉' }),
    ];
    await db.findings.bulkPut(imported);
    await done;
    await expect.poll(() => store.getSnapshot().rows.find((r) => r.id === 'f3')?.category).toBe('投诉');
    const all = await db.findings.toArray();
    expect(store.getSnapshot().rows).toEqual(recount(all).rows);
    expect(store.getSnapshot().facets).toEqual(registerFacets(all));
    expect(published.filter((n) => n > first.length && n < total)).toEqual([]);
    db.close();
  });
});
