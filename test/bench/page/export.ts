// The bench page's Excel measurement (issue 7): the consolidated 整改台账 of every live finding in the
// app's database, made by LEDGER_EXCEL_JOB's own handler (the job 台账报送 runs in its worker: paged reads,
// toSheetRow, the styled streaming writer, the summary sheet) on this page's thread, where the runner
// can sample the heap; against ExcelTS's WorkbookWriter fed the very same cell values directly (read and
// mapped beforehand, untimed), with the same writer options and no styles, summary or validation.
import { WorkbookWriter, type CellValue } from '@cj-tech-master/excelts';
import { createDb } from '../../../renderer/db/db';
import { pagedFindings } from '../../../renderer/db/repos/ledger-export';
import { toSheetRow } from '../../../renderer/core/ledger/sheet-rows';
import { collectingSink, LEDGER_COLUMNS, ledgerWorkbookBytes } from '../../../renderer/io/ledger-workbook';
import type { LedgerSheetRow } from '../../../renderer/core/ledger/sheet-rows';
import { LEDGER_UTC_OFFSET_MINUTES } from '../../../renderer/core/ledger/sheet-rows';
import { ledgerExportHandlers, readSheetContext } from '../../../renderer/workers/ledger-export-handler';
import { LEDGER_EXCEL_JOB } from '../../../renderer/workers/jobs';
import { runJob } from '../../../renderer/workers/run-job';
import { createLedgerExportWorker } from '../../../renderer/workers/workers';
import type { BenchApi } from './api';

const AS_OF = '2026-06-30';
const TITLE = '示例银行 整改台账';
// As the app's writer: let queued tasks (here the runner's heap sampling) in every 30 ms, the same way
// (a message round trip; setTimeout would add its 4 ms clamp to the baseline only).
const SLICE_MS = 30;

const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

export const exportWorkbook: BenchApi['exportWorkbook'] = async () => {
  const db = createDb();
  try {
    const handler = ledgerExportHandlers(() => ({ db, release: () => undefined })).find((h) => h.kind === LEDGER_EXCEL_JOB.kind);
    if (!handler) throw new Error('no handler for the Excel job');
    const start = performance.now();
    const result = await handler.run({ asOf: AS_OF, title: TITLE }, { signal: new AbortController().signal, progress: () => undefined });
    const ms = performance.now() - start;
    if (!result.ok) throw new Error(result.error.code);
    const { bytes, rows } = result.value as { bytes: Uint8Array; rows: number };
    return { ms, rows, bytes: bytes.byteLength };
  } finally {
    db.close();
  }
};

export const exportBaseline: BenchApi['exportBaseline'] = async () => {
  const db = createDb();
  const values: CellValue[][] = [];
  const prepareStart = performance.now();
  try {
    const context = await readSheetContext(db, AS_OF);
    for await (const f of pagedFindings(db)) {
      if (f.deletedAt !== null) continue;
      const row = toSheetRow(f, context);
      values.push(LEDGER_COLUMNS.map((c) => c.value(row, values.length + 1, LEDGER_UTC_OFFSET_MINUTES)));
    }
  } finally {
    db.close();
  }
  const prepareMs = performance.now() - prepareStart;
  const start = performance.now();
  const { sink, bytes } = collectingSink();
  const book = new WorkbookWriter({ stream: sink, useStyles: true, useSharedStrings: false });
  const sheet = book.addWorksheet('整改台账');
  sheet.addRow(LEDGER_COLUMNS.map((c) => c.header)).commit();
  let slice = performance.now();
  for (const v of values) {
    sheet.addRow(v).commit();
    if (performance.now() - slice >= SLICE_MS) {
      await nextTask();
      slice = performance.now();
    }
  }
  sheet.commit();
  await book.commit();
  const out = bytes();
  return { ms: performance.now() - start, rows: values.length, bytes: out.byteLength, prepareMs };
};

/**
 * The app's styled writer (writeLedgerWorkbook: styles, validation, the 汇总 sheet) fed the mapped rows
 * directly, read beforehand and untimed: what the export costs without reading the database.
 */
export const exportStyledWriter: BenchApi['exportStyledWriter'] = async () => {
  const db = createDb();
  const rows: LedgerSheetRow[] = [];
  try {
    const context = await readSheetContext(db, AS_OF);
    for await (const f of pagedFindings(db)) if (f.deletedAt === null) rows.push(toSheetRow(f, context));
  } finally {
    db.close();
  }
  const start = performance.now();
  const result = await ledgerWorkbookBytes(rows, { asOf: AS_OF, title: TITLE });
  const ms = performance.now() - start;
  if (!result.ok) throw new Error(result.error.code);
  return { ms, rows: rows.length, bytes: result.value.byteLength };
};

/** The same job through its worker, as the page 台账报送 runs it: the result crosses back as a transferred buffer. */
export const exportInWorker: BenchApi['exportInWorker'] = async () => {
  const worker = createLedgerExportWorker();
  try {
    const start = performance.now();
    const result = await runJob(worker, { job: LEDGER_EXCEL_JOB, input: { asOf: AS_OF, title: TITLE } });
    if (!result.ok) throw new Error(result.error.code);
    return { ms: performance.now() - start, rows: result.value.rows, bytes: result.value.bytes.byteLength };
  } finally {
    worker.terminate();
  }
};
