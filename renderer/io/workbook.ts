// The one module that touches ExcelTS (@cj-tech-master/excelts, ARCHITECTURE §9). Reading: an .xlsx file's
// worksheets as rows of display strings, with caps checked before anything is inflated, so a broken or
// hostile file ends in an AppError instead of a hung or crashed renderer. Writing: a workbook described
// as plain data (core/workbook-spec.ts): text cells, column widths, wrapping, dropdowns, frozen header.
import { MaxItemsExceededError, Workbook, WorkbookReader, excelToDate, isDateDisplayFormat } from '@cj-tech-master/excelts';
import type { Cell, CellValue } from '@cj-tech-master/excelts';
import { Zip, ZipPassThrough, unzipSync } from 'fflate';
import { appError, err, ok } from '../core/result';
import type { Result } from '../core/result';
import { columnLetter, type SheetRows, type SheetSpec } from '../core/workbook-spec';

export const WORKBOOK_MAX_BYTES = 20 * 1024 * 1024;
/** Rows across all sheets, blank rows between data included. */
export const WORKBOOK_MAX_ROWS = 50_000;
// An .xlsx is a zip: these bound what its entries may inflate to (declared sizes are checked before
// inflating, and fflate never writes past a declared size).
export const WORKBOOK_MAX_ENTRIES = 10_000;
export const WORKBOOK_MAX_UNPACKED_BYTES = 400 * 1024 * 1024;
/**
 * Inflated ÷ compressed size of one part above 1 MB. Sheets Excel, WPS and ExcelTS write stay near 10; a
 * part of hundreds of MB of spaces or zeros (about 1,000) would be parsed into a string of that size.
 */
export const WORKBOOK_MAX_RATIO = 100;

export type WorkbookSheet = SheetRows;
export type WorkbookRows = { sheets: WorkbookSheet[] };

const MB = 1024 * 1024;

class UnpackCapError extends Error {}
class RatioError extends Error {}

function startsWith(bytes: Uint8Array, magic: readonly number[]): boolean {
  return magic.every((b, i) => bytes[i] === b);
}

/**
 * The checks every workbook passes before any of its XML is parsed: the file's size, its kind, the zip's
 * entry count, inflated size and compression ratios, the workbook part, and no DTD or entity declaration in any XML part.
 * Returns the inflated parts.
 *
 * Errors: workbook.tooLarge {limitMb}, workbook.oleFile (an old .xls or a password-protected workbook),
 * workbook.notXlsx, workbook.unpackedTooLarge {limitMb}, workbook.compressionRatio {path},
 * workbook.xmlDeclarations (detail: the part), workbook.unreadable.
 */
function unpackGuarded(bytes: Uint8Array): Result<Record<string, Uint8Array>> {
  if (bytes.byteLength > WORKBOOK_MAX_BYTES) return err(appError('workbook.tooLarge', { limitMb: WORKBOOK_MAX_BYTES / MB }));
  // Excel saves both legacy .xls and encrypted .xlsx as OLE compound files.
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return err(appError('workbook.oleFile'));
  if (!startsWith(bytes, [0x50, 0x4b])) return err(appError('workbook.notXlsx'));

  let files: Record<string, Uint8Array>;
  try {
    let entries = 0;
    let unpacked = 0;
    files = unzipSync(bytes, {
      filter: (file) => {
        entries += 1;
        unpacked += file.originalSize;
        if (entries > WORKBOOK_MAX_ENTRIES || unpacked > WORKBOOK_MAX_UNPACKED_BYTES) throw new UnpackCapError();
        if (file.originalSize > MB && file.originalSize / Math.max(1, file.size) > WORKBOOK_MAX_RATIO) throw new RatioError(file.name);
        return true;
      },
    });
  } catch (error) {
    if (error instanceof UnpackCapError) {
      return err(appError('workbook.unpackedTooLarge', { limitMb: WORKBOOK_MAX_UNPACKED_BYTES / MB }));
    }
    if (error instanceof RatioError) return err(appError('workbook.compressionRatio', { path: error.message.slice(0, 80) }));
    return err(appError('workbook.unreadable', undefined, describe(error)));
  }
  if (!files['xl/workbook.xml']) return err(appError('workbook.notXlsx'));
  const declaring = Object.keys(files).find((name) => XML_PART.test(name) && declaresDtd(files[name] ?? new Uint8Array()));
  if (declaring !== undefined) return err(appError('workbook.xmlDeclarations', undefined, declaring));
  return ok(files);
}

