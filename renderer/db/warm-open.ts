// The database opened while the page's scripts still load. Opening IndexedDB makes the browser open
// its store on disk (LevelDB) first: 100–400 ms at 100,000 findings, longest right after an import,
// and at start-up the app asked for it only once its 2 MB of scripts had run. The page's first
// script (renderer/early.ts, a separate entry) calls this, so by the time Dexie opens the store is
// open and Dexie's open is a short round trip.
//
// It never changes anything: a database that does not exist yet is not created (the version change
// that would create it is aborted; the app's own open creates it with its schema), a newer app's
// upgrade or a deletion is never blocked (the connection closes on versionchange), and it closes by
// itself once the app has had time to open its own.

/** How long the early connection is held: the app's own open comes well before. */
export const WARM_HOLD_MS = 10_000;

/**
 * Opens `name` without a version (the existing one, no upgrade) and closes it after `holdMs`, at a
 * version change, or when `release` is called (whichever comes first). Never throws; errors are ignored
 * (the app's own open reports anything wrong).
 */
export function warmDatabase(factory: IDBFactory, name: string, holdMs = WARM_HOLD_MS): () => void {
  let db: IDBDatabase | null = null;
  let released = false;
  const close = (): void => {
    released = true;
    db?.close();
    db = null;
  };
  let request: IDBOpenDBRequest;
  try {
    request = factory.open(name);
  } catch {
    return close;
  }
  // No database yet: creating one here would give it version 1 without the app's tables.
  request.onupgradeneeded = () => request.transaction?.abort();
  request.onerror = (e) => e.preventDefault();
  request.onsuccess = () => {
    db = request.result;
    if (released) {
      close();
      return;
    }
    db.onversionchange = close;
    setTimeout(close, holdMs);
  };
  return close;
}
