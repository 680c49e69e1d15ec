// Edited copies of the 整改台账 workbook coming back (issue 6 item 8): a branch without the app fills in
// its rectification in the workbook our app wrote, and each row updates the finding it came from. Two
// pure steps: parseLedgerSheets reads cells into typed rows (every bad cell reported with its sheet, row
// and column), and the planner matches each row to a stored finding and works out its new state through
// the same edit and transition rules a person follows in the app. The caller imports nothing unless no
// row has a problem.
//
// What a row may change: the rectification columns (原因分析, 立即纠正, 整改措施, 责任部门, 责任人, 整改期限,
// 整改状态, 完成日期, 整改情况说明, 客户补偿/退费金额, 问责情况, 备注), plus 验收人 and 验收结论 when the
// status change needs them (验收通过, 退回). What was found (description, basis, category, severity,
// checklist, unit) is the inspector's record, not the branch's to rewrite: those columns are not read.
// A row without a matching finding is an error, never a new finding: its ledger number was not given out
// by the unit's counter, and it has no inspection, item or evidence behind it.
import type { HistoryChange } from '../audit/types';
import { parseTypedDate } from '../date';
import { diffFields, editFinding, fieldsOf, FINDING_LIMITS, FINDING_STATUSES, normalizePatch } from '../finding/model';
import type { Accountability, Finding, FindingFields, FindingPatch, FindingProblem, FindingStatus } from '../finding/model';
import { applyTransition, TRANSITION_ACTIONS, TRANSITIONS } from '../finding/transitions';
import type { Requirement, TransitionAction, TransitionInput } from '../finding/transitions';
import type { SheetRows } from '../workbook-spec';
import { accountabilityText, verdictCell, LEDGER_HEADERS, LEDGER_SHEET_NAME, LEDGER_STATUS_LABELS, LEDGER_UTC_OFFSET_MINUTES, VERDICT_PASSED, VERDICT_RETURNED, type LedgerSheetRow } from './sheet-rows';

/** The history reason of every change an Excel import makes (the timeline translates it). */
export const EXCEL_IMPORT_REASON = 'system:excelImport';

/** More problems than this are counted but not listed: nobody reads ten thousand lines. */
export const MAX_LISTED_PROBLEMS = 1000;

export const SHEET_IMPORT_CODES = [
  'noLedgerSheet',
  'missingColumn',
  'duplicateColumn',
  'noRows',
  'dateInvalid',
  'statusMissing',
  'statusInvalid',
  'amountInvalid',
  'accountabilityInvalid',
  'tooLong',
  'noIdentity',
  'unknownFinding',
  'idUnknown',
  'idMismatch',
  'unitMismatch',
  'duplicateRow',
  'voided',
  'locked',
  'transitionNotAllowed',
  'requirement',
  'completedAtWithoutSubmit',
  'stale',
  'recordInvalid',
] as const;
export type SheetImportCode = (typeof SHEET_IMPORT_CODES)[number];

export type SheetImportProblem = {
  /** The worksheet as named in the file; '' for the workbook as a whole. */
  sheet: string;
  /** 1-based, as the spreadsheet shows it; 0 when not about one row. */
  row: number;
  /** 1-based column; 0 when not about one cell. */
  column: number;
  /** The column's header as written in the file (or as the app writes it, for a missing column). */
  header: string;
  code: SheetImportCode;
  params: Record<string, string | number>;
};

/** The columns read; the rest of the sheet is shown to people and ignored here. */
const READ = [
  'id', 'ledgerNo', 'orgUnitCode', 'rootCause', 'correction', 'measures', 'responsibleDept', 'responsiblePerson', 'dueDate', 'status',
  'completedDate', 'completionNote', 'verifier', 'verificationVerdict', 'customerRemedy', 'accountability', 'notes', 'updatedAt',
] as const satisfies readonly (keyof LedgerSheetRow)[];
type ReadField = (typeof READ)[number];

/** Text columns that map one to one onto a finding field a person may edit. */
const TEXT_FIELDS = ['rootCause', 'correction', 'measures', 'responsibleDept', 'responsiblePerson', 'completionNote', 'notes'] as const satisfies readonly (ReadField & keyof FindingPatch)[];

