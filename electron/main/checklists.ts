// Reads the checklists shipped with the app (electron-builder extraResources → resources/checklists;
// <repo>/checklists in development) as raw text. Parsing and validation belong to renderer/core.
import * as nodeFs from 'node:fs/promises';
import { join } from 'node:path';
import type { AppError, Result } from '../../renderer/core/result';
import { appError, err, ok } from '../../renderer/core/result';
import { ERROR_CODES } from '../ipc/error-codes';

export const CHECKLIST_LIMIT_BYTES = 5 * 1024 * 1024;
/** The generated JSON Schema sits beside the checklists but is not one. */
export const SCHEMA_FILE_NAME = 'checklist.schema.json';

export type ChecklistFs = {
  readdir(path: string, options: { withFileTypes: true }): Promise<{ name: string; isFile(): boolean }[]>;
  stat(path: string): Promise<{ size: number }>;
  readFile(path: string): Promise<Uint8Array>;
};

export const nodeChecklistFs: ChecklistFs = nodeFs;

export type BundledChecklists = {
  files: { fileName: string; text: string }[];
  failed: { fileName: string; error: AppError }[];
};

export const resolveChecklistsDir = (where: { isPackaged: boolean; resourcesPath: string; appPath: string }): string =>
  join(where.isPackaged ? where.resourcesPath : where.appPath, 'checklists');

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const readOne = async (fs: ChecklistFs, directory: string, fileName: string): Promise<Result<string>> => {
  const path = join(directory, fileName);
  try {
    const { size } = await fs.stat(path);
    if (size > CHECKLIST_LIMIT_BYTES) {
      return err(appError(ERROR_CODES.fileTooLarge, { name: fileName, limitMb: CHECKLIST_LIMIT_BYTES / (1024 * 1024) }));
    }
    // fatal: a file in another encoding (GBK from an old editor) is reported, not turned into mojibake.
    return ok(new TextDecoder('utf-8', { fatal: true }).decode(await fs.readFile(path)));
  } catch (error) {
    return err(appError(ERROR_CODES.checklistsReadFailed, { name: fileName }, describe(error)));
  }
};

/** Every `*.json` checklist in the folder, sorted by file name; one bad file does not hide the rest. */
export const readBundledChecklists = async (
  directory: string,
  fs: ChecklistFs = nodeChecklistFs,
): Promise<Result<BundledChecklists>> => {
  let entries: { name: string; isFile(): boolean }[];
  try {
    entries = await fs.readdir(directory, { withFileTypes: true });
  } catch (error) {
    return err(appError(ERROR_CODES.checklistsFolderMissing, undefined, `${directory}: ${describe(error)}`));
  }
  const names = entries
    .filter((entry) => entry.isFile() && entry.name.toLowerCase().endsWith('.json') && entry.name !== SCHEMA_FILE_NAME)
    .map((entry) => entry.name)
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const result: BundledChecklists = { files: [], failed: [] };
  for (const fileName of names) {
    const read = await readOne(fs, directory, fileName);
    if (read.ok) result.files.push({ fileName, text: read.value });
    else result.failed.push({ fileName, error: read.error });
  }
  return ok(result);
};
