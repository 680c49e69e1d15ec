// A Dexie middleware that sees every write (every `mutate` of every table) before it is made, shared by
// the tests that fail a write where IndexedDB would (a full disk: QuotaExceededError) or count writes.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { DBCore, DBCoreMutateRequest, DBCoreTable, Middleware } from 'dexie';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { completeSetup } from '../../renderer/db/repos/settings';
import { unwrap } from './finding-helpers';
import { ACTOR } from './import-campaign';

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

let dbs = 0;

/** A fresh, opened database of its own (fake-indexeddb) with `middleware`; set up as head office unless `setUp` is false. */
export async function watchedDb(prefix: string, middleware: Middleware<DBCore>, setUp = true): Promise<XbDb> {
  const db = createDb({ name: `${prefix}-${++dbs}`, indexedDB: new IDBFactory(), IDBKeyRange });
  db.use(middleware);
  unwrap(await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined }));
  if (setUp) unwrap(await completeSetup(db, { role: 'head', inspectorName: ACTOR, orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));
  return db;
}
