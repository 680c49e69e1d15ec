// The register's view of all findings. Reading 100,000 findings out of IndexedDB takes seconds, so the
// store loads them once per app session and afterwards reads only rows whose localSeq moved past the
// last one seen: every finding write stamps a rising localSeq (repos/findings.ts), so a change costs the
// changed rows, not the table.
//
// The first load reads by the ledgerNo index, the register's default order: the first HEAD rows are
// published at once (they are exactly the start of the sorted register, so its first screen shows
// before the rest is read), then the rest is read in chunks sized to stay well under a long task (nextChunkSize),
// without publishing rows again until the end (every published array costs each page a pass over it).
// The rows are kept in ledger-number order, so the default sort is a no-op, and the aggregates every
// page needs (live count, filter facets) are kept up to date per row rather than recounted.
//
// A start reads the register cache first (db/register-cache.ts: the rows as the store last held them, in
// a few big records), then what changed after its watermark by localSeq, and checks the result against
// the findings table's counts; only when there is no usable cache does it read every finding as above.
// The cache is written when the page is idle after a full read or once enough rows have changed.
import { liveQuery, type Subscription } from 'dexie';
import { facetLists, prepareSearch } from '../core/finding/register';
import type { XbDb } from './db';
import { onePerDatabase } from './per-db';
import type { FindingRow } from './types';
import { useStoreInTransition, whole } from './store-in-transition';
import { ROWS_PER_CHUNK, cacheEpoch, discardRegisterCache, encodeChunkPaced, hasRegisterCache, readRegisterCache, writeRegisterCache } from './register-cache';
import { afterPaint, idlePeriod, inIdleSlices, type IdleLeft } from '../io/idle';

/** Rows read and shown first: more than a screen of the register. */
export const HEAD = 200;
/** The most rows per read (after the head, and of the changes after an import). */
export const CHUNK = 2000;
/**
 * The live query reads at most this many changed rows: an edit or a few are shown from it at once, and a
 * full watch (an import) hands over to the catch-up, which reads in budgeted chunks (2,000 findings
 * decoded in the live query's one task were a long task after every import).
 */
export const WATCH = 100;
/**
 * The first load reads this many rows after the head, then adapts: each read (request, decoding and
 * bookkeeping, timed from the request) should take about LOAD_BUDGET_MS, well under a long task (50 ms),
 * so the register answers input while 100,000 findings load; a slow or busy machine reads smaller chunks.
 */
export const FIRST_CHUNK = 500;
const MIN_CHUNK = 100;
const LOAD_BUDGET_MS = 25;
/** While loading, how often the loaded count is published (the register says how far it got). */
const PROGRESS_MS = 400;
/** Rows changed since the cache was written (or read) before it is written again: each start reads them one by one. */
export const CACHE_REWRITE_AFTER = 2000;
/** A register this small reads in full quickly: no cache. */
export const MIN_CACHE_ROWS = HEAD;

export type FindingFacets = { categories: string[]; checklists: string[] };

export type FindingSnapshot = {
  /**
   * Every finding, tombstones included, in ledger-number order (code-unit order, as IndexedDB and
   * sortFindings compare). While `loading`: the first findings by ledger number only.
   */
  rows: FindingRow[];
  loading: boolean;
  /** Findings read so far (all of them once loaded). */
  loaded: number;
  /** While loading: how many findings the database held when the load began (0 until known). */
  expected: number;
  /** Findings read so far not voided (of `rows` once loaded). */
  live: number;
  /** The distinct categories and checklists read so far (registerFacets of `rows` once loaded), for the filter choices. */
  facets: FindingFacets;
};

const byLedgerNo = (a: FindingRow, b: FindingRow): number => (a.ledgerNo < b.ledgerNo ? -1 : a.ledgerNo > b.ledgerNo ? 1 : 0);

const bump = (counts: Map<string, number>, key: string, by: number): boolean => {
  const n = (counts.get(key) ?? 0) + by;
  if (n === 0) counts.delete(key);
  else counts.set(key, n);
  // The key set changed: a key appeared or went away.
  return n === 0 || n === by;
};

/**
 * All findings in ledger-number order with their aggregates, changed a batch of rows at a time. Pure
 * (no database): the store feeds it, and the tests compare it with a full recount.
 */
export class FindingIndex {
  private rows: FindingRow[] = [];
  private readonly byId = new Map<string, FindingRow>();
  private readonly categories = new Map<string, number>();
  private readonly checklists = new Map<string, number>();
  private live = 0;
  private facets: FindingFacets = { categories: [], checklists: [] };
  private facetsStale = false;

