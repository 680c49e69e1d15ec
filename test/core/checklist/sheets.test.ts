// The Excel authoring template as rows (the pure half; test/renderer/io/checklist-file.test.ts writes and
// reads real .xlsx files): golden round trips, every problem located by sheet, row and column in words
// an author understands, and random damage that always ends in a reported problem, never an exception.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalSha256 } from '../../../renderer/core/hash';
import { checklistFromSheets, checklistToSheets, SHEET_PROBLEM_CODES, SHEETS, type SheetProblem } from '../../../renderer/core/checklist/sheets';
import { formatSheetProblem, SHEET_MESSAGES, sheetProblemLocation } from '../../../renderer/core/checklist/sheet-messages';
import { CHECKLIST_PROBLEM_CODES } from '../../../renderer/core/checklist/problems';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import type { SheetRows, SheetSpec } from '../../../renderer/core/workbook-spec';
import { fixtureText, nodeSha256 } from '../helpers';
import { shippedChecklist } from './research-rules';

/** What readWorkbookRows gives for a written template: the header row, then the data, trailing blanks dropped. */
export function rowsOf(specs: readonly SheetSpec[]): SheetRows[] {
  const trim = (row: string[]): string[] => {
    let end = row.length;
    while (end > 0 && row[end - 1] === '') end--;
    return row.slice(0, end);
  };
  return specs.map((s) => ({ name: s.name, rows: [s.columns.map((c) => c.header), ...s.rows].map(trim) }));
}

function minimal(): Checklist {
  const r = parseChecklistText(fixtureText('minimal.json'));
  if (!r.ok) throw new Error('fixture');
  return r.value;
}

function sheet(rows: SheetRows[], name: string): string[][] {
  const s = rows.find((x) => x.name === name);
  if (!s) throw new Error(name);
  return s.rows;
}

function col(rows: SheetRows[], name: string, header: string): number {
  const i = sheet(rows, name)[0]!.indexOf(header);
  if (i < 0) throw new Error(header);
  return i;
}

function setCell(rows: SheetRows[], name: string, row: number, header: string, value: string): void {
  const r = sheet(rows, name)[row - 1]!;
  const i = col(rows, name, header);
  while (r.length <= i) r.push('');
  r[i] = value;
}

function problems(rows: SheetRows[]): SheetProblem[] {
  const r = checklistFromSheets(rows);
  if (r.ok) throw new Error('expected problems');
  return r.error;
}

const shipped = ['branch-onsite.json', 'infringement-campaign-2019.json', 'consumer-rights.json'];

