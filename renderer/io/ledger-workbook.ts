// The 整改台账 workbook (issue 5): one row per finding on sheet 整改台账, counts on sheet 汇总. Written with
// ExcelTS's streaming WorkbookWriter so memory stays flat however many rows there are: each row is turned
// into XML, deflated and handed to the sink as it arrives; only the summary counters are kept. Edited
// copies are read back the same way, row by row (readLedgerWorkbook, issue 6 item 8).
// Rows are already display values (labels, calendar dates): mapping findings to rows, and deciding
// which are overdue (core/finding/overdue), belongs to the ledger export, not to this writer.
import { ValueType, WorkbookWriter, dateToExcel, xmlEncode } from '@cj-tech-master/excelts';
import type { CellValue, Style, WorksheetWriter } from '@cj-tech-master/excelts';
import { appError, err, ok } from '../core/result';
import { byCountThenName } from '../core/ledger/summary';
import { createLedgerSheetParser, type ParsedLedgerSheets } from '../core/ledger/sheet-import';
import { columnLetter } from '../core/workbook-spec';
import { streamWorkbookRows } from './workbook';
import { nextTask } from './next-task';
import type { Result } from '../core/result';
import { SEVERITIES, type Severity } from '../core/checklist/schema';
import type { FindingStatus } from '../core/finding/model';
import { LEDGER_HEADERS as H, LEDGER_SHEET_NAME, LEDGER_STATUS_LABELS, LEDGER_UTC_OFFSET_MINUTES, type LedgerSheetRow } from '../core/ledger/sheet-rows';

// The sheet's severities and states are the domain's own: one list, so a new state cannot miss the sheet.
export const LEDGER_SEVERITIES = SEVERITIES;
export type LedgerSeverity = Severity;

export type LedgerStatus = FindingStatus;

export { LEDGER_SHEET_NAME, LEDGER_STATUS_LABELS };
export type { LedgerSheetRow };

// Cell values: text stays text (a leading = is never a formula), dates are real dates.

// Excel refuses to show more than this in one cell (and WPS truncates silently).
const EXCEL_MAX_CELL_CHARS = 32_767;

const STATUS_CHOICES = Object.values(LEDGER_STATUS_LABELS);
// Rows may come from another thread, where the type is a promise, not a check: an unknown state is shown as it is.
const statusLabel = (status: LedgerStatus): string => LEDGER_STATUS_LABELS[status] ?? String(status);

const text = (value: string): string | null => {
  if (value === '') return null;
  return value.length > EXCEL_MAX_CELL_CHARS ? `${value.slice(0, EXCEL_MAX_CELL_CHARS - 1)}…` : value;
};

const yesNo = (flag: boolean): string => (flag ? '是' : '否');

const CALENDAR_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

// Few distinct days occur in a ledger (deadlines cluster), so each is checked once.
const dayCache = new Map<string, number | null>();

// Excel stores wall-clock values with no zone; ExcelTS writes a Date's UTC digits, so a day is midnight UTC.
function calendarDate(value: string | null): Date | string | null {
  if (value === null || value === '') return null;
  let ms = dayCache.get(value);
  if (ms === undefined) {
    const m = CALENDAR_DATE.exec(value);
    ms = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
    // A day that does not exist (2026-02-30) is shown as typed rather than silently moved.
    if (ms !== null && new Date(ms).toISOString().slice(0, 10) !== value) ms = null;
    if (dayCache.size >= 10_000) dayCache.clear();
    dayCache.set(value, ms);
  }
  return ms === null ? value : new Date(ms);
}

function wallClock(instant: string, offsetMinutes: number): Date | string | null {
  if (instant === '') return null;
  const ms = Date.parse(instant);
  if (Number.isNaN(ms)) return instant;
  // Whole seconds: Excel's serial numbers cannot hold milliseconds exactly, and nobody reads them.
  return new Date(Math.floor(ms / 1000) * 1000 + offsetMinutes * 60_000);
}

