// The register cache: every finding as the register's store last held it, in a few big columnar records
// (one array per field, ROWS_PER_CHUNK rows each, in ledger-number order), so a start reads tens of
// records instead of one per finding. IndexedDB's cost is per record and per object decoded: reading
// 100,000 findings one record each took several times as long as the same rows in 20 columnar records
// (issue 7's micro-benchmark), and repeating values (units, categories, statuses, dates, people) are
// stored once per chunk and shared by the rows that hold them.
//
// The cache is only an accelerator and never the truth: the store reads it, then what changed after its
// watermark by localSeq, and checks the result against the findings table's counts; anything that does
// not match (another format or field list, a record that does not decode, a count) is discarded and the
// findings are read in full. It is local to this device (LOCAL_TABLES: never in a backup or a ledger
// package) and a restore clears it with every other table. Failing to write it (a full disk) is ignored.
import type { XbDb } from './db';
import type { FindingRow, RegisterCacheColumn, RegisterCacheRow } from './types';
import { FINDING_FIELDS } from '../core/finding/model';

/** Bumped whenever what a cached row holds or how a column is encoded changes: an older cache is discarded. */
export const CACHE_FORMAT = 1;
/** Rows per record: decoding one stays well under a long task (50 ms) on a slow machine. */
export const ROWS_PER_CHUNK = 4000;

/** Every field of a stored finding, in the order the columns are kept. */
export const CACHE_FIELDS = ['id', 'rev', 'updatedAt', 'updatedBy', 'deviceId', ...FINDING_FIELDS, 'localSeq'] as const satisfies readonly (keyof FindingRow)[];
type CacheField = (typeof CACHE_FIELDS)[number];
// A field added to findings and not to the cache would be lost on the way through it: a compile error.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const exact = <T extends true>(): T | undefined => undefined;
exact<Same<CacheField, keyof FindingRow>>();

type Chunk = Extract<RegisterCacheRow, { n: number }>;
type Meta = Extract<RegisterCacheRow, { key: 'meta' }>;

const chunkKey = (n: number): Chunk['key'] => `chunk:${String(n).padStart(6, '0')}`;

/** True when the database has the cache table (an older schema, opened only by migration tests, has not). */
export const hasRegisterCache = (db: XbDb): boolean => db.tables.some((t) => t.name === 'registerCache');

/**
 * The cache's epoch, made on first use. A restore clears the table, epoch included, so a store that
 * started before the restore finds another (or none) when it tries to write, and writes nothing.
 */
export async function cacheEpoch(db: XbDb): Promise<string> {
  // Every start asks: a read, so a start takes no write lock; the read-write transaction only the first time.
  const known = await db.registerCache.get('epoch');
  if (known?.key === 'epoch') return known.epoch;
  return db.transaction('rw', db.registerCache, async () => {
    const row = await db.registerCache.get('epoch');
    if (row?.key === 'epoch') return row.epoch;
    const epoch = crypto.randomUUID();
    await db.registerCache.put({ key: 'epoch', epoch });
    return epoch;
  });
}

/** A primitive that a dictionary can hold and give back identical (-0 would come back as 0). */
const dictable = (v: unknown): boolean => v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Object.is(v, -0));

function encodeColumn(values: unknown[]): RegisterCacheColumn {
  const limit = values.length / 2;
  const codes = new Uint32Array(values.length);
  const index = new Map<unknown, number>();
  const dict: unknown[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!dictable(v)) return { values };
    let code = index.get(v);
    if (code === undefined) {
      if (dict.length >= limit) return { values };
      code = dict.length;
      index.set(v, code);
      dict.push(v);
    }
    codes[i] = code;
  }
  return { dict, codes: dict.length <= 0x10000 ? Uint16Array.from(codes) : codes };
}

/** One record of the cache: these rows (in ledger-number order), a column per field. */
export function encodeChunk(rows: readonly FindingRow[], n: number, epoch: string): Chunk {
  return chunkOf(rows, n, epoch, CACHE_FIELDS.map((field) => encodeField(rows, field)));
}

const encodeField = (rows: readonly FindingRow[], field: (typeof CACHE_FIELDS)[number]): RegisterCacheColumn => encodeColumn(rows.map((r) => r[field]));
const chunkOf = (rows: readonly FindingRow[], n: number, epoch: string, columns: RegisterCacheColumn[]): Chunk => ({ key: chunkKey(n), epoch, n, rows: rows.length, columns });

/**
 * encodeChunk a column at a time, awaiting `pause` before each (the store's: until the page has time):
 * a whole record of 4,000 rows was a task of up to 70 ms at national scale, in the middle of whatever the
 * person did next (a search in the register). The same record as encodeChunk.
 */