/**
 * Reads every worksheet, in order. `rows[i]` is spreadsheet row i + 1 (blank rows stay as []), trailing
 * empty cells and rows are dropped, and each value is shown as text: dates as YYYY-MM-DD (with the time if
 * it has one), numbers without grouping or exponent, rich text flattened, formulas as their cached result.
 * The whole workbook is built in memory: for small sheets (templates, lists); see streamWorkbookRows.
 *
 * Errors: those of unpackGuarded, workbook.tooManyRows {max}.
 */
export async function readWorkbookRows(bytes: Uint8Array): Promise<Result<WorkbookRows>> {
  const unpacked = unpackGuarded(bytes);
  if (!unpacked.ok) return unpacked;
  const files = unpacked.value;

  const book = new Workbook();
  try {
    // Over the cap ExcelTS throws MaxItemsExceededError while parsing, before building the extra rows.
    await book.xlsx.loadFromFiles(files, { maxRows: WORKBOOK_MAX_ROWS });
  } catch (error) {
    if (error instanceof MaxItemsExceededError && error.itemType === 'row') {
      return err(appError('workbook.tooManyRows', { max: WORKBOOK_MAX_ROWS }));
    }
    return err(appError('workbook.unreadable', undefined, describe(error)));
  }

  const date1904 = book.properties.date1904 ?? false;
  const sheets: WorkbookSheet[] = [];
  let total = 0;
  try {
    for (const sheet of book.worksheets) {
      const rows: string[][] = [];
      sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cellText(cell, date1904);
        });
        rows[rowNumber - 1] = trimEnd(Array.from(cells, (c) => c ?? ''), (c) => c === '');
      });
      const dense = trimEnd(Array.from(rows, (r) => r ?? []), (r) => r.length === 0);
      total += dense.length;
      if (total > WORKBOOK_MAX_ROWS) return err(appError('workbook.tooManyRows', { max: WORKBOOK_MAX_ROWS }));
      sheets.push({ name: sheet.name, rows: dense });
    }
  } catch (error) {
    return err(appError('workbook.unreadable', undefined, describe(error)));
  }
  return ok({ sheets });
}

export type StreamWorkbookOptions = {
  /** Which worksheets to read, by name; the others are skipped unparsed. */
  sheets: (name: string) => boolean;
  /** Rows handed over across the chosen sheets, blank ones not counted. */
  maxRows: number;
  /** A chosen sheet starts: called even when it has no rows. */
  onSheet?: (name: string) => void;
  /** Each non-blank row, as readWorkbookRows would show it (1-based row number, trailing blanks dropped). */
  onRow: (sheet: string, row: number, cells: string[]) => void;
  signal?: AbortSignal;
};

/**
 * Reads the chosen worksheets row by row with ExcelTS's streaming reader, after the same checks as
 * readWorkbookRows, so a sheet of many thousand rows never exists in memory as a workbook. Sheets come in
 * the order they are stored (Excel and our writer store them in workbook order).
 *
 * Errors: those of unpackGuarded, workbook.tooManyRows {max}, job.cancelled.
 */
