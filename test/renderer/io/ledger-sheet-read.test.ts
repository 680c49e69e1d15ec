// An edited 整改台账 read back (issue 6 item 8): written by our writer, edited with ExcelTS the way a
// person edits it in Excel (a status from the dropdown, a real date, typed text), read by the streaming
// reader behind the workbook guard, and planned against the findings it came from.
import { Workbook } from '@cj-tech-master/excelts';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, ledgerWorkbookBytes, readLedgerWorkbook } from '../../../renderer/io/ledger-workbook';
import { readWorkbookRows, streamWorkbookRows } from '../../../renderer/io/workbook';
import { sheetRows, type SheetContext } from '../../../renderer/core/ledger/sheet-rows';
import { planSheetImport } from '../../../renderer/core/ledger/sheet-import';
import type { Finding } from '../../../renderer/core/finding/model';
import { aFinding } from '../../core/finding/fixtures';

const context: SheetContext = { unitsByCode: new Map([['WD0001', { name: '人民路支行' }]]), inspectionsById: new Map(), asOf: '2026-04-01' };
const col = (header: string): number => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;

const findings: Finding[] = [
  aFinding({ id: 'f-1', ledgerNo: 'WD0001-2026-0001', status: 'in_progress', responsiblePerson: '李四', dueDate: '2026-05-01', measures: '每月核对价目表', updatedAt: '2026-03-05T02:03:04.567Z' }),
  aFinding({ id: 'f-2', ledgerNo: 'WD0001-2026-0002', updatedAt: '2026-03-05T02:03:05.000Z' }),
  aFinding({ id: 'f-3', ledgerNo: 'WD0001-2026-0003', customerRemedy: 1234.5, accountability: { who: '张三', how: '', docNo: '消保〔2026〕3号' }, updatedAt: '2026-03-06T15:59:59.999Z' }),
];
const lookup = { byId: new Map(findings.map((f) => [f.id, f])), byLedgerNo: new Map(findings.map((f) => [f.ledgerNo, f])) };
const ctx = { today: '2026-04-10', actor: '王五' };

async function exported(rowsPerSheet?: number): Promise<Uint8Array> {
  const bytes = await ledgerWorkbookBytes(sheetRows(findings, context), { asOf: '2026-04-01', ...(rowsPerSheet ? { maxRowsPerSheet: rowsPerSheet } : {}) });
  if (!bytes.ok) throw new Error(bytes.error.code);
  return bytes.value;
}