type Place = { column: number; header: string };
type Columns = Partial<Record<ReadField, Place>>;

/** One data row, its cells parsed; a field is absent when the sheet has no such column. */
export type SheetImportRow = {
  sheet: string;
  row: number;
  columns: Columns;
  id: string;
  ledgerNo: string;
  orgUnitCode: string;
  text: Partial<Record<(typeof TEXT_FIELDS)[number] | 'verifier' | 'verificationVerdict', string>>;
  dueDate?: string | null;
  status?: FindingStatus;
  completedDate?: string | null;
  customerRemedy?: number | null;
  accountability?: { text: string; value: Accountability };
  /** 最后更新时间 as an instant (epoch ms, whole seconds); null when blank or unreadable. */
  updatedAt: number | null;
};

export type ParsedLedgerSheets = {
  /** The 整改台账 sheets read, in workbook order. */
  sheets: string[];
  /** Rows whose cells all parsed. */
  rows: SheetImportRow[];
  /** Non-blank data rows, good and bad. */
  rowCount: number;
  problems: SheetImportProblem[];
};

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ');
const HEADER_FIELD = new Map<string, ReadField>(READ.map((f) => [norm(LEDGER_HEADERS[f]), f]));
const SEQ_HEADER = norm(LEDGER_HEADERS.seq);
const OVERFLOW = new RegExp(`^${LEDGER_SHEET_NAME}\\s*[（(]\\s*\\d+\\s*[)）]$`);

/** 整改台账 and the sheets its rows overflow to, 整改台账 (2), (3)…, in workbook order. */
export const isLedgerSheetName = (name: string): boolean => norm(name) === LEDGER_SHEET_NAME || OVERFLOW.test(norm(name));

const STATUS_WORDS = new Map<string, FindingStatus>([
  ...FINDING_STATUSES.map((s): [string, FindingStatus] => [LEDGER_STATUS_LABELS[s], s]),
  ...FINDING_STATUSES.map((s): [string, FindingStatus] => [s, s]),
]);

const isBlank = (row: readonly string[] | undefined): boolean => !row || row.every((c) => c.trim() === '');

/**
 * Reads rows as they stream out of a workbook (renderer/io): only the 整改台账 sheets, each sheet's first
 * non-blank row being its header. Rows of one sheet must arrive together and in order.
 */
export function createLedgerSheetParser() {
  const out: ParsedLedgerSheets = { sheets: [], rows: [], rowCount: 0, problems: [] };
  const seenSheets = out.sheets;
  let current: { name: string; columns: Columns | null; seqIndex: number } | null = null;

  function header(sheet: string, rowNo: number, cells: readonly string[]): Columns | null {
    const columns: Columns = {};
    let bad = false;
    let seqIndex = -1;
    cells.forEach((raw, index) => {
      const text = norm(raw);
      if (text === SEQ_HEADER) seqIndex = index;
      const field = HEADER_FIELD.get(text);
      if (field === undefined) return;
      if (columns[field]) {
        bad = true;
        out.problems.push({ sheet, row: rowNo, column: index + 1, header: raw.trim(), code: 'duplicateColumn', params: { header: raw.trim() } });
      } else columns[field] = { column: index + 1, header: raw.trim() };
    });
    if (!columns.ledgerNo) {
      bad = true;
      out.problems.push({ sheet, row: rowNo, column: 0, header: LEDGER_HEADERS.ledgerNo, code: 'missingColumn', params: { header: LEDGER_HEADERS.ledgerNo } });
    }
    if (current) current.seqIndex = seqIndex;
    return bad ? null : columns;
  }

  return {
    /** Whether the sheet is one the parser reads (the rest need not be parsed at all). */
    wants: isLedgerSheetName,
    /** A sheet starts (it may have no rows at all). */
    sheet(name: string): void {
      if (isLedgerSheetName(name) && !seenSheets.includes(name)) seenSheets.push(name);
    },
    row(sheet: string, rowNo: number, cells: readonly string[]): void {
      if (!isLedgerSheetName(sheet) || isBlank(cells)) return;
      if (current?.name !== sheet) {
        current = { name: sheet, columns: null, seqIndex: -1 };
        if (!seenSheets.includes(sheet)) seenSheets.push(sheet);
        current.columns = header(sheet, rowNo, cells);
        return;
      }
      const { columns, seqIndex } = current;
      // 序号 alone (numbering dragged down past the data) is not a row.
      if (cells.every((c, index) => index === seqIndex || c.trim() === '')) return;
      out.rowCount += 1;
      // A sheet whose header is wrong has been reported once; its rows cannot be read.
      if (columns === null) return;
      const row = readRow(sheet, rowNo, cells, columns, out.problems);
      if (row) out.rows.push(row);
    },
    finish(): ParsedLedgerSheets {
      if (seenSheets.length === 0) out.problems.push({ sheet: '', row: 0, column: 0, header: '', code: 'noLedgerSheet', params: { sheet: LEDGER_SHEET_NAME } });
      else if (out.rowCount === 0 && out.problems.length === 0) out.problems.push({ sheet: seenSheets[0] ?? '', row: 0, column: 0, header: '', code: 'noRows', params: {} });
      return out;
    },
  };
}

