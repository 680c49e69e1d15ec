// Workbooks are built with ExcelTS itself, then read back through our wrapper.
import { Workbook } from '@cj-tech-master/excelts';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  WORKBOOK_MAX_BYTES,
  WORKBOOK_MAX_ENTRIES,
  WORKBOOK_MAX_ROWS,
  readWorkbookRows,
  streamWorkbookRows,
  valueText,
} from '../../../renderer/io/workbook';
import type { WorkbookRows } from '../../../renderer/io/workbook';

async function bytesOf(build: (book: Workbook) => void): Promise<Uint8Array> {
  const book = new Workbook();
  build(book);
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function read(bytes: Uint8Array): Promise<WorkbookRows> {
  const result = await readWorkbookRows(bytes);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value;
}

async function errorCode(bytes: Uint8Array): Promise<string> {
  const result = await readWorkbookRows(bytes);
  if (result.ok) throw new Error('expected an error');
  return result.error.code;
}

describe('readWorkbookRows', () => {
  it('reads every sheet as display strings', async () => {
    const bytes = await bytesOf((book) => {
      const orgs = book.addWorksheet('机构');
      orgs.addRow(['机构代码', '机构名称', '层级', '上级机构代码']);
      orgs.addRow(['HQ', '总行', '总行', null]);
      orgs.addRow([1001, { richText: [{ text: '北京' }, { text: '分行', font: { bold: true } }] }, '分行', 'HQ']);
      const other = book.addWorksheet('Sheet2');
      other.addRow(['only']);
    });
    expect(await read(bytes)).toEqual({
      sheets: [
        {
          name: '机构',
          rows: [
            ['机构代码', '机构名称', '层级', '上级机构代码'],
            ['HQ', '总行', '总行'],
            ['1001', '北京分行', '分行', 'HQ'],
          ],
        },
        { name: 'Sheet2', rows: [['only']] },
      ],
    });
  });

  it('shows dates, numbers, formulas, links, booleans and errors as text', async () => {
    const bytes = await bytesOf((book) => {
      const sheet = book.addWorksheet('values');
      sheet.addRow([
        new Date(Date.UTC(2026, 0, 5)),
        new Date(Date.UTC(2026, 0, 5, 8, 30)),
        0.1 + 0.2,
        1e21,
        1e-7,
        -42.5,
        { formula: 'A1*2', result: 2002 },
        { formula: 'B1', result: new Date(Date.UTC(2026, 11, 31)) },
        { formula: 'X1' },
        { text: '官网', hyperlink: 'https://example.invalid/' },
        true,
        { error: '#N/A' },
      ]);
      const padded = sheet.getCell('A2');
      padded.value = 123;
      padded.numFmt = '000000';
      const chineseDate = sheet.getCell('B2');
      chineseDate.value = 46027; // 2026-01-05 as an Excel serial, with a Chinese date format.
      chineseDate.numFmt = 'yyyy"年"m"月"d"日"';
      const percent = sheet.getCell('C2');
      percent.value = 0.05;
      percent.numFmt = '0%';
    });
    const [sheet] = (await read(bytes)).sheets;
    expect(sheet?.rows).toEqual([
      [
        '2026-01-05',
        '2026-01-05 08:30',
        '0.3',
        '1000000000000000000000',
        '0.0000001',
        '-42.5',
        '2002',
        '2026-12-31',
        '',
        '官网',
        'TRUE',
        '#N/A',
      ],
      ['000123', '2026-01-05', '0.05'],
    ]);
  });

  it('keeps row positions: blank rows stay, trailing blanks go, merged values appear once', async () => {
    const bytes = await bytesOf((book) => {
      const sheet = book.addWorksheet('gaps');
      sheet.getCell('A1').value = 'top';
      sheet.getCell('C3').value = 'third row, third column';
      sheet.mergeCells('A5:C5');
      sheet.getCell('A5').value = '合并';
      sheet.getCell('D5').value = '';
      sheet.getCell('A8').value = null;
    });
    expect((await read(bytes)).sheets[0]?.rows).toEqual([['top'], [], ['', '', 'third row, third column'], [], ['合并']]);
  });

  it('refuses a file over the size cap before reading it', async () => {
    expect(await errorCode(new Uint8Array(WORKBOOK_MAX_BYTES + 1))).toBe('workbook.tooLarge');
  });

  it('recognises an old .xls or a password-protected workbook', async () => {
    const ole = new Uint8Array(512);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    expect(await errorCode(ole)).toBe('workbook.oleFile');
  });

  it('says a CSV, an empty file or a zip without a workbook is not an .xlsx', async () => {
    expect(await errorCode(strToU8('机构代码,机构名称\n'))).toBe('workbook.notXlsx');
    expect(await errorCode(new Uint8Array())).toBe('workbook.notXlsx');
    expect(await errorCode(zipSync({ 'readme.txt': strToU8('hello') }))).toBe('workbook.notXlsx');
  });

  it('reports a truncated or corrupt workbook as unreadable, with the cause in detail', async () => {
    const good = await bytesOf((book) => book.addWorksheet('s').addRow(['a']));
    const truncated = await readWorkbookRows(good.slice(0, Math.floor(good.length / 2)));
    expect(truncated.ok).toBe(false);
    if (!truncated.ok) {
      expect(truncated.error.code).toBe('workbook.unreadable');
      expect(truncated.error.detail).toBeTruthy();
    }
    const garbage = zipSync({
      '[Content_Types].xml': strToU8('<Types/>'),
      'xl/workbook.xml': strToU8('<workbook><sheets><sheet name="s" sheetId="1" r:id="rId1"'),
    });
    const broken = await readWorkbookRows(garbage);
    expect(broken).toMatchObject({ ok: false, error: { code: 'workbook.unreadable', detail: expect.stringMatching(/XmlParseError/) } });
  });

  it('refuses a zip whose entries would inflate past the cap, before inflating them', async () => {
    const bomb = zipSync({ 'xl/workbook.xml': strToU8('<workbook/>'), 'xl/worksheets/sheet1.xml': new Uint8Array(1024) });
    // Claim 512 MB for an entry in the central directory, as a crafted file would.
    const view = new DataView(bomb.buffer, bomb.byteOffset, bomb.byteLength);
    let patched = 0;
    for (let at = 0; at + 46 <= bomb.length; at++) {
      if (view.getUint32(at, true) === 0x02014b50) {
        view.setUint32(at + 24, 512 * 1024 * 1024, true);
        patched++;
      }
    }
    expect(patched).toBe(2);
    expect(await errorCode(bomb)).toBe('workbook.unpackedTooLarge');

    const many: Record<string, Uint8Array> = {};
    for (let i = 0; i <= WORKBOOK_MAX_ENTRIES; i++) many[`x/${i}`] = new Uint8Array();
    expect(await errorCode(zipSync(many))).toBe('workbook.unpackedTooLarge');
  });

  it('refuses a part compressed like a zip bomb (a sheet padded with 8 MB of spaces), before inflating it', async () => {
    const good = await bytesOf((book) => book.addWorksheet('s').addRow(['a']));
    const parts = unzipSync(good);
    const sheet = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    const padded = zipSync({ ...parts, 'xl/worksheets/sheet1.xml': strToU8(sheet.replace('<sheetData>', `<sheetData>${' '.repeat(8 * 1024 * 1024)}`)) });
    expect(await readWorkbookRows(padded)).toMatchObject({ ok: false, error: { code: 'workbook.compressionRatio', params: { path: 'xl/worksheets/sheet1.xml' } } });
    const streamed = await streamWorkbookRows(padded, { sheets: () => true, maxRows: 10, onRow: () => undefined });
    expect(!streamed.ok && streamed.error.code).toBe('workbook.compressionRatio');
  });

  it(`accepts ${WORKBOOK_MAX_ROWS} rows and refuses more, in one sheet or across sheets`, async () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => [i]);
    const atCap = await bytesOf((book) => book.addWorksheet('s').addRows(rows(WORKBOOK_MAX_ROWS)));
    expect((await read(atCap)).sheets[0]?.rows).toHaveLength(WORKBOOK_MAX_ROWS);

    const overCap = await bytesOf((book) => book.addWorksheet('s').addRows(rows(WORKBOOK_MAX_ROWS + 1)));
    expect(await errorCode(overCap)).toBe('workbook.tooManyRows');

    const split = await bytesOf((book) => {
      book.addWorksheet('a').addRows(rows(WORKBOOK_MAX_ROWS / 2));
      book.addWorksheet('b').addRows(rows(WORKBOOK_MAX_ROWS / 2 + 1));
    });
    expect(await errorCode(split)).toBe('workbook.tooManyRows');
  }, 60_000);
});

describe('valueText', () => {
  it('covers values a loaded workbook can hold', () => {
    expect(valueText(null, undefined)).toBe('');
    expect(valueText(undefined, undefined)).toBe('');
    expect(valueText(false, undefined)).toBe('FALSE');
    expect(valueText({ checkbox: true }, undefined)).toBe('TRUE');
    expect(valueText({ sharedFormula: 'A1', result: 7 }, undefined)).toBe('7');
    expect(valueText({ formula: 'A1', result: { error: '#DIV/0!' } }, undefined)).toBe('#DIV/0!');
    expect(valueText({ text: '链接', hyperlink: 'x', richText: [{ text: '链接' }] }, undefined)).toBe('链接');
    expect(valueText(new Date(Number.NaN), undefined)).toBe('');
    expect(valueText(-1.5e-10, undefined)).toBe('-0.00000000015');
    expect(valueText(123456789012345680000, undefined)).toBe('123456789012346000000');
    expect(valueText(Number.POSITIVE_INFINITY, undefined)).toBe('Infinity');
    expect(valueText(46027.25, 'yyyy-mm-dd hh:mm')).toBe('2026-01-05 06:00');
  });
});
