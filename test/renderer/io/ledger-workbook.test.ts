// The 整改台账 is written by the streaming writer and read back with ExcelTS's ordinary reader, the way
// Excel or WPS would see it: headers, order, cell types, frozen header, filter, dropdowns, hidden ID,
// overdue marking and the summary sheet.
import { Workbook } from '@cj-tech-master/excelts';
import type { Fill, Worksheet } from '@cj-tech-master/excelts';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  LEDGER_COLUMNS,
  LEDGER_SHEET_NAME,
  SUMMARY_SHEET_NAME,
  UNCATEGORISED,
  collectingSink,
  ledgerWorkbookBytes,
  writeLedgerWorkbook,
} from '../../../renderer/io/ledger-workbook';
import type { LedgerSheetRow, LedgerStatus } from '../../../renderer/io/ledger-workbook';
import { columnLetter } from '../../../renderer/core/workbook-spec';

const STATUSES: LedgerStatus[] = ['open', 'in_progress', 'rectified', 'verified', 'long_term'];

function row(i: number, patch: Partial<LedgerSheetRow> = {}): LedgerSheetRow {
  return {
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    ledgerNo: `0012-2026-${String(i).padStart(4, '0')}`,
    orgUnitName: '北京分行朝阳支行营业部',
    orgUnitCode: '0012',
    inspectionKind: '自查',
    checklist: '网点消费者权益保护现场检查表 2026.1',
    itemCode: `B-PUB-${String((i % 30) + 1).padStart(2, '0')}`,
    category: ['公示', '适当性', '个人信息保护'][i % 3]!,
    description: `服务价格公示不是最新版本（第${i}项）`,
    basis: '《银行保险机构消费者权益保护管理办法》第十条',
    severity: (['一般', '较重', '重大'] as const)[i % 3]!,
    repeat: i % 7 === 0,
    rootCause: '总行价目表更新后未及时替换',
    correction: '当场更换为最新价目表',
    measures: '建立价目表版本核对机制，每月检查',
    responsibleDept: '运营管理部',
    responsiblePerson: '张三',
    dueDate: '2026-03-31',
    status: STATUSES[i % 5]!,
    overdue: false,
    completedDate: null,
    completionNote: '',
    evidenceCount: i % 4,
    verifier: '',
    verificationVerdict: '',
    customerRemedy: null,
    accountability: '',
    notes: '',
    updatedAt: '2026-03-01T02:03:04.567Z',
    ...patch,
  };
}

async function load(bytes: Uint8Array): Promise<Workbook> {
  const book = new Workbook();
  await book.xlsx.load(bytes);
  return book;
}

async function written(rows: LedgerSheetRow[], asOf = '2026-04-15'): Promise<{ bytes: Uint8Array; book: Workbook; sheet: Worksheet }> {
  const result = await ledgerWorkbookBytes(rows, { asOf });
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  const book = await load(result.value);
  const sheet = book.getWorksheet(LEDGER_SHEET_NAME);
  if (!sheet) throw new Error('no ledger sheet');
  return { bytes: result.value, book, sheet };
}

const column = (header: string): number => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;

const isFilled = (fill: Fill | undefined): boolean => fill !== undefined && fill.type === 'pattern' && fill.pattern !== 'none';

