// Opening the database and turning every way it can fail into an AppError the start screen can show.
import type { XbDb } from './db';
import { appError, err, ok, type AppError, type Result } from '../core/result';
import { SCHEMA_VERSION } from './schema';

export type DbEvents = {
  /** Another tab or window holds an older connection and blocks our upgrade. */
  onBlocked: () => void;
  /** A newer version of the app upgraded the database elsewhere: this page must reload. */
  onVersionChange: () => void;
};

/** The error's name and that of the DOMException Dexie wraps (`inner`), and a line for the details. */
function described(e: unknown): { names: string[]; detail: string } {
  const inner = e instanceof Error && 'inner' in e ? errorName((e as { inner: unknown }).inner) : '';
  return { names: [errorName(e), inner], detail: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
}

export function classifyOpenError(e: unknown): AppError {
  const { names, detail } = described(e);
  if (names.includes('QuotaExceededError')) return appError('db.quota', undefined, detail);
  if (names.includes('VersionError')) return appError('db.newerVersion', undefined, detail);
  if (names.includes('MissingAPIError')) return appError('db.unavailable', undefined, detail);
  if (names.includes('InvalidStateError') || names.includes('UnknownError') || names.includes('DataError')) {
    return appError('db.corrupt', undefined, detail);
  }
  return appError('db.openFailed', undefined, detail);
}

/**
 * A write that threw (IndexedDB refused it): a full disk or quota says so with what to do, anything else
 * is db.writeFailed with the cause. Dexie aborts the whole transaction, so nothing of it was written.
 */
export function classifyWriteError(e: unknown): AppError {
  const { names, detail } = described(e);
  if (names.includes('QuotaExceededError')) return appError('db.writeQuota', undefined, detail);
  return appError('db.writeFailed', { detail: e instanceof Error ? e.message : String(e) }, detail);
}

export async function openDb(db: XbDb, events: DbEvents): Promise<Result<XbDb>> {
  db.on('blocked', () => events.onBlocked());
  db.on('versionchange', () => {
    // Let the other connection upgrade; this page reloads with a message instead of writing to a
    // database whose schema it no longer knows.
    db.close();
    events.onVersionChange();
    return false;
  });
  try {
    await db.open();
  } catch (e) {
    return err(classifyOpenError(e));
  }
  // Dexie 4 opens a database that a newer app version upgraded. Writing to a schema we do not know
  // could corrupt it, so refuse and leave it untouched.
  // Dexie stores version n as IndexedDB version n × 10.
  const found = db.backendDB().version / 10;
  if (found > SCHEMA_VERSION) {
    db.close();
    return err(appError('db.newerVersion', undefined, `database version ${found}, this app knows ${SCHEMA_VERSION}`));
  }
  return ok(db);
}

function errorName(e: unknown): string {
  return typeof e === 'object' && e !== null && 'name' in e && typeof e.name === 'string' ? e.name : '';
}