  get size(): number {
    return this.rows.length;
  }

  /** Adds new findings and replaces known ones (by id); false when nothing changed. */
  apply(batch: readonly FindingRow[]): boolean {
    if (batch.length === 0) return false;
    const added: FindingRow[] = [];
    let replaced = false;
    let reorder = false;
    for (const row of batch) {
      const old = this.byId.get(row.id);
      if (old === row) continue;
      if (old) {
        this.count(old, -1);
        if (old.ledgerNo !== row.ledgerNo) reorder = true;
        replaced = true;
      } else added.push(row);
      this.byId.set(row.id, row);
      this.count(row, 1);
    }
    if (added.length === 0 && !replaced) return false;
    if (replaced) {
      // Same positions, new objects (a copy: the previous snapshot's array stays as it was).
      this.rows = this.rows.map((r) => this.byId.get(r.id) ?? r);
      if (reorder) this.rows.sort(byLedgerNo);
    }
    if (added.length > 0) this.rows = merge(this.rows, added.sort(byLedgerNo));
    return true;
  }

  /** The rows appended in order by the first load: already sorted after the last one. */
  appendSorted(chunk: readonly FindingRow[]): void {
    const last = this.rows[this.rows.length - 1];
    const first = chunk[0];
    if (first === undefined) return;
    if ((last !== undefined && first.ledgerNo <= last.ledgerNo) || chunk.some((r) => this.byId.has(r.id))) {
      this.apply(chunk);
      return;
    }
    for (const row of chunk) {
      this.byId.set(row.id, row);
      this.count(row, 1);
      this.rows.push(row);
    }
  }

  snapshotParts(): { rows: FindingRow[]; live: number; facets: FindingFacets } {
    if (this.facetsStale) {
      this.facets = facetLists(this.categories.keys(), this.checklists.keys());
      this.facetsStale = false;
    }
    return { rows: this.rows, live: this.live, facets: this.facets };
  }

  /** A copy for a snapshot: the index goes on changing its own array, never a published one. */
  copy(): FindingRow[] {
    return this.rows.slice();
  }

  private count(row: FindingRow, by: 1 | -1): void {
    if (row.deletedAt === null) this.live += by;
    if (row.category !== '' && bump(this.categories, row.category, by)) this.facetsStale = true;
    if (row.checklistId !== null && bump(this.checklists, row.checklistId, by)) this.facetsStale = true;
  }
}

/** Two arrays sorted by ledger number as one. */
function merge(a: readonly FindingRow[], b: readonly FindingRow[]): FindingRow[] {
  const out: FindingRow[] = [];
  let i = 0;
  let j = 0;
  for (;;) {
    const x = a[i];
    const y = b[j];
    if (x === undefined || y === undefined) break;
    if (byLedgerNo(y, x) < 0) {
      out.push(y);
      j++;
    } else {
      out.push(x);
      i++;
    }
  }
  return out.concat(a.slice(i), b.slice(j));
}

/** The next read's size: halved after a read over the budget, doubled after one well under it. */
export function nextChunkSize(size: number, tookMs: number): number {
  if (tookMs > LOAD_BUDGET_MS) return Math.max(MIN_CHUNK, Math.floor(size / 2));
  if (tookMs < LOAD_BUDGET_MS / 2) return Math.min(CHUNK, size * 2);
  return size;
}

/** A macrotask turn, so input and rendering run between chunks. */
const yieldToUi = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

const idle = async (): Promise<void> => {
  await idlePeriod();
};

/** A pause for work done a slice at a time while the page is idle: waits for an idle period only when the current one is nearly over. */
function pacedByIdle(): () => Promise<void> {
  let left: IdleLeft | null = null;
  return async () => {
    if (left === null || left() < 4) left = await idlePeriod();
  };
}

/**
 * The search text of these rows, made a slice at a time while the page is idle (a first search before it
 * is done makes the rest itself: prepareSearch only saves it the work). At 100,000 findings, made before
 * the rows were shown, it was 125-330 ms of the start.
 */
function prepareSearchWhenIdle(rows: readonly FindingRow[]): void {
  let at = 0;
  inIdleSlices(() => {
    prepareSearch(rows, at, Math.min(rows.length, at + 500));
    at += 500;
    return at < rows.length;
  });
}