type ColumnKind = 'seq' | 'text' | 'code' | 'long' | 'date' | 'dateTime' | 'count' | 'money' | 'yesNo' | 'severity' | 'status';

type LedgerColumn = {
  header: string;
  /** In characters, as Excel measures widths. */
  width: number;
  kind: ColumnKind;
  hidden?: boolean;
  /** The cell for a row: its position (序号) and the offset for wall-clock times are the writer's. */
  value: (row: LedgerSheetRow, seq: number, utcOffsetMinutes: number) => CellValue;
};


/** The sheet's columns, in order (issue 5); their headers are core's (LEDGER_HEADERS), which the import reads by. */
export const LEDGER_COLUMNS: readonly LedgerColumn[] = [
  { header: H.seq, width: 6, kind: 'seq', value: (_, seq) => seq },
  { header: H.ledgerNo, width: 20, kind: 'code', value: (r) => text(r.ledgerNo) },
  { header: H.orgUnitName, width: 22, kind: 'text', value: (r) => text(r.orgUnitName) },
  { header: H.orgUnitCode, width: 12, kind: 'code', value: (r) => text(r.orgUnitCode) },
  { header: H.inspectionKind, width: 10, kind: 'text', value: (r) => text(r.inspectionKind) },
  { header: H.checklist, width: 28, kind: 'text', value: (r) => text(r.checklist) },
  { header: H.itemCode, width: 12, kind: 'code', value: (r) => text(r.itemCode) },
  { header: H.category, width: 14, kind: 'text', value: (r) => text(r.category) },
  { header: H.description, width: 40, kind: 'long', value: (r) => text(r.description) },
  { header: H.basis, width: 32, kind: 'long', value: (r) => text(r.basis) },
  { header: H.severity, width: 9, kind: 'severity', value: (r) => r.severity },
  { header: H.repeat, width: 8, kind: 'yesNo', value: (r) => yesNo(r.repeat) },
  { header: H.rootCause, width: 32, kind: 'long', value: (r) => text(r.rootCause) },
  { header: H.correction, width: 32, kind: 'long', value: (r) => text(r.correction) },
  { header: H.measures, width: 40, kind: 'long', value: (r) => text(r.measures) },
  { header: H.responsibleDept, width: 14, kind: 'text', value: (r) => text(r.responsibleDept) },
  { header: H.responsiblePerson, width: 10, kind: 'text', value: (r) => text(r.responsiblePerson) },
  { header: H.dueDate, width: 12, kind: 'date', value: (r) => calendarDate(r.dueDate) },
  { header: H.status, width: 14, kind: 'status', value: (r) => statusLabel(r.status) },
  { header: H.overdue, width: 8, kind: 'yesNo', value: (r) => yesNo(r.overdue) },
  { header: H.completedDate, width: 12, kind: 'date', value: (r) => calendarDate(r.completedDate) },
  { header: H.completionNote, width: 32, kind: 'long', value: (r) => text(r.completionNote) },
  { header: H.evidenceCount, width: 8, kind: 'count', value: (r) => r.evidenceCount },
  { header: H.verifier, width: 10, kind: 'text', value: (r) => text(r.verifier) },
  { header: H.verificationVerdict, width: 24, kind: 'long', value: (r) => text(r.verificationVerdict) },
  { header: H.customerRemedy, width: 14, kind: 'money', value: (r) => r.customerRemedy },
  { header: H.accountability, width: 24, kind: 'long', value: (r) => text(r.accountability) },
  { header: H.notes, width: 24, kind: 'long', value: (r) => text(r.notes) },
  { header: H.updatedAt, width: 18, kind: 'dateTime', value: (r, _, offset) => wallClock(r.updatedAt, offset) },
  { header: H.id, width: 38, kind: 'code', hidden: true, value: (r) => r.id },
];

export const SUMMARY_SHEET_NAME = '汇总';
/** What the summary calls a finding without a category. */
export const UNCATEGORISED = '（未分类）';