export async function streamWorkbookRows(bytes: Uint8Array, options: StreamWorkbookOptions): Promise<Result<{ rows: number }>> {
  const guard = unpackGuarded(bytes);
  if (!guard.ok) return guard;
  const { signal } = options;
  let rows = 0;
  try {
    // The reader is given the parts the guard inflated and checked, not the file: a streaming reader
    // walks the local headers, and a file whose local headers disagree with its directory (one damaged
    // byte will do) left ExcelTS's reader waiting forever — and would have let it parse parts the
    // guard never saw.
    const reader = new WorkbookReader(storedArchive(guard.value), { worksheets: 'emit', sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', entries: 'ignore' });
    for await (const sheet of reader) {
      const date1904 = reader.model?.properties?.date1904 ?? false;
      if (!options.sheets(sheet.name)) {
        // Drained unparsed-for-us: the reader must still move past the sheet's entry.
        for await (const _ of sheet) if (signal?.aborted) return err(appError('job.cancelled'));
        continue;
      }
      options.onSheet?.(sheet.name);
      for await (const row of sheet) {
        if (signal?.aborted) return err(appError('job.cancelled'));
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cellText(cell, date1904);
        });
        const dense = trimEnd(Array.from(cells, (c) => c ?? ''), (c) => c === '');
        if (dense.length === 0) continue;
        rows += 1;
        if (rows > options.maxRows) return err(appError('workbook.tooManyRows', { max: options.maxRows }));
        options.onRow(sheet.name, row.number, dense);
      }
    }
  } catch (error) {
    return err(appError('workbook.unreadable', undefined, describe(error)));
  }
  return ok({ rows });
}

// Parts the reader needs to make sense of a worksheet (names, shared strings, styles): stored first.
const INDEX_PARTS = ['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/sharedStrings.xml', 'xl/styles.xml'];

/**
 * The parts as a new zip with every entry stored (not compressed), index parts first, the rest in their
 * order: a stream of the parts' own bytes between fresh headers, so nothing is copied but the headers.
 */
function storedArchive(files: Record<string, Uint8Array>): ReadableStream<Uint8Array> {
  const names = [...INDEX_PARTS.filter((name) => name in files), ...Object.keys(files).filter((name) => !INDEX_PARTS.includes(name))];
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const name of names) {
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(files[name] ?? new Uint8Array(), true);
  }
  zip.end();
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[next++];
      if (chunk === undefined) controller.close();
      else controller.enqueue(chunk);
    },
  });
}

// The parts an XML parser reads. Office never writes a DTD or an entity declaration into them; a file that
// has one was made to attack the parser (entity expansion, external entities), so it is refused outright.
const XML_PART = /\.(?:xml|rels|vml)$/i;
const DECLARATIONS = ['DOCTYPE', 'ENTITY'].map((word) => [...word].map((c) => c.charCodeAt(0)));

function declaresDtd(bytes: Uint8Array): boolean {
  // A part in UTF-16 (byte order mark first) could hide the words from the byte scan below.
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) return true;
  for (let i = bytes.indexOf(0x3c); i >= 0; i = bytes.indexOf(0x3c, i + 1)) {
    if (bytes[i + 1] !== 0x21) continue;
    // Letters compared case-insensitively (| 0x20 lowercases ASCII letters).
    if (DECLARATIONS.some((word) => word.every((c, k) => ((bytes[i + 2 + k] ?? 0) | 0x20) === (c | 0x20)))) return true;
  }
  return false;
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function trimEnd<T>(items: T[], isEmpty: (item: T) => boolean): T[] {
  let end = items.length;
  for (let last = items[end - 1]; last !== undefined && isEmpty(last); last = items[end - 1]) end -= 1;
  return end === items.length ? items : items.slice(0, end);
}

function cellText(cell: Cell, date1904: boolean): string {
  // Excel shows a merged range's value once, in its top-left cell; CSV exports do the same.
  if (cell.isMerged && cell.master.address !== cell.address) return '';
  const format = typeof cell.numFmt === 'string' ? cell.numFmt : cell.numFmt?.formatCode;
  return valueText(cell.value, format, date1904);
}