/** The same for sheets already in memory. */
export function parseLedgerSheets(sheets: readonly SheetRows[]): ParsedLedgerSheets {
  const parser = createLedgerSheetParser();
  for (const sheet of sheets) {
    parser.sheet(sheet.name);
    sheet.rows.forEach((cells, i) => parser.row(sheet.name, i + 1, cells));
  }
  return parser.finish();
}

function readRow(sheet: string, rowNo: number, cells: readonly string[], columns: Columns, problems: SheetImportProblem[]): SheetImportRow | null {
  let ok = true;
  const cell = (field: ReadField): string | undefined => {
    const place = columns[field];
    return place ? (cells[place.column - 1] ?? '').trim() : undefined;
  };
  const fail = (field: ReadField, code: SheetImportCode, params: Record<string, string | number> = {}): void => {
    ok = false;
    const place = columns[field];
    problems.push({ sheet, row: rowNo, column: place?.column ?? 0, header: place?.header ?? LEDGER_HEADERS[field], code, params });
  };
  const date = (field: 'dueDate' | 'completedDate'): string | null | undefined => {
    const value = cell(field);
    if (value === undefined || value === '') return value === undefined ? undefined : null;
    const day = parseTypedDate(value);
    if (day === null) fail(field, 'dateInvalid', { value });
    return day;
  };

  const row: SheetImportRow = {
    sheet,
    row: rowNo,
    columns,
    id: cell('id') ?? '',
    ledgerNo: cell('ledgerNo') ?? '',
    orgUnitCode: cell('orgUnitCode') ?? '',
    text: {},
    updatedAt: parseWallClock(cell('updatedAt') ?? ''),
  };
  for (const field of [...TEXT_FIELDS, 'verifier', 'verificationVerdict'] as const) {
    const value = cell(field);
    if (value !== undefined) row.text[field] = value;
  }
  // Lengths the finding's own rules do not cover (the others are checked with the whole record).
  if ((row.text.verifier ?? '').length > FINDING_LIMITS.name) fail('verifier', 'tooLong', { max: FINDING_LIMITS.name });
  if ((row.text.verificationVerdict ?? '').length > FINDING_LIMITS.text) fail('verificationVerdict', 'tooLong', { max: FINDING_LIMITS.text });

  const dueDate = date('dueDate');
  if (dueDate !== undefined) row.dueDate = dueDate;
  const completedDate = date('completedDate');
  if (completedDate !== undefined) row.completedDate = completedDate;

  const status = cell('status');
  if (status === '') fail('status', 'statusMissing');
  else if (status !== undefined) {
    const parsed = STATUS_WORDS.get(status.replace(/\s+/g, ''));
    if (parsed) row.status = parsed;
    else fail('status', 'statusInvalid', { value: status, allowed: Object.values(LEDGER_STATUS_LABELS).join('、') });
  }

  const remedy = cell('customerRemedy');
  if (remedy !== undefined) {
    const amount = parseAmount(remedy);
    if (amount === undefined) fail('customerRemedy', 'amountInvalid', { value: remedy });
    else row.customerRemedy = amount;
  }

  const accountability = cell('accountability');
  if (accountability !== undefined) {
    const value = parseAccountability(accountability);
    if (value === null) fail('accountability', 'accountabilityInvalid', { value: accountability });
    else row.accountability = { text: accountability, value };
  }
  return ok ? row : null;
}