export type LedgerWorkbookOptions = {
  /** The summary sheet's heading; default 整改台账. */
  title?: string;
  /** The day the ledger describes ('YYYY-MM-DD'), shown on the summary sheet. */
  asOf: string;
  /**
   * When the workbook was made, as its document properties say; default now. With repackZip (io/zip.ts)
   * it makes the bytes a function of the rows alone, which the demo's reproducible packages need.
   */
  created?: Date;
  /** Wall-clock offset for 最后更新时间; default +480 (China Standard Time, no daylight saving). */
  utcOffsetMinutes?: number;
  /**
   * Called now and then (not for every row) with the rows written so far: phase 'rows' while they
   * stream, then once 'finishing' when all are in and the summary and the zip directory remain.
   */
  onProgress?: (done: number, phase: 'rows' | 'finishing') => void;
  signal?: AbortSignal;
  /** Rows per 整改台账 sheet before the next one starts; default (and at most) what Excel holds, 1,048,575. */
  maxRowsPerSheet?: number;
};

export type LedgerWorkbookSummary = { rows: number };

/**
 * The rows to write, in order: one at a time, or `{ pages }`, arrays of rows as a paged read gives them
 * (100,000 rows one at a time through async generators cost an await and a few promises each).
 */
export type LedgerRows = AsyncIterable<LedgerSheetRow> | Iterable<LedgerSheetRow> | { pages: AsyncIterable<readonly LedgerSheetRow[]> };

const EXCEL_MAX_ROW = 1_048_576;
// How long the writer may run before letting other tasks in: a cancel message, or the UI on the main thread.
const SLICE_MS = 30;
const PROGRESS_EVERY = 500;

const GREY: Partial<Style>['fill'] = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } };
const LIGHT_RED: Partial<Style>['fill'] = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE1E1' } };

const NUM_FMT: Partial<Record<ColumnKind, string>> = {
  seq: '0',
  code: '@',
  date: 'yyyy-mm-dd',
  dateTime: 'yyyy-mm-dd hh:mm:ss',
  count: '0',
  money: '#,##0.00',
};

function cellStyle(kind: ColumnKind, overdue: boolean): Partial<Style> {
  const fmt = NUM_FMT[kind];
  const centred = kind === 'seq' || kind === 'yesNo' || kind === 'severity' || kind === 'status' || kind === 'date' || kind === 'count';
  return {
    ...(fmt ? { numFmt: fmt } : {}),
    alignment: { vertical: 'top', ...(kind === 'long' ? { wrapText: true } : {}), ...(centred ? { horizontal: 'center' } : {}) },
    ...(overdue ? { fill: LIGHT_RED } : {}),
  };
}

// One shared style object per column and state: ExcelTS caches style ids by object identity, so reusing the
// same objects keeps styling out of the per-cell cost.
const NORMAL_STYLES = LEDGER_COLUMNS.map((c) => cellStyle(c.kind, false));
const OVERDUE_STYLES = LEDGER_COLUMNS.map((c) =>
  c.header === H.overdue ? { ...cellStyle(c.kind, true), font: { bold: true, color: { argb: 'FFC00000' } } } : cellStyle(c.kind, true),
);
const BLANK_STYLE: Partial<Style> = {};
const HEADER_STYLE: Partial<Style> = {
  font: { bold: true },
  fill: GREY,
  alignment: { vertical: 'middle', horizontal: 'center', wrapText: true },
};
const TITLE_STYLE: Partial<Style> = { font: { bold: true, size: 14 } };
const SECTION_STYLE: Partial<Style> = { font: { bold: true }, fill: GREY };
const COUNT_STYLE: Partial<Style> = { numFmt: '0' };
const LABEL_STYLE: Partial<Style> = {};


const LAST_COLUMN = columnLetter(LEDGER_COLUMNS.length);
/** Counts kept while rows stream past: the only per-workbook state besides the writer itself. */
class SummaryCounts {
  total = 0;
  overdue = 0;
  readonly byCategory = new Map<string, [number, number]>();
  readonly bySeverity = new Map<string, [number, number]>(LEDGER_SEVERITIES.map((s) => [s, [0, 0]]));
  readonly byStatus = new Map<string, [number, number]>(STATUS_CHOICES.map((s) => [s, [0, 0]]));

