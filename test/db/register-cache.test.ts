// The register cache (db/register-cache.ts): a start that reads it ends with exactly the rows a full read
// of the findings gives, including findings changed, added or voided after it was written; a damaged or
// inconsistent cache is discarded and the findings are read in full; a restore empties it (and a store
// that read the database before the restore never writes its old rows back); it is never in a backup or
// a ledger package.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { unzipSync } from 'fflate';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { CACHE_REWRITE_AFTER, HEAD, findingStore, findingsLoaded, type FindingSnapshot } from '../../renderer/db/finding-store';
import { CACHE_FIELDS, ROWS_PER_CHUNK, cacheEpoch, decodeChunk, encodeChunk, encodeChunkPaced, writeRegisterCache } from '../../renderer/db/register-cache';
import { registerFacets } from '../../renderer/core/finding/register';
import type { FindingRow, RegisterCacheRow } from '../../renderer/db/types';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { backupHandlers } from '../../renderer/workers/backup-handler';
import { ledgerExportHandlers } from '../../renderer/workers/ledger-export-handler';
import type { BackupJobOutput, LedgerPackageJobOutput, RestoreJobOutput } from '../../renderer/workers/jobs';
import type { Result } from '../../renderer/core/result';
import { aFinding } from '../core/finding/fixtures';
import { setUpBranch, withChecklist } from './helpers';
import { inspected, unwrap } from './finding-helpers';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };
let n = 0;

/** A database and a way to open it again as a new app session (a new connection, a new store). */
async function profile(): Promise<{ open: () => Promise<XbDb> }> {
  const factory = new IDBFactory();
  const name = `cache-${++n}`;
  const open = async (): Promise<XbDb> => {
    const db = createDb({ name, indexedDB: factory, IDBKeyRange });
    if (!(await openDb(db, quiet)).ok) throw new Error('open failed');
    return db;
  };
  return { open };
}

const byLedgerNo = (a: FindingRow, b: FindingRow): number => (a.ledgerNo < b.ledgerNo ? -1 : a.ledgerNo > b.ledgerNo ? 1 : 0);

/** Findings with varied values: voided ones, nested objects, nulls, numbers and repeating texts. */
function findings(count: number, seqFrom = 1): FindingRow[] {
  return Array.from({ length: count }, (_, i) => ({
    ...aFinding({
      id: `f${seqFrom + i}`,
      ledgerNo: `WD${String(i % 7).padStart(4, '0')}-2026-${String((i * 7919) % 100_000).padStart(6, '0')}-${i}`,
      orgUnitCode: `WD${String(i % 7).padStart(4, '0')}`,
      category: ['公示', '双录', '投诉', ''][i % 4] ?? '',
      description: i % 5 === 0 ? `第 ${i} 条的描述` : '价目表未更新',
      checklistId: i % 9 === 0 ? null : 'branch-onsite',
      dueDate: i % 3 === 0 ? null : `2026-04-${String((i % 28) + 1).padStart(2, '0')}`,
      customerRemedy: i % 11 === 0 ? 12.5 : null,
      evidence: i % 13 === 0 ? ['a'.repeat(64)] : [],
      verification: i % 17 === 0 ? { by: '李四', at: '2026-05-01T08:00:00.000Z', note: '' } : null,
      accountability: { who: i % 2 === 0 ? '' : '王五', how: '', docNo: '' },
      deletedAt: i % 10 === 9 ? '2026-03-05T00:00:00.000Z' : null,
      rev: (i % 4) + 1,
    }),
    localSeq: seqFrom + i,
  }));
}

/** What the store must show: every stored finding in ledger-number order, with its counts. */
async function fullRead(db: XbDb) {
  const rows = (await db.findings.toArray()).sort(byLedgerNo);
  return { rows, live: rows.filter((r) => r.deletedAt === null).length, facets: registerFacets(rows) };
}

/** The store's snapshots from its start until it has loaded. */
async function load(db: XbDb): Promise<{ snapshots: FindingSnapshot[]; last: FindingSnapshot }> {
  const store = findingStore(db);
  const snapshots: FindingSnapshot[] = [];
  store.subscribe(() => snapshots.push(store.getSnapshot()));
  await findingsLoaded(db);
  return { snapshots, last: store.getSnapshot() };
}

const meta = async (db: XbDb): Promise<Extract<RegisterCacheRow, { key: 'meta' }> | undefined> => {
  const row = await db.registerCache.get('meta');
  return row?.key === 'meta' ? row : undefined;
};

/** Waits until the store has written the cache with this watermark (it writes when idle). */
async function cached(db: XbDb, watermark: number): Promise<void> {
  await expect.poll(async () => (await meta(db))?.watermark, { timeout: 10_000 }).toBe(watermark);
}