class FindingStore {
  private index = new FindingIndex();
  private cursor = 0;
  private expected = 0;
  /** The cache's epoch (null: no cache on this database, or it could not be read); rows changed since it was written or read. */
  private epoch: string | null = null;
  private sinceCache = 0;
  private cacheWriting = false;
  private snapshot: FindingSnapshot = { rows: [], loading: true, loaded: 0, expected: 0, live: 0, facets: { categories: [], checklists: [] } };
  private readonly listeners = new Set<() => void>();
  private started = false;
  private resolveLoaded: () => void = () => undefined;
  /** Settles once the first load has read every finding (or failed). */
  readonly loaded = new Promise<void>((resolve) => (this.resolveLoaded = resolve));
  private subscription: Subscription | null = null;
  /** The index holds changes not yet published. */
  private dirty = false;
  private catchingUp = false;

  constructor(private readonly db: XbDb) {}

  /** Starts the first load without a reader (at start-up, before the register mounts). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.load();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    this.start();
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): FindingSnapshot => this.snapshot;

  private publish(loading: boolean, rows?: FindingRow[]): void {
    const parts = this.index.snapshotParts();
    this.snapshot = { rows: rows ?? this.index.copy(), loading, loaded: this.index.size, expected: this.expected, live: parts.live, facets: parts.facets };
    for (const l of this.listeners) l();
  }

  private advance(rows: readonly FindingRow[]): void {
    for (const row of rows) if (row.localSeq > this.cursor) this.cursor = row.localSeq;
    this.sinceCache += rows.length;
  }

  /** What the live query saw: a few edits are applied and shown at once; a full watch starts a catch-up. */
  private take(rows: FindingRow[]): void {
    this.advance(rows);
    if (this.index.apply(rows)) this.dirty = true;
    if (rows.length >= WATCH || this.catchingUp) void this.catchUp();
    else this.flush();
  }

  /** Shows what the index took in since the last publication, if anything. */
  private flush(): void {
    if (!this.dirty) return;
    this.dirty = false;
    this.publish(false);
    if (this.sinceCache >= CACHE_REWRITE_AFTER) this.writeCacheWhenIdle();
  }

  /**
   * After an import (thousands of findings written at once) the rest is read like the first load: by
   * localSeq in reads sized to LOAD_BUDGET_MS (nextChunkSize), each taken in as its own task (waiting for
   * the next read is the turn that lets input and drawing in; no timer, which clamps), the rows shown
   * once at the end, so the page never decodes and re-sorts a whole import in one task.
   */
  private async catchUp(): Promise<void> {
    if (this.catchingUp) return;
    this.catchingUp = true;
    try {
      for (let size = FIRST_CHUNK; ; ) {
        const asked = performance.now();
        const rows = await this.db.findings.where('localSeq').above(this.cursor).limit(size).toArray();
        this.advance(rows);
        if (this.index.apply(rows)) this.dirty = true;
        prepareSearch(rows);
        if (rows.length < size) break;
        size = nextChunkSize(size, performance.now() - asked);
      }
    } catch (e) {
      console.error('reading changed findings failed', e);
    } finally {
      this.catchingUp = false;
    }
    this.flush();
  }

  private async load(): Promise<void> {
    try {
      this.epoch = hasRegisterCache(this.db) ? await cacheEpoch(this.db).catch(() => null) : null;
      if (this.epoch !== null) await this.showHeadFirst();
      let fromCache = this.epoch !== null && (await this.loadFromCache(this.epoch));
      if (fromCache) {
        performance.mark('findings-loaded:cache');
        // Shown first, then checked against the table's count (a count walks every record: seconds at 100,000).
        this.publish(false);
        prepareSearchWhenIdle(this.snapshot.rows);
        fromCache = await this.checkCacheStart();
        if (fromCache && this.dirty) {
          this.dirty = false;
          this.publish(false);
        }
      }
      if (!fromCache) {
        await this.loadAll();
        performance.mark('findings-loaded:full');
        // Every finding was read one record each: the next start should not have to.
        this.sinceCache = Math.max(this.sinceCache, CACHE_REWRITE_AFTER);
        this.publish(false);
      }
      if (this.sinceCache >= CACHE_REWRITE_AFTER) this.writeCacheWhenIdle();
    } catch (e) {
      console.error('loading findings failed', e);
      this.publish(false);
    }
    this.resolveLoaded();
    this.subscription = liveQuery(() => this.db.findings.where('localSeq').above(this.cursor).limit(WATCH).toArray()).subscribe({
      next: (changed) => this.take(changed),
      error: (e: unknown) => console.error('findings query failed', e),
    });
    this.db.on('close', () => this.subscription?.unsubscribe());
  }