  add(row: LedgerSheetRow): void {
    this.total += 1;
    if (row.overdue) this.overdue += 1;
    bump(this.byCategory, row.category.trim() || UNCATEGORISED, row.overdue);
    bump(this.bySeverity, row.severity, row.overdue);
    bump(this.byStatus, statusLabel(row.status), row.overdue);
  }
}

function bump(counts: Map<string, [number, number]>, key: string, overdue: boolean): void {
  const entry = counts.get(key) ?? [0, 0];
  entry[0] += 1;
  if (overdue) entry[1] += 1;
  counts.set(key, entry);
}

/**
 * Writes the workbook to `sink` and closes it. On failure or cancellation the sink is aborted instead, so
 * whoever consumes it (a file writer, a zip entry) knows the bytes are incomplete.
 *
 * Rows beyond what one sheet holds continue on 整改台账 (2), (3)…
 *
 * Errors: job.cancelled (the signal fired);
 * ledgerWorkbook.writeFailed {detail: the cause} (the rows source threw, the sink failed, or ExcelTS did).
 */
export async function writeLedgerWorkbook(
  rows: LedgerRows,
  sink: WritableStream<Uint8Array>,
  options: LedgerWorkbookOptions,
  rowWriter: LedgerRowWriter = 'xml',
): Promise<Result<LedgerWorkbookSummary>> {
  const { signal, onProgress } = options;
  const offsetMinutes = options.utcOffsetMinutes ?? LEDGER_UTC_OFFSET_MINUTES;
  const out = sink.getWriter();
  const pump = new SinkPump(out);
  const fail = async (reason: unknown, cancelled: boolean): Promise<Result<LedgerWorkbookSummary>> => {
    await out.abort(reason).catch(() => undefined);
    return cancelled
      ? err(appError('job.cancelled'))
      : err(appError('ledgerWorkbook.writeFailed', undefined, describe(reason)));
  };
  if (signal?.aborted) return fail(signal.reason, true);

  const counts = new SummaryCounts();
  try {
    const book = new WorkbookWriter({
      stream: pump.stream,
      useStyles: true,
      // Inline strings: a shared-string table would hold every distinct text in memory until the end.
      useSharedStrings: false,
      creator: '消保自查',
      lastModifiedBy: '消保自查',
      ...(options.created ? { created: options.created, modified: options.created } : {}),
    });
    const perSheet = Math.max(1, Math.min(options.maxRowsPerSheet ?? EXCEL_MAX_ROW - 1, EXCEL_MAX_ROW - 1));
    const filters: { name: string; localSheetId: number; last: number }[] = [];
    let sheet = openLedgerSheet(book, LEDGER_SHEET_NAME);
    let inSheet = 0;
    const rowXml = rowWriter === 'xml' ? new LedgerRowXml(book) : null;

    let seq = 0;
    let sliceStart = Date.now();
    /** Writes one row; true when the slice is used up and other tasks should be let in. */
    const add = (row: LedgerSheetRow): boolean => {
      // A sheet holds at most 1,048,576 rows: the rest continue on 整改台账 (2), (3)…, 序号 running on.
      if (inSheet === perSheet) {
        closeLedgerSheet(sheet, inSheet);
        filters.push({ name: sheet.name, localSheetId: filters.length, last: 1 + inSheet });
        sheet = openLedgerSheet(book, `${LEDGER_SHEET_NAME} (${filters.length + 1})`);
        inSheet = 0;
      }
      seq += 1;
      inSheet += 1;
      counts.add(row);
      if (rowXml) rowXml.write(sheet, 1 + inSheet, row, seq, offsetMinutes);
      else writeRowCells(sheet, row, seq, offsetMinutes);
      if (seq % PROGRESS_EVERY !== 0) return false;
      onProgress?.(seq, 'rows');
      return Date.now() - sliceStart >= SLICE_MS;
    };
    const breathe = async (): Promise<void> => {
      await pump.ready();
      await nextTask();
      sliceStart = Date.now();
    };
    /** Why writing must stop before the next row (cancelled, or the sink failed), or null. */
    const stopped = (): Promise<Result<LedgerWorkbookSummary>> | null =>
      signal?.aborted ? fail(signal.reason, true) : pump.failure !== undefined ? fail(pump.failure, false) : null;
    // Pages are walked with a plain loop: one await per page, not one per row.
    if ('pages' in rows) {
      for await (const page of rows.pages) {
        for (const row of page) {
          const stop = stopped();
          if (stop) return await stop;
          if (add(row)) await breathe();
        }
      }
    } else {
      for await (const row of rows) {
        const stop = stopped();
        if (stop) return await stop;
        if (add(row)) await breathe();
      }
    }
    if (signal?.aborted) return await fail(signal.reason, true);

    closeLedgerSheet(sheet, inSheet);
    filters.push({ name: sheet.name, localSheetId: filters.length, last: 1 + inSheet });
    // Excel writes this hidden name beside every filter, and LibreOffice shows no filter buttons without it.
    // Given as an expression, not a range: ExcelTS would expand a range into one entry per cell.
    book.definedNames.model = filters.map((f) => ({ name: '_xlnm._FilterDatabase', ranges: [], localSheetId: f.localSheetId, hidden: true, formulaExpression: `'${f.name}'!$A$1:$${LAST_COLUMN}$${f.last}` }));
    onProgress?.(seq, 'finishing');

    writeSummary(book.addWorksheet(SUMMARY_SHEET_NAME), counts, options);
    await book.commit();
    if (pump.failure !== undefined) return await fail(pump.failure, false);
    await pump.closed();
    return ok({ rows: seq });
  } catch (error) {
    return fail(error, signal?.aborted === true);
  }
}

