// An older release's database, made in the page as that release's Dexie would have made it: the stores
// and indexes of its schema version (from renderer/db/schema.ts), and rows. For the e2e migration and
// storage campaigns, which need a database of an old version in real Chromium.
import type { Page } from 'playwright-core';
import { createDb } from '../../renderer/db/db';
import { DB_NAME } from '../../renderer/db/schema';

export type StoreSpec = {
  name: string;
  keyPath: string | string[] | null;
  auto: boolean;
  indexes: { name: string; keyPath: string | string[]; unique: boolean; multi: boolean }[];
};

/** The object stores of schema `version`, as Dexie declares them. */
export function storesOf(version: number): StoreSpec[] {
  return createDb({ schemaVersion: version }).tables.map((t) => ({
    name: t.name,
    keyPath: t.schema.primKey.keyPath ?? null,
    auto: t.schema.primKey.auto ?? false,
    indexes: t.schema.indexes.map((i) => ({ name: i.name, keyPath: i.keyPath ?? i.name, unique: i.unique ?? false, multi: i.multi ?? false })),
  }));
}

/**
 * Creates the app's database at schema `version` in `page` (any page of the app's origin) with `rows`
 * per store. A settings row whose privateKey is 'generate' gets a fresh Ed25519 key pair, as set-up
 * made one. With keepOpen the connection stays open (window.oldDb) and ignores versionchange, as an
 * older release in another tab that never lets go; otherwise it is closed.
 */
export async function createOldDatabase(page: Page, version: number, rows: Record<string, unknown[]>, keepOpen = false): Promise<void> {
  await page.evaluate(
    async ({ name, stores, idbVersion, rows, keepOpen }) => {
      const settings = rows['settings']?.[0] as Record<string, unknown> | undefined;
      if (settings?.['privateKey'] === 'generate') {
        const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
        const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
        settings['privateKey'] = pair.privateKey;
        settings['publicKey'] = pair.publicKey;
        settings['publicKeyRaw'] = btoa(String.fromCharCode(...raw));
      }
      const db = await new Promise<IDBDatabase>((resolve, reject) => {
        const r = indexedDB.open(name, idbVersion);
        r.onupgradeneeded = () => {
          for (const s of stores) {
            const store = r.result.createObjectStore(s.name, { keyPath: s.keyPath, autoIncrement: s.auto });
            for (const i of s.indexes) store.createIndex(i.name, i.keyPath, { unique: i.unique, multiEntry: i.multi });
          }
        };
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('open failed'));
      });
      const names = Object.keys(rows).filter((n) => (rows[n] ?? []).length > 0);
      if (names.length > 0) {
        await new Promise<void>((resolve, reject) => {
          const tx = db.transaction(names, 'readwrite', { durability: 'strict' });
          for (const n of names) for (const row of rows[n] ?? []) tx.objectStore(n).put(row);
          tx.oncomplete = () => resolve();
          tx.onabort = () => reject(tx.error ?? new Error('write aborted'));
        });
      }
      if (keepOpen) (window as unknown as { oldDb: IDBDatabase }).oldDb = db;
      else db.close();
    },
    { name: DB_NAME, stores: storesOf(version), idbVersion: version * 10, rows, keepOpen },
  );
}

/** The version and the row count of each store of the app's database, read beside the app. */
export async function databaseCounts(page: Page): Promise<{ version: number; counts: Record<string, number> }> {
  return page.evaluate(async (name) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    const counts: Record<string, number> = {};
    for (const store of [...db.objectStoreNames]) {
      counts[store] = await new Promise<number>((resolve, reject) => {
        const r = db.transaction(store).objectStore(store).count();
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error ?? new Error('count failed'));
      });
    }
    const version = db.version;
    db.close();
    return { version, counts };
  }, DB_NAME);
}