  /**
   * Before the cache is read: the first rows from the table itself (as a full read's are, so they are
   * never a row the cache got wrong), shown and drawn. The cache's records are
   * read one after another in one transaction, each asked for before the last is decoded, and at 100,000
   * findings Chromium ran those reads ahead of the page's rendering: the first rows came with the last
   * record (9.4 s at full scale, against 2.2 s for a full read that shows them first).
   */
  private async showHeadFirst(): Promise<void> {
    const findings = this.db.findings;
    const [head, meta] = await this.db.transaction('r', [findings, this.db.registerCache], () =>
      Promise.all([findings.orderBy('ledgerNo').limit(HEAD).toArray(), this.db.registerCache.get('meta')]),
    );
    // How many the cache holds (no count of the table: it walks every record); the start's progress only.
    this.expected = meta !== undefined && 'count' in meta ? meta.count : 0;
    this.publish(true, head);
    performance.mark('findings-head:cache');
    await afterPaint();
  }

  /**
   * The first load from the register cache (after showHeadFirst): the cache's records, what changed after
   * its watermark and the table's last localSeq (all in one transaction). False, with the store as it was
   * before, when there is no usable cache or the watermark is beyond the table's last change. The rows are
   * then shown, and checkCacheStart compares them with the table's count.
   */
  private async loadFromCache(epoch: string): Promise<boolean> {
    const state: { changes: FindingRow[]; last: number } = { changes: [], last: 0 };
    try {
      const read = await readRegisterCache(
        this.db,
        epoch,
        async ({ watermark }) => {
          const findings = this.db.findings;
          const [changes, last] = await Promise.all([findings.where('localSeq').above(watermark).limit(CHUNK).toArray(), findings.orderBy('localSeq').last()]);
          state.changes = changes;
          state.last = last?.localSeq ?? 0;
          return null;
        },
        // The search text is prepared once the rows are shown (prepareSearchWhenIdle), not before.
        (rows) => this.index.appendSorted(rows),
      );
      if (read === null) {
        this.reset();
        return false;
      }
      const { watermark } = read.meta;
      this.cursor = watermark;
      this.advance(state.changes);
      this.index.apply(state.changes);
      prepareSearch(state.changes);
      // A whole chunk of changes (an import since the cache was written): the rest is read a chunk per task.
      if (state.changes.length === CHUNK) await this.catchUpRest();
      this.expected = this.index.size;
      // The watermark not beyond the last change (localSeq only rises, unless the data was replaced).
      if (state.last >= watermark) return true;
      console.warn('the register cache is ahead of the findings: read in full', { last: state.last, watermark });
    } catch (e) {
      console.warn('reading the register cache failed: read in full', e);
    }
    this.reset();
    await discardRegisterCache(this.db);
    return false;
  }

  /** After the cache: the rest of a large change, a chunk per task. */
  private async catchUpRest(): Promise<void> {
    const findings = this.db.findings;
    for (;;) {
      await yieldToUi();
      const rows = await findings.where('localSeq').above(this.cursor).limit(CHUNK).toArray();
      this.advance(rows);
      this.index.apply(rows);
      prepareSearch(rows);
      if (rows.length < CHUNK) return;
    }
  }

  /**
   * After a start from the cache has been shown: the rows held must be exactly the table's. Every row
   * changed after the watermark was read by localSeq, so the table's count (with what changed since, read
   * in the same transaction) must equal the rows held; anything else (a row removed or added without a
   * new localSeq) discards the cache and the caller reads in full. True when it matches.
   */
  private async checkCacheStart(): Promise<boolean> {
    try {
      const findings = this.db.findings;
      const [total, since] = await this.db.transaction('r', findings, () => Promise.all([findings.count(), findings.where('localSeq').above(this.cursor).toArray()]));
      this.advance(since);
      if (this.index.apply(since)) this.dirty = true;
      prepareSearch(since);
      if (this.index.size === total) return true;
      console.warn('the register cache does not match the findings: read in full', { held: this.index.size, total });
    } catch (e) {
      console.warn('checking the register cache failed: read in full', e);
    }
    this.reset();
    await discardRegisterCache(this.db);
    return false;
  }

  private reset(): void {
    this.index = new FindingIndex();
    this.cursor = 0;
    this.sinceCache = 0;
  }

  /** Writes the cache from the published rows once the page is idle; a failure only means the next start reads in full. */
  private writeCacheWhenIdle(): void {
    const epoch = this.epoch;
    if (epoch === null || this.cacheWriting) return;
    this.cacheWriting = true;
    void this.writeCache(epoch).finally(() => (this.cacheWriting = false));
  }