function openLedgerSheet(book: WorkbookWriter, name: string): WorksheetWriter {
  const sheet = book.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    // A4 landscape, the header row repeated on every printed page.
    pageSetup: { orientation: 'landscape', paperSize: 9, printTitlesRow: '1:1' },
  });
  sheet.columns = LEDGER_COLUMNS.map((c) => ({
    width: c.width,
    hidden: c.hidden ?? false,
    // The column's number format also applies to rows someone adds later in Excel.
    ...(NUM_FMT[c.kind] ? { style: { numFmt: NUM_FMT[c.kind] } } : {}),
  }));
  const header = sheet.addRow(LEDGER_COLUMNS.map((c) => c.header));
  header.height = 30;
  header.eachCell((cell) => {
    cell.style = HEADER_STYLE;
  });
  header.commit();
  return sheet;
}

function closeLedgerSheet(sheet: WorksheetWriter, rows: number): void {
  // The filter covers every column, the hidden ID too: sorting through the filter then moves IDs with their rows.
  sheet.autoFilter = `A1:${LAST_COLUMN}${1 + rows}`;
  addChoices(sheet, 'severity', LEDGER_SEVERITIES);
  addChoices(sheet, 'status', STATUS_CHOICES);
  sheet.commit();
}

// Every row shares one (empty) row style: ExcelTS gives each row a style object of its own, which costs a
// full style lookup per row when the row is written (the shared one is looked up once).
const ROW_STYLE: Partial<Style> = {};

/**
 * How the 整改台账 rows are made: 'xml' writes each row's XML straight into the sheet's stream (LedgerRowXml);
 * 'cells' goes through ExcelTS's row and cell objects. The two give the same bytes (tested, unzipped); 'cells'
 * is the reference that test checks 'xml' against, so a new ExcelTS that writes rows differently is caught.
 */
export type LedgerRowWriter = 'xml' | 'cells';

