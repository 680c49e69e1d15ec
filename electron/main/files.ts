// Files on behalf of the renderer: open and save dialogs, reading picked files within a size cap, and
// atomic writes (temp file in the same folder + fsync + rename + folder fsync), so a crash or a full
// disk never leaves a half-written ledger where a good one was. Bytes only: no ledger rules here.
import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import type { BrowserWindow, Dialog, OpenDialogOptions, SaveDialogOptions, Shell } from 'electron';
import type { AppError, Result } from '../../renderer/core/result';
import { appError, err, ok } from '../../renderer/core/result';
import { ERROR_CODES } from '../ipc/error-codes';

const MB = 1024 * 1024;
export const OPEN_LIMIT_BYTES = 200 * MB;
export const SAVE_LIMIT_BYTES = 1024 * MB;

/** The slice of a file handle this module uses; node:fs/promises' FileHandle satisfies it. */
export type FileHandleLike = {
  writeFile(data: Uint8Array): Promise<void>;
  readFile(): Promise<Uint8Array>;
  stat(): Promise<{ size: number; isFile(): boolean }>;
  sync(): Promise<void>;
  close(): Promise<void>;
};

/** The slice of node:fs/promises this module uses, injectable so tests can simulate ENOSPC. */
export type FileSystem = {
  open(path: string, flags: string): Promise<FileHandleLike>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
};

export const nodeFileSystem: FileSystem = nodeFs;

export type FileFilter = { name: string; extensions: string[] };
export type PickedFile = { name: string; bytes: Uint8Array };
export type SaveOutcome = { saved: true; path: string } | { saved: false };

const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

const describe = (error: unknown): string => {
  const code = errorCode(error);
  const message = error instanceof Error ? error.message : String(error);
  return code !== undefined && !message.startsWith(code) ? `${code}: ${message}` : message;
};

const writeError = (name: string, error: unknown): AppError => {
  const code = errorCode(error);
  const full = code === 'ENOSPC' || code === 'EDQUOT';
  return appError(full ? ERROR_CODES.fileDiskFull : ERROR_CODES.fileWriteFailed, { name }, describe(error));
};

const limitMb = (bytes: number): number => Math.round(bytes / MB);

/** fsync of the folder makes the rename itself durable; Windows cannot open a folder as a file. */
const syncDirectory = async (directory: string, fs: FileSystem, platform: NodeJS.Platform): Promise<void> => {
  if (platform === 'win32') return;
  const handle = await fs.open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
};

export type AtomicWriteOptions = { fs?: FileSystem; platform?: NodeJS.Platform };

/**
 * Replaces `target` with `bytes` so that, whatever happens, the target holds either its old content
 * or the new content, and no temp file is left behind on failure.
 */
