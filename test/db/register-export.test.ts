// The register's consolidated exports (issue 6 item 9), through the worker's handlers: the filtered
// register as a 整改台账 holds exactly the rows shown, in the order shown; the 汇总表 of the same rows says
// what summarize() and the register's summary say.
import { Workbook, type Worksheet } from '@cj-tech-master/excelts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { addManualFinding, transitionFinding, updateFinding, voidFinding } from '../../renderer/db/repos/findings';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { ledgerExcelHandlers } from '../../renderer/workers/ledger-excel-handler';
import type { RegisterExportInput, RegisterExportOutput } from '../../renderer/workers/jobs';
import { EMPTY_FILTER, filterFindings, registerSummary, sortFindings } from '../../renderer/core/finding/register';
import { summarize, WHOLE_SCOPE } from '../../renderer/core/ledger/summary';
import { summaryTables } from '../../renderer/core/ledger/summary-tables';
import { SUMMARY_SHEETS } from '../../renderer/io/summary-workbook';
import type { Result } from '../../renderer/core/result';
import type { FindingRow } from '../../renderer/db/types';
import { eachTestBranchDb, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

const TODAY = '2026-04-15';
const quiet = { signal: new AbortController().signal, progress: () => undefined };

async function run(kind: 'excel' | 'summary', input: RegisterExportInput): Promise<RegisterExportOutput> {
  const [, excel, summary] = ledgerExcelHandlers(() => ({ db, release: () => undefined }));
  const handler = kind === 'excel' ? excel : summary;
  return unwrap((await handler!.run(input, quiet)) as Result<RegisterExportOutput>);
}

async function load(bytes: Uint8Array): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(bytes);
  return book;
}

const column = (sheet: Worksheet, n: number): unknown[] => {
  const out: unknown[] = [];
  sheet.eachRow((row, i) => {
    if (i > 1) out.push(row.getCell(n).value);
  });
  return out;
};

let rows: FindingRow[];

beforeEach(async () => {
  unwrap(await addOrgUnit(db, { code: 'SB01', name: '城东支行', level: 'subbranch', parentCode: 'BR01' }));
  unwrap(await addOrgUnit(db, { code: 'WD01', name: '人民路网点', level: 'outlet', parentCode: 'SB01' }));
  unwrap(await addOrgUnit(db, { code: 'WD02', name: '解放路网点', level: 'outlet', parentCode: 'BR01' }));
  const specs = [
    ['WD01', '价目表未更新', '公示', '一般', '2026-03-31', '李四'],
    ['WD01', '投诉电话未公示', '投诉处理', '较重', '2026-05-31', '王五'],
    ['WD02', '双录缺失', '适当性', '重大', '2026-03-01', '赵六'],
    ['SB01', '宣传材料未审查', '营销宣传', '较重', null, ''],
    ['BR01', '制度未更新', '公示', '一般', '2026-04-01', '孙七'],
    ['WD02', '重复登记的问题', '公示', '一般', '2026-03-01', '赵六'],
  ] as const;
  for (const [orgUnitCode, description, category, severity, dueDate, responsiblePerson] of specs) {
    unwrap(await addManualFinding(db, { orgUnitCode, description, category, basis: '', severity, dueDate, responsibleDept: '', responsiblePerson }));
  }
  const byDesc = async (d: string) => (await db.findings.filter((f) => f.description === d).first())!.id;
  unwrap(await transitionFinding(db, await byDesc('投诉电话未公示'), 'start', {}));
  unwrap(await transitionFinding(db, await byDesc('制度未更新'), 'start', {}));
  unwrap(await updateFinding(db, await byDesc('制度未更新'), { measures: '修订制度' }));
  unwrap(await transitionFinding(db, await byDesc('制度未更新'), 'submit', { completedAt: '2026-03-02', completionNote: '已修订' }));
  unwrap(await voidFinding(db, await byDesc('重复登记的问题'), '重复登记'));
  rows = await db.findings.toArray();
});

