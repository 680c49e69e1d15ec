// The 整改台账 export on two threads (issue 7): a reader (sheet-rows.worker.ts, started by the export job)
// pages the findings out of IndexedDB, decodes them and maps them to sheet rows, and posts the rows,
// packed (core/ledger/sheet-rows.ts), to the thread that writes the workbook; so that thread only writes.
// Reading and decoding the findings cost about as much as writing them, and the two now overlap.
//
// Back-pressure: the reader posts at most `ahead` batches the writer has not taken yet, so memory holds
// a few batches, not the ledger. Cancel: the writer closes the channel (terminating the worker).
// Where no nested worker can be started, or it fails before its first message, the export reads on its
// own thread as before (rowsFromReaderOrInline).
import type { XbDb } from '../db/db';
import { readSheetContext, sourceFindings, type FindingSource } from '../db/repos/finding-pages';
import { PACKED_SHEET_ROW_LENGTH, packSheetRow, toSheetRow, unpackSheetRow, type LedgerSheetRow, type PackedSheetRow } from '../core/ledger/sheet-rows';

export type StartReader = { type: 'start'; dbName: string; source: FindingSource; asOf: string; batchRows: number; ahead: number };
export type ToReader = StartReader | { type: 'more' } | { type: 'stop' };
/** Where the reader's time went (ms): waiting for findings (reads and their decoding), mapping and packing them, posting them, waiting for the writer. */
export type ReaderTimes = { startMs: number; readMs: number; mapMs: number; postMs: number; creditMs: number };
export type FromReader = { type: 'rows'; rows: PackedSheetRow[] } | { type: 'done'; times?: ReaderTimes } | { type: 'error'; detail: string };

/** The rows of the reader's first page and first batch. */
const FIRST_ROWS = 100;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

// Both ends are ours, but a message is `unknown` until its shape is checked (STYLE §1). Each row's length
// is checked; its values are the reader's toSheetRow output (the writer shows an unknown state as it is).
function parseFromReader(data: unknown): FromReader | null {
  if (!isRecord(data)) return null;
  if (data.type === 'rows' && Array.isArray(data.rows) && data.rows.every((r) => Array.isArray(r) && r.length === PACKED_SHEET_ROW_LENGTH)) return { type: 'rows', rows: data.rows as PackedSheetRow[] };
  if (data.type === 'done') {
    const t = data.times;
    const times = isRecord(t) && [t.startMs, t.readMs, t.mapMs, t.postMs, t.creditMs].every((v) => typeof v === 'number') ? (t as ReaderTimes) : undefined;
    return times ? { type: 'done', times } : { type: 'done' };
  }
  if (data.type === 'error' && typeof data.detail === 'string') return { type: 'error', detail: data.detail };
  return null;
}

function parseToReader(data: unknown): ToReader | null {
  if (!isRecord(data)) return null;
  if (data.type === 'more' || data.type === 'stop') return { type: data.type };
  if (data.type !== 'start' || typeof data.dbName !== 'string' || typeof data.asOf !== 'string' || typeof data.batchRows !== 'number' || typeof data.ahead !== 'number') return null;
  const source = data.source;
  if (!isRecord(source)) return null;
  const parsed: FindingSource | null = source.kind === 'all' ? { kind: 'all' } : source.kind === 'ids' && Array.isArray(source.ids) && source.ids.every((id) => typeof id === 'string') ? { kind: 'ids', ids: source.ids as string[] } : null;
  return parsed && { type: 'start', dbName: data.dbName, source: parsed, asOf: data.asOf, batchRows: Math.max(1, data.batchRows), ahead: Math.max(1, data.ahead) };
}

/** Where the reader listens and answers: its worker's global scope, or a MessagePort in tests. */
export type ReaderScope = {
  postMessage(message: FromReader): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
};

/** The writer's end: a worker, or a MessagePort in tests. */
export type ReaderChannel = {
  post(message: ToReader): void;
  /** `failed` is told when the reader could not start or crashed (not when it reports an error itself). */
  listen(onMessage: (event: { readonly data: unknown }) => void, failed: (detail: string) => void): void;
  close(): void;
};