export const writeFileAtomic = async (
  target: string,
  bytes: Uint8Array,
  { fs = nodeFileSystem, platform = process.platform }: AtomicWriteOptions = {},
): Promise<Result<void>> => {
  const name = basename(target);
  const directory = dirname(target);
  // Same folder as the target, so rename never crosses file systems; the random part avoids clashes.
  const temp = join(directory, `.${name.slice(0, 100)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandleLike | undefined;
  try {
    handle = await fs.open(temp, 'wx');
    await handle.writeFile(bytes);
    await handle.sync();
    const closing = handle;
    handle = undefined;
    await closing.close();
    await fs.rename(temp, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await fs.rm(temp, { force: true }).catch(() => undefined);
    return err(writeError(name, error));
  }
  try {
    await syncDirectory(directory, fs, platform);
  } catch (error) {
    // The new content is in place; only its durability across a power cut is in doubt. Say so.
    return err(writeError(name, error));
  }
  return ok(undefined);
};

/** Copies into an exactly-sized buffer when Node handed back a view into its shared pool. */
const ownBytes = (data: Uint8Array): Uint8Array =>
  data.byteOffset === 0 && data.byteLength === data.buffer.byteLength
    ? new Uint8Array(data.buffer, 0, data.byteLength)
    : new Uint8Array(data);

/** Reads one file the user picked, refusing anything over `limit` bytes before reading it. */
export const readFileCapped = async (
  path: string,
  limit: number,
  fs: FileSystem = nodeFileSystem,
): Promise<Result<PickedFile>> => {
  const name = basename(path);
  const tooLarge = () => err(appError(ERROR_CODES.fileTooLarge, { name, limitMb: limitMb(limit) }));
  let handle: FileHandleLike | undefined;
  try {
    handle = await fs.open(path, 'r');
    const stats = await handle.stat();
    if (!stats.isFile()) return err(appError(ERROR_CODES.fileReadFailed, { name }, 'not a regular file'));
    if (stats.size > limit) return tooLarge();
    const data = await handle.readFile();
    // The file may have grown between stat and read.
    if (data.byteLength > limit) return tooLarge();
    return ok({ name, bytes: ownBytes(data) });
  } catch (error) {
    return err(appError(ERROR_CODES.fileReadFailed, { name }, describe(error)));
  } finally {
    await handle?.close().catch(() => undefined);
  }
};

/** The paths this app wrote in this session: the only ones `file:reveal` may show. */
export type WrittenPaths = { add(path: string): void; has(path: string): boolean };

export const createWrittenPaths = (platform: NodeJS.Platform = process.platform): WrittenPaths => {
  // Windows and (by default) macOS file systems are case-insensitive.
  const key = (path: string) => (platform === 'linux' ? resolve(path) : resolve(path).toLowerCase());
  const paths = new Set<string>();
  return {
    add: (path) => void paths.add(key(path)),
    has: (path) => paths.has(key(path)),
  };
};

/** A name the save dialog can offer: no folders, no characters Windows forbids. */
const FORBIDDEN_IN_NAMES = new Set('\\/:*?"<>|');
const isForbiddenInName = (char: string): boolean => {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f || FORBIDDEN_IN_NAMES.has(char);
};

export const safeFileName = (suggested: string): string => {
  const cleaned = [...suggested]
    .map((char) => (isForbiddenInName(char) ? '_' : char))
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned === '' || /^\.+$/.test(cleaned) ? 'untitled' : cleaned;
};

export type DialogDeps = {
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>;
  /** The dialogs' parent; null shows them unparented. */
  getWindow: () => BrowserWindow | null;
  /** Where the save dialog starts (the user's Documents folder). */
  defaultDirectory: string;
  written: WrittenPaths;
  fs?: FileSystem;
  platform?: NodeJS.Platform;
};

const showOpen = (deps: DialogDeps, options: OpenDialogOptions) => {
  const window = deps.getWindow();
  return window ? deps.dialog.showOpenDialog(window, options) : deps.dialog.showOpenDialog(options);
};

const showSave = (deps: DialogDeps, options: SaveDialogOptions) => {
  const window = deps.getWindow();
  return window ? deps.dialog.showSaveDialog(window, options) : deps.dialog.showSaveDialog(options);
};

/** Lets the user pick files and reads them; [] when cancelled, the first failure otherwise. */
export const openFilesWithDialog = async (
  deps: DialogDeps,
  request: { filters: FileFilter[]; multiple: boolean },
): Promise<Result<{ files: PickedFile[] }>> => {
  const picked = await showOpen(deps, {
    filters: request.filters,
    properties: request.multiple ? ['openFile', 'multiSelections'] : ['openFile'],
  });
  if (picked.canceled) return ok({ files: [] });
  const files: PickedFile[] = [];
  for (const path of picked.filePaths) {
    const read = await readFileCapped(path, OPEN_LIMIT_BYTES, deps.fs);
    if (!read.ok) return read;
    files.push(read.value);
  }
  return ok({ files });
};

/** Asks where to save, then writes atomically; the path is remembered for `file:reveal`. */
export const saveWithDialog = async (
  deps: DialogDeps,
  request: { suggestedName: string; bytes: Uint8Array; filters: FileFilter[] },
): Promise<Result<SaveOutcome>> => {
  if (request.bytes.byteLength > SAVE_LIMIT_BYTES) {
    return err(appError(ERROR_CODES.fileTooLarge, { name: request.suggestedName, limitMb: limitMb(SAVE_LIMIT_BYTES) }));
  }
  const chosen = await showSave(deps, {
    defaultPath: join(deps.defaultDirectory, safeFileName(request.suggestedName)),
    filters: request.filters,
    properties: ['createDirectory', 'showOverwriteConfirmation'],
  });
  if (chosen.canceled || chosen.filePath === undefined || chosen.filePath === '') return ok({ saved: false });
  const path = chosen.filePath;
  const written = await writeFileAtomic(path, request.bytes, {
    ...(deps.fs ? { fs: deps.fs } : {}),
    ...(deps.platform ? { platform: deps.platform } : {}),
  });
  if (!written.ok) return written;
  deps.written.add(path);
  return ok({ saved: true, path });
};

/** Shows a file in the system file manager, but only one this app wrote in this session. */
export const revealWrittenFile = (
  deps: { shell: Pick<Shell, 'showItemInFolder'>; written: WrittenPaths },
  path: string,
): Result<null> => {
  if (!deps.written.has(path)) return err(appError(ERROR_CODES.fileRevealRefused, undefined, `not written by this app: ${path}`));
  deps.shell.showItemInFolder(path);
  return ok(null);
};
