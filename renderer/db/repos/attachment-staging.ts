// Photos stored ahead of a big transaction, a bounded number at a time (issue 7). Chromium keeps a file
// open for every Blob a transaction writes until it commits: a national batch's tens of thousands of
// photos written in one transaction failed ("DataError: Failed to write blobs (IOError)") once the
// process's open-file limit was reached (20,000 on the bench machine; 1,024 is a common default on Linux
// desktops). Photos are stored once per content — their id is the SHA-256 of their bytes — so storing
// those the database lacks before the transaction that references them changes nothing the database
// means; if that transaction then fails, the caller takes exactly these out again (unstageAttachments).
import type { XbDb } from '../db';
import type { Attachment } from '../types';

/** At most this many Blobs (a photo, its thumbnail) are written per staging transaction. */
export const BLOBS_PER_TRANSACTION = 200;

export type StageOptions<T> = {
  idOf: (item: T) => string;
  /** Called only for the items the database lacks, just before their transaction. */
  rowOf: (item: T) => Attachment;
  /** How many Blobs the item's row holds (default 1). */
  blobsOf?: (item: T) => number;
  /**
   * An item the database holds already: `row` is its stored row (read in the same transaction). What the
   * caller wants to know about it (restore: whether its details differ from the backup's).
   */
  onHeld?: (item: T, row: Attachment) => void;
  onAdded?: (item: T) => void;
  /** Items looked at so far, after each transaction. */
  onProgress?: (done: number) => void;
  signal?: AbortSignal | undefined;
  perTransaction?: number;
};

/**
 * Stores the rows of `items` the database does not hold, at most `perTransaction` Blobs per transaction,
 * and returns their ids; null when `signal` was aborted. Whatever stops it (a refused write, the
 * signal), the rows it had stored are deleted again before it returns or throws. Items with an id seen
 * before are skipped.
 */
export async function stageAttachments<T>(db: XbDb, items: Iterable<T>, options: StageOptions<T>): Promise<string[] | null> {
  const limit = Math.max(1, options.perTransaction ?? BLOBS_PER_TRANSACTION);
  const blobsOf = options.blobsOf ?? (() => 1);
  const added: string[] = [];
  const seen = new Set<string>();
  let batch: T[] = [];
  let blobs = 0;
  let done = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const items = batch;
    batch = [];
    blobs = 0;
    const ids = items.map(options.idOf);
    await db.transaction('rw', db.attachments, async () => {
      const stored = options.onHeld ? await db.attachments.bulkGet(ids) : null;
      const heldIds = stored ? null : new Set(await db.attachments.where(':id').anyOf(ids).primaryKeys());
      const adding: T[] = [];
      for (const [i, item] of items.entries()) {
        const row = stored?.[i];
        if (row !== undefined) options.onHeld?.(item, row);
        else if (heldIds === null || !heldIds.has(options.idOf(item))) adding.push(item);
      }
      if (adding.length === 0) return;
      await db.attachments.bulkAdd(adding.map(options.rowOf));
      for (const item of adding) {
        added.push(options.idOf(item));
        options.onAdded?.(item);
      }
    });
    done += items.length;
    options.onProgress?.(done);
  };
  try {
    for (const item of items) {
      const id = options.idOf(item);
      if (seen.has(id)) continue;
      seen.add(id);
      const n = blobsOf(item);
      if (batch.length > 0 && blobs + n > limit) {
        if (options.signal?.aborted) break;
        await flush();
      }
      batch.push(item);
      blobs += n;
    }
    if (!options.signal?.aborted) await flush();
  } catch (e) {
    await unstageAttachments(db, added);
    throw e;
  }
  if (options.signal?.aborted) {
    await unstageAttachments(db, added);
    return null;
  }
  return added;
}

/** Deletes photos stageAttachments stored for a transaction that did not go through (best effort). */
export async function unstageAttachments(db: XbDb, ids: readonly string[]): Promise<void> {
  try {
    for (let i = 0; i < ids.length; i += 1000) await db.attachments.bulkDelete(ids.slice(i, i + 1000));
  } catch (e) {
    // Unreferenced photos only take space; the next import or restore of the same photos finds them stored.
    console.warn('photos stored for a write that failed could not be removed', e);
  }
}
