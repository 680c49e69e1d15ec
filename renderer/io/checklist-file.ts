// Checklist files in and out of the app: JSON (the format itself), the Excel authoring template and the
// signed package from head office. Reading checks everything before anything is stored; a failure is
// one AppError (unreadable file, refused package) or the list of problems to show row by row.
import { checklistFingerprint } from '../core/checklist/fingerprint';
import { parseChecklistText } from '../core/checklist/parse';
import type { ChecklistProblem } from '../core/checklist/problems';
import type { Checklist } from '../core/checklist/schema';
import { checklistFromSheets, checklistToSheets, type SheetProblem } from '../core/checklist/sheets';
import {
  buildChecklistPackage,
  CHECKLIST_PACKAGE_CAPS,
  CHECKLIST_PACKAGE_EXTENSION,
  openChecklistPackage,
  type ChecklistPackageInput,
  type OpenedChecklistPackage,
} from '../core/checklist/package';
import type { SignatureVerifier } from '../core/package/signed';
import type { Sha256 } from '../core/hash';
import { appError, err, ok, type AppError, type Result } from '../core/result';
import { utf8Encode } from '../core/utf8';
import { decodeText } from './text';
import { readWorkbookRows, writeWorkbook } from './workbook';
import { unzipWithCaps, zipEntries } from './zip';

export type ChecklistFileKind = 'json' | 'xlsx' | 'package';

export const CHECKLIST_FILE_EXTENSIONS = ['json', 'xlsx', CHECKLIST_PACKAGE_EXTENSION] as const;

export type ReadChecklist = {
  kind: ChecklistFileKind;
  checklist: Checklist;
  sha256: string;
  /** Only for a signed package: who signed it, as verified. */
  package?: OpenedChecklistPackage;
};

export type ChecklistReadFailure =
  | { kind: 'error'; error: AppError }
  | { kind: 'json'; problems: ChecklistProblem[] }
  | { kind: 'xlsx'; problems: SheetProblem[] };

export type ChecklistCrypto = { sha256: Sha256; verify: SignatureVerifier };

export function checklistFileKind(name: string): ChecklistFileKind | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.xlsx')) return 'xlsx';
  if (lower.endsWith(`.${CHECKLIST_PACKAGE_EXTENSION}`)) return 'package';
  return null;
}

/** Never throws: every outcome is a checklist ready to store, or the reason it is not. */
export async function readChecklistFile(name: string, bytes: Uint8Array, crypto: ChecklistCrypto): Promise<Result<ReadChecklist, ChecklistReadFailure>> {
  const kind = checklistFileKind(name);
  try {
    if (kind === 'json') {
      const parsed = parseChecklistText(decodeText(bytes));
      if (!parsed.ok) return err({ kind: 'json', problems: parsed.error });
      return ok({ kind, checklist: parsed.value, sha256: await checklistFingerprint(parsed.value, crypto.sha256) });
    }
    if (kind === 'xlsx') {
      const book = await readWorkbookRows(bytes);
      if (!book.ok) return err({ kind: 'error', error: book.error });
      const parsed = checklistFromSheets(book.value.sheets);
      if (!parsed.ok) return err({ kind: 'xlsx', problems: parsed.error });
      return ok({ kind, checklist: parsed.value, sha256: await checklistFingerprint(parsed.value, crypto.sha256) });
    }
    if (kind === 'package') {
      const entries = unzipWithCaps(bytes, CHECKLIST_PACKAGE_CAPS);
      if (!entries.ok) return err({ kind: 'error', error: entries.error });
      const opened = await openChecklistPackage(entries.value, crypto);
      if (!opened.ok) return err({ kind: 'error', error: opened.error });
      return ok({ kind, checklist: opened.value.checklist, sha256: opened.value.sha256, package: opened.value });
    }
    return err({ kind: 'error', error: appError('library.unsupportedFile', { name }) });
  } catch (e) {
    // Every reader above returns its failures; this only catches a bug, which must not crash the page.
    return err({ kind: 'error', error: appError('library.readFailed', { name }, e instanceof Error ? e.message : String(e)) });
  }
}

/** Pretty-printed, in the schema's field order: the file an author edits. */
export function checklistToJsonBytes(c: Checklist): Uint8Array {
  return utf8Encode(`${JSON.stringify(c, null, 2)}\n`);
}

export function checklistToXlsx(c: Checklist): Promise<Uint8Array> {
  return writeWorkbook(checklistToSheets(c));
}

export async function checklistToPackage(input: ChecklistPackageInput): Promise<Result<Uint8Array>> {
  const built = await buildChecklistPackage(input);
  return built.ok ? ok(zipEntries(built.value)) : built;
}