function writeRowCells(sheet: WorksheetWriter, row: LedgerSheetRow, seq: number, offsetMinutes: number): void {
  // Every cell of an overdue row is filled, the empty ones too. Elsewhere an empty cell is not written at
  // all: it is left undefined, so ExcelTS makes no cell for it (a null one would be made, styled and then
  // skipped when written), which keeps rows small to make, render and deflate.
  // Every cell gets one of the shared style objects: a cell left with its own style object costs a full
  // style lookup, the largest single cost in a profile of this loop.
  const styles = row.overdue ? OVERDUE_STYLES : NORMAL_STYLES;
  const values: (CellValue | undefined)[] = new Array<CellValue | undefined>(LEDGER_COLUMNS.length);
  for (let i = 0; i < LEDGER_COLUMNS.length; i++) {
    const value = LEDGER_COLUMNS[i]?.value(row, seq, offsetMinutes) ?? null;
    values[i] = value === null && !row.overdue ? undefined : value;
  }
  const line = sheet.addRow(values);
  line.style = ROW_STYLE;
  for (let i = 0; i < styles.length; i++) {
    if (values[i] !== undefined) line.getCell(i + 1).style = styles[i] ?? BLANK_STYLE;
  }
  line.commit();
}

const COLUMN_LETTERS = LEDGER_COLUMNS.map((_, i) => columnLetter(i + 1));

/**
 * Writes 整改台账 rows as XML straight into the sheet's stream, exactly as ExcelTS 10.2's row and cell
 * writers would render them (RowXform, CellXform): no Row, Cell or model objects, no XmlWriter, one
 * string per row, so the sheet's stream gets the very writes it got from ExcelTS. This takes about a quarter
 * off the writer's CPU in Chromium (nearly half in Node); most of what is left is what the bare library does
 * too (deflate, UTF-8, CRC32). Text is escaped by ExcelTS's own xmlEncode and dates turned into serials by its
 * dateToExcel, and style ids come from the workbook's own style table, registered in the order ExcelTS would
 * register them (the row's style, then each cell's, on first use), so styles.xml is the same too. Only what
 * the ledger writes is handled: text (as t="str"), numbers, dates, and empty cells that carry a style. The
 * header row and the summary sheet still go through ExcelTS.
 */
class LedgerRowXml {
  private readonly styles: WorkbookWriter['styles'];
  private rowStyle: number | undefined;
  /** Style ids by column, of rows not overdue and of overdue ones, as they are first used. */
  private readonly normalIds: (number | undefined)[] = [];
  private readonly overdueIds: (number | undefined)[] = [];
  private readonly values: (CellValue | undefined)[] = new Array<CellValue | undefined>(LEDGER_COLUMNS.length);

  constructor(book: WorkbookWriter) {
    this.styles = book.styles;
  }

  write(sheet: WorksheetWriter, r: number, row: LedgerSheetRow, seq: number, offsetMinutes: number): void {
    // As writeRowCells: an empty cell is left out unless the row is overdue, when every cell is written, filled.
    const values = this.values;
    let min = 0;
    let max = 0;
    for (let i = 0; i < LEDGER_COLUMNS.length; i++) {
      const value = LEDGER_COLUMNS[i]?.value(row, seq, offsetMinutes) ?? null;
      const kept = value === null && !row.overdue ? undefined : value;
      values[i] = kept;
      if (kept !== undefined) {
        if (min === 0) min = i + 1;
        max = i + 1;
      }
    }
    // RowXform.prepare: the row's style is registered before its cells'.
    this.rowStyle ??= this.styles.addStyleModel(ROW_STYLE);
    let xml = `<row r="${r}"`;
    if (min > 0) xml += ` spans="${min}:${max}"`;
    if (this.rowStyle) xml += ` s="${this.rowStyle}" customFormat="1"`;
    xml += '>';
    const ids = row.overdue ? this.overdueIds : this.normalIds;
    const styles = row.overdue ? OVERDUE_STYLES : NORMAL_STYLES;
    for (let i = 0; i < values.length; i++) {
      const value = values[i];
      if (value === undefined) continue;
      let id = ids[i];
      if (id === undefined) {
        // CellXform.prepare: the first use of a style object fixes its id (ExcelTS caches it by identity).
        id = this.styles.addStyleModel(styles[i] ?? BLANK_STYLE, valueType(value));
        ids[i] = id;
      }
      xml += cellXml(`${COLUMN_LETTERS[i] ?? ''}${r}`, id, value);
    }
    xml += '</row>';
    void sheet.stream.write(xml);
  }
}

