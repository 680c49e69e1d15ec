// Caps and path rules for the zip container of our packages (ARCHITECTURE §6): checked entry by entry
// from the zip's directory, before an entry is inflated, so a hostile file (a zip bomb, `../` paths, a
// million entries) is refused with a reason instead of filling memory or the disk. Pure: the zip library
// lives in renderer/io and calls `check` for every entry.
import { appError, type AppError } from '../result';

export type ZipCaps = {
  /** The package file itself. */
  maxPackageBytes: number;
  maxEntries: number;
  /** Inflated size of one entry. */
  maxEntryBytes: number;
  /** Inflated size of all entries together. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size of one entry; ordinary JSON and images stay far below 100. */
  maxRatio: number;
};

export type ZipEntryInfo = { path: string; compressedSize: number; originalSize: number };

export type EntryPathProblem = 'empty' | 'tooLong' | 'backslash' | 'absolute' | 'drive' | 'dotSegment' | 'emptySegment' | 'control';

export const MAX_ENTRY_PATH = 255;

/**
 * Why an entry name is not a plain relative path inside the package, or null when it is. Forward slashes
 * only: a backslash is a separator on Windows, where `a\..\..\x` would escape the folder.
 */
export function entryPathProblem(path: string): EntryPathProblem | null {
  if (path === '') return 'empty';
  if (path.length > MAX_ENTRY_PATH) return 'tooLong';
  // eslint-disable-next-line no-control-regex -- control characters are what this rejects
  if (/[\u0000-\u001f\u007f]/.test(path)) return 'control';
  if (path.includes('\\')) return 'backslash';
  if (path.startsWith('/')) return 'absolute';
  if (/^[A-Za-z]:/.test(path)) return 'drive';
  const segments = path.replace(/\/$/, '').split('/');
  if (segments.some((s) => s === '..' || s === '.')) return 'dotSegment';
  if (segments.some((s) => s === '')) return 'emptySegment';
  return null;
}

const MB = 1024 * 1024;
const mb = (bytes: number): number => Math.round((bytes / MB) * 10) / 10;

/** Counts entries and bytes across one unzip; `check` says whether to inflate the next entry. */
export class ZipGuard {
  private entries = 0;
  private total = 0;
  private readonly seen = new Set<string>();

  constructor(private readonly caps: ZipCaps) {}

  /** Checked before unzipping anything. */
  checkPackageSize(bytes: number): AppError | null {
    return bytes > this.caps.maxPackageBytes ? appError('package.tooLarge', { limitMb: mb(this.caps.maxPackageBytes) }) : null;
  }

  /** 'skip' for a directory entry; an error stops the unzip. */
  check(entry: ZipEntryInfo): AppError | 'inflate' | 'skip' {
    const problem = entryPathProblem(entry.path);
    if (problem !== null) return appError('package.badPath', { path: shownPath(entry.path), reason: problem });
    if (this.seen.has(entry.path)) return appError('package.duplicateEntry', { path: entry.path });
    this.seen.add(entry.path);
    this.entries += 1;
    if (this.entries > this.caps.maxEntries) return appError('package.tooManyEntries', { max: this.caps.maxEntries });
    if (entry.path.endsWith('/')) return entry.originalSize === 0 ? 'skip' : appError('package.badPath', { path: entry.path, reason: 'directory' });
    if (entry.originalSize > this.caps.maxEntryBytes) {
      return appError('package.entryTooLarge', { path: entry.path, limitMb: mb(this.caps.maxEntryBytes) });
    }
    this.total += entry.originalSize;
    if (this.total > this.caps.maxTotalBytes) return appError('package.unpackedTooLarge', { limitMb: mb(this.caps.maxTotalBytes) });
    if (entry.originalSize > 1024 && entry.originalSize / Math.max(1, entry.compressedSize) > this.caps.maxRatio) {
      return appError('package.compressionRatio', { path: entry.path });
    }
    return 'inflate';
  }
}

function shownPath(path: string): string {
  // eslint-disable-next-line no-control-regex -- never put raw control characters on screen
  const clean = path.replace(/[\u0000-\u001f\u007f]/g, '?');
  return clean.length > 80 ? `${clean.slice(0, 80)}…` : clean;
}