/** 1234.5, 1,234.50, ¥1234.5 or 1234.5元; '' is no amount. Undefined when it is not an amount at all. */
function parseAmount(text: string): number | null | undefined {
  const bare = text.replace(/[,，\s]/g, '').replace(/^[¥￥]/, '').replace(/元$/, '');
  if (bare === '') return text === '' ? null : undefined;
  return /^\d+(?:\.\d+)?$/.test(bare) ? Number(bare) : undefined;
}

const ACCOUNTABILITY_LABELS: Record<string, keyof Accountability> = { 对象: 'who', 方式: 'how', 文号: 'docNo' };
const LABELLED = /^(对象|方式|文号)\s*[:：]\s*(.*)$/;

/**
 * 问责情况 as the sheet writes it (对象；方式；文号, empty parts left out) or labelled (对象：张三；文号：…).
 * Unlabelled, one part is the person and two are the person and the measure. Null when it cannot be read.
 */
export function parseAccountability(text: string): Accountability | null {
  const out: Accountability = { who: '', how: '', docNo: '' };
  const parts = text.split(/[；;]/).map((p) => p.trim());
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  if (parts.length === 0) return out;
  const labelled = parts.map((p) => LABELLED.exec(p));
  if (labelled.some((m) => m !== null)) {
    for (const [i, m] of labelled.entries()) {
      if (m === null) {
        if (parts[i] !== '') return null;
        continue;
      }
      const key = ACCOUNTABILITY_LABELS[m[1] ?? ''];
      if (key === undefined || out[key] !== '') return null;
      out[key] = (m[2] ?? '').trim();
    }
    return out;
  }
  if (parts.length > 3) return null;
  [out.who, out.how, out.docNo] = [parts[0] ?? '', parts[1] ?? '', parts[2] ?? ''];
  return out;
}

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** 最后更新时间 as the reader shows it (China Standard Time) → epoch ms; null when blank or unreadable. */
function parseWallClock(text: string): number | null {
  const m = WALL_CLOCK.exec(text);
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((v) => Number(v ?? 0));
  const ms = Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1, h ?? 0, mi ?? 0, s ?? 0);
  return Number.isNaN(ms) ? null : ms - LEDGER_UTC_OFFSET_MINUTES * 60_000;
}

/** Stored findings by id and by ledger number: at least those the rows name. */
export type FindingLookup = { byId: ReadonlyMap<string, Finding>; byLedgerNo: ReadonlyMap<string, Finding> };

export type SheetImportContext = {
  /** The import day: completion and verification dates are judged against it, and verification is dated with it. */
  today: string;
  /** Who imports: a return's by. */
  actor: string;
};

export type SheetImportUpdate = {
  sheet: string;
  row: number;
  current: Finding;
  next: FindingFields;
  changes: HistoryChange[];
  /** The status change the row makes, if any. */
  transition: TransitionAction | null;
};

export type SheetImportPlan = {
  rowCount: number;
  updates: SheetImportUpdate[];
  unchanged: number;
  /** At most MAX_LISTED_PROBLEMS; problemCount has them all. */
  problems: SheetImportProblem[];
  problemCount: number;
  /** Rows with at least one problem. */
  badRows: number;
};

/** The action that takes a finding from one status to another in one step, if there is one. */
export function transitionBetween(from: FindingStatus, to: FindingStatus): TransitionAction | null {
  return TRANSITION_ACTIONS.find((a) => TRANSITIONS[a].to === to && TRANSITIONS[a].from.includes(from)) ?? null;
}

