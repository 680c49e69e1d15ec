// A Dexie middleware that sees every write (every `mutate` of every table) before it is made, shared by
// the tests that fail a write where IndexedDB would (a full disk: QuotaExceededError) or count writes.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, DBCoreTransaction, Middleware } from 'dexie';
import type { Attachment } from '../../renderer/db/types';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { completeSetup } from '../../renderer/db/repos/settings';
import { unwrap } from './finding-helpers';
import { ACTOR } from './import-campaign';
import { databaseFingerprint } from './db-fingerprint';
import { expect } from 'vitest';

/** What IndexedDB rejects a write with when the disk or the browser's quota is full. */
export const quotaExceeded = (): DOMException => new DOMException('The quota has been exceeded.', 'QuotaExceededError');

/** `onWrite` is told of each write first; the error it returns fails that write, null lets it through. */
export function writeWatch(name: string, onWrite: (table: string, req: DBCoreMutateRequest) => DOMException | null): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name,
    create: (down) => ({
      ...down,
      table: (tableName: string): DBCoreTable => {
        const table = down.table(tableName);
        return {
          ...table,
          mutate: (req: DBCoreMutateRequest) => {
            const error = onWrite(tableName, req);
            return error === null ? table.mutate(req) : Promise.reject(error);
          },
        };
      },
    }),
  };
}

/** What photoWatch counts and does: the Blobs each transaction writes into attachments; the table whose next write fails; a call after each write of photos. */
export type PhotoWatch = { blobs: Map<DBCoreTransaction, number>; failTable: string | null; onPhotos?: () => void };

/** Counts the Blobs (a photo, its thumbnail) each transaction writes; fails the first write of `failTable` (not a delete) when set. */
export function photoWatch(watch: PhotoWatch): Middleware<DBCore> {
  return writeWatch('photo-watch', (table, req) => {
    if (watch.failTable === table && req.type !== 'delete') {
      watch.failTable = null;
      return quotaExceeded();
    }
    if (table === 'attachments' && (req.type === 'add' || req.type === 'put')) {
      const blobs = (req.values as Attachment[]).reduce((n, a) => n + 1 + (a.thumbnail === null ? 0 : 1), 0);
      watch.blobs.set(req.trans, (watch.blobs.get(req.trans) ?? 0) + blobs);
      watch.onPhotos?.();
    }
    return null;
  });
}

/**
 * The two ways a write of photos ahead of a transaction must leave the database exactly as it was: the
 * transaction fails (the first write of history refused as a full disk: `failedCode`), and the user
 * cancels between the second and third transaction of photos (job.cancelled). `attempt` runs the
 * operation with the signal it is given.
 */
export async function expectFailAndCancelWriteNothing(db: XbDb, watch: PhotoWatch, failedCode: string, attempt: (signal?: AbortSignal) => Promise<{ ok: true } | { ok: false; error: { code: string } }>): Promise<void> {
  const before = await databaseFingerprint(db);
  watch.blobs.clear();
  watch.failTable = 'history';
  const failed = await attempt();
  expect(!failed.ok && failed.error.code).toBe(failedCode);
  expect(watch.blobs.size).toBeGreaterThan(2);
  expect(await databaseFingerprint(db)).toBe(before);

  const cancel = new AbortController();
  let writes = 0;
  watch.onPhotos = () => {
    if (++writes === 2) cancel.abort();
  };
  const cancelled = await attempt(cancel.signal);
  delete watch.onPhotos;
  expect(writes).toBe(2);
  expect(!cancelled.ok && cancelled.error.code).toBe('job.cancelled');
  expect(await databaseFingerprint(db)).toBe(before);
}

let dbs = 0;

/** A fresh, opened database of its own (fake-indexeddb) with `middleware`; set up as head office unless `setUp` is false. */
export async function watchedDb(prefix: string, middleware: Middleware<DBCore>, setUp = true): Promise<XbDb> {
  const db = createDb({ name: `${prefix}-${++dbs}`, indexedDB: new IDBFactory(), IDBKeyRange });
  db.use(middleware);
  unwrap(await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined }));
  if (setUp) unwrap(await completeSetup(db, { role: 'head', inspectorName: ACTOR, orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));
  return db;
}
