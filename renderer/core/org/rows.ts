// A list of units from a spreadsheet or CSV (rows of display strings) → units, all or nothing. Headers may
// be Chinese or English; every bad cell is reported with its row number (as the spreadsheet shows it) and
// the header as written, so the user can find it. Parents may come later in the same file.
import { buildOrgIndex, checkOrgFields, checkOrgRelations, isOrgLevel, normalizeOrgUnit, parseOrgLevel } from './model';
import type { OrgField, OrgProblem, OrgProblemCode, OrgProblemParams, OrgUnitDraft, OrgUnitInput } from './model';
import { ok, err } from '../result';
import type { Result } from '../result';

export const ORG_IMPORT_MAX_ROWS = 20_000;

export type OrgRowProblem = {
  /** 1-based, counting every line of the file (the header is usually row 1); 0 for the file as a whole. */
  row: number;
  /** The header of the column as written in the file; '' when the problem is not about one cell. */
  column: string;
  code: OrgProblemCode;
  params: OrgProblemParams;
};

const FIELDS: readonly OrgField[] = ['code', 'name', 'level', 'parentCode'];

// Compared after normalizeHeader: lower case, no spaces, `_`, `-`, `*` marks or bracketed notes like （必填）.
const HEADER_WORDS: Record<OrgField, readonly string[]> = {
  code: ['机构代码', '机构编码', '机构编号', '机构号', 'code', 'orgcode', 'unitcode'],
  name: ['机构名称', '名称', 'name', 'orgname', 'unitname'],
  level: ['层级', '机构层级', '级别', 'level'],
  parentCode: ['上级机构代码', '上级机构编码', '上级代码', 'parent', 'parentcode'],
};

function normalizeHeader(text: string): string {
  return text
    .replace(/^\uFEFF/, '')
    .replace(/[（(][^）)]*[）)]\s*$/, '')
    .replace(/[\s_\-*＊]/g, '')
    .toLowerCase();
}

function fieldOfHeader(text: string): OrgField | null {
  const key = normalizeHeader(text);
  return FIELDS.find((field) => HEADER_WORDS[field].includes(key)) ?? null;
}

const isBlank = (row: readonly string[]): boolean => row.every((cell) => cell.trim() === '');

type Columns = Record<OrgField, { index: number; header: string }>;

function readHeader(header: readonly string[], rowNumber: number): Result<Columns, OrgRowProblem[]> {
  const found: Partial<Columns> = {};
  const problems: OrgRowProblem[] = [];
  header.forEach((cell, index) => {
    const field = fieldOfHeader(cell);
    if (field === null) return; // Other columns (备注 …) are allowed and ignored.
    if (found[field]) {
      problems.push({ row: rowNumber, column: cell.trim(), code: 'org.import.duplicateColumn', params: { field } });
    } else found[field] = { index, header: cell.trim() };
  });
  for (const field of FIELDS) {
    if (!found[field]) problems.push({ row: rowNumber, column: '', code: 'org.import.missingColumn', params: { field } });
  }
  const { code, name, level, parentCode } = found;
  if (problems.length > 0 || !code || !name || !level || !parentCode) return err(problems);
  return ok({ code, name, level, parentCode });
}

/**
 * Reads units from rows whose first non-blank row is the header. Blank rows are skipped. Nothing is
 * returned unless every row is valid, against the other rows and against `existing` (the units already
 * recorded, which the file may not repeat).
 */
export function parseOrgRows(
  rows: readonly (readonly string[])[],
  existing: readonly OrgUnitInput[],
): Result<{ units: OrgUnitInput[] }, OrgRowProblem[]> {
  const headerAt = rows.findIndex((row) => !isBlank(row));
  const headerRow = rows[headerAt];
  if (headerRow === undefined) return err([{ row: 0, column: '', code: 'org.import.empty', params: {} }]);
  const columns = readHeader(headerRow, headerAt + 1);
  if (!columns.ok) return columns;
  const cols = columns.value;

  const entries: { row: number; unit: OrgUnitDraft }[] = [];
  for (let i = headerAt + 1; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined || isBlank(row)) continue;
    if (entries.length === ORG_IMPORT_MAX_ROWS) {
      return err([{ row: 0, column: '', code: 'org.import.tooManyRows', params: { max: ORG_IMPORT_MAX_ROWS } }]);
    }
    const cell = (field: OrgField): string => (row[cols[field].index] ?? '').trim();
    const levelText = cell('level');
    const unit = normalizeOrgUnit({
      code: cell('code'),
      name: cell('name'),
      // An unknown level keeps the text as written, so the problem can quote it.
      level: levelText === '' ? '' : (parseOrgLevel(levelText) ?? levelText),
      parentCode: cell('parentCode'),
    });
    entries.push({ row: i + 1, unit });
  }
  if (entries.length === 0) return err([{ row: headerAt + 1, column: '', code: 'org.import.empty', params: {} }]);

  const index = buildOrgIndex(
    existing,
    entries.map((e) => e.unit),
  );
  const firstRowOf = new Map<string, number>();
  const problems: OrgRowProblem[] = [];
  const at = (row: number, p: OrgProblem): OrgRowProblem => ({ row, column: cols[p.field].header, code: p.code, params: p.params });

  for (const { row, unit } of entries) {
    const found: OrgProblem[] = checkOrgFields(unit);
    if (unit.code !== '') {
      const first = firstRowOf.get(unit.code);
      if (index.byCode.has(unit.code)) found.push({ code: 'org.duplicateCode', field: 'code', params: { code: unit.code } });
      else if (first !== undefined) {
        found.push({ code: 'org.import.duplicateInFile', field: 'code', params: { code: unit.code, firstRow: first } });
      }
      if (first === undefined) firstRowOf.set(unit.code, row);
    }
    found.push(...checkOrgRelations(unit, index));
    const order = (p: OrgProblem): number => cols[p.field].index;
    problems.push(...found.sort((a, b) => order(a) - order(b)).map((p) => at(row, p)));
  }
  if (problems.length > 0) return err(problems);
  const units: OrgUnitInput[] = [];
  for (const { unit } of entries) if (isOrgLevel(unit.level)) units.push({ ...unit, level: unit.level });
  return ok({ units });
}