/** Where a missing requirement is filled in on the sheet. */
const REQUIREMENT_COLUMN: Record<Requirement, ReadField> = {
  responsiblePerson: 'responsiblePerson',
  dueDate: 'dueDate',
  measures: 'measures',
  completedAt: 'completedDate',
  evidenceOrExplanation: 'completionNote',
  reason: 'verificationVerdict',
  plan: 'measures',
  milestoneDate: 'dueDate',
  verifier: 'verifier',
  verifiedAt: 'completedDate',
};

const FIELD_COLUMN: Partial<Record<keyof FindingFields, ReadField>> = {
  ...Object.fromEntries(TEXT_FIELDS.map((f) => [f, f])),
  dueDate: 'dueDate',
  milestoneDate: 'dueDate',
  customerRemedy: 'customerRemedy',
  accountability: 'accountability',
  completedAt: 'completedDate',
  status: 'status',
};

/**
 * What a person wrote in 验收结论 for this status change: nothing when the cell still says what the export
 * showed (an earlier verdict or return), else the text without a leading 通过 / 退回 and its colon.
 */
function verdictWritten(cell: string | undefined, f: Finding): string {
  if (cell === undefined || cell === verdictCell(f)) return '';
  const word = [VERDICT_PASSED, VERDICT_RETURNED].find((w) => cell.startsWith(w));
  return word === undefined ? cell : cell.slice(word.length).replace(/^\s*[:：]?\s*/, '');
}

/**
 * Goes through the rows one at a time (so the caller can report progress and stop), then gives the plan.
 * Rows must come from one parseLedgerSheets result; `parsed` problems are carried into the plan.
 */
export function createSheetImportPlanner(parsed: ParsedLedgerSheets, lookup: FindingLookup, ctx: SheetImportContext) {
  const plan: SheetImportPlan = { rowCount: parsed.rowCount, updates: [], unchanged: 0, problems: [], problemCount: 0, badRows: 0 };
  const badRows = new Set<string>();
  const seen = new Map<string, { sheet: string; row: number }>();
  const report = (p: SheetImportProblem): void => {
    plan.problemCount += 1;
    if (p.row > 0) badRows.add(`${p.sheet}\u0000${p.row}`);
    if (plan.problems.length < MAX_LISTED_PROBLEMS) plan.problems.push(p);
  };
  parsed.problems.forEach(report);

  function add(row: SheetImportRow): void {
    const problem = (field: ReadField, code: SheetImportCode, params: Record<string, string | number> = {}): void => {
      const place = row.columns[field];
      report({ sheet: row.sheet, row: row.row, column: place?.column ?? 0, header: place?.header ?? LEDGER_HEADERS[field], code, params });
    };

    const current = match(row, lookup, problem);
    if (current === null) return;
    if (row.orgUnitCode !== '' && row.orgUnitCode !== current.orgUnitCode) {
      problem('orgUnitCode', 'unitMismatch', { code: row.orgUnitCode, expected: current.orgUnitCode, ledgerNo: current.ledgerNo });
      return;
    }
    const first = seen.get(current.id);
    if (first) {
      problem(row.id !== '' ? 'id' : 'ledgerNo', 'duplicateRow', { sheet: first.sheet, row: first.row, ledgerNo: current.ledgerNo });
      return;
    }
    seen.set(current.id, { sheet: row.sheet, row: row.row });

    // The finding changed after this copy was exported (a second's grace: the time went through a
    // spreadsheet serial number and back). A row that still matches it is fine; any other is out of date,
    // whatever else is wrong with it, since what it shows would undo that change.
    const stale = row.updatedAt !== null && Date.parse(current.updatedAt) >= row.updatedAt + 2000;
    const found: Parameters<Report>[] = [];
    const decided = decideRow(row, current, ctx, (...args) => found.push(args));
    if (stale && (decided === null || decided.changes.length > 0)) {
      problem('updatedAt', 'stale', { ledgerNo: current.ledgerNo, at: current.updatedAt });
      return;
    }
    for (const args of found) problem(...args);
    if (decided === null) return;
    if (decided.changes.length === 0) {
      plan.unchanged += 1;
      return;
    }
    plan.updates.push({ sheet: row.sheet, row: row.row, current, ...decided });
  }

  return {
    add,
    result(): SheetImportPlan {
      plan.badRows = badRows.size;
      // Cell problems were found while reading, the others while planning: list them as they sit in the workbook.
      const order = new Map(['', ...parsed.sheets].map((name, i) => [name, i]));
      plan.problems.sort((a, b) => (order.get(a.sheet) ?? 0) - (order.get(b.sheet) ?? 0) || a.row - b.row || a.column - b.column);
      return plan;
    },
  };
}

