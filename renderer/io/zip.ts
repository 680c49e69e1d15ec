// The zip container of signed packages (fflate): writing with a fixed timestamp, so the same content
// gives the same bytes, and reading under the caps of core/package/zip-guard.ts, checked entry by entry
// before anything is inflated.
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { appError, err, ok, type AppError, type Result } from '../core/result';
import { ZipGuard, type ZipCaps } from '../core/package/zip-guard';

/** 1980-01-01, the earliest time a zip can record: no clock in the bytes. */
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

/** Photos and PDFs are compressed already: deflating them again costs time and saves nothing. */
const STORED = /\.(jpe?g|png|webp|gif|pdf|zip|xlsx)$/i;

export function zipEntries(entries: Record<string, Uint8Array>): Uint8Array {
  const files: Zippable = {};
  for (const [path, bytes] of Object.entries(entries).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) files[path] = [bytes, { level: STORED.test(path) ? 0 : 6, mtime: FIXED_MTIME }];
  return zipSync(files);
}

/**
 * The same files in a zip of our own making: sorted, fixed timestamps. For zips written by others (ExcelTS
 * stamps every entry with the current time) whose bytes must depend on their content alone.
 */
export function repackZip(bytes: Uint8Array): Uint8Array {
  return zipEntries(unzipSync(bytes));
}

class Refused extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}

/**
 * The files of a zip, or the reason it was refused: package.tooLarge, package.notZip, and the entry
 * checks of ZipGuard (paths, count, sizes, ratio), or package.unreadable for a corrupt zip.
 */
export function unzipWithCaps(bytes: Uint8Array, caps: ZipCaps): Result<Record<string, Uint8Array>> {
  const guard = new ZipGuard(caps);
  const tooLarge = guard.checkPackageSize(bytes.byteLength);
  if (tooLarge) return err(tooLarge);
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return err(appError('package.notZip'));
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const verdict = guard.check({ path: file.name, compressedSize: file.size, originalSize: file.originalSize });
        if (verdict === 'skip') return false;
        if (verdict !== 'inflate') throw new Refused(verdict);
        return true;
      },
    });
  } catch (e) {
    if (e instanceof Refused) return err(e.error);
    return err(appError('package.unreadable', undefined, e instanceof Error ? e.message : String(e)));
  }
  return ok(files);
}
