// A workbook described as plain data, so the rules for what a template contains (columns, widths,
// dropdowns) stay pure and testable, and renderer/io/workbook.ts is the only code that touches ExcelTS.
// Every cell is text: the reader gets back exactly what was written.

export type ColumnSpec = {
  header: string;
  /** In characters, as Excel measures column widths. */
  width: number;
  /** Wrap long text inside the cell. */
  wrap?: boolean;
  /** Text cell format ("@"), so that a typed 2026.10 or 0012 stays as typed. */
  text?: boolean;
  /** A dropdown: the allowed values (each without commas), or a range on another sheet such as `'文件'!$A$2:$A$1000`. */
  choices?: readonly string[] | { range: string };
  /** Shown when a typed value is not one of the choices. */
  choicesError?: string;
};

export type SheetSpec = {
  name: string;
  columns: ColumnSpec[];
  /** Data rows below the header; each row has at most one cell per column. */
  rows: string[][];
  /** Keep the header row in view when scrolling, and put filter buttons on it. */
  freezeHeader: boolean;
  /** Dropdowns cover this many rows below the header (at least the data rows), so new rows get them too. */
  validationRows?: number;
};

/** A worksheet read back as display strings: rows[i] is spreadsheet row i + 1. */
export type SheetRows = { name: string; rows: string[][] };

/** Excel's column letters: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let out = '';
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26)) out = String.fromCharCode(65 + ((k - 1) % 26)) + out;
  return out;
}