/** The whole plan at once (tests, small files). */
export function planSheetImport(parsed: ParsedLedgerSheets, lookup: FindingLookup, ctx: SheetImportContext): SheetImportPlan {
  const planner = createSheetImportPlanner(parsed, lookup, ctx);
  parsed.rows.forEach(planner.add);
  return planner.result();
}

type Report = (field: ReadField, code: SheetImportCode, params?: Record<string, string | number>) => void;

/** By the hidden ID when there is one, else by 台账编号; the two must not name different findings. */
function match(row: SheetImportRow, lookup: FindingLookup, problem: Report): Finding | null {
  if (row.id !== '') {
    const byId = lookup.byId.get(row.id);
    if (byId) {
      if (row.ledgerNo !== '' && row.ledgerNo !== byId.ledgerNo) {
        problem('ledgerNo', 'idMismatch', { ledgerNo: row.ledgerNo, expected: byId.ledgerNo });
        return null;
      }
      return byId;
    }
    // An ID this database never gave out next to a number it did: a copy of someone else's ledger.
    if (row.ledgerNo !== '' && lookup.byLedgerNo.has(row.ledgerNo)) problem('id', 'idUnknown', { ledgerNo: row.ledgerNo });
    else problem('ledgerNo', 'unknownFinding', { ledgerNo: row.ledgerNo || row.id });
    return null;
  }
  if (row.ledgerNo === '') {
    problem('ledgerNo', 'noIdentity');
    return null;
  }
  const byNo = lookup.byLedgerNo.get(row.ledgerNo);
  if (!byNo) problem('ledgerNo', 'unknownFinding', { ledgerNo: row.ledgerNo });
  return byNo ?? null;
}

/** The finding's state after the row: its edits through editFinding, its status change through applyTransition. */
function decideRow(row: SheetImportRow, current: Finding, ctx: SheetImportContext, problem: Report): { next: FindingFields; changes: HistoryChange[]; transition: TransitionAction | null } | null {
  const target = row.status ?? current.status;
  const action = target === current.status ? null : transitionBetween(current.status, target);
  if (target !== current.status && action === null) {
    problem('status', 'transitionNotAllowed', { from: current.status, to: target });
    return null;
  }
  if (current.deletedAt !== null) {
    const patch = patchOf(row, current, target);
    if (action !== null || diffFields(current, { ...fieldsOf(current), ...normalizePatch(patch) }).length > 0) {
      problem('ledgerNo', 'voided', { ledgerNo: current.ledgerNo });
      return null;
    }
    return { next: fieldsOf(current), changes: [], transition: null };
  }

  // Clearing a long-term finding's milestone would leave it without the date its plan runs to.
  if (current.status === 'long_term' && target === 'long_term' && row.dueDate === null) {
    problem('dueDate', 'requirement', { action: 'longTerm', requirement: 'milestoneDate', kind: 'missing' });
    return null;
  }
  let state: Finding = current;
  const edit = (): boolean => {
    const patch = patchOf(row, state, target);
    const proposed = { ...fieldsOf(state), ...normalizePatch(patch) };
    if (diffFields(state, proposed).length === 0) return true;
    const r = editFinding(state, patch);
    if (!r.ok) {
      // Locked: point at the first cell that tries to change the verified finding.
      const changed = diffFields(state, proposed)[0]?.field as keyof FindingFields | undefined;
      for (const p of r.problems) fieldProblem(p.code === 'locked' && changed ? { ...p, field: changed } : p, row, problem);
      return false;
    }
    state = { ...state, ...r.next };
    return true;
  };
  const transition = (): boolean => {
    if (action === null) return true;
    const r = applyTransition(state, action, transitionInput(action, row, state, ctx.today), ctx);
    if (r.ok) {
      state = { ...state, ...r.value.next };
      return true;
    }
    const e = r.error;
    if (e.code === 'requirements') for (const p of e.problems) problem(REQUIREMENT_COLUMN[p.requirement], 'requirement', { action, requirement: p.requirement, kind: p.kind });
    else problem('status', 'transitionNotAllowed', { from: current.status, to: target });
    return false;
  };
  // A verified finding is locked: it is reopened first, then edited. Otherwise the row's edits come
  // first, since they may be what the status change requires (整改措施 before 提交验收).
  const ok = current.status === 'verified' ? transition() && edit() : edit() && transition();
  if (!ok) return null;

  // 完成日期 is set by 提交验收 only; returning clears it, so a date left in the cell then means nothing.
  if (row.completedDate !== undefined && action !== 'submit' && action !== 'return' && action !== 'reopen' && row.completedDate !== state.completedAt) {
    problem('completedDate', 'completedAtWithoutSubmit', { value: row.completedDate ?? '' });
    return null;
  }
  const next = fieldsOf(state);
  return { next, changes: diffFields(current, next), transition: action };
}