describe('the filtered register as a 整改台账', () => {
  it('holds exactly the rows the register shows, in its order, and nothing voided', async () => {
    const shown = filterFindings(sortFindings(rows, { key: 'responsiblePerson', order: 'desc' }), { ...EMPTY_FILTER, statuses: ['open', 'in_progress'] }, TODAY);
    expect(shown.length).toBe(4);
    const out = await run('excel', { ids: shown.map((r) => r.id), asOf: TODAY, title: '整改台账（筛选结果）' });
    expect(out.rows).toBe(4);
    const sheet = (await load(out.bytes)).getWorksheet('整改台账')!;
    expect(column(sheet, 2)).toEqual(shown.map((r) => r.ledgerNo));

    // With voided findings shown, they are still left out: the sheet has no column to say a row is void.
    const withVoided = filterFindings(rows, { ...EMPTY_FILTER, includeVoided: true, orgUnits: ['WD02'] }, TODAY);
    expect(withVoided).toHaveLength(2);
    const out2 = await run('excel', { ids: withVoided.map((r) => r.id), asOf: TODAY, title: 't' });
    expect(out2.rows).toBe(1);
    expect(column((await load(out2.bytes)).getWorksheet('整改台账')!, 9)).toEqual(['双录缺失']);
  });
});

describe('the 汇总表 of the filtered rows', () => {
  it('says what summarize() and the register’s summary say, per unit with the branch rolled up, per category, severity and status', async () => {
    const shown = filterFindings(rows, { ...EMPTY_FILTER, includeVoided: true }, TODAY);
    const out = await run('summary', { ids: shown.map((r) => r.id), asOf: TODAY, title: '整改情况汇总表' });
    const units = await db.orgUnits.toArray();
    const expected = summarize(shown, WHOLE_SCOPE, units, TODAY);
    expect(out.rows).toBe(expected.findings);
    const book = await load(out.bytes);
    expect(book.worksheets.map((w) => w.name)).toEqual(Object.values(SUMMARY_SHEETS));

    const overview = book.getWorksheet(SUMMARY_SHEETS.overview)!;
    const value = (label: string): unknown => {
      let found: unknown;
      overview.eachRow((row) => {
        if (row.getCell(1).value === label) found = row.getCell(2).value;
      });
      return found;
    };
    expect(value('问题总数')).toBe(expected.findings);
    expect(value('涉及机构数')).toBe(expected.orgUnitsWithFindings);
    expect(value('已完成整改（已整改待验收、已验收）')).toBe(expected.completed);
    expect(value('尚未完成整改')).toBe(expected.open);
    expect(value('其中逾期')).toBe(expected.overdue);
    expect(value('其中逾期')).toBe(registerSummary(shown.filter((r) => r.deletedAt === null), TODAY).overdue);
    expect(value('整改完成率')).toBeCloseTo(expected.completionRate);

    const byUnit = book.getWorksheet(SUMMARY_SHEETS.units)!;
    const lines = new Map<string, unknown[]>();
    byUnit.eachRow((row, i) => {
      if (i > 1) lines.set(String(row.getCell(1).value), (row.values as unknown[]).slice(1));
    });
    const branch = summarize(shown, { ...WHOLE_SCOPE, units: ['BR01'] }, units, TODAY);
    // 机构代码, 名称, 层级, own ×5, subtree ×5: BR01 holds one finding itself and the whole branch below it.
    expect(lines.get('BR01')?.slice(3, 7)).toEqual([1, 1, 0, 0]);
    expect(lines.get('BR01')?.slice(8, 12)).toEqual([branch.findings, branch.completed, branch.open, branch.overdue]);
    expect(lines.get('SB01')?.slice(8, 12)).toEqual([3, 0, 3, 1]);
    expect(lines.get('WD01')?.slice(8)).toEqual([]);
    expect(lines.get('合计')?.slice(3, 7)).toEqual([expected.findings, expected.completed, expected.open, expected.overdue]);

    const tables = summaryTables(shown, units, TODAY);
    const byStatus = book.getWorksheet(SUMMARY_SHEETS.statuses)!;
    expect(column(byStatus, 2)).toEqual([...tables.statuses.map((s) => s.findings), expected.findings]);
    const byCategory = book.getWorksheet(SUMMARY_SHEETS.categories)!;
    expect(column(byCategory, 1)).toEqual([...tables.categories.map((c) => c.category), '合计']);
    expect(column(byCategory, 2)).toEqual([...tables.categories.map((c) => c.counts.findings), expected.findings]);
    const overdue = book.getWorksheet(SUMMARY_SHEETS.overdue)!;
    expect(column(overdue, 1)).toEqual(tables.overdue.map((o) => o.ledgerNo));
    expect(column(overdue, 8)).toEqual(tables.overdue.map((o) => o.days));
  });
});
