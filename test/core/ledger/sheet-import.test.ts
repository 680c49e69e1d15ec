// Edited 整改台账 workbooks read back (issue 6 item 8): cells parsed into rows with every bad cell placed by
// sheet, row and column, and rows matched to findings and decided by the same edit and transition rules
// as the app. The sheets here are what the workbook reader hands over: display text per cell.
import { describe, expect, it } from 'vitest';
import {
  createSheetImportPlanner,
  EXCEL_IMPORT_REASON,
  MAX_LISTED_PROBLEMS,
  parseAccountability,
  parseLedgerSheets,
  planSheetImport,
  transitionBetween,
  type FindingLookup,
  type SheetImportPlan,
  type SheetImportProblem,
} from '../../../renderer/core/ledger/sheet-import';
import { LEDGER_HEADERS, LEDGER_STATUS_LABELS, toSheetRow, type LedgerSheetRow, type SheetContext } from '../../../renderer/core/ledger/sheet-rows';
import { isSystemReason } from '../../../renderer/core/finding/verdict-link';
import { FINDING_STATUSES, type Finding } from '../../../renderer/core/finding/model';
import { TRANSITIONS } from '../../../renderer/core/finding/transitions';
import { parseTypedDate } from '../../../renderer/core/date';
import type { SheetRows } from '../../../renderer/core/workbook-spec';
import { aFinding } from '../finding/fixtures';

const HEADERS = Object.values(LEDGER_HEADERS);
const KEYS = Object.keys(LEDGER_HEADERS) as (keyof typeof LEDGER_HEADERS)[];
const column = (key: keyof typeof LEDGER_HEADERS): number => KEYS.indexOf(key) + 1;

const context: SheetContext = { unitsByCode: new Map([['WD0001', { name: '人民路支行' }]]), inspectionsById: new Map(), asOf: '2026-04-01' };
const ctx = { today: '2026-04-10', actor: '王五' };

const pad = (n: number): string => String(n).padStart(2, '0');
/** 最后更新时间 as the reader shows it: wall clock at UTC+8, seconds dropped when zero. */
function wallClock(iso: string): string {
  const d = new Date(Math.floor(Date.parse(iso) / 1000) * 1000 + 8 * 3600_000);
  const day = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  return `${day} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}${d.getUTCSeconds() === 0 ? '' : `:${pad(d.getUTCSeconds())}`}`;
}

/** A finding's row as the workbook reader gives it back: every cell as display text. */
function cells(r: LedgerSheetRow, seq: number): string[] {
  const values: Record<keyof typeof LEDGER_HEADERS, string> = {
    ...(Object.fromEntries(KEYS.map((k) => [k, ''])) as Record<keyof typeof LEDGER_HEADERS, string>),
    seq: String(seq),
    ledgerNo: r.ledgerNo,
    orgUnitName: r.orgUnitName,
    orgUnitCode: r.orgUnitCode,
    inspectionKind: r.inspectionKind,
    checklist: r.checklist,
    itemCode: r.itemCode,
    category: r.category,
    description: r.description,
    basis: r.basis,
    severity: r.severity,
    repeat: r.repeat ? '是' : '否',
    rootCause: r.rootCause,
    correction: r.correction,
    measures: r.measures,
    responsibleDept: r.responsibleDept,
    responsiblePerson: r.responsiblePerson,
    dueDate: r.dueDate ?? '',
    status: LEDGER_STATUS_LABELS[r.status],
    overdue: r.overdue ? '是' : '否',
    completedDate: r.completedDate ?? '',
    completionNote: r.completionNote,
    evidenceCount: String(r.evidenceCount),
    verifier: r.verifier,
    verificationVerdict: r.verificationVerdict,
    customerRemedy: r.customerRemedy === null ? '' : String(r.customerRemedy),
    accountability: r.accountability,
    notes: r.notes,
    updatedAt: wallClock(r.updatedAt),
    id: r.id,
  };
  return KEYS.map((k) => values[k]);
}