/** The editable fields as the row has them; a column the sheet does not have leaves its field alone. */
function patchOf(row: SheetImportRow, f: Finding, target: FindingStatus): FindingPatch {
  const patch: FindingPatch = {};
  for (const field of TEXT_FIELDS) {
    const value = row.text[field];
    if (value !== undefined) patch[field] = value;
  }
  if (row.customerRemedy !== undefined) patch.customerRemedy = row.customerRemedy;
  // The cell as the app wrote it keeps the stored parts as they are (the joined text drops empty ones).
  if (row.accountability !== undefined && row.accountability.text !== accountabilityText(f.accountability)) patch.accountability = row.accountability.value;
  // 整改期限 shows a long-term finding's next milestone; moving into 长期整改 takes it as the transition's input.
  if (row.dueDate !== undefined) {
    if (f.status === 'long_term' && target === 'long_term') {
      if (row.dueDate !== (f.milestoneDate ?? f.dueDate)) patch.milestoneDate = row.dueDate;
    } else if (target !== 'long_term') patch.dueDate = row.dueDate;
  }
  return patch;
}

function transitionInput(action: TransitionAction, row: SheetImportRow, f: Finding, today: string): TransitionInput {
  switch (action) {
    case 'submit':
      return row.completedDate ? { completedAt: row.completedDate } : {};
    case 'return':
    case 'reopen':
      return { reason: verdictWritten(row.text.verificationVerdict, f) };
    case 'verify':
      return { verifier: row.text.verifier ?? '', verifiedAt: today, verificationNote: verdictWritten(row.text.verificationVerdict, f) };
    case 'longTerm':
      // The sheet has no column for the plan: the measures are the plan, unless the finding has one.
      return { ...(f.plan.trim() === '' ? { plan: f.measures } : {}), ...(row.dueDate ? { milestoneDate: row.dueDate } : {}) };
    case 'start':
    case 'resume':
      return {};
  }
}

function fieldProblem(p: FindingProblem, row: SheetImportRow, problem: Report): void {
  const field = (p.field.startsWith('accountability.') ? 'accountability' : p.field) as keyof FindingFields;
  const column = FIELD_COLUMN[field] ?? 'ledgerNo';
  const params = p.params ?? {};
  switch (p.code) {
    case 'tooLong':
      problem(column, 'tooLong', params);
      break;
    case 'dateInvalid':
      problem(column, 'dateInvalid', { value: row.dueDate ?? '' });
      break;
    case 'remedyInvalid':
      problem(column, 'amountInvalid', { value: String(row.customerRemedy ?? '') });
      break;
    case 'locked':
      problem(column, 'locked', { ledgerNo: row.ledgerNo });
      break;
    case 'deleted':
      problem('ledgerNo', 'voided', { ledgerNo: row.ledgerNo });
      break;
    default:
      // A field the sheet does not change (a description left blank in an old record): the record's own fault.
      problem('ledgerNo', 'recordInvalid', { ledgerNo: row.ledgerNo, field: p.field, problem: p.code });
  }
}
