// The worker side of LEDGER_WORKBOOK_JOB, apart from the worker entry so tests can serve it over a
// MessageChannel. The bytes are collected in the worker and handed to the UI as a transferred buffer.
import { ledgerWorkbookBytes } from '../io/ledger-workbook';
import { LEDGER_WORKBOOK_JOB } from './jobs';
import { handle } from './serve-jobs';
import { drainArray, streamItems } from './streams';

export const ledgerWorkbookHandler = handle(LEDGER_WORKBOOK_JOB, async ({ rows, total: declared, options }, { signal, progress }) => {
  const total = Array.isArray(rows) ? rows.length : declared;
  const report = (done: number, phase: string): void => progress(total === undefined ? { done, phase } : { done, total, phase });
  report(0, 'rows');
  return ledgerWorkbookBytes(Array.isArray(rows) ? drainArray(rows) : streamItems(rows), { ...options, signal, onProgress: report });
});