type Edit = Partial<Record<keyof typeof LEDGER_HEADERS, string>>;

/** The sheet of these findings, each row edited as given (by column). */
function sheetOf(findings: readonly Finding[], edits: readonly Edit[] = [], name = '整改台账'): SheetRows {
  return {
    name,
    rows: [
      HEADERS,
      ...findings.map((f, i) => {
        const row = cells(toSheetRow(f, context), i + 1);
        for (const [key, value] of Object.entries(edits[i] ?? {})) row[column(key as keyof typeof LEDGER_HEADERS) - 1] = value;
        return row;
      }),
    ],
  };
}

const lookupOf = (findings: readonly Finding[]): FindingLookup => ({ byId: new Map(findings.map((f) => [f.id, f])), byLedgerNo: new Map(findings.map((f) => [f.ledgerNo, f])) });

function plan(findings: readonly Finding[], edits: readonly Edit[], stored: readonly Finding[] = findings): SheetImportPlan {
  return planSheetImport(parseLedgerSheets([sheetOf(findings, edits)]), lookupOf(stored), ctx);
}

const where = (p: SheetImportProblem) => ({ sheet: p.sheet, row: p.row, column: p.column, header: p.header, code: p.code });

const f1 = aFinding({ id: 'f-1', ledgerNo: 'WD0001-2026-0001' });
const inProgress = aFinding({ id: 'f-2', ledgerNo: 'WD0001-2026-0002', status: 'in_progress', responsiblePerson: '李四', dueDate: '2026-05-01', measures: '每月核对价目表' });
const rectified = aFinding({ id: 'f-3', ledgerNo: 'WD0001-2026-0003', status: 'rectified', measures: '更换价目表', completedAt: '2026-04-01', completionNote: '已更换' });
const verified = aFinding({ id: 'f-4', ledgerNo: 'WD0001-2026-0004', status: 'verified', measures: '更换价目表', completedAt: '2026-04-01', completionNote: '已更换', verification: { by: '王五', at: '2026-04-05', note: '整改到位' } });
const longTerm = aFinding({ id: 'f-5', ledgerNo: 'WD0001-2026-0005', status: 'long_term', dueDate: '2026-03-31', plan: '系统改造', milestoneDate: '2026-09-30', measures: '改造叫号系统' });

describe('parseTypedDate', () => {
  it('reads the ways people type a day and refuses days that do not exist', () => {
    for (const text of ['2026-03-05', '2026-3-5', '2026/3/5', '2026.03.05', '2026年3月5日', ' 2026年03月05日 ', '2026-03-05 14:30', '2026-03-05 14:30:10']) expect(parseTypedDate(text), text).toBe('2026-03-05');
    for (const text of ['2026-02-30', '05/03/2026', '2026-3', '明天', '', '20260305']) expect(parseTypedDate(text), text).toBeNull();
  });
});

describe('parseAccountability', () => {
  it('reads the joined form, the labelled form, and refuses what it cannot place', () => {
    expect(parseAccountability('张三；通报批评；消保〔2026〕3号')).toEqual({ who: '张三', how: '通报批评', docNo: '消保〔2026〕3号' });
    expect(parseAccountability('张三')).toEqual({ who: '张三', how: '', docNo: '' });
    expect(parseAccountability('张三;通报批评')).toEqual({ who: '张三', how: '通报批评', docNo: '' });
    expect(parseAccountability('对象：张三；文号：消保〔2026〕3号')).toEqual({ who: '张三', how: '', docNo: '消保〔2026〕3号' });
    expect(parseAccountability('')).toEqual({ who: '', how: '', docNo: '' });
    expect(parseAccountability('a；b；c；d')).toBeNull();
    expect(parseAccountability('对象：张三；通报批评')).toBeNull();
    expect(parseAccountability('对象：张三；对象：李四')).toBeNull();
  });
});

