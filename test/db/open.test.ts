import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { createDb } from '../../renderer/db/db';
import { classifyOpenError, classifyWriteError, openDb } from '../../renderer/db/open';
import { SCHEMA_VERSION } from '../../renderer/db/schema';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

describe('opening the database', () => {
  it('opens with strict durability at the current schema version', async () => {
    const db = createDb({ name: 'open-1', indexedDB: new IDBFactory(), IDBKeyRange });
    const r = await openDb(db, quiet);
    expect(r.ok).toBe(true);
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db._options.chromeTransactionDurability).toBe('strict');
  });

  it('reports a database made by a newer app version instead of opening it empty', async () => {
    const factory = new IDBFactory();
    const newer = new Dexie('open-2', { indexedDB: factory, IDBKeyRange });
    newer.version(SCHEMA_VERSION + 5).stores({ settings: 'key', extra: 'id' });
    await newer.open();
    await newer.table('settings').put({ key: 'device', kept: true });
    newer.close();
    const db = createDb({ name: 'open-2', indexedDB: factory, IDBKeyRange });
    const r = await openDb(db, quiet);
    expect(r).toMatchObject({ ok: false, error: { code: 'db.newerVersion' } });
    // Nothing stored is lost: the newer database is still intact.
    const check = new Dexie('open-2', { indexedDB: factory, IDBKeyRange });
    await check.open();
    expect(await check.table('settings').get('device')).toEqual({ key: 'device', kept: true });
    check.close();
  });

  it('reports an unavailable IndexedDB', async () => {
    const db = createDb({ name: 'open-3', indexedDB: { open: () => { throw new DOMException('no', 'InvalidStateError'); } } as unknown as IDBFactory, IDBKeyRange });
    const r = await openDb(db, quiet);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(['db.corrupt', 'db.openFailed', 'db.unavailable']).toContain(r.error.code);
  });

  it('classifies quota, version, and unknown errors', () => {
    expect(classifyOpenError(new DOMException('full', 'QuotaExceededError')).code).toBe('db.quota');
    expect(classifyOpenError(Object.assign(new Error('x'), { name: 'OpenFailedError', inner: { name: 'QuotaExceededError' } })).code).toBe('db.quota');
    expect(classifyOpenError(new DOMException('v', 'VersionError')).code).toBe('db.newerVersion');
    expect(classifyOpenError(new DOMException('u', 'UnknownError')).code).toBe('db.corrupt');
    expect(classifyOpenError('weird').code).toBe('db.openFailed');
  });

  it('tells a full disk apart from other write failures', () => {
    expect(classifyWriteError(Object.assign(new Error('x'), { name: 'AbortError', inner: { name: 'QuotaExceededError' } })).code).toBe('db.writeQuota');
    expect(classifyWriteError(new DOMException('full', 'QuotaExceededError')).code).toBe('db.writeQuota');
    const other = classifyWriteError(new Error('boom'));
    expect(other.code).toBe('db.writeFailed');
    expect(other.params).toEqual({ detail: 'boom' });
  });

  it('tells the page when another connection upgrades the database, and closes its own', async () => {
    const factory = new IDBFactory();
    let changed = 0;
    const db = createDb({ name: 'open-4', indexedDB: factory, IDBKeyRange });
    await openDb(db, { onBlocked: () => undefined, onVersionChange: () => changed++ });
    const upgrader = new Dexie('open-4', { indexedDB: factory, IDBKeyRange });
    upgrader.version(SCHEMA_VERSION + 1).stores({ settings: 'key', more: 'id' });
    await upgrader.open();
    expect(changed).toBe(1);
    expect(db.isOpen()).toBe(false);
    upgrader.close();
  });
});