describe('writeLedgerWorkbook', () => {
  it('writes the issue 5 columns, in order, with one row per finding in the order given', async () => {
    const rows = [row(3), row(1), row(2)];
    const { bytes, book, sheet } = await written(rows);
    expect([...bytes.subarray(0, 2)]).toEqual([0x50, 0x4b]);
    expect(book.worksheets.map((s) => s.name)).toEqual([LEDGER_SHEET_NAME, SUMMARY_SHEET_NAME]);
    expect(sheet.getRow(1).values).toEqual([
      undefined,
      '序号', '台账编号', '机构名称', '机构代码', '检查类型', '检查清单及版本', '检查项编码', '问题类别', '问题描述', '违反依据',
      '风险等级', '是否屡查屡犯', '原因分析', '立即纠正', '整改措施', '责任部门', '责任人', '整改期限', '整改状态', '是否逾期',
      '完成日期', '整改情况说明', '佐证材料数', '验收人', '验收结论', '客户补偿/退费金额', '问责情况', '备注', '最后更新时间', 'ID',
    ]);
    expect(sheet.rowCount).toBe(4);
    for (const [i, r] of rows.entries()) {
      const line = sheet.getRow(i + 2);
      expect(line.getCell(column('序号')).value).toBe(i + 1);
      expect(line.getCell(column('台账编号')).value).toBe(r.ledgerNo);
      expect(line.getCell(column('ID')).value).toBe(r.id);
    }
  });

  it('writes dates as dates, amounts and counts as numbers, flags as 是/否, states as labels', async () => {
    const { sheet } = await written([
      row(1, {
        dueDate: '2026-03-31',
        completedDate: '2026-04-02',
        status: 'rectified',
        repeat: true,
        evidenceCount: 3,
        customerRemedy: 1234.5,
        updatedAt: '2026-03-01T02:03:04.567Z',
      }),
      row(2, { dueDate: null, completedDate: null, customerRemedy: null, description: '', status: 'long_term' }),
    ]);
    const first = sheet.getRow(2);
    const due = first.getCell(column('整改期限'));
    expect(due.value).toBeInstanceOf(Date);
    expect((due.value as Date).toISOString()).toBe('2026-03-31T00:00:00.000Z');
    expect(due.numFmt).toBe('yyyy-mm-dd');
    expect((first.getCell(column('完成日期')).value as Date).toISOString()).toBe('2026-04-02T00:00:00.000Z');
    // 02:03:04 UTC is 10:03:04 in Beijing: the wall clock the reader expects.
    const updated = first.getCell(column('最后更新时间'));
    expect((updated.value as Date).toISOString()).toBe('2026-03-01T10:03:04.000Z');
    expect(updated.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(first.getCell(column('客户补偿/退费金额')).value).toBe(1234.5);
    expect(first.getCell(column('佐证材料数')).value).toBe(3);
    expect(first.getCell(column('是否屡查屡犯')).value).toBe('是');
    expect(first.getCell(column('整改状态')).value).toBe('已整改待验收');
    expect(first.getCell(column('风险等级')).value).toBe('较重');

    const second = sheet.getRow(3);
    expect(second.getCell(column('整改期限')).value).toBeNull();
    expect(second.getCell(column('客户补偿/退费金额')).value).toBeNull();
    expect(second.getCell(column('问题描述')).value).toBeNull();
    expect(second.getCell(column('整改状态')).value).toBe('长期整改');
    expect(second.getCell(column('是否屡查屡犯')).value).toBe('否');
  });

  it('freezes the header, filters over every column, and hides the ID column', async () => {
    const { bytes, sheet } = await written([row(1), row(2)]);
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1, topLeftCell: 'A2' });
    expect(sheet.autoFilter).toBe('A1:AD3');
    // LibreOffice shows filter buttons only with Excel's hidden name for the filtered range.
    const workbookXml = strFromU8(unzipSync(bytes)['xl/workbook.xml']!);
    expect(workbookXml).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">&apos;整改台账&apos;!$A$1:$AD$3</definedName>`);
    expect(workbookXml).toContain(`<definedName name="_xlnm.Print_Titles" localSheetId="0">&apos;整改台账&apos;!$1:$1</definedName>`);
    expect(sheet.getColumn(column('ID')).hidden).toBe(true);
    expect(LEDGER_COLUMNS.filter((c) => c.hidden).map((c) => c.header)).toEqual(['ID']);
    expect(sheet.getColumn(column('问题描述')).width).toBe(40);
    expect(sheet.getRow(1).getCell(1).font?.bold).toBe(true);
  });

  it('continues on 整改台账 (2), (3)… when a sheet is full, 序号 running on, each sheet with its header, filter and dropdowns', async () => {
    const rows = Array.from({ length: 7 }, (_, i) => row(i + 1));
    const result = await ledgerWorkbookBytes(rows, { asOf: '2026-04-15', maxRowsPerSheet: 3 });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    const book = await load(result.value);
    expect(book.worksheets.map((w) => w.name)).toEqual([LEDGER_SHEET_NAME, `${LEDGER_SHEET_NAME} (2)`, `${LEDGER_SHEET_NAME} (3)`, SUMMARY_SHEET_NAME]);
    const sheets = book.worksheets.slice(0, 3);
    expect(sheets.map((w) => w.rowCount)).toEqual([4, 4, 2]);
    for (const w of sheets) {
      expect(w.getRow(1).getCell(1).value).toBe('序号');
      expect(w.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    }
    expect(sheets.flatMap((w) => w.getSheetValues().slice(2).map((r) => (r as unknown[])[1]))).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(sheets.flatMap((w) => w.getSheetValues().slice(2).map((r) => (r as unknown[])[column('ID')]))).toEqual(rows.map((r) => r.id));
    expect(sheets.map((w) => w.autoFilter)).toEqual(['A1:AD4', 'A1:AD4', 'A1:AD2']);
    const workbookXml = strFromU8(unzipSync(result.value)['xl/workbook.xml']!);
    expect(workbookXml).toContain(`<definedName name="_xlnm._FilterDatabase" localSheetId="2" hidden="1">&apos;整改台账 (3)&apos;!$A$1:$AD$2</definedName>`);
    // The summary counts every row, whichever sheet it is on.
    const summary = book.getWorksheet(SUMMARY_SHEET_NAME)!;
    expect(summary.getRow(3).values).toEqual([undefined, '问题总数', 7]);
  });

  it('puts dropdowns on 风险等级 and 整改状态, down to the last row Excel has', async () => {
    const { sheet } = await written([row(1)]);
    for (const [header, list] of [
      ['风险等级', '"一般,较重,重大"'],
      ['整改状态', '"待整改,整改中,已整改待验收,已验收,长期整改"'],
    ] as const) {
      const letter = String.fromCharCode(64 + column(header));
      for (const address of [`${letter}2`, `${letter}500`, `${letter}1048576`]) {
        expect(sheet.dataValidations.find(address), `${header} ${address}`).toMatchObject({ type: 'list', formulae: [list] });
      }
      expect(sheet.dataValidations.find(`${letter}1`)).toBeUndefined();
    }
    expect(sheet.dataValidations.find('A2')).toBeUndefined();
  });

  it('marks overdue rows with a light red fill across the whole row and 是否逾期 = 是', async () => {
    const { sheet } = await written([row(1), row(2, { overdue: true, notes: '' }), row(3)]);
    const overdue = sheet.getRow(3);
    expect(overdue.getCell(column('是否逾期')).value).toBe('是');
    for (let c = 1; c <= LEDGER_COLUMNS.length; c++) {
      expect(overdue.getCell(c).fill, `column ${c}`).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE1E1' } });
    }
    expect(sheet.getRow(2).getCell(column('是否逾期')).value).toBe('否');
    for (const r of [2, 4]) {
      for (let c = 1; c <= LEDGER_COLUMNS.length; c++) expect(isFilled(sheet.getRow(r).getCell(c).fill), `row ${r} column ${c}`).toBe(false);
    }
  });

  it('summarises counts by category, severity and status on the 汇总 sheet', async () => {
    const rows = [
      row(1, { category: '公示', severity: '一般', status: 'open', overdue: true }),
      row(2, { category: '公示', severity: '重大', status: 'open' }),
      row(3, { category: '适当性', severity: '一般', status: 'verified' }),
      row(4, { category: '  ', severity: '较重', status: 'in_progress', overdue: true }),
      row(5, { category: '个人信息保护', severity: '一般', status: 'rectified' }),
    ];
    const { book } = await written(rows, '2026-04-15');
    const summary = book.getWorksheet(SUMMARY_SHEET_NAME)!;
    const lines: unknown[][] = [];
    summary.eachRow({ includeEmpty: true }, (r, n) => {
      lines[n - 1] = (r.values as unknown[]).slice(1);
    });
    const asOf = lines[1]![1] as Date;
    expect(asOf.toISOString()).toBe('2026-04-15T00:00:00.000Z');
    expect(Array.from(lines, (l) => (l === undefined ? [] : l)).map((l) => (l[1] instanceof Date ? [l[0], 'date'] : l))).toEqual([
      ['整改台账'],
      ['截至日期', 'date'],
      ['问题总数', 5],
      ['其中逾期', 2],
      [],
      ['按问题类别', '问题数', '其中逾期'],
      ['公示', 2, 1],
      ['个人信息保护', 1, 0],
      ['适当性', 1, 0],
      [UNCATEGORISED, 1, 1],
      ['合计', 5, 2],
      [],
      ['按风险等级', '问题数', '其中逾期'],
      ['重大', 1, 0],
      ['较重', 1, 1],
      ['一般', 3, 1],
      ['合计', 5, 2],
      [],
      ['按整改状态', '问题数', '其中逾期'],
      ['待整改', 2, 1],
      ['整改中', 1, 1],
      ['已整改待验收', 1, 0],
      ['已验收', 1, 0],
      ['长期整改', 0, 0],
      ['合计', 5, 2],
    ]);
  });

  it('takes its title from the options, and writes an empty ledger that still opens', async () => {
    const result = await ledgerWorkbookBytes([], { asOf: '2026-04-15', title: '北京分行整改台账' });
    if (!result.ok) throw new Error(result.error.code);
    const book = await load(result.value);
    expect(book.getWorksheet(SUMMARY_SHEET_NAME)!.getCell('A1').value).toBe('北京分行整改台账');
    expect(book.getWorksheet(SUMMARY_SHEET_NAME)!.getCell('B3').value).toBe(0);
    const sheet = book.getWorksheet(LEDGER_SHEET_NAME)!;
    expect(sheet.rowCount).toBe(1);
    expect(sheet.autoFilter).toBe('A1:AD1');
  });

  it('reads rows from an async source and reports progress', async () => {
    async function* source(): AsyncGenerator<LedgerSheetRow> {
      for (let i = 1; i <= 1200; i++) yield row(i);
    }
    const seen: string[] = [];
    const result = await ledgerWorkbookBytes(source(), { asOf: '2026-04-15', onProgress: (done, phase) => seen.push(`${phase} ${done}`) });
    expect(result.ok && result.value.byteLength > 0).toBe(true);
    expect(seen).toEqual(['rows 500', 'rows 1000', 'finishing 1200']);
  });

  it('keeps odd text intact: formulas stay text, control characters are dropped, over-long text is cut to what Excel shows', async () => {
    const long = '长'.repeat(40_000);
    const { sheet } = await written([row(1, { description: '=HYPERLINK("http://evil")', notes: 'a\u0001b', measures: long, itemCode: '0012' })]);
    const line = sheet.getRow(2);
    expect(line.getCell(column('问题描述')).value).toBe('=HYPERLINK("http://evil")');
    expect(line.getCell(column('问题描述')).formula).toBeUndefined();
    expect(line.getCell(column('备注')).value).toBe('ab');
    const measures = line.getCell(column('整改措施')).value as string;
    expect(measures.length).toBe(32_767);
    expect(measures.endsWith('…')).toBe(true);
    expect(line.getCell(column('检查项编码')).value).toBe('0012');
  });

  it('shows a malformed date as the text it was given rather than moving it', async () => {
    const { sheet } = await written([row(1, { dueDate: '2026-02-30', completedDate: 'soon', updatedAt: 'not a time' })]);
    const line = sheet.getRow(2);
    expect(line.getCell(column('整改期限')).value).toBe('2026-02-30');
    expect(line.getCell(column('完成日期')).value).toBe('soon');
    expect(line.getCell(column('最后更新时间')).value).toBe('not a time');
  });

  it('leaves the empty cells of a row that is not overdue out of the file; an overdue row has every cell, filled', async () => {
    const { bytes } = await written([row(1), row(2, { overdue: true }), row(3, { completionNote: '已更换', notes: '见附件' })]);
    const xml = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']!);
    const cellsOf = (r: number): string[] => [...(new RegExp(`<row r="${r}"[^>]*>(.*?)</row>`).exec(xml)?.[1] ?? '').matchAll(/<c r="([A-Z]+)\d+"/g)].map((m) => m[1]!);
    const empty = ['整改情况说明', '验收人', '验收结论', '客户补偿/退费金额', '问责情况', '备注', '完成日期'].map((h) => columnLetter(column(h)));
    expect(cellsOf(2)).toHaveLength(LEDGER_COLUMNS.length - empty.length);
    for (const letter of empty) expect(cellsOf(2)).not.toContain(letter);
    expect(cellsOf(3)).toHaveLength(LEDGER_COLUMNS.length);
    expect(cellsOf(4)).toContain(columnLetter(column('整改情况说明')));
    expect(cellsOf(4)).toContain(columnLetter(column('备注')));
    // Rows carry no style of their own: only their cells do.
    expect(xml).not.toMatch(/<row [^>]*\bs="/);
  });

  it('writes inline strings, never a shared-string table', async () => {
    const { bytes } = await written([row(1), row(2)]);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).not.toContain('xl/sharedStrings.xml');
    expect(strFromU8(files['xl/worksheets/sheet1.xml']!)).toContain('服务价格公示不是最新版本（第1项）');
  });

  it('stops when cancelled, aborts the sink and reports job.cancelled', async () => {
    const controller = new AbortController();
    let aborted: unknown = null;
    let closed = false;
    const sink = new WritableStream<Uint8Array>({
      abort(reason) {
        aborted = reason ?? 'aborted';
      },
      close() {
        closed = true;
      },
    });
    let pulled = 0;
    function* rows(): Generator<LedgerSheetRow> {
      for (let i = 1; i <= 100_000; i++) {
        pulled = i;
        yield row(i);
      }
    }
    const result = await writeLedgerWorkbook(rows(), sink, {
      asOf: '2026-04-15',
      signal: controller.signal,
      onProgress: (done) => {
        if (done >= 1000) controller.abort();
      },
    });
    expect(result).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(pulled).toBeLessThan(1100);
    expect(aborted).not.toBeNull();
    expect(closed).toBe(false);
  });

  it('does not start when the signal has already fired', async () => {
    const controller = new AbortController();
    controller.abort();
    const { sink } = collectingSink();
    const result = await writeLedgerWorkbook([row(1)], sink, { asOf: '2026-04-15', signal: controller.signal });
    expect(result.ok ? null : result.error.code).toBe('job.cancelled');
  });

  it('reports a failing sink or a failing source as ledgerWorkbook.writeFailed', async () => {
    const broken = new WritableStream<Uint8Array>({
      write() {
        throw new Error('disk full');
      },
    });
    const many = Array.from({ length: 3000 }, (_, i) => row(i + 1));
    const bySink = await writeLedgerWorkbook(many, broken, { asOf: '2026-04-15' });
    expect(bySink.ok ? null : bySink.error).toMatchObject({ code: 'ledgerWorkbook.writeFailed', detail: 'Error: disk full' });

    async function* failing(): AsyncGenerator<LedgerSheetRow> {
      yield row(1);
      throw new Error('database closed');
    }
    const { sink } = collectingSink();
    const bySource = await writeLedgerWorkbook(failing(), sink, { asOf: '2026-04-15' });
    expect(bySource.ok ? null : bySource.error).toMatchObject({ code: 'ledgerWorkbook.writeFailed', detail: 'Error: database closed' });
  });

  it('writes 20,000 rows that are all there', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => row(i + 1, { overdue: i % 9 === 0 }));
    const result = await ledgerWorkbookBytes(rows, { asOf: '2026-04-15' });
    if (!result.ok) throw new Error(result.error.code);
    // Loading 20,000 rows into a full workbook takes longer than writing them: count in the XML instead.
    const files = unzipSync(result.value);
    const sheetXml = strFromU8(files['xl/worksheets/sheet1.xml']!);
    expect(sheetXml.match(/<row /g)).toHaveLength(20_001);
    expect(sheetXml).toContain(`<row r="20001"`);
    expect(sheetXml).toContain(rows[19_999]!.id);
    expect(sheetXml).toContain('<autoFilter ref="A1:AD20001"/>');
    expect(strFromU8(files['xl/worksheets/sheet2.xml']!)).toMatch(/<c r="B3"[^>]*><v>20000<\/v>/);
    expect(strFromU8(files['xl/worksheets/sheet2.xml']!)).toMatch(new RegExp(`<c r="B4"[^>]*><v>${Math.ceil(20_000 / 9)}</v>`));
  }, 60_000);
});