async function edit(bytes: Uint8Array, change: (book: Workbook) => void): Promise<Uint8Array> {
  const book = new Workbook();
  await book.xlsx.load(bytes);
  change(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function read(bytes: Uint8Array) {
  const r = await readLedgerWorkbook(bytes);
  if (!r.ok) throw new Error(`${r.error.code} ${r.error.detail ?? ''}`);
  return r.value;
}

/** The same workbook with `inject` put before the root element of one XML part. */
function withXml(bytes: Uint8Array, part: string, inject: string): Uint8Array {
  const files = unzipSync(bytes);
  const xml = strFromU8(files[part]!);
  files[part] = strToU8(xml.replace('?>', `?>${inject}`));
  return zipSync(files);
}

describe('reading an edited 整改台账', () => {
  it('reads an untouched export back as rows that change nothing', async () => {
    const parsed = await read(await exported());
    expect(parsed.problems).toEqual([]);
    expect(parsed.rows.map((r) => [r.row, r.id, r.ledgerNo])).toEqual([
      [2, 'f-1', 'WD0001-2026-0001'],
      [3, 'f-2', 'WD0001-2026-0002'],
      [4, 'f-3', 'WD0001-2026-0003'],
    ]);
    const plan = planSheetImport(parsed, lookup, ctx);
    expect(plan).toMatchObject({ rowCount: 3, unchanged: 3, updates: [], problemCount: 0 });
  });

  it('takes what a person typed in Excel: a status from the dropdown, a real date, a typed date, text', async () => {
    const bytes = await edit(await exported(), (book) => {
      const sheet = book.getWorksheet('整改台账')!;
      const first = sheet.getRow(2);
      first.getCell(col('整改状态')).value = '已整改待验收';
      first.getCell(col('完成日期')).value = new Date(Date.UTC(2026, 3, 8));
      first.getCell(col('整改情况说明')).value = '已更换为最新价目表，见照片';
      const second = sheet.getRow(3);
      second.getCell(col('整改状态')).value = '整改中';
      second.getCell(col('责任人')).value = '赵六';
      second.getCell(col('整改期限')).value = '2026/6/30';
      const third = sheet.getRow(4);
      third.getCell(col('客户补偿/退费金额')).value = 2000;
    });
    const parsed = await read(bytes);
    expect(parsed.problems).toEqual([]);
    const plan = planSheetImport(parsed, lookup, ctx);
    expect(plan.problems).toEqual([]);
    expect(plan.updates.map((u) => [u.current.id, u.transition, u.changes.map((c) => c.field)])).toEqual([
      ['f-1', 'submit', ['status', 'completedAt', 'completionNote']],
      ['f-2', 'start', ['responsiblePerson', 'dueDate', 'status']],
      ['f-3', null, ['customerRemedy']],
    ]);
    expect(plan.updates[0]?.next).toMatchObject({ completedAt: '2026-04-08', completionNote: '已更换为最新价目表，见照片' });
    expect(plan.updates[1]?.next).toMatchObject({ dueDate: '2026-06-30', responsiblePerson: '赵六' });
    expect(plan.updates[2]?.next.customerRemedy).toBe(2000);
  });

  it('reads the rows of every overflow sheet, 整改台账 (2), (3)…', async () => {
    const bytes = await exported(1);
    const parsed = await read(bytes);
    expect(parsed.rows.map((r) => [r.sheet, r.row, r.id])).toEqual([
      ['整改台账', 2, 'f-1'],
      ['整改台账 (2)', 2, 'f-2'],
      ['整改台账 (3)', 2, 'f-3'],
    ]);
    const edited = await edit(bytes, (book) => {
      book.getWorksheet('整改台账 (3)')!.getRow(2).getCell(col('整改状态')).value = '已验收';
    });
    const plan = planSheetImport(await read(edited), lookup, ctx);
    expect(plan.problems.map((p) => [p.sheet, p.row, p.header, p.code])).toEqual([['整改台账 (3)', 2, '整改状态', 'transitionNotAllowed']]);
  });

  it('refuses a workbook whose XML declares a DTD or entities, before any of it is parsed, for ledgers and checklists alike', async () => {
    const good = await exported();
    const bomb = withXml(good, 'xl/worksheets/sheet1.xml', '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>');
    const external = withXml(good, 'xl/workbook.xml', '<!doctype workbook SYSTEM "file:///etc/passwd">');
    for (const bytes of [bomb, external]) {
      const r = await readLedgerWorkbook(bytes);
      expect(!r.ok && r.error.code).toBe('workbook.xmlDeclarations');
      const rows = await readWorkbookRows(bytes);
      expect(!rows.ok && rows.error.code).toBe('workbook.xmlDeclarations');
    }
    const utf16 = unzipSync(good);
    utf16['xl/sharedStrings.xml'] = new Uint8Array([0xff, 0xfe, 0x3c, 0x00]);
    const r = await readLedgerWorkbook(zipSync(utf16));
    expect(!r.ok && r.error.code).toBe('workbook.xmlDeclarations');
  });

  it('goes through the same guard as every workbook: old .xls files, non-workbooks and too many rows are refused', async () => {
    const ole = new Uint8Array(64);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const cases: [Uint8Array, string][] = [
      [ole, 'workbook.oleFile'],
      [strToU8('台账编号,整改状态\n'), 'workbook.notXlsx'],
      [zipSync({ 'a.txt': strToU8('x') }), 'workbook.notXlsx'],
    ];
    for (const [bytes, code] of cases) {
      const r = await readLedgerWorkbook(bytes);
      expect(!r.ok && r.error.code).toBe(code);
    }
    const rows: string[] = [];
    const capped = await streamWorkbookRows(await exported(), { sheets: () => true, maxRows: 3, onRow: (sheet, row) => rows.push(`${sheet}:${row}`) });
    expect(!capped.ok && capped.error).toEqual({ code: 'workbook.tooManyRows', params: { max: 3 } });
    expect(rows).toEqual(['整改台账:1', '整改台账:2', '整改台账:3']);
  });

  it('stops when cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const r = await readLedgerWorkbook(await exported(), { signal: controller.signal });
    expect(!r.ok && r.error.code).toBe('job.cancelled');
  });

  it('reports a workbook that is not a 整改台账, and one whose header lost 台账编号', async () => {
    const book = new Workbook();
    book.addWorksheet('检查项').addRow(['章节编码']);
    const other = await read(new Uint8Array(await book.xlsx.writeBuffer()));
    expect(other.problems.map((p) => p.code)).toEqual(['noLedgerSheet']);
    const renamed = await edit(await exported(), (b) => {
      b.getWorksheet('整改台账')!.getRow(1).getCell(col('台账编号')).value = '编号';
    });
    expect((await read(renamed)).problems.map((p) => [p.sheet, p.row, p.code])).toEqual([['整改台账', 1, 'missingColumn']]);
  });
});