export async function encodeChunkPaced(rows: readonly FindingRow[], n: number, epoch: string, pause: () => Promise<void>): Promise<Chunk> {
  const columns: RegisterCacheColumn[] = [];
  for (const field of CACHE_FIELDS) {
    await pause();
    columns.push(encodeField(rows, field));
  }
  return chunkOf(rows, n, epoch, columns);
}

class CacheDecodeError extends Error {}

/** Row numbers 0, 1, 2, …: a plain column's codes (grown as needed, shared by every record). */
let rowNumbers = new Uint32Array(0);
function identity(rows: number): Uint32Array {
  if (rowNumbers.length < rows) rowNumbers = Uint32Array.from({ length: Math.max(rows, ROWS_PER_CHUNK) }, (_, i) => i);
  return rowNumbers;
}

/**
 * A column as a lookup, values[codes[i]] for row i (a plain column's codes are the row numbers), checked
 * so that every lookup gives a value: the rows are then made without an array per column (at 100,000
 * findings those arrays were most of the decoding's allocation).
 */
function columnLookup(column: RegisterCacheColumn | undefined, rows: number): [readonly unknown[], ArrayLike<number>] {
  if (column === undefined) throw new CacheDecodeError('missing column');
  if ('values' in column) {
    if (!Array.isArray(column.values) || column.values.length !== rows) throw new CacheDecodeError('column length');
    if (column.values.includes(undefined)) throw new CacheDecodeError('missing value');
    return [column.values, identity(rows)];
  }
  const { dict, codes } = column;
  if (!Array.isArray(dict) || !(codes instanceof Uint16Array || codes instanceof Uint32Array) || codes.length !== rows) throw new CacheDecodeError('column codes');
  // A value a damaged record lacks would come out undefined, which no field of a finding holds.
  if (dict.includes(undefined)) throw new CacheDecodeError('missing value');
  let max = -1;
  for (let i = 0; i < rows; i++) if ((codes[i] ?? 0) > max) max = codes[i] ?? 0;
  if (max >= dict.length) throw new CacheDecodeError('code out of range');
  return [dict, codes];
}

/** The rows of one record; throws CacheDecodeError when it is not what encodeChunk writes. */
export function decodeChunk(chunk: Chunk, watermark: number): FindingRow[] {
  const n = chunk.rows;
  if (!Number.isInteger(n) || n < 0 || !Array.isArray(chunk.columns) || chunk.columns.length !== CACHE_FIELDS.length) throw new CacheDecodeError('chunk shape');
  // Column j of field CACHE_FIELDS[j]: row i's value is V[j][K[j][i]]; every lookup was checked above.
  const V: (readonly unknown[])[] = [];
  const K: ArrayLike<number>[] = [];
  for (let j = 0; j < CACHE_FIELDS.length; j++) {
    const [values, codes] = columnLookup(chunk.columns[j], n);
    V.push(values);
    K.push(codes);
  }
  // Typed as the fields they hold (the values are what encodeChunk stored from FindingRow fields).
  const at = <F extends CacheField>(field: F, j: number, i: number): FindingRow[F] => {
    void field;
    return (V[j] as FindingRow[F][])[(K[j] as ArrayLike<number>)[i] as number] as FindingRow[F];
  };
  const out = new Array<FindingRow>(n);
  for (let i = 0; i < n; i++) {
    // One literal, so every row has the same shape (and TypeScript checks it names every field once,
    // each from its own column: the index is the field's place in CACHE_FIELDS, checked below).
    const row: FindingRow = {
      id: at('id', 0, i), rev: at('rev', 1, i), updatedAt: at('updatedAt', 2, i), updatedBy: at('updatedBy', 3, i), deviceId: at('deviceId', 4, i),
      ledgerNo: at('ledgerNo', 5, i), orgUnitCode: at('orgUnitCode', 6, i), source: at('source', 7, i), inspectionId: at('inspectionId', 8, i), itemCode: at('itemCode', 9, i),
      checklistId: at('checklistId', 10, i), checklistVersion: at('checklistVersion', 11, i), inspectionDate: at('inspectionDate', 12, i), verdict: at('verdict', 13, i),
      verdictWithdrawn: at('verdictWithdrawn', 14, i), description: at('description', 15, i), category: at('category', 16, i), basis: at('basis', 17, i), severity: at('severity', 18, i),
      repeatOf: at('repeatOf', 19, i), rootCause: at('rootCause', 20, i), correction: at('correction', 21, i), measures: at('measures', 22, i), responsibleDept: at('responsibleDept', 23, i),
      responsiblePerson: at('responsiblePerson', 24, i), dueDate: at('dueDate', 25, i), status: at('status', 26, i), completedAt: at('completedAt', 27, i),
      completionNote: at('completionNote', 28, i), plan: at('plan', 29, i), milestoneDate: at('milestoneDate', 30, i), evidence: at('evidence', 31, i),
      verification: at('verification', 32, i), lastReturn: at('lastReturn', 33, i), accountability: at('accountability', 34, i), customerRemedy: at('customerRemedy', 35, i),
      notes: at('notes', 36, i), deletedAt: at('deletedAt', 37, i), localSeq: at('localSeq', 38, i),
    };
    // The cheap checks that catch a damaged record: the keys and the watermark right.
    if (typeof row.id !== 'string' || typeof row.ledgerNo !== 'string' || typeof row.localSeq !== 'number' || row.localSeq > watermark) throw new CacheDecodeError('row');
    out[i] = row;
  }
  return out;
}