function valueType(value: CellValue): ValueType {
  if (value === null) return ValueType.Null;
  if (typeof value === 'string') return ValueType.String;
  if (typeof value === 'number') return ValueType.Number;
  if (typeof value === 'boolean') return ValueType.Boolean;
  if (value instanceof Date) return ValueType.Date;
  throw new Error(`a 整改台账 cell holds a value the direct writer does not write: ${describe(value)}`);
}

/** One cell as CellXform.render writes it: `<c r s t><v>…</v></c>`, or `<c r s/>` for an empty styled cell. */
function cellXml(ref: string, styleId: number, value: CellValue): string {
  if (value === null && !styleId) return '';
  const head = styleId ? `<c r="${ref}" s="${styleId}"` : `<c r="${ref}"`;
  if (value === null) return `${head}/>`;
  if (typeof value === 'string') return `${head} t="str"><v>${xmlEncode(value)}</v></c>`;
  if (typeof value === 'number') return `${head}><v>${xmlEncode(String(value))}</v></c>`;
  if (typeof value === 'boolean') return `${head} t="b"><v>${value ? '1' : '0'}</v></c>`;
  if (value instanceof Date) return `${head}><v>${xmlEncode(String(dateToExcel(value)))}</v></c>`;
  throw new Error(`a 整改台账 cell holds a value the direct writer does not write: ${describe(value)}`);
}

