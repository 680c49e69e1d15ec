// The 汇总表 workbook (issue 6 item 9): the tables of core/ledger/summary-tables.ts laid out as sheets,
// counts as numbers (so people can add them up), rates as percentages. Streamed with ExcelTS's
// WorkbookWriter like the 整改台账 itself, since the overdue list can be as long as the ledger.
import { WorkbookWriter } from '@cj-tech-master/excelts';
import type { CellValue, Style, WorksheetWriter } from '@cj-tech-master/excelts';
import { appError, err, ok, type Result } from '../core/result';
import type { Counts, SummaryTables } from '../core/ledger/summary-tables';
import { OVERDUE_BUCKETS } from '../core/ledger/summary-tables';
import { summaryStatement } from '../core/ledger/summary';
import { orgLevelLabel } from '../core/org/messages';
import { LEDGER_STATUS_LABELS } from '../core/ledger/sheet-rows';
import { collectingSink, UNCATEGORISED } from './ledger-workbook';

export const SUMMARY_SHEETS = {
  overview: '总体情况',
  units: '按机构',
  categories: '按问题类别',
  severities: '按风险等级',
  statuses: '按整改状态',
  overdue: '逾期问题',
} as const;

const HEADER: Partial<Style> = { font: { bold: true }, fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF7' } }, alignment: { vertical: 'middle', horizontal: 'center', wrapText: true } };
const TITLE: Partial<Style> = { font: { bold: true, size: 14 } };
const BOLD: Partial<Style> = { font: { bold: true } };
const COUNT: Partial<Style> = { numFmt: '0' };
const RATE: Partial<Style> = { numFmt: '0.0%' };
const DATE: Partial<Style> = { numFmt: 'yyyy-mm-dd' };
const WRAP: Partial<Style> = { alignment: { wrapText: true, vertical: 'top' } };

const COUNT_HEADERS = ['问题数', '已完成整改', '未完成整改', '其中逾期', '整改完成率'];

const rate = (c: Counts): number | null => (c.findings === 0 ? null : c.completed / c.findings);
const countCells = (c: Counts): CellValue[] => [c.findings, c.completed, c.open, c.overdue, rate(c)];
const COUNT_STYLES = [COUNT, COUNT, COUNT, COUNT, RATE];

// A day at midnight UTC is the day itself in Excel (ExcelTS writes a Date's UTC digits).
const day = (d: string): Date => new Date(Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))));

export type SummaryWorkbookOptions = { title: string; created?: Date };

/**
 * Errors: summaryWorkbook.writeFailed {detail}.
 */
export async function summaryWorkbookBytes(tables: SummaryTables, options: SummaryWorkbookOptions): Promise<Result<Uint8Array<ArrayBuffer>>> {
  const { sink, bytes } = collectingSink();
  try {
    const book = new WorkbookWriter({
      stream: sink,
      useStyles: true,
      useSharedStrings: false,
      creator: '消保自查',
      lastModifiedBy: '消保自查',
      ...(options.created ? { created: options.created, modified: options.created } : {}),
    });
    overview(book, tables, options.title);
    units(book, tables);
    simple(book, SUMMARY_SHEETS.categories, '问题类别', tables.categories.map((c) => [c.category || UNCATEGORISED, c.counts]), tables.total);
    simple(book, SUMMARY_SHEETS.severities, '风险等级', tables.severities.map((s) => [s.severity, s.counts]), tables.total);
    statuses(book, tables);
    overdue(book, tables);
    await book.commit();
    return ok(bytes());
  } catch (error) {
    return err(appError('summaryWorkbook.writeFailed', undefined, error instanceof Error ? `${error.name}: ${error.message}` : String(error)));
  }
}

function sheetOf(book: WorkbookWriter, name: string, widths: number[], frozen: boolean): WorksheetWriter {
  const sheet = book.addWorksheet(name, frozen ? { views: [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }] } : {});
  sheet.columns = widths.map((width) => ({ width }));
  return sheet;
}

function add(sheet: WorksheetWriter, values: CellValue[], styles: readonly (Partial<Style> | undefined)[] = []): void {
  const row = sheet.addRow(values);
  styles.forEach((style, i) => {
    if (style) row.getCell(i + 1).style = style;
  });
  row.commit();
}

const headerRow = (sheet: WorksheetWriter, headers: string[]): void => add(sheet, headers, headers.map(() => HEADER));