describe('parseLedgerSheets', () => {
  it('reads 整改台账 and its overflow sheets, skips 汇总, blank rows and rows holding only 序号', () => {
    const first = sheetOf([f1]);
    const second = sheetOf([inProgress], [], '整改台账 (2)');
    second.rows.push([], ['3'], ['', '', '']);
    const parsed = parseLedgerSheets([first, { name: '汇总', rows: [['整改台账'], ['问题总数', '2']] }, second]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rowCount).toBe(2);
    expect(parsed.rows.map((r) => [r.sheet, r.row, r.id, r.ledgerNo, r.status])).toEqual([
      ['整改台账', 2, 'f-1', 'WD0001-2026-0001', 'open'],
      ['整改台账 (2)', 2, 'f-2', 'WD0001-2026-0002', 'in_progress'],
    ]);
  });

  it('finds columns by their header, wherever they are, and leaves fields whose column is missing alone', () => {
    const sheet: SheetRows = { name: '整改台账', rows: [['备注', '台账编号', '自定义列', '整改状态'], ['说明', 'WD0001-2026-0001', 'x', '整改中']] };
    const parsed = parseLedgerSheets([sheet]);
    expect(parsed.problems).toEqual([]);
    const [row] = parsed.rows;
    expect(row).toMatchObject({ ledgerNo: 'WD0001-2026-0001', status: 'in_progress', text: { notes: '说明' } });
    expect(row?.text.measures).toBeUndefined();
    expect(row?.dueDate).toBeUndefined();
  });

  it('reports a workbook without the sheet, a sheet without 台账编号 or with a column twice, and a sheet without rows', () => {
    expect(parseLedgerSheets([{ name: '汇总', rows: [['a']] }]).problems.map(where)).toEqual([{ sheet: '', row: 0, column: 0, header: '', code: 'noLedgerSheet' }]);
    expect(parseLedgerSheets([{ name: '整改台账', rows: [['序号', '整改状态'], ['1', '整改中']] }]).problems.map(where)).toEqual([{ sheet: '整改台账', row: 1, column: 0, header: '台账编号', code: 'missingColumn' }]);
    const twice = parseLedgerSheets([{ name: '整改台账', rows: [['台账编号', '整改措施', '整改措施'], ['WD0001-2026-0001', 'a', 'b']] }]);
    expect(twice.problems.map(where)).toEqual([{ sheet: '整改台账', row: 1, column: 3, header: '整改措施', code: 'duplicateColumn' }]);
    expect(twice.rows).toEqual([]);
    expect(parseLedgerSheets([{ name: '整改台账', rows: [HEADERS] }]).problems.map((p) => p.code)).toEqual(['noRows']);
    expect(parseLedgerSheets([{ name: '整改台账', rows: [] }]).problems.map((p) => p.code)).toEqual(['noRows']);
  });

  it('places every bad cell by sheet, row and column, and keeps only rows whose cells all read', () => {
    const parsed = parseLedgerSheets([
      sheetOf(
        [f1, inProgress, rectified, verified, longTerm],
        [
          { dueDate: '2026-02-30' },
          { status: '已完成' },
          { status: '', customerRemedy: '12元5角' },
          { accountability: 'a；b；c；d', verifier: '王'.repeat(51) },
          { completedDate: '下周', customerRemedy: '￥1,234.50' },
        ],
      ),
    ]);
    expect(parsed.problems.map(where)).toEqual([
      { sheet: '整改台账', row: 2, column: column('dueDate'), header: '整改期限', code: 'dateInvalid' },
      { sheet: '整改台账', row: 3, column: column('status'), header: '整改状态', code: 'statusInvalid' },
      { sheet: '整改台账', row: 4, column: column('status'), header: '整改状态', code: 'statusMissing' },
      { sheet: '整改台账', row: 4, column: column('customerRemedy'), header: '客户补偿/退费金额', code: 'amountInvalid' },
      { sheet: '整改台账', row: 5, column: column('verifier'), header: '验收人', code: 'tooLong' },
      { sheet: '整改台账', row: 5, column: column('accountability'), header: '问责情况', code: 'accountabilityInvalid' },
      { sheet: '整改台账', row: 6, column: column('completedDate'), header: '完成日期', code: 'dateInvalid' },
    ]);
    expect(parsed.problems[0]?.params).toEqual({ value: '2026-02-30' });
    expect(parsed.problems[1]?.params).toMatchObject({ value: '已完成', allowed: '待整改、整改中、已整改待验收、已验收、长期整改' });
    expect(parsed.rowCount).toBe(5);
    expect(parsed.rows).toEqual([]);
  });

  it('reads statuses as labels or codes, amounts with separators and currency, and typed dates', () => {
    const parsed = parseLedgerSheets([
      sheetOf([f1, inProgress], [
        { status: ' 整改中 ', customerRemedy: '￥1,234.50', dueDate: '2026年5月1日' },
        { status: 'rectified', customerRemedy: '80元', completedDate: '2026/4/2' },
      ]),
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.status, r.customerRemedy, r.dueDate, r.completedDate])).toEqual([
      ['in_progress', 1234.5, '2026-05-01', null],
      ['rectified', 80, '2026-05-01', '2026-04-02'],
    ]);
  });
});