function addChoices(sheet: WorksheetWriter, kind: ColumnKind, choices: readonly string[]): void {
  const index = LEDGER_COLUMNS.findIndex((c) => c.kind === kind);
  const letter = columnLetter(index + 1);
  // Down to Excel's last row, so rows someone adds in Excel get the dropdown too.
  sheet.dataValidations.add(`${letter}2:${letter}${EXCEL_MAX_ROW}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${choices.join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'stop',
    errorTitle: LEDGER_COLUMNS[index]?.header ?? '',
    error: `请从列表中选择：${choices.join('、')}`,
  });
}

function writeSummary(sheet: WorksheetWriter, counts: SummaryCounts, options: LedgerWorkbookOptions): void {
  sheet.columns = [{ width: 28 }, { width: 12 }, { width: 12 }];
  const add = (values: CellValue[], styles: readonly (Partial<Style> | undefined)[] = []): void => {
    const row = sheet.addRow(values);
    styles.forEach((style, i) => {
      if (style) row.getCell(i + 1).style = style;
    });
    row.commit();
  };
  add([options.title ?? '整改台账'], [TITLE_STYLE]);
  add(['截至日期', calendarDate(options.asOf)], [LABEL_STYLE, { numFmt: 'yyyy-mm-dd' }]);
  add(['问题总数', counts.total], [LABEL_STYLE, COUNT_STYLE]);
  add(['其中逾期', counts.overdue], [LABEL_STYLE, COUNT_STYLE]);
  const section = (heading: string, entries: [string, [number, number]][]): void => {
    add([]);
    add([heading, '问题数', '其中逾期'], [SECTION_STYLE, SECTION_STYLE, SECTION_STYLE]);
    for (const [label, [n, overdue]] of entries) add([label, n, overdue], [LABEL_STYLE, COUNT_STYLE, COUNT_STYLE]);
    add(['合计', sum(entries, 0), sum(entries, 1)], [SECTION_STYLE, { ...COUNT_STYLE, font: { bold: true } }, { ...COUNT_STYLE, font: { bold: true } }]);
  };
  // Categories by count, largest first; ties in code-point order so the same data always gives the same sheet.
  const categories = [...counts.byCategory].sort(([a, [x]], [b, [y]]) => byCountThenName([a, x], [b, y]));
  section('按问题类别', categories);
  // Severity from the gravest down, statuses in workflow order; every value is listed, zero or not.
  section('按风险等级', [...counts.bySeverity].reverse());
  section('按整改状态', [...counts.byStatus]);
  sheet.commit();
}

const sum = (entries: [string, [number, number]][], i: 0 | 1): number => entries.reduce((n, [, pair]) => n + pair[i], 0);

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Sits between ExcelTS and the caller's sink. ExcelTS gets a stream that never pushes back (its writes
 * settle at once), while the chunks are queued, in order, on the caller's writer; the row loop waits on
 * that writer's `ready` between slices, so a slow sink slows the producer instead of piling up bytes.
 */
class SinkPump {
  failure: unknown = undefined;
  readonly stream: WritableStream<Uint8Array>;
  private pending: Promise<void> = Promise.resolve();

  constructor(private readonly out: WritableStreamDefaultWriter<Uint8Array>) {
    this.stream = new WritableStream<Uint8Array>({
      write: (chunk) => {
        this.pending = this.out.write(chunk).catch((error: unknown) => {
          this.failure ??= error;
        });
      },
    });
  }

  async ready(): Promise<void> {
    try {
      await this.out.ready;
    } catch (error) {
      this.failure ??= error;
    }
  }

  /** Waits for the last chunk, then closes the caller's sink. */
  async closed(): Promise<void> {
    await this.pending;
    if (this.failure !== undefined) throw this.failure;
    await this.out.close();
  }
}

/** Collects the workbook in memory: for small ledgers and tests. */
export async function ledgerWorkbookBytes(
  rows: LedgerRows,
  options: LedgerWorkbookOptions,
  rowWriter: LedgerRowWriter = 'xml',
): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const { sink, bytes } = collectingSink();
  const result = await writeLedgerWorkbook(rows, sink, options, rowWriter);
  return result.ok ? ok(bytes()) : result;
}

/** A sink that keeps every chunk; `bytes()` joins them once the stream is closed. */
export function collectingSink(): { sink: WritableStream<Uint8Array>; bytes: () => Uint8Array<ArrayBuffer> } {
  const chunks: Uint8Array[] = [];
  let length = 0;
  const sink = new WritableStream<Uint8Array>({
    write(chunk) {
      chunks.push(chunk);
      length += chunk.byteLength;
    },
  });
  return {
    sink,
    bytes() {
      const out = new Uint8Array(length);
      let at = 0;
      for (const chunk of chunks) {
        out.set(chunk, at);
        at += chunk.byteLength;
      }
      return out;
    },
  };
}

/** Rows an imported ledger may have across its sheets (headers included): a branch's ledger many times over. */
export const LEDGER_IMPORT_MAX_ROWS = 100_000;

/**
 * Reads an edited 整改台账 workbook: its 整改台账 sheets streamed row by row, behind the same guard as every
 * workbook (io/workbook.ts), into core's parser. `onRows` is told the rows read so far, now and then.
 * Errors: those of streamWorkbookRows (workbook.*, job.cancelled).
 */
export async function readLedgerWorkbook(bytes: Uint8Array, options: { signal?: AbortSignal; onRows?: (rows: number) => void } = {}): Promise<Result<ParsedLedgerSheets>> {
  const parser = createLedgerSheetParser();
  let read = 0;
  const streamed = await streamWorkbookRows(bytes, {
    sheets: parser.wants,
    maxRows: LEDGER_IMPORT_MAX_ROWS,
    onSheet: parser.sheet,
    onRow: (sheet, row, cells) => {
      parser.row(sheet, row, cells);
      read += 1;
      if (read % PROGRESS_EVERY === 0) options.onRows?.(read);
    },
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return streamed.ok ? ok(parser.finish()) : streamed;
}