export const workerChannel = (worker: Worker): ReaderChannel => ({
  post: (message) => worker.postMessage(message),
  listen(onMessage, failed) {
    worker.addEventListener('message', onMessage);
    worker.addEventListener('messageerror', () => failed('a message from the reader could not be read'));
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      failed(event.message || 'the reader worker failed');
    });
  },
  close: () => worker.terminate(),
});

export const portChannel = (port: MessagePort): ReaderChannel => ({
  post: (message) => port.postMessage(message),
  listen(onMessage, failed) {
    port.addEventListener('message', onMessage);
    port.addEventListener('messageerror', () => failed('a message from the reader could not be read'));
    port.start();
  },
  close: () => port.close(),
});

/**
 * The reader's side: on 'start', opens the database named, reads the sheet's context and the findings of
 * the source, leaves voided ones out, and posts their rows in batches of `batchRows`, never more than
 * `ahead` batches before the writer asks for more; then 'done', or 'error' with what went wrong.
 */
export function serveSheetRows(scope: ReaderScope, lease: (dbName: string) => { db: XbDb; release: () => void }, now: () => number = () => performance.now()): void {
  const loaded = now();
  let credits = 0;
  let stopped = false;
  let wake: (() => void) | null = null;
  const resume = (): void => {
    wake?.();
    wake = null;
  };
  const credit = async (): Promise<void> => {
    while (credits === 0 && !stopped) await new Promise<void>((resolve) => (wake = resolve));
    credits -= 1;
  };

  async function run(start: StartReader): Promise<void> {
    credits += start.ahead;
    const times: ReaderTimes = { startMs: now() - loaded, readMs: 0, mapMs: 0, postMs: 0, creditMs: 0 };
    const { db, release } = lease(start.dbName);
    const post = async (rows: PackedSheetRow[]): Promise<boolean> => {
      let at = now();
      await credit();
      times.creditMs += now() - at;
      if (stopped) return false;
      at = now();
      scope.postMessage({ type: 'rows', rows });
      times.postMs += now() - at;
      return true;
    };
    try {
      let at = now();
      const context = await readSheetContext(db, start.asOf);
      // A small first page and batch: the writer starts while the reader reads on.
      const findings = sourceFindings(db, start.source, FIRST_ROWS);
      let limit = Math.min(FIRST_ROWS, start.batchRows);
      let batch: PackedSheetRow[] = [];
      for (;;) {
        const next = await findings.next();
        const mapFrom = now();
        times.readMs += mapFrom - at;
        if (next.done === true) break;
        const f = next.value;
        if (stopped) return;
        if (f.deletedAt === null) batch.push(packSheetRow(toSheetRow(f, context)));
        times.mapMs += now() - mapFrom;
        if (batch.length === limit) {
          if (!(await post(batch))) return;
          batch = [];
          limit = start.batchRows;
        }
        at = now();
      }
      if (batch.length > 0 && !(await post(batch))) return;
      scope.postMessage({ type: 'done', times });
    } catch (error) {
      scope.postMessage({ type: 'error', detail: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    } finally {
      release();
    }
  }

  scope.addEventListener('message', (event) => {
    const message = parseToReader(event.data);
    if (message === null) return;
    if (message.type === 'start') void run(message);
    else {
      if (message.type === 'more') credits += 1;
      else stopped = true;
      resume();
    }
  });
}

/** What the writer's thread spent on the rows it was handed (the bench reports it). */
export type RowsStats = {
  /** 'worker': read on another thread; 'inline': read here (no nested worker, or it failed to start). */
  mode: 'worker' | 'inline';
  rows: number;
  /** Taking each message's data and unpacking its rows, on the writer's thread. */
  receiveMs: number;
  /** The writer waiting for the reader (the reader was the slower side then). */
  waitMs: number;
  /** From asking for rows to the first of them (the reader's start-up and first page). */
  firstRowMs: number;
  /** Why the export read on its own thread, when it did. */
  fallback?: string;
  /** The reader's own account, from its thread. */
  reader?: ReaderTimes;
};

/** The reader could not be started or died before its first message: the caller reads inline instead. */
class ReaderUnavailable extends Error {}

/**
 * The rows the reader at the other end of `channel` posts, in order. Closes the channel when done,
 * cancelled, or when the consumer stops early. Throws ReaderUnavailable when the reader fails before
 * its first message, and an Error with the reader's own detail when reading fails.
 */
async function* rowsFromReader(
  channel: ReaderChannel,
  start: Omit<StartReader, 'type'>,
  { signal, stats, now }: { signal: AbortSignal; stats: RowsStats; now: () => number },
): AsyncGenerator<LedgerSheetRow> {
  const startedAt = now();
  const queue: PackedSheetRow[][] = [];
  let heard = false;
  let finished = false;
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  const resume = (): void => {
    wake?.();
    wake = null;
  };
  const onAbort = (): void => resume();
  signal.addEventListener('abort', onAbort);
  channel.listen(
    (event) => {
      const at = now();
      const message = parseFromReader(event.data);
      stats.receiveMs += now() - at;
      heard = true;
      if (message === null) failure ??= new Error('the reader sent a message that is not sheet rows');
      else if (message.type === 'rows') queue.push(message.rows);
      else if (message.type === 'done') {
        finished = true;
        if (message.times) stats.reader = message.times;
      }
      else failure ??= new Error(message.detail);
      resume();
    },
    (detail) => {
      failure ??= heard ? new Error(detail) : new ReaderUnavailable(detail);
      resume();
    },
  );
  try {
    channel.post({ type: 'start', ...start });
    for (;;) {
      if (signal.aborted) return;
      const batch = queue.shift();
      if (batch !== undefined) {
        channel.post({ type: 'more' });
        const at = now();
        const rows = batch.map(unpackSheetRow);
        stats.receiveMs += now() - at;
        if (stats.rows === 0) stats.firstRowMs = at - startedAt;
        stats.rows += rows.length;
        yield* rows;
        continue;
      }
      if (failure !== null) throw failure;
      if (finished) return;
      const waitFrom = now();
      await new Promise<void>((resolve) => (wake = resolve));
      stats.waitMs += now() - waitFrom;
    }
  } finally {
    signal.removeEventListener('abort', onAbort);
    channel.close();
  }
}

export type SheetRowsOptions = {
  db: XbDb;
  source: FindingSource;
  asOf: string;
  signal: AbortSignal;
  /** Starts a reader on another thread, or null where none can be (then the rows are read here). */
  spawn: () => ReaderChannel | null;
  onStats?: (stats: RowsStats) => void;
  now?: () => number;
  batchRows?: number;
  ahead?: number;
};

/**
 * The 整改台账 rows of the live findings of `source`, in its order: read and mapped by a reader on another
 * thread when one can be started, else here, with the same rows either way.
 */
export async function* sheetRowsOf(options: SheetRowsOptions): AsyncGenerator<LedgerSheetRow> {
  const { db, source, asOf, signal } = options;
  const now = options.now ?? (() => performance.now());
  const startedAt = now();
  const stats: RowsStats = { mode: 'worker', rows: 0, receiveMs: 0, waitMs: 0, firstRowMs: 0 };
  try {
    let channel: ReaderChannel | null = null;
    try {
      channel = options.spawn();
    } catch (error) {
      stats.fallback = error instanceof Error ? error.message : String(error);
    }
    if (channel !== null) {
      try {
        yield* rowsFromReader(channel, { dbName: db.name, source, asOf, batchRows: options.batchRows ?? 1000, ahead: options.ahead ?? 4 }, { signal, stats, now });
        return;
      } catch (error) {
        // Only before the first row: once rows have been handed on, a failure is the export's.
        if (!(error instanceof ReaderUnavailable) || stats.rows > 0) throw error;
        stats.fallback = error.message;
      }
    }
    stats.mode = 'inline';
    stats.fallback ??= 'no worker here';
    const context = await readSheetContext(db, asOf);
    for await (const f of sourceFindings(db, source)) {
      if (f.deletedAt !== null) continue;
      if (stats.rows === 0) stats.firstRowMs = now() - startedAt;
      stats.rows += 1;
      yield toSheetRow(f, context);
    }
  } finally {
    options.onStats?.(stats);
  }
}