describe('transitionBetween', () => {
  it('finds the one action of the state machine between two states, and none for a jump', () => {
    for (const [action, rule] of Object.entries(TRANSITIONS)) for (const from of rule.from) expect(transitionBetween(from, rule.to)).toBe(action);
    expect(transitionBetween('open', 'verified')).toBeNull();
    expect(transitionBetween('in_progress', 'open')).toBeNull();
    expect(transitionBetween('verified', 'rectified')).toBeNull();
    expect(FINDING_STATUSES.filter((s) => transitionBetween(s, 'open') !== null)).toEqual([]);
  });
});

describe('planSheetImport', () => {
  const all = [f1, inProgress, rectified, verified, longTerm, aFinding({ id: 'f-6', ledgerNo: 'WD0001-2026-0006', accountability: { who: '张三', how: '', docNo: '消保〔2026〕3号' }, customerRemedy: 120.5, notes: '备注' })];

  it('finds every row of an untouched export unchanged, whatever the finding’s state', () => {
    const p = plan(all, []);
    expect(p.problems).toEqual([]);
    expect(p).toMatchObject({ rowCount: 6, unchanged: 6, updates: [] });
  });

  it('updates the edited fields of a finding, matched by ID or, without one, by 台账编号', () => {
    const p = plan([f1, inProgress], [{ measures: '每月核对价目表', responsibleDept: '运营部', id: '' }, { notes: '已督办', customerRemedy: '50' }]);
    expect(p.problems).toEqual([]);
    expect(p.updates.map((u) => [u.current.id, u.transition, u.changes.map((c) => c.field)])).toEqual([
      ['f-1', null, ['measures', 'responsibleDept']],
      ['f-2', null, ['customerRemedy', 'notes']],
    ]);
    expect(p.updates[0]?.next).toMatchObject({ measures: '每月核对价目表', responsibleDept: '运营部', status: 'open' });
  });

  it('reports rows it cannot place: no identity, an unknown finding, an ID and a number that disagree, a foreign ID, another unit, a duplicate', () => {
    const other = aFinding({ id: 'f-9', ledgerNo: 'WD0001-2026-0009' });
    const p = plan(
      [f1, inProgress, rectified, verified, longTerm, f1],
      [{ id: '', ledgerNo: '' }, { id: '', ledgerNo: 'WD0001-2026-0404' }, { ledgerNo: 'WD0001-2026-0009' }, { id: 'elsewhere' }, { orgUnitCode: 'WD0002' }, {}],
      [f1, inProgress, rectified, verified, longTerm, other],
    );
    expect(p.problems.map((x) => [x.row, x.header, x.code])).toEqual([
      [2, '台账编号', 'noIdentity'],
      [3, '台账编号', 'unknownFinding'],
      [4, '台账编号', 'idMismatch'],
      [5, 'ID', 'idUnknown'],
      [6, '机构代码', 'unitMismatch'],
    ]);
    // Row 7 repeats row 2's finding, but row 2 could not be matched: it is the first to claim f-1.
    expect(p.updates).toEqual([]);
    expect(p.unchanged).toBe(1);
    const dup = plan([f1, f1], [{ notes: 'a' }, { notes: 'b' }]);
    expect(dup.problems.map((x) => [x.row, x.code, x.params])).toEqual([[3, 'duplicateRow', { sheet: '整改台账', row: 2, ledgerNo: f1.ledgerNo }]]);
    expect(p.badRows).toBe(5);
  });

  it('starts rectification when the row names the owner and the deadline, and says which cell is missing when it does not', () => {
    const refused = plan([f1], [{ status: '整改中', responsiblePerson: '' }]);
    expect(refused.problems.map((x) => [x.column, x.header, x.code, x.params])).toEqual([
      [column('responsiblePerson'), '责任人', 'requirement', { action: 'start', requirement: 'responsiblePerson', kind: 'missing' }],
      [column('dueDate'), '整改期限', 'requirement', { action: 'start', requirement: 'dueDate', kind: 'missing' }],
    ]);
    const p = plan([f1], [{ status: '整改中', responsiblePerson: '李四', dueDate: '2026-05-31' }]);
    expect(p.problems).toEqual([]);
    expect(p.updates[0]).toMatchObject({ transition: 'start', next: { status: 'in_progress', responsiblePerson: '李四', dueDate: '2026-05-31' } });
  });

  it('submits for verification only with measures, a completion date not in the future and a note or evidence', () => {
    const missing = plan([inProgress], [{ status: '已整改待验收', measures: '' }]);
    expect(missing.problems.map((x) => [x.header, x.params.requirement, x.params.kind])).toEqual([
      ['整改措施', 'measures', 'missing'],
      ['完成日期', 'completedAt', 'missing'],
      ['整改情况说明', 'evidenceOrExplanation', 'missing'],
    ]);
    const future = plan([inProgress], [{ status: '已整改待验收', completedDate: '2026-04-11', completionNote: '已更换' }]);
    expect(future.problems.map((x) => [x.header, x.params.kind])).toEqual([['完成日期', 'future']]);
    const p = plan([inProgress], [{ status: '已整改待验收', completedDate: '2026-04-08', completionNote: '已更换价目表' }]);
    expect(p.problems).toEqual([]);
    expect(p.updates[0]).toMatchObject({ transition: 'submit', next: { status: 'rectified', completedAt: '2026-04-08', completionNote: '已更换价目表' } });
    expect(p.updates[0]?.changes.map((c) => c.field)).toEqual(['status', 'completedAt', 'completionNote']);
    // Evidence attached in the app stands in for the note.
    const withEvidence = plan([{ ...inProgress, evidence: ['a'.repeat(64)] }], [{ status: '已整改待验收', completedDate: '2026-04-08' }]);
    expect(withEvidence.problems).toEqual([]);
  });

  it('refuses a status jump the state machine does not allow', () => {
    const p = plan([f1, verified, longTerm], [{ status: '已验收' }, { status: '已整改待验收' }, { status: '待整改' }]);
    expect(p.problems.map((x) => [x.row, x.column, x.code, x.params])).toEqual([
      [2, column('status'), 'transitionNotAllowed', { from: 'open', to: 'verified' }],
      [3, column('status'), 'transitionNotAllowed', { from: 'verified', to: 'rectified' }],
      [4, column('status'), 'transitionNotAllowed', { from: 'long_term', to: 'open' }],
    ]);
  });

  it('verifies with the named verifier on the import day, and returns or reopens only with a reason in 验收结论', () => {
    const noVerifier = plan([rectified], [{ status: '已验收' }]);
    expect(noVerifier.problems.map((x) => [x.header, x.params.requirement])).toEqual([['验收人', 'verifier']]);
    const ok = plan([rectified], [{ status: '已验收', verifier: '赵六', verificationVerdict: '通过：整改到位' }]);
    expect(ok.updates[0]).toMatchObject({ transition: 'verify', next: { status: 'verified', verification: { by: '赵六', at: '2026-04-10', note: '整改到位' } } });
    const noReason = plan([rectified], [{ status: '整改中' }]);
    expect(noReason.problems.map((x) => [x.header, x.params.requirement])).toEqual([['验收结论', 'reason']]);
    const returned = plan([rectified], [{ status: '整改中', verificationVerdict: '退回：佐证不足', completedDate: '2026-04-01' }]);
    expect(returned.problems).toEqual([]);
    expect(returned.updates[0]).toMatchObject({ transition: 'return', next: { status: 'in_progress', completedAt: null, lastReturn: { by: '王五', at: '2026-04-10', reason: '佐证不足' } } });
    // What the export showed (an earlier return) is not what a person wrote now: no reason, and no note.
    const again = { ...rectified, lastReturn: { by: '王五', at: '2026-03-20', reason: '照片不清' } };
    const stale = plan([again], [{ status: '整改中' }]);
    expect(stale.problems.map((x) => [x.header, x.params.requirement])).toEqual([['验收结论', 'reason']]);
    const plain = plan([again], [{ status: '整改中', verificationVerdict: '仍缺版本号' }]);
    expect(plain.updates[0]?.next.lastReturn?.reason).toBe('仍缺版本号');
    const passed = plan([again], [{ status: '已验收', verifier: '赵六' }]);
    expect(passed.updates[0]?.next.verification).toEqual({ by: '赵六', at: '2026-04-10', note: '' });
  });

  it('keeps a verified finding locked unless the row reopens it, and then applies the row’s edits', () => {
    const locked = plan([verified], [{ measures: '另写的措施' }]);
    expect(locked.problems.map((x) => [x.column, x.header, x.code])).toEqual([[column('measures'), '整改措施', 'locked']]);
    const reopened = plan([verified], [{ status: '整改中', verificationVerdict: '退回：复查发现价目表又是旧版', measures: '另写的措施' }]);
    expect(reopened.problems).toEqual([]);
    expect(reopened.updates[0]).toMatchObject({ transition: 'reopen', next: { status: 'in_progress', measures: '另写的措施', verification: null } });
  });

  it('moves to 长期整改 with 整改期限 as the next milestone and the measures as the plan, and edits a milestone in place', () => {
    const past = plan([inProgress], [{ status: '长期整改', dueDate: '2026-04-01' }]);
    expect(past.problems.map((x) => [x.header, x.params.requirement, x.params.kind])).toEqual([['整改期限', 'milestoneDate', 'past']]);
    const p = plan([inProgress], [{ status: '长期整改', dueDate: '2026-12-31' }]);
    expect(p.updates[0]).toMatchObject({ transition: 'longTerm', next: { status: 'long_term', dueDate: '2026-05-01', milestoneDate: '2026-12-31', plan: '每月核对价目表' } });
    const moved = plan([longTerm], [{ dueDate: '2026-10-31' }]);
    expect(moved.updates[0]).toMatchObject({ transition: null, next: { milestoneDate: '2026-10-31', dueDate: '2026-03-31' } });
    const cleared = plan([longTerm], [{ dueDate: '' }]);
    expect(cleared.problems.map((x) => [x.header, x.params.requirement])).toEqual([['整改期限', 'milestoneDate']]);
  });

  it('takes 完成日期 only when the row submits, and reports a finding changed in the app after the export', () => {
    const p = plan([inProgress, rectified], [{ completedDate: '2026-04-02' }, { completedDate: '2026-04-03' }]);
    expect(p.problems.map((x) => [x.row, x.header, x.code])).toEqual([
      [2, '完成日期', 'completedAtWithoutSubmit'],
      [3, '完成日期', 'completedAtWithoutSubmit'],
    ]);
    const later = { ...inProgress, updatedAt: '2026-04-09T10:00:00.000Z' };
    const stale = planSheetImport(parseLedgerSheets([sheetOf([inProgress], [{ measures: '新措施' }])]), lookupOf([later]), ctx);
    expect(stale.problems.map((x) => [x.header, x.code, x.params.ledgerNo])).toEqual([['最后更新时间', 'stale', inProgress.ledgerNo]]);
    // Out of date is what it says, whatever else is wrong with the row; an old row that still matches is unchanged.
    const jump = planSheetImport(parseLedgerSheets([sheetOf([inProgress], [{ status: '待整改' }])]), lookupOf([later]), ctx);
    expect(jump.problems.map((x) => x.code)).toEqual(['stale']);
    const same = planSheetImport(parseLedgerSheets([sheetOf([later], [{ updatedAt: wallClock(inProgress.updatedAt) }])]), lookupOf([later]), ctx);
    expect(same).toMatchObject({ unchanged: 1, problemCount: 0 });
    // The same row against the record it was exported from is fine; so is a row whose time cell was cleared.
    expect(plan([inProgress], [{ measures: '新措施' }]).problems).toEqual([]);
    expect(planSheetImport(parseLedgerSheets([sheetOf([inProgress], [{ measures: '新措施', updatedAt: '' }])]), lookupOf([later]), ctx).problems).toEqual([]);
  });

  it('checks the edited record by the app’s own field rules and places what fails', () => {
    const p = plan([f1, inProgress], [{ measures: '措'.repeat(2001) }, { customerRemedy: '10.555' }]);
    expect(p.problems.map((x) => [x.row, x.header, x.code, x.params])).toEqual([
      [2, '整改措施', 'tooLong', { max: 2000 }],
      [3, '客户补偿/退费金额', 'amountInvalid', { value: '10.555' }],
    ]);
  });

  it('refuses changes to a voided finding and finds an untouched row of one unchanged', () => {
    const voided = { ...f1, deletedAt: '2026-03-05T00:00:00.000Z' };
    expect(plan([voided], [{ notes: 'x' }]).problems.map((x) => x.code)).toEqual(['voided']);
    expect(plan([voided], [])).toMatchObject({ unchanged: 1, problems: [] });
  });

  it('reads accountability as written back, keeping the stored parts when the cell is untouched', () => {
    const p = plan([all[5]!, f1], [{}, { accountability: '对象：李四；方式：诫勉谈话' }]);
    expect(p.problems).toEqual([]);
    expect(p.unchanged).toBe(1);
    expect(p.updates[0]?.next.accountability).toEqual({ who: '李四', how: '诫勉谈话', docNo: '' });
  });

  it('lists problems in workbook order, those found reading cells and those found planning alike', () => {
    const second = sheetOf([inProgress], [{ status: '待整改' }], '整改台账 (2)');
    const p = planSheetImport(parseLedgerSheets([sheetOf([f1, rectified], [{ status: '已验收' }, { dueDate: '明天' }]), second]), lookupOf([f1, inProgress, rectified]), ctx);
    expect(p.problems.map((x) => [x.sheet, x.row, x.code])).toEqual([
      ['整改台账', 2, 'transitionNotAllowed'],
      ['整改台账', 3, 'dateInvalid'],
      ['整改台账 (2)', 2, 'transitionNotAllowed'],
    ]);
  });

  it('lists at most MAX_LISTED_PROBLEMS problems but counts them all', () => {
    const many = Array.from({ length: MAX_LISTED_PROBLEMS + 5 }, (_, i) => aFinding({ id: `x-${i}`, ledgerNo: `WD0001-2026-${String(i + 1).padStart(4, '0')}` }));
    const parsed = parseLedgerSheets([sheetOf(many, many.map(() => ({ status: '已验收' })))]);
    const planner = createSheetImportPlanner(parsed, lookupOf(many), ctx);
    parsed.rows.forEach(planner.add);
    const p = planner.result();
    expect(p.problems).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(p.problemCount).toBe(MAX_LISTED_PROBLEMS + 5);
    expect(p.badRows).toBe(MAX_LISTED_PROBLEMS + 5);
  });

  it('records its changes under a reason the timeline translates', () => {
    expect(isSystemReason(EXCEL_IMPORT_REASON)).toBe(true);
  });
});