function overview(book: WorkbookWriter, t: SummaryTables, title: string): void {
  const s = t.summary;
  const sheet = sheetOf(book, SUMMARY_SHEETS.overview, [26, 14, 60], false);
  add(sheet, [title], [TITLE]);
  add(sheet, ['截至日期', day(s.asOf)], [undefined, DATE]);
  add(sheet, []);
  const line = (label: string, value: CellValue, style: Partial<Style> = COUNT): void => add(sheet, [label, value], [undefined, style]);
  line('问题总数', s.findings);
  line('涉及机构数', s.orgUnitsWithFindings);
  line('已完成整改（已整改待验收、已验收）', s.completed);
  line('已完成整改涉及机构数', s.orgUnitsCompleted);
  line('整改完成率', s.findings === 0 ? null : s.completionRate, RATE);
  line('尚未完成整改', s.open);
  line('其中逾期', s.overdue);
  add(sheet, []);
  add(sheet, ['逾期时长', '问题数'], [HEADER, HEADER]);
  OVERDUE_BUCKETS.forEach((b, i) => add(sheet, [b.upTo === null ? `${b.from} 天以上` : `${b.from}–${b.upTo} 天`, t.overdueBuckets[i] ?? 0], [undefined, COUNT]));
  add(sheet, []);
  add(sheet, ['工作总结表述'], [BOLD]);
  add(sheet, [summaryStatement(s, 'zh-CN')], [WRAP]);
  sheet.commit();
}

function units(book: WorkbookWriter, t: SummaryTables): void {
  const sheet = sheetOf(book, SUMMARY_SHEETS.units, [14, 30, 8, 9, 11, 11, 9, 11, 11, 11, 11, 11, 11], true);
  headerRow(sheet, ['机构代码', '机构名称', '层级', ...COUNT_HEADERS.map((h) => `本机构${h}`), ...COUNT_HEADERS.map((h) => `含下辖机构${h}`)]);
  for (const u of t.units) {
    // Units with units below them also show the roll-up: a 分行's line is the whole branch.
    const subtree = u.hasChildren ? countCells(u.subtree) : [null, null, null, null, null];
    add(sheet, [u.code, `${'　'.repeat(u.depth)}${u.name}`, u.level ? orgLevelLabel(u.level, 'zh-CN') : '', ...countCells(u.own), ...subtree], [undefined, u.hasChildren ? BOLD : undefined, undefined, ...COUNT_STYLES, ...COUNT_STYLES]);
  }
  add(sheet, ['合计', '', '', ...countCells(t.total)], [BOLD, undefined, undefined, ...COUNT_STYLES]);
  sheet.commit();
}

function simple(book: WorkbookWriter, name: string, heading: string, lines: [string, Counts][], total: Counts): void {
  const sheet = sheetOf(book, name, [28, 10, 12, 12, 10, 12], true);
  headerRow(sheet, [heading, ...COUNT_HEADERS]);
  for (const [label, counts] of lines) add(sheet, [label, ...countCells(counts)], [undefined, ...COUNT_STYLES]);
  add(sheet, ['合计', ...countCells(total)], [BOLD, ...COUNT_STYLES]);
  sheet.commit();
}

function statuses(book: WorkbookWriter, t: SummaryTables): void {
  const sheet = sheetOf(book, SUMMARY_SHEETS.statuses, [18, 10, 10], true);
  headerRow(sheet, ['整改状态', '问题数', '其中逾期']);
  for (const s of t.statuses) add(sheet, [LEDGER_STATUS_LABELS[s.status], s.findings, s.overdue], [undefined, COUNT, COUNT]);
  add(sheet, ['合计', t.total.findings, t.total.overdue], [BOLD, COUNT, COUNT]);
  sheet.commit();
}

function overdue(book: WorkbookWriter, t: SummaryTables): void {
  const sheet = sheetOf(book, SUMMARY_SHEETS.overdue, [20, 12, 40, 9, 14, 10, 12, 9, 14], true);
  headerRow(sheet, ['台账编号', '机构代码', '问题描述', '风险等级', '责任部门', '责任人', '整改期限', '逾期天数', '整改状态']);
  for (const o of t.overdue) {
    add(sheet, [o.ledgerNo, o.orgUnitCode, o.description, o.severity, o.responsibleDept, o.responsiblePerson, day(o.deadline), o.days, LEDGER_STATUS_LABELS[o.status]], [undefined, undefined, WRAP, undefined, undefined, undefined, DATE, COUNT]);
  }
  sheet.commit();
}