const expectSame = async (db: XbDb, snapshot: FindingSnapshot): Promise<void> => {
  const want = await fullRead(db);
  expect(snapshot.loading).toBe(false);
  expect(snapshot.rows).toEqual(want.rows);
  expect(snapshot.loaded).toBe(want.rows.length);
  expect(snapshot.live).toBe(want.live);
  expect(snapshot.facets).toEqual(want.facets);
};

const TOTAL = 2 * ROWS_PER_CHUNK + 123;

/** A profile whose database holds TOTAL findings and a cache of them, written by a store that read them in full. */
async function cachedProfile(damage?: (db: XbDb) => Promise<unknown>): Promise<{ open: () => Promise<XbDb> }> {
  const p = await profile();
  const first = await p.open();
  await first.findings.bulkPut(findings(TOTAL));
  await load(first);
  await cached(first, TOTAL);
  await damage?.(first);
  first.close();
  return p;
}

describe('the register cache', () => {
  it('encodes and decodes rows to equal rows, every field', () => {
    const rows = findings(500).sort(byLedgerNo);
    const chunk = encodeChunk(rows, 0, 'e');
    expect(chunk.columns).toHaveLength(CACHE_FIELDS.length);
    // Repeating values are kept once: the unit column holds seven codes.
    expect(chunk.columns[CACHE_FIELDS.indexOf('orgUnitCode')]).toMatchObject({ dict: ['WD0000', 'WD0001', 'WD0002', 'WD0003', 'WD0004', 'WD0005', 'WD0006'] });
    expect(decodeChunk(structuredClone(chunk), 500)).toEqual(rows);
    expect(() => decodeChunk(chunk, 499)).toThrow();
  });

  it('encodes the same record a column per pause, pausing before every column', async () => {
    const rows = findings(500).sort(byLedgerNo);
    let pauses = 0;
    const paced = await encodeChunkPaced(rows, 3, 'e', async () => {
      pauses += 1;
      await Promise.resolve();
    });
    expect(pauses).toBe(CACHE_FIELDS.length);
    expect(paced).toEqual(encodeChunk(rows, 3, 'e'));
  });

  it('gives every field the value of its own column', () => {
    // Each field tagged with its name, so a row made from another field's column cannot equal it.
    const rows = findings(300).sort(byLedgerNo).map((r, i) => {
      const tagged: Record<string, unknown> = { ...r };
      for (const field of CACHE_FIELDS) if (field !== 'id' && field !== 'ledgerNo' && field !== 'localSeq') tagged[field] = i % 2 === 0 ? `${field}:${i % 5}` : { field, i };
      return tagged as unknown as FindingRow;
    });
    expect(decodeChunk(structuredClone(encodeChunk(rows, 0, 'e')), 1000)).toEqual(rows);
  });

  it('refuses a record whose codes or values are damaged', () => {
    const chunk = encodeChunk(findings(50).sort(byLedgerNo), 0, 'e');
    const unit = CACHE_FIELDS.indexOf('orgUnitCode');
    const outOfRange = structuredClone(chunk);
    const codes = outOfRange.columns[unit];
    if (codes && 'codes' in codes) codes.codes[7] = 60_000;
    expect(() => decodeChunk(outOfRange, 1000)).toThrow();
    const lost = structuredClone(chunk);
    const plain = lost.columns[CACHE_FIELDS.indexOf('id')];
    if (plain && 'values' in plain) plain.values[3] = undefined;
    expect(() => decodeChunk(lost, 1000)).toThrow();
    const holed = structuredClone(chunk);
    const dict = holed.columns[unit];
    if (dict && 'dict' in dict) dict.dict[1] = undefined;
    expect(() => decodeChunk(holed, 1000)).toThrow();
    expect(decodeChunk(structuredClone(chunk), 1000)).toHaveLength(50);
  });

  it('is written after a full read, and a start from it shows exactly what a full read shows', { timeout: 60_000 }, async () => {
    const p = await profile();
    const first = await p.open();
    await first.findings.bulkPut(findings(TOTAL));
    const full = await load(first);
    await expectSame(first, full.last);
    await cached(first, TOTAL);
    expect(await meta(first)).toMatchObject({ count: TOTAL, chunks: 3, fields: [...CACHE_FIELDS] });
    first.close();

    const second = await p.open();
    const fromCache = await load(second);
    await expectSame(second, fromCache.last);
    // The first rows are read from the table, then the cache: two publications.
    expect(fromCache.snapshots[0]).toMatchObject({ loading: true, expected: TOTAL });
    expect(fromCache.snapshots[0]?.rows).toEqual((await fullRead(second)).rows.slice(0, HEAD));
    expect(fromCache.snapshots).toHaveLength(2);
    expect(fromCache.last.rows).toEqual(full.last.rows);

    // The rows really come from the cache: a value planted in it (the table untouched) shows.
    const chunk = await second.registerCache.get('chunk:000000');
    if (chunk === undefined || !('n' in chunk)) throw new Error('no first record');
    const rows = decodeChunk(chunk, TOTAL);
    const planted = rows.map((r, i) => (i === 3 ? { ...r, notes: '来自缓存' } : r));
    await second.registerCache.put(encodeChunk(planted, 0, chunk.epoch));
    second.close();
    const third = await p.open();
    const { last } = await load(third);
    expect(last.rows[3]).toEqual({ ...planted[3], notes: '来自缓存' });
    third.close();
  });

  it('shows findings changed, added or voided after it was written', { timeout: 60_000 }, async () => {
    const p = await cachedProfile();

    // Written while no store ran (another window, a worker's import): localSeq rises past the watermark.
    const db = await p.open();
    const stored = (await db.findings.toArray()).sort(byLedgerNo);
    const at = (i: number): FindingRow => stored[i] ?? stored[0]!;
    await db.findings.bulkPut([
      { ...at(1), description: '改过的描述', rev: at(1).rev + 1, localSeq: TOTAL + 1 },
      { ...at(2), deletedAt: '2026-06-01T00:00:00.000Z', localSeq: TOTAL + 2 },
      { ...at(ROWS_PER_CHUNK + 5), ledgerNo: 'AA-first', localSeq: TOTAL + 3 },
      { ...findings(1, 900_000)[0]!, id: 'new', ledgerNo: 'A-new', localSeq: TOTAL + 4 },
    ]);
    const { snapshots, last } = await load(db);
    await expectSame(db, last);
    expect(last.rows[0]?.ledgerNo).toBe('A-new');
    expect(last.rows[1]?.ledgerNo).toBe('AA-first');
    // Even the first rows shown while loading are the stored versions.
    const head = snapshots[0]?.rows ?? [];
    const want = await fullRead(db);
    expect(head).toEqual(want.rows.slice(0, HEAD));
    expect(head.find((r) => r.id === at(1).id)?.description).toBe('改过的描述');
    expect(head.find((r) => r.id === at(2).id)?.deletedAt).toBe('2026-06-01T00:00:00.000Z');

    // Changes go on being followed after a start from the cache.
    await db.findings.put({ ...at(7), status: 'rectified', localSeq: TOTAL + 5 });
    await expect.poll(() => findingStore(db).getSnapshot().rows.find((r) => r.id === at(7).id)?.status).toBe('rectified');
    await expectSame(db, findingStore(db).getSnapshot());
    db.close();
  });

  it('is rewritten once enough rows changed, a large change read a chunk at a time', { timeout: 60_000 }, async () => {
    const p = await cachedProfile();
    const db = await p.open();
    const more = findings(CACHE_REWRITE_AFTER + 2100, TOTAL + 1).map((r) => ({ ...r, ledgerNo: `Z${r.ledgerNo}` }));
    await db.findings.bulkPut(more);
    const { last } = await load(db);
    await expectSame(db, last);
    await cached(db, TOTAL + more.length);
    db.close();
  });

  // Damage the cache's own checks find before anything is shown, and damage only the table's count finds:
  // that count walks every record (seconds at 100,000 findings), so it is taken after the cached rows are
  // shown, and on a mismatch the store reads in full and shows the table's rows.
  for (const [what, damage, countedAfterShown] of [
    ['a record that does not decode', async (db: XbDb) => db.registerCache.update('chunk:000001', (r) => void ('n' in r && (r.rows = 3))), false],
    ['a missing record', async (db: XbDb) => db.registerCache.delete('chunk:000002'), false],
    ['another format', async (db: XbDb) => db.registerCache.update('meta', (r) => void (r.key === 'meta' && (r.format = 0))), false],
    ['another field list', async (db: XbDb) => db.registerCache.update('meta', (r) => void (r.key === 'meta' && (r.fields = [...CACHE_FIELDS].reverse()))), false],
    // The table lost a finding the cache holds and gained another: as many rows, not the same ones.
    ['a finding it holds that the table no longer has', async (db: XbDb) => {
      const gone = await db.findings.orderBy('localSeq').first();
      await db.findings.delete(gone?.id ?? '');
      await db.findings.put({ ...findings(1, 800_000)[0]!, id: 'other', ledgerNo: 'B-other', localSeq: TOTAL + 1 });
    }, true],
    ['a count that does not match the table', async (db: XbDb) => db.findings.bulkDelete(['f5', 'f6']), true],
  ] as const) {
    it(`is discarded on ${what}, and the findings are read in full`, { timeout: 60_000 }, async () => {
      const p = await cachedProfile(damage);
      const db = await p.open();
      const fullReads = performance.getEntriesByName('findings-loaded:full').length;
      const { snapshots, last } = await load(db);
      await expectSame(db, last);
      const stored = new Map((await db.findings.toArray()).map((r) => [r.id, r]));
      const right = (s: FindingSnapshot): boolean => s.rows.every((r) => stored.has(r.id) && JSON.stringify(r) === JSON.stringify(stored.get(r.id)));
      // The full read begins with the head again, loading: every snapshot from then on is the table's.
      const fullFrom = countedAfterShown ? snapshots.findIndex((s, i) => i > 0 && s.loading && !(snapshots[i - 1]?.loading ?? true)) : 0;
      expect(fullFrom).toBeGreaterThanOrEqual(0);
      if (countedAfterShown) {
        // What was shown first was the cache as written (a row the table no longer holds): what the count catches.
        expect(snapshots.slice(0, fullFrom).some((s) => !right(s))).toBe(true);
      }
      for (const s of snapshots.slice(fullFrom)) for (const r of s.rows) expect(r).toEqual(stored.get(r.id));
      // The cache was not used in the end: the store read in full (its mark; how many progress snapshots a
      // full read publishes depends on the machine's speed), showing only the 200-row head while loading.
      expect(snapshots.slice(fullFrom).filter((s) => s.loading).every((s) => s.rows.length <= HEAD)).toBe(true);
      expect(performance.getEntriesByName('findings-loaded:full').length).toBe(fullReads + 1);
      // And a good cache is written again.
      await expect.poll(async () => (await meta(db))?.count, { timeout: 10_000 }).toBe((await db.findings.count()));
      db.close();
    });
  }

  it('is a no-op to fail writing (a full disk): the store works on', async () => {
    const p = await profile();
    const db = await p.open();
    const epoch = await cacheEpoch(db);
    db.registerCache.hook('creating', () => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(await writeRegisterCache(db, epoch, 3, [encodeChunk(findings(3), 0, epoch)])).toBe(false);
    } finally {
      console.warn = warn;
    }
    expect(await db.registerCache.count()).toBe(1);
    db.close();
  });
});

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });

/** Every text in a zip (and in zips within it). */
function textsOf(bytes: Uint8Array): string[] {
  const out: string[] = [];
  for (const [name, data] of Object.entries(unzipSync(bytes))) {
    out.push(name);
    if (name.endsWith('.zip') || (data[0] === 0x50 && data[1] === 0x4b)) out.push(...textsOf(data));
    else out.push(new TextDecoder().decode(data));
  }
  return out;
}

describe('the register cache and the data that leaves the device', () => {
  it('is in no backup and no ledger package, and a restore empties it', { timeout: 60_000 }, async () => {
    const p = await profile();
    const db = await p.open();
    await setUpBranch(db);
    await withChecklist(db);
    const id = await inspected(db);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表未更新' }));
    const epoch = await cacheEpoch(db);
    const rows = (await db.findings.toArray()).sort(byLedgerNo);
    expect(await writeRegisterCache(db, epoch, rows[0]?.localSeq ?? 0, [encodeChunk(rows, 0, epoch)])).toBe(true);
    expect(await db.registerCache.count()).toBe(3);

    const [pkg] = ledgerExportHandlers(() => ({ db, release: () => undefined }));
    const ledger = unwrap((await pkg!.run({ request: { kind: 'full' }, includeAttachments: true, password: null, asOf: '2026-03-10', generator: 'test' }, context())) as Result<LedgerPackageJobOutput>);
    const [makeBackup, restore] = backupHandlers(() => ({ db, release: () => undefined }));
    const backup = unwrap((await makeBackup!.run({ password: null, generator: 'test' }, context())) as Result<BackupJobOutput>);
    for (const bytes of [ledger.bytes, backup.bytes]) {
      const texts = textsOf(bytes);
      expect(texts.some((t) => t.includes('价目表未更新'))).toBe(true);
      expect(texts.filter((t) => t.includes(epoch) || t.includes('registerCache') || t.includes('chunk:000000'))).toEqual([]);
    }

    // A store that read the database before the restore writes nothing after it.
    const restored = await restore!.run({ bytes: backup.bytes, password: null, replace: true, dryRun: false }, context());
    expect((restored as Result<RestoreJobOutput>).ok).toBe(true);
    expect(await db.registerCache.count()).toBe(0);
    expect(await writeRegisterCache(db, epoch, 99, [encodeChunk(rows, 0, epoch)])).toBe(false);
    expect(await db.registerCache.count()).toBe(0);
    db.close();
  });
});
