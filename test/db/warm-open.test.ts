// The early connection (db/warm-open.ts): it opens what exists, creates nothing, and never stands in
// the way of the app's own open, an upgrade or a deletion.
import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Dexie } from 'dexie';
import { createDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { SCHEMA_VERSION } from '../../renderer/db/schema';
import { warmDatabase } from '../../renderer/db/warm-open';

const quiet = { onBlocked: () => undefined, onVersionChange: () => undefined };

/** Resolves once the factory has answered every request made so far (fake-indexeddb answers in order). */
const settled = async (factory: IDBFactory): Promise<void> => {
  await factory.databases();
  await new Promise((resolve) => setTimeout(resolve, 10));
};

/** A factory whose open() calls are counted, and whose opened connections are known. */
function watched(factory: IDBFactory): { factory: IDBFactory; opened: IDBDatabase[] } {
  const opened: IDBDatabase[] = [];
  const open = factory.open.bind(factory);
  factory.open = (name: string, version?: number) => {
    const request = version === undefined ? open(name) : open(name, version);
    request.addEventListener('success', () => opened.push(request.result));
    return request;
  };
  return { factory, opened };
}

describe('the database opened early, while the scripts load', () => {
  it('creates no database where there is none: the app then creates it with its own schema', async () => {
    const factory = new IDBFactory();
    warmDatabase(factory, 'warm-1');
    await settled(factory);
    expect((await factory.databases()).map((d) => d.name)).not.toContain('warm-1');
    const db = createDb({ name: 'warm-1', indexedDB: factory, IDBKeyRange });
    expect((await openDb(db, quiet)).ok).toBe(true);
    expect(db.verno).toBe(SCHEMA_VERSION);
    expect(db.tables.map((t) => t.name)).toContain('findings');
    db.close();
  });

  it('holds a connection to an existing database beside the app, and closes it when released', async () => {
    const { factory, opened } = watched(new IDBFactory());
    const first = createDb({ name: 'warm-2', indexedDB: factory, IDBKeyRange });
    expect((await openDb(first, quiet)).ok).toBe(true);
    await first.settings.put({ key: 'device', deviceId: 'd1' } as never);
    first.close();
    const release = warmDatabase(factory, 'warm-2', 60_000);
    await settled(factory);
    expect(opened).toHaveLength(2);
    const early = opened[1];
    if (!early) throw new Error('the early connection did not open');
    expect(early.version).toBe(SCHEMA_VERSION * 10);
    const db = createDb({ name: 'warm-2', indexedDB: factory, IDBKeyRange });
    expect((await openDb(db, quiet)).ok).toBe(true);
    expect(await db.settings.get('device')).toMatchObject({ deviceId: 'd1' });
    release();
    // A closed connection refuses transactions.
    expect(() => early.transaction('settings')).toThrow();
    db.close();
  });

  it('closes by itself after the hold, and at once when released before it opened', async () => {
    const { factory, opened } = watched(new IDBFactory());
    const first = createDb({ name: 'warm-3', indexedDB: factory, IDBKeyRange });
    await openDb(first, quiet);
    first.close();
    warmDatabase(factory, 'warm-3', 20);
    await settled(factory);
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(() => opened[1]?.transaction('settings')).toThrow();
    warmDatabase(factory, 'warm-3', 60_000)();
    await settled(factory);
    expect(opened).toHaveLength(3);
    expect(() => opened[2]?.transaction('settings')).toThrow();
  });

  it('never blocks an upgrade by a newer app or a deletion', async () => {
    const factory = new IDBFactory();
    const first = createDb({ name: 'warm-4', indexedDB: factory, IDBKeyRange });
    await openDb(first, quiet);
    first.close();
    warmDatabase(factory, 'warm-4', 60_000);
    await settled(factory);
    let blocked = false;
    const newer = new Dexie('warm-4', { indexedDB: factory, IDBKeyRange });
    newer.version(SCHEMA_VERSION + 1).stores({ settings: 'key', extra: 'id' });
    newer.on('blocked', () => void (blocked = true));
    await newer.open();
    expect(newer.verno).toBe(SCHEMA_VERSION + 1);
    newer.close();
    warmDatabase(factory, 'warm-4', 60_000);
    await settled(factory);
    await new Promise<void>((resolve, reject) => {
      const r = factory.deleteDatabase('warm-4');
      r.onblocked = () => void (blocked = true);
      r.onsuccess = () => resolve();
      r.onerror = () => reject(r.error);
    });
    expect(blocked).toBe(false);
    expect((await factory.databases()).map((d) => d.name)).not.toContain('warm-4');
  });

  it('swallows a factory that throws: the app\'s own open reports the problem', () => {
    const broken = { open: () => { throw new DOMException('no', 'InvalidStateError'); } } as unknown as IDBFactory;
    expect(() => warmDatabase(broken, 'warm-5')()).not.toThrow();
  });
});