describe('the Excel template as rows', () => {
  it.each([['minimal fixture', minimal] as const, ...shipped.map((f) => [f, () => shippedChecklist(f)] as const)])(
    'golden round trip of %s: checklist → template → checklist keeps the canonical sha256',
    async (_name, load) => {
      const c = load();
      const back = checklistFromSheets(rowsOf(checklistToSheets(c)));
      if (!back.ok) throw new Error(back.error.map((p) => formatSheetProblem(p, 'zh-CN')).join('\n'));
      expect(back.value).toEqual(c);
      expect(await canonicalSha256(back.value, nodeSha256)).toBe(await canonicalSha256(c, nodeSha256));
    },
  );

  it('writes one row per item with Chinese headers, dropdowns, a document sheet and an info sheet', () => {
    const c = shippedChecklist('branch-onsite.json');
    const specs = checklistToSheets(c);
    expect(specs.map((s) => s.name)).toEqual([SHEETS.items, SHEETS.documents, SHEETS.info, SHEETS.guide]);
    const items = specs[0]!;
    expect(items.rows).toHaveLength(33);
    expect(items.columns.slice(0, 11).map((x) => x.header)).toEqual([
      '章节编码', '章节名称', '章节英文名称', '检查项编码', '检查要求', '检查要求（英文）', '检查方法', '证据', '风险等级', '是否抽样', '备注',
    ]);
    expect(items.columns.slice(11, 15).map((x) => x.header)).toEqual(['依据1文件代号', '依据1条款', '依据1条号已核实', '依据1说明']);
    expect(items.columns).toHaveLength(11 + 4 * 2); // two basis groups: the most any item of this checklist has
    expect(items.freezeHeader).toBe(true);
    const byHeader = new Map(items.columns.map((x) => [x.header, x]));
    expect(byHeader.get('风险等级')?.choices).toEqual(['一般', '较重', '重大']);
    expect(byHeader.get('依据2条号已核实')?.choices).toEqual(['是', '否']);
    expect(byHeader.get('是否抽样')?.choices).toEqual(['是', '否']);
    expect(byHeader.get('依据1文件代号')?.choices).toEqual({ range: `'文件'!$A$2:$A$${c.documents.length + 501}` });
    expect(byHeader.get('检查项编码')?.text).toBe(true);
    expect(byHeader.get('检查要求')?.wrap).toBe(true);
    expect(specs[1]!.rows.map((r) => r[0])).toEqual(c.documents.map((d) => d.key));
    expect(specs[2]!.rows).toContainEqual(['版本号', '2026.2']);
    expect(specs[2]!.rows).toContainEqual(['格式', 'xiaobao.checklist/1']);
  });

  it('reads section codes left empty on later rows (merged cells) as "same as above"', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    setCell(rows, SHEETS.items, 3, '章节编码', '');
    setCell(rows, SHEETS.items, 3, '章节名称', '');
    const r = checklistFromSheets(rows);
    expect(r.ok && r.value.sections[0]!.items.map((i) => i.code)).toEqual(['T-S1-01', 'T-S1-02']);
  });

  it('accepts English headers and sheet names, 是/否 in other spellings, and extra basis groups', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    const items = sheet(rows, SHEETS.items);
    items[0]![col(rows, SHEETS.items, '风险等级')] = 'Severity';
    items[0]!.push('依据3文件代号', '依据3条号已核实');
    items[1]!.length = items[0]!.length;
    items[1] = Array.from(items[1]!, (x) => x ?? '');
    items[1]![items[0]!.length - 2] = 'LAW-B';
    items[1]![items[0]!.length - 1] = 'N';
    rows.find((s) => s.name === SHEETS.documents)!.name = 'Documents';
    const r = checklistFromSheets(rows);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.sections[0]!.items[0]!.basis).toEqual([
      { doc: 'LAW-A', article: '第十条', verified: true },
      { doc: 'LAW-B', verified: false },
    ]);
  });

  it('locates a bad value by sheet, row and column, in words an author understands', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    setCell(rows, SHEETS.items, 3, '风险等级', '严重');
    const [p, ...rest] = problems(rows);
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ sheet: '检查项', row: 3, column: '风险等级', code: 'badSeverity' });
    expect(formatSheetProblem(p!, 'zh-CN')).toBe('工作表“检查项”第 3 行“风险等级”列: 风险等级必须是“一般”“较重”“重大”之一，当前为“严重”');
    expect(formatSheetProblem(p!, 'en-US')).toBe(
      'sheet "检查项", row 3, column "风险等级": The severity must be one of "一般" (minor), "较重" (serious), "重大" (major); found "严重"',
    );
  });

  it.each([
    ['a blank requirement', (r: SheetRows[]) => setCell(r, SHEETS.items, 2, '检查要求', '  '), { sheet: '检查项', row: 2, column: '检查要求', code: 'required' }, '缺少必填项“检查要求”'],
    ['a bad item code', (r: SheetRows[]) => setCell(r, SHEETS.items, 4, '检查项编码', 'T S2 01'), { row: 4, column: '检查项编码', code: 'badCode' }, '编码“T S2 01”不符合规则'],
    ['"verified" that is not yes or no', (r: SheetRows[]) => setCell(r, SHEETS.items, 2, '依据1条号已核实', '也许'), { row: 2, column: '依据1条号已核实', code: 'badBoolean' }, '应填“是”或“否”，当前为“也许”'],
    ['a document key missing from the 文件 sheet', (r: SheetRows[]) => setCell(r, SHEETS.items, 3, '依据1文件代号', 'LAW-Z'), { row: 3, column: '依据1文件代号', code: 'unknownDocument' }, '没有列在“文件”工作表中'],
    ['"verified" without an article', (r: SheetRows[]) => setCell(r, SHEETS.items, 3, '依据1条号已核实', '是'), { row: 3, column: '依据1条号已核实', code: 'verifiedWithoutArticle' }, '“条号已核实”填了“是”，却没有填写条款'],
    ['an article without a document', (r: SheetRows[]) => setCell(r, SHEETS.items, 4, '依据2条款', '第一条'), { row: 4, column: '依据2文件代号', code: 'basisWithoutDoc' }, '没有填写依据文件代号'],
    ['a duplicate item code', (r: SheetRows[]) => setCell(r, SHEETS.items, 4, '检查项编码', 'T-S1-01'), { row: 4, column: '检查项编码', code: 'duplicateItemCode', params: { code: 'T-S1-01', firstRow: 2 } }, '（第 2 行已使用）'],
    ['a duplicate document key', (r: SheetRows[]) => setCell(r, SHEETS.documents, 3, '文件代号', 'LAW-A'), { sheet: '文件', row: 3, column: '文件代号', code: 'duplicateDocumentKey' }, '（第 2 行已使用）'],
    ['another title for the same section', (r: SheetRows[]) => setCell(r, SHEETS.items, 3, '章节名称', '第三章'), { row: 3, column: '章节名称', code: 'sectionTitleMismatch' }, '与第 2 行不一致'],
    ['no section on the first item', (r: SheetRows[]) => setCell(r, SHEETS.items, 2, '章节编码', ''), { row: 2, column: '章节编码', code: 'sectionCodeMissing' }, '没有填写章节编码'],
    ['a sample that is not yes or no', (r: SheetRows[]) => setCell(r, SHEETS.items, 2, '是否抽样', '2'), { row: 2, column: '是否抽样', code: 'badBoolean' }, '当前为“2”'],
    ['a date that does not exist', (r: SheetRows[]) => setCell(r, SHEETS.info, 8, '内容', '2026-02-30'), { sheet: '清单信息', row: 8, column: '内容', code: 'invalidDate' }, '日期“2026-02-30”不存在'],
    ['a date in another form', (r: SheetRows[]) => setCell(r, SHEETS.info, 8, '内容', '2026/1/1'), { sheet: '清单信息', row: 8, column: '内容', code: 'badDate' }, '应写成“年-月-日”'],
    ['an unknown info entry', (r: SheetRows[]) => setCell(r, SHEETS.info, 9, '项目', '负责人'), { sheet: '清单信息', row: 9, column: '项目', code: 'unknownInfoRow' }, '无法识别的项目“负责人”'],
    ['another format', (r: SheetRows[]) => setCell(r, SHEETS.info, 2, '内容', 'xiaobao.checklist/9'), { sheet: '清单信息', row: 2, column: '内容', code: 'formatUnknown' }, '无法识别的格式“xiaobao.checklist/9”'],
    ['a carriage return in a method', (r: SheetRows[]) => setCell(r, SHEETS.items, 2, '检查方法', '现场\r查看'), { row: 2, column: '检查方法', code: 'badCharacters' }, '控制字符'],
  ] as const)('reports %s at its cell', (_name, damage, expected, words) => {
    const rows = rowsOf(checklistToSheets(minimal()));
    damage(rows);
    const found = problems(rows);
    expect(found[0]).toMatchObject({ sheet: '检查项', ...expected });
    expect(formatSheetProblem(found[0]!, 'zh-CN')).toContain(words);
  });

  it('reports missing, repeated and unknown columns before reading rows', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    const items = sheet(rows, SHEETS.items);
    items[0]![col(rows, SHEETS.items, '检查方法')] = '责任人';
    items[0]![col(rows, SHEETS.items, '证据')] = '风险等级';
    expect(problems(rows).map((p) => [p.row, p.column, p.code])).toEqual([
      [1, '责任人', 'unknownColumn'],
      [1, '风险等级', 'duplicateColumn'],
      [1, '检查方法', 'missingColumn'],
    ]);
  });

  it('names a missing sheet and a missing required info entry', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    expect(problems(rows.filter((s) => s.name !== SHEETS.items))).toEqual([{ sheet: '', row: 0, column: '', code: 'missingSheet', params: { sheet: '检查项' } }]);
    const info = sheet(rows, SHEETS.info);
    info.splice(info.findIndex((r) => r[0] === '标题'), 1);
    const [p] = problems(rows);
    expect(p).toMatchObject({ sheet: '清单信息', row: 0, code: 'required' });
    expect(formatSheetProblem(p!, 'zh-CN')).toBe('工作表“清单信息”: 缺少必填项“标题”');
  });

  it('says so when the items sheet has no items', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    sheet(rows, SHEETS.items).splice(1);
    expect(problems(rows).map((p) => p.code)).toEqual(['noItems']);
  });

  it('lists every problem of the workbook in sheet and row order, capped with a count of the rest', () => {
    const rows = rowsOf(checklistToSheets(minimal()));
    setCell(rows, SHEETS.items, 4, '风险等级', '高');
    setCell(rows, SHEETS.items, 2, '检查方法', '');
    setCell(rows, SHEETS.info, 4, '内容', 'v 1');
    expect(problems(rows).map((p) => [p.sheet, p.row, p.code])).toEqual([
      ['清单信息', 4, 'badVersion'],
      ['检查项', 2, 'required'],
      ['检查项', 4, 'badSeverity'],
    ]);
    const many = rowsOf(checklistToSheets(minimal()));
    const template = sheet(many, SHEETS.items)[1]!;
    for (let i = 0; i < 300; i++) sheet(many, SHEETS.items).push(template.map((x, k) => (k === col(many, SHEETS.items, '风险等级') ? '高' : k === 3 ? `X-${i}` : x)));
    const capped = problems(many);
    expect(capped).toHaveLength(201);
    expect(capped[200]).toMatchObject({ code: 'moreProblems', params: { count: 100 } });
  });

  it('has words for every sheet problem in both languages, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of SHEET_PROBLEM_CODES) {
      expect(placeholders(SHEET_MESSAGES['en-US'].problems[code])).toEqual(placeholders(SHEET_MESSAGES['zh-CN'].problems[code]));
    }
    for (const [code, zh] of Object.entries(SHEET_MESSAGES['zh-CN'].overrides)) {
      expect(placeholders(SHEET_MESSAGES['en-US'].overrides[code as keyof typeof SHEET_MESSAGES['en-US']['overrides']]!)).toEqual(placeholders(zh));
    }
    expect(sheetProblemLocation({ sheet: '', row: 0, column: '', code: 'missingSheet', params: {} }, 'zh-CN')).toBe('整个工作簿');
  });
});