  private async writeCache(epoch: string): Promise<void> {
    await idle();
    // Only a settled store: the published rows are then every finding stored with a localSeq up to the
    // cursor, at that version (a later flush tries again otherwise).
    if (this.snapshot.loading || this.dirty || this.catchingUp) return;
    const { rows } = this.snapshot;
    const watermark = this.cursor;
    const since = this.sinceCache;
    if (rows.length < MIN_CACHE_ROWS) return;
    const chunks = [];
    // A column at a time, as long as the idle period lasts: encoding 100,000 rows at once would be a long
    // task, and so was a record (4,000 rows) per idle period.
    const pause = pacedByIdle();
    for (let i = 0; i < rows.length; i += ROWS_PER_CHUNK) {
      const part = rows.slice(i, i + ROWS_PER_CHUNK);
      if (part.some((r) => r.localSeq > watermark)) return;
      chunks.push(await encodeChunkPaced(part, chunks.length, epoch, pause));
    }
    if (await writeRegisterCache(this.db, epoch, watermark, chunks)) this.sinceCache -= since;
  }

  /** The first load without a cache: every finding read by the ledgerNo index. */
  private async loadAll(): Promise<void> {
    {
      // Every write after this localSeq is read again by the live query below, whatever the scan saw.
      const [head, last] = await this.db.transaction('r', this.db.findings, () =>
        Promise.all([this.db.findings.orderBy('ledgerNo').limit(HEAD).toArray(), this.db.findings.orderBy('localSeq').last()]),
      );
      const seen = last?.localSeq ?? 0;
      // The count walks every record (seconds at 100,000 findings): the head is shown without it, and the
      // progress says "N of M" once it is known.
      let total = -1;
      const counted = this.db.findings.count().then(
        (n) => {
          total = n;
          this.expected = n;
        },
        // Only the progress total and the check below need it; the read goes on (and says why it stopped, if it does).
        (e: unknown) => console.warn('counting the findings failed', e),
      );
      this.expected = 0;
      this.index.appendSorted(head);
      let done = head.length < HEAD;
      this.publish(!done);
      let published = performance.now();
      const rowsShown = this.snapshot.rows;
      let size = FIRST_CHUNK;
      const read = (after: string, limit: number): { chunk: Promise<FindingRow[]>; limit: number; asked: number } => ({
        chunk: this.db.findings.where('ledgerNo').above(after).limit(limit).toArray(),
        limit,
        asked: performance.now(),
      });
      // One read always in flight: the next chunk is asked for (it starts after the last ledger number
      // just read) before this one is taken in, so the database reads while the page works, and waiting
      // for it is the turn of the event loop that lets input and drawing in (no timer between chunks:
      // nested timers are clamped to 4 ms, seconds over hundreds of chunks).
      let next = done ? null : read(head.at(-1)?.ledgerNo ?? '', size);
      while (next !== null) {
        const current = next;
        const chunk = await current.chunk;
        done = chunk.length < current.limit;
        const last = chunk.at(-1);
        next = done || last === undefined ? null : read(last.ledgerNo, size);
        this.index.appendSorted(chunk);
        prepareSearch(chunk);
        // Sized by how long this chunk took from its request to being taken in.
        size = nextChunkSize(size, performance.now() - current.asked);
        if (!done && performance.now() - published > PROGRESS_MS) {
          // The count moves on; the rows stay the head, so no page recomputes anything.
          this.publish(true, rowsShown);
          published = performance.now();
        }
      }
      // A row the ledgerNo index does not hold (none should) is still read, by localSeq.
      await counted;
      if (this.index.size < total) this.index.apply(await this.db.findings.where('localSeq').above(0).toArray());
      this.cursor = Math.max(this.cursor, seen);
    }
  }
}

const storeOf = onePerDatabase((db) => new FindingStore(db));

/** The store of a database without React: subscribe (which starts the load) and read the snapshot. */
export function findingStore(db: XbDb): Pick<FindingStore, 'subscribe' | 'getSnapshot'> {
  return storeOf(db);
}

/** Starts reading the findings now (start-up on a page that shows them), before any page asks. */
export function preloadFindings(db: XbDb): void {
  storeOf(db).start();
}

/** Settles once every finding has been read (starting the load if no page has). */
export function findingsLoaded(db: XbDb): Promise<void> {
  const store = storeOf(db);
  store.start();
  return store.loaded;
}

/** All findings, tombstones included; `loading` is true while the first load is still reading. */
export function useFindingSnapshot(db: XbDb): FindingSnapshot {
  const store = storeOf(db);
  return useStoreInTransition(store.subscribe, store.getSnapshot, whole);
}
