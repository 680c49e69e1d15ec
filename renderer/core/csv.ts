// CSV text ⇄ rows of strings (RFC 4180, read leniently the way Excel writes it). Decoding bytes is the
// caller's job: Excel on Chinese Windows saves CSV as GB18030, so try UTF-8 first and fall back there.
import { appError, err, ok } from './result';
import type { Result } from './result';

export type CsvDelimiter = ',' | ';' | '\t';

export type CsvParseOptions = {
  /** Forces the delimiter; by default it is detected from the header line. */
  delimiter?: CsvDelimiter;
  /** Caps on the input, so a wrong file cannot exhaust memory. */
  maxChars?: number;
  maxRows?: number;
};

export const CSV_MAX_CHARS = 20 * 1024 * 1024;
export const CSV_MAX_ROWS = 50_000;

const QUOTE = '"';

/**
 * The header line decides: a comma outside quotes means CSV; otherwise the more frequent of tab and
 * semicolon (Excel in some locales writes `;`, and "Unicode text" exports use tabs); otherwise a comma.
 */
export function detectDelimiter(text: string): CsvDelimiter {
  let inQuotes = false;
  let tabs = 0;
  let semicolons = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === QUOTE) inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (c === ',') return ',';
    else if (c === '\t') tabs++;
    else if (c === ';') semicolons++;
    else if (c === '\n' || c === '\r') break;
  }
  if (tabs === 0 && semicolons === 0) return ',';
  return tabs >= semicolons ? '\t' : ';';
}

/**
 * Parses CSV text. A trailing line break does not make an extra row; an empty line in the middle is a row
 * with one empty field. Errors: `csv.tooLarge` {max}, `csv.tooManyRows` {max}, `csv.unterminatedQuote`
 * {line} (the 1-based line where the open quote started).
 */
export function parseCsv(input: string, options: CsvParseOptions = {}): Result<string[][]> {
  const maxChars = options.maxChars ?? CSV_MAX_CHARS;
  const maxRows = options.maxRows ?? CSV_MAX_ROWS;
  if (input.length > maxChars) return err(appError('csv.tooLarge', { max: maxChars }));

  const text = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
  const delimiter = options.delimiter ?? detectDelimiter(text);
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  // `""` at the very end is still a field, though it leaves `field` empty.
  let quoted = false;
  let line = 1;
  let i = 0;
  const n = text.length;

  const endRow = (): boolean => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
    quoted = false;
    return rows.length <= maxRows;
  };

  while (i < n) {
    const c = text[i];
    if (c === QUOTE && field === '') {
      // A quoted field: runs to the next lone quote; "" inside is one quote; line breaks are data.
      const startLine = line;
      i++;
      let closed = false;
      let chunkStart = i;
      while (i < n) {
        const q = text[i];
        if (q === QUOTE) {
          field += text.slice(chunkStart, i);
          if (text[i + 1] === QUOTE) {
            field += QUOTE;
            i += 2;
            chunkStart = i;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        if (q === '\n' || (q === '\r' && text[i + 1] !== '\n')) line++;
        i++;
      }
      if (!closed) return err(appError('csv.unterminatedQuote', { line: startLine }));
      quoted = true;
      // Lenient like Excel: text after the closing quote (`"a"b`) is kept as part of the field.
      continue;
    }
    if (c === delimiter) {
      row.push(field);
      field = '';
      quoted = false;
      i++;
      continue;
    }
    if (c === '\r' || c === '\n') {
      i += c === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      if (!endRow()) return err(appError('csv.tooManyRows', { max: maxRows }));
      continue;
    }
    // Plain run of characters up to the next special one.
    let j = i + 1;
    while (j < n) {
      const d = text[j];
      if (d === delimiter || d === '\r' || d === '\n' || d === QUOTE) break;
      j++;
    }
    // A quote inside an unquoted field is data.
    if (j < n && text[j] === QUOTE) j++;
    field += text.slice(i, j);
    i = j;
  }
  // The last line, unless the text ended with a line break (or was empty).
  if (field !== '' || quoted || row.length > 0) {
    if (!endRow()) return err(appError('csv.tooManyRows', { max: maxRows }));
  }
  return ok(rows);
}

// A leading BOM would be taken for the file's byte-order mark, so it is quoted too.
const NEEDS_QUOTES = /[",;\t\r\n\uFEFF]/;

/**
 * Writes rows as CSV with CRLF line ends. Fields holding any candidate delimiter are quoted, so delimiter
 * detection reads the output back the same; a row of one empty field is written as `""` to stay a row.
 */
export function serializeCsv(rows: readonly (readonly string[])[], delimiter: CsvDelimiter = ','): string {
  return rows
    .map((row) => {
      if (row.length === 1 && row[0] === '') return '""';
      return row
        .map((value) => (NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value))
        .join(delimiter);
    })
    .map((line) => `${line}\r\n`)
    .join('');
}