const KNOWN = new Set<string>([...SHEET_PROBLEM_CODES, ...CHECKLIST_PROBLEM_CODES]);

function expectReported(r: ReturnType<typeof checklistFromSheets>, sheetNames: readonly string[]): void {
  if (r.ok) return;
  expect(r.error.length).toBeGreaterThan(0);
  for (const p of r.error) {
    expect(KNOWN.has(p.code), p.code).toBe(true);
    expect(p.row).toBeGreaterThanOrEqual(0);
    expect(['', ...sheetNames]).toContain(p.sheet);
    for (const lang of ['zh-CN', 'en-US'] as const) {
      const line = formatSheetProblem(p, lang);
      // A placeholder left unfilled (the cells themselves may contain braces, so only our parameter names count).
      expect(line).not.toMatch(/\{(sheet|row|column|label|found|firstRow|code|doc|key|field|count|max|min|length|expected|limit|size)\}|undefined|NaN|\[object/);
    }
  }
}

// fast-check runs thousands of cases: allow for a loaded CI machine.
describe('damaged rows never throw and never half-import', { timeout: 60_000 }, () => {
  const base = rowsOf(checklistToSheets(minimal()));
  const names = base.map((s) => s.name);
  const copy = (): SheetRows[] => base.map((s) => ({ name: s.name, rows: s.rows.map((r) => [...r]) }));
  const cellText = fc.oneof(
    fc.string(),
    fc.constantFrom('', ' ', '是', '否', '一般', '严重', 'LAW-A', 'LAW-Z', 'T-S1-01', 'S1', '第十条', '2026-02-30', 'xiaobao.checklist/1', '依据1文件代号', '标题', '\r', '\u0000'),
  );
  const edit = fc.record({
    sheet: fc.nat(names.length - 1),
    row: fc.nat(12),
    column: fc.nat(20),
    kind: fc.constantFrom('set', 'deleteRow', 'insertRow', 'clearRow', 'renameSheet'),
    text: cellText,
  });

  it('random edits of a valid template give a whole checklist or located problems', () => {
    fc.assert(
      fc.property(fc.array(edit, { minLength: 1, maxLength: 6 }), (edits) => {
        const rows = copy();
        for (const e of edits) {
          const s = rows[e.sheet]!;
          if (e.kind === 'renameSheet') s.name = e.text.slice(0, 31);
          else if (e.kind === 'deleteRow') s.rows.splice(e.row, 1);
          else if (e.kind === 'insertRow') s.rows.splice(e.row, 0, Array.from({ length: e.column }, () => e.text));
          else if (e.kind === 'clearRow') s.rows[e.row] = [];
          else {
            const r = (s.rows[e.row] ??= []);
            while (r.length <= e.column) r.push('');
            r[e.column] = e.text;
          }
        }
        const r = checklistFromSheets(rows);
        expectReported(r, rows.map((s) => s.name));
        // Whatever passes is a whole, valid checklist that survives its own round trip.
        if (r.ok) expect(checklistFromSheets(rowsOf(checklistToSheets(r.value)))).toEqual(r);
      }),
      { numRuns: 1500 },
    );
  });

  it('arbitrary sheets of arbitrary cells are reported, not thrown', () => {
    const sheets = fc.array(
      fc.record({ name: fc.oneof(fc.string(), fc.constantFrom(...names)), rows: fc.array(fc.array(cellText, { maxLength: 24 }), { maxLength: 12 }) }),
      { maxLength: 5 },
    );
    fc.assert(
      fc.property(sheets, (s) => {
        const r = checklistFromSheets(s);
        expectReported(r, s.map((x) => x.name));
      }),
      { numRuns: 1500 },
    );
  });
});