/** A cell value as the text a user would type for it. Exported for tests of the edge cases. */
export function valueText(value: CellValue, format: string | undefined, date1904 = false): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (typeof value === 'number') return numberText(value, format, date1904);
  if (value instanceof Date) return dateText(value);
  if ('hyperlink' in value) return value.text;
  if ('richText' in value) return value.richText.map((run) => run.text).join('');
  if ('formula' in value || 'sharedFormula' in value) {
    return value.result === undefined ? '' : valueText(value.result, format, date1904);
  }
  if ('error' in value) return value.error;
  if ('checkbox' in value) return value.checkbox ? 'TRUE' : 'FALSE';
  return '';
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

// Excel stores wall-clock time with no zone; ExcelTS maps it to the same digits in UTC.
function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  const day = `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}`;
  const h = date.getUTCHours();
  const m = date.getUTCMinutes();
  const s = date.getUTCSeconds();
  if (h === 0 && m === 0 && s === 0) return day;
  return `${day} ${pad(h)}:${pad(m)}${s === 0 ? '' : `:${pad(s)}`}`;
}

function numberText(n: number, format: string | undefined, date1904: boolean): string {
  if (!Number.isFinite(n)) return String(n);
  if (format !== undefined && isDateDisplayFormat(format)) return dateText(excelToDate(n, date1904));
  // A "000000" format keeps the leading zeros of codes such as 机构代码 that Excel stored as numbers.
  if (format !== undefined && /^0+$/.test(format) && Number.isInteger(n) && n >= 0) return String(n).padStart(format.length, '0');
  // Excel shows at most 15 significant digits; rounding there drops binary noise such as 0.30000000000000004.
  return expandExponent(String(Number(n.toPrecision(15))));
}

/** "1e+21" → "1000000000000000000000", "1.5e-7" → "0.00000015". */
function expandExponent(text: string): string {
  const match = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text);
  if (!match) return text;
  const [, sign = '', first = '', rest = '', exponent = '0'] = match;
  const digits = first + rest;
  const point = 1 + Number(exponent);
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`;
  if (point >= digits.length) return `${sign}${digits}${'0'.repeat(point - digits.length)}`;
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`;
}

export { columnLetter };

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } } as const;

/** Writes the sheets in order. Every value is written as text, so it reads back exactly as written. */
export async function writeWorkbook(sheets: readonly SheetSpec[]): Promise<Uint8Array> {
  const book = new Workbook();
  for (const spec of sheets) {
    const sheet = book.addWorksheet(spec.name, spec.freezeHeader ? { views: [{ state: 'frozen', ySplit: 1 }] } : {});
    sheet.columns = spec.columns.map((c) => ({
      header: c.header,
      width: c.width,
      style: {
        ...(c.text ? { numFmt: '@' } : {}),
        alignment: { vertical: 'top', ...(c.wrap ? { wrapText: true } : {}) },
      },
    }));
    for (const row of spec.rows) sheet.addRow(row);
    const header = sheet.getRow(1);
    header.font = { bold: true };
    header.eachCell((cell) => {
      cell.fill = HEADER_FILL;
    });
    const last = columnLetter(spec.columns.length);
    if (spec.freezeHeader && spec.columns.length > 0) sheet.autoFilter = `A1:${last}1`;
    const through = Math.max(spec.rows.length, spec.validationRows ?? 0) + 1;
    spec.columns.forEach((c, i) => {
      if (!c.choices) return;
      const letter = columnLetter(i + 1);
      const formula = 'range' in c.choices ? c.choices.range : `"${c.choices.join(',')}"`;
      sheet.dataValidations.add(`${letter}2:${letter}${through}`, {
        type: 'list',
        allowBlank: true,
        formulae: [formula],
        showErrorMessage: true,
        errorStyle: 'stop',
        ...(c.choicesError ? { errorTitle: c.header, error: c.choicesError } : {}),
      });
    });
  }
  return new Uint8Array(await book.xlsx.writeBuffer());
}
