// The jobs our workers run, with their input and output types: imported by the UI (to start them) and by
// the workers (to serve them), and by nothing heavier, so the UI bundle does not pull in worker code.
import type { LedgerSheetRow, LedgerWorkbookOptions } from '../io/ledger-workbook';
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