export type CacheRead = { watermark: number; count: number };

/**
 * Reads the cache of this epoch, a record at a time (each decoded while the next is read, in one
 * transaction, so every record is of the same write), handing each record's rows to `take` in
 * ledger-number order; `withMeta` runs in the same transaction once the meta record is read, before the
 * rows (the store reads what changed after the watermark there). Null when there is no usable cache:
 * none, another epoch, format or field list, or a record that does not decode (then it is discarded).
 */
export async function readRegisterCache<T>(
  db: XbDb,
  epoch: string,
  withMeta: (meta: CacheRead) => Promise<T>,
  take: (rows: FindingRow[], n: number) => void,
): Promise<{ meta: CacheRead; extra: T } | null> {
  let damaged = false;
  const read = await db.transaction('r', [db.registerCache, db.findings], async () => {
    const row = await db.registerCache.get('meta');
    if (row?.key !== 'meta') return null;
    const meta: Meta = row;
    if (meta.format !== CACHE_FORMAT || meta.epoch !== epoch || meta.fields.join() !== CACHE_FIELDS.join()) {
      damaged = true;
      return null;
    }
    const extra = await withMeta({ watermark: meta.watermark, count: meta.count });
    let rows = 0;
    let next = meta.chunks > 0 ? db.registerCache.get(chunkKey(0)) : null;
    for (let n = 0; next !== null; n++) {
      const chunk = await next;
      // The next record is asked for before this one is decoded: the database reads while the page decodes.
      next = n + 1 < meta.chunks ? db.registerCache.get(chunkKey(n + 1)) : null;
      if (chunk === undefined || !('n' in chunk) || chunk.n !== n || chunk.epoch !== epoch) throw new CacheDecodeError('chunk missing');
      const decoded = decodeChunk(chunk, meta.watermark);
      rows += decoded.length;
      take(decoded, n);
    }
    if (rows !== meta.count) throw new CacheDecodeError('count');
    return { meta: { watermark: meta.watermark, count: meta.count }, extra };
  }).catch((e: unknown) => {
    if (!(e instanceof CacheDecodeError)) throw e;
    damaged = true;
    return null;
  });
  if (damaged) await discardRegisterCache(db);
  return read;
}

/** Drops the cached rows (keeping the epoch); a failure is ignored, the next start checks again. */
export async function discardRegisterCache(db: XbDb): Promise<void> {
  try {
    await db.transaction('rw', db.registerCache, async () => {
      const keys = (await db.registerCache.toCollection().primaryKeys()).filter((k) => k !== 'epoch');
      await db.registerCache.bulkDelete(keys);
    });
  } catch (e) {
    console.warn('discarding the register cache failed', e);
  }
}

/**
 * Replaces the cache with these records (rows up to `watermark`), in one transaction, a record per
 * request (each is serialised in its own task). Writes nothing, and says false, when the epoch is not
 * this one (the database was restored since the rows were read) or the write fails (a full disk).
 */
export async function writeRegisterCache(db: XbDb, epoch: string, watermark: number, chunks: readonly Chunk[]): Promise<boolean> {
  const count = chunks.reduce((sum, c) => sum + c.rows, 0);
  try {
    return await db.transaction('rw', db.registerCache, async () => {
      const current = await db.registerCache.get('epoch');
      if (current?.key !== 'epoch' || current.epoch !== epoch) return false;
      const old = (await db.registerCache.toCollection().primaryKeys()).filter((k) => k !== 'epoch');
      await db.registerCache.bulkDelete(old);
      for (const chunk of chunks) await db.registerCache.put(chunk);
      await db.registerCache.put({ key: 'meta', format: CACHE_FORMAT, fields: [...CACHE_FIELDS], epoch, watermark, count, chunks: chunks.length });
      return true;
    });
  } catch (e) {
    console.warn('writing the register cache failed (it is only an accelerator)', e);
    return false;
  }
}
