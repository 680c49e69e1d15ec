// The jobs our workers run, with their input and output types: imported by the UI (to start them) and by
// the workers (to serve them), and by nothing heavier, so the UI bundle does not pull in worker code.
import type { LedgerSheetRow, LedgerWorkbookOptions } from '../io/ledger-workbook';
import type { LedgerExportRow, SyncedRevRow } from '../db/types';
import type { LedgerExportRequest } from '../db/repos/ledger-export';
import type { ImportDecisions, PackageReport } from '../db/repos/ledger-import';
import type { AppError } from '../core/result';
import type { SheetImportOutcome } from '../db/repos/ledger-sheet-import';
import type { ReadLedgerPackage } from '../io/ledger-package';
import { defineJob } from './protocol';

export type LedgerWorkbookInput = {
  /**
   * The rows, in sheet order. An array is copied into the worker in one piece, which for 100,000 rows
   * costs several hundred MB for a moment; a stream of chunks (transfer it, see `chunkedStream`) keeps
   * only a few chunks in flight.
   */
  rows: LedgerSheetRow[] | ReadableStream<LedgerSheetRow[]>;
  /** How many rows the stream will deliver, for the progress bar; an array's length is used otherwise. */
  total?: number;
  options: Omit<LedgerWorkbookOptions, 'onProgress' | 'signal'>;
};

/** The 整改台账 .xlsx for the given rows; progress phases 'rows' then 'finishing'. */
export const LEDGER_WORKBOOK_JOB = defineJob<LedgerWorkbookInput, Uint8Array<ArrayBuffer>>('ledger.workbook');

export type LedgerPackageJobInput = {
  request: LedgerExportRequest;
  includeAttachments: boolean;
  /** null: not protected. */
  password: string | null;
  /** The day overdue is judged at in the Excel view ('YYYY-MM-DD'). */
  asOf: string;
  generator: string;
};

export type LedgerPackageJobOutput = {
  bytes: Uint8Array<ArrayBuffer>;
  fileName: string;
  /** The log row to record once the file is saved (path filled in then). */
  row: Omit<LedgerExportRow, 'path'>;
  /** The revs sent of this device's records, recorded with the row. */
  synced: SyncedRevRow[];
};

/** A signed ledger package (issue 5): phases 'reading', 'workbook', 'attachments', 'signing', 'checking'. */
export const LEDGER_PACKAGE_JOB = defineJob<LedgerPackageJobInput, LedgerPackageJobOutput>('ledger.package');

export type LedgerExcelJobInput = { asOf: string; title: string };
export type LedgerExcelJobOutput = { bytes: Uint8Array<ArrayBuffer>; rows: number };

/** The 整改台账 .xlsx of every live finding in the database, read by the worker itself. */
export const LEDGER_EXCEL_JOB = defineJob<LedgerExcelJobInput, LedgerExcelJobOutput>('ledger.excel');

export type BackupJobInput = { password: string | null; generator: string };
export type BackupJobOutput = { bytes: Uint8Array<ArrayBuffer>; fileName: string; createdAt: string; counts: Record<string, number> };

/** The whole database as one backup file: phases 'reading', 'attachments', 'writing'. */
export const BACKUP_JOB = defineJob<BackupJobInput, BackupJobOutput>('backup.create');

export type RestoreJobInput = { bytes: Uint8Array<ArrayBuffer>; password: string | null; replace: boolean; dryRun: boolean };
export type RestoreJobOutput = {
  createdAt: string;
  createdBy: string;
  orgUnitCode: string;
  counts: Record<string, number>;
  /** Set when the restore was carried out (not on a dry run). */
  outcome: { newKey: boolean; fingerprint: string; previousFingerprint: string } | null;
  /** The database holds data a restore would replace. */
  hasLocalData: boolean;
};

/** Checks a backup file (dryRun) or restores it: phases 'reading', 'checking', 'writing'. */
export const RESTORE_JOB = defineJob<RestoreJobInput, RestoreJobOutput>('backup.restore');

/**
 * A picked file: its bytes (transferred in; the UI keeps its own copy), or — confirming on the worker that
 * previewed it, with the same password — the SHA-256 of the bytes that preview opened (its `fileSha256`),
 * so the bytes are not copied and sent again. The worker refuses a reference to bytes it does not hold
 * (import.changed: preview again).
 */
export type LedgerImportFile = { name: string; bytes: Uint8Array<ArrayBuffer> } | { name: string; previewed: string };

export type LedgerImportJobInput = {
  files: LedgerImportFile[];
  /** For password-protected packages (one password for the batch); null: none given. */
  password: string | null;
  /** null: preview only (nothing is written); otherwise the user's decisions per package sha256. */
  decisions: ImportDecisions | null;
  actor: string;
};

export type LedgerImportJobOutput = {
  /**
   * A confirmation's reports leave the per-unit rows out (byUnit empty, unitNames {}): the preview showed
   * them, and at national scale they were most of the reply the page decodes in the task that shows the
   * result (2,500 units' counts, about 40 ms).
   */
  reports: PackageReport[];
  /** Files that could not be opened or verified, each with its reason. */
  unreadable: { fileName: string; error: AppError }[];
  /** The SHA-256 of each given file's bytes, in the order given: what a confirmation may refer to. */
  fileSha256: string[];
};

/** Head office's import of ledger packages (or a branch's of a return package): phases 'reading', 'merging', 'writing'. */
export const LEDGER_IMPORT_JOB = defineJob<LedgerImportJobInput, LedgerImportJobOutput>('ledger.import');
export type LedgerSheetImportInput = {
  /** The .xlsx file as picked (copied, not transferred: a confirmed import sends it again). */
  bytes: Uint8Array;
  /** false: check and preview only; true: write, if no row has a problem. */
  commit: boolean;
};

/** An edited 整改台账 workbook applied to the findings (issue 6 item 8): phases 'reading', 'checking', 'writing'. */
export const LEDGER_SHEET_IMPORT_JOB = defineJob<LedgerSheetImportInput, SheetImportOutcome>('ledger.sheetImport');

export type RegisterExportInput = {
  /** The findings to export, in the order the register shows them. */
  ids: string[];
  /** The day overdue is judged at ('YYYY-MM-DD'). */
  asOf: string;
  title: string;
};
export type RegisterExportOutput = { bytes: Uint8Array<ArrayBuffer>; rows: number };

/** The register's filtered rows as a 整改台账 workbook (issue 6 item 9): phases 'reading', 'workbook'. */
export const REGISTER_EXCEL_JOB = defineJob<RegisterExportInput, RegisterExportOutput>('register.excel');

/** The 汇总表 of the same rows: phases 'reading', 'workbook'. */
export const REGISTER_SUMMARY_JOB = defineJob<RegisterExportInput, RegisterExportOutput>('register.summary');

export type LedgerOpenJobInput = { bytes: Uint8Array<ArrayBuffer>; password: string | null };

/**
 * One ledger package file opened and verified by a helper of the import worker (package-opening.ts):
 * the same result as readLedgerPackage on the import worker itself.
 */
export const LEDGER_OPEN_JOB = defineJob<LedgerOpenJobInput, ReadLedgerPackage>('ledger.open');
