// The Excel authoring template (ARCHITECTURE §4): a checklist as three worksheets and back.
//   检查项  one row per item: section, item fields, then groups of four basis columns (依据1文件代号 …);
//   文件    one row per cited document;
//   清单信息 one row per checklist field (项目 | 内容);
//   填写说明 how to fill it in (written on export, ignored on import).
// Reading maps the rows to a plain object and runs the same parser as a JSON file, then translates every
// problem's JSON path back to the sheet, row and column it came from. Nothing is returned unless the
// whole workbook is valid. Text cells are kept exactly as written (only codes, keys, dates and choices are
// trimmed), so export then import gives the same checklist.
import { err, ok, type Result } from '../result';
import type { ColumnSpec, SheetRows, SheetSpec } from '../workbook-spec';
import type { PathSegment } from './json-text';
import { parseChecklist, MAX_REPORTED_PROBLEMS } from './parse';
import { parsePath, shown, type ChecklistProblemCode, type ProblemParams } from './problems';
import { CHECKLIST_FORMAT, SEVERITIES, type Checklist } from './schema';

export const SHEETS = { items: '检查项', documents: '文件', info: '清单信息', guide: '填写说明' } as const;
const SHEET_ALIASES: Record<keyof typeof SHEETS, readonly string[]> = {
  items: [SHEETS.items, 'items'],
  documents: [SHEETS.documents, 'documents'],
  info: [SHEETS.info, 'info', 'checklist'],
  guide: [SHEETS.guide, 'guide'],
};

export const YES = '是';
export const NO = '否';
const YES_WORDS = new Set(['是', 'y', 'yes', 'true', '√', '✓']);
const NO_WORDS = new Set(['否', 'n', 'no', 'false', '×', '✗']);

type ItemField = 'sectionCode' | 'sectionTitle' | 'sectionTitleEn' | 'code' | 'requirement' | 'requirementEn' | 'method' | 'evidence' | 'severity' | 'sample' | 'note';
type BasisPart = 'doc' | 'article' | 'verified' | 'note';
type DocField = 'key' | 'title' | 'number' | 'note';
type InfoField = 'format' | 'id' | 'version' | 'title' | 'titleEn' | 'issuer' | 'effectiveFrom' | 'description';

type Column<F extends string> = { field: F; header: string; aliases: readonly string[]; width: number; required: boolean; kind?: 'code' | 'long' | 'severity' | 'yesNo' };

const ITEM_COLUMNS: readonly Column<ItemField>[] = [
  { field: 'sectionCode', header: '章节编码', aliases: ['section code'], width: 10, required: true, kind: 'code' },
  { field: 'sectionTitle', header: '章节名称', aliases: ['section title'], width: 16, required: true },
  { field: 'sectionTitleEn', header: '章节英文名称', aliases: ['section title (english)'], width: 18, required: false },
  { field: 'code', header: '检查项编码', aliases: ['item code', 'code'], width: 13, required: true, kind: 'code' },
  { field: 'requirement', header: '检查要求', aliases: ['requirement'], width: 48, required: true, kind: 'long' },
  { field: 'requirementEn', header: '检查要求（英文）', aliases: ['requirement (english)', 'requirementen'], width: 40, required: false, kind: 'long' },
  { field: 'method', header: '检查方法', aliases: ['method'], width: 36, required: true, kind: 'long' },
  { field: 'evidence', header: '证据', aliases: ['evidence'], width: 24, required: false, kind: 'long' },
  { field: 'severity', header: '风险等级', aliases: ['severity'], width: 10, required: true, kind: 'severity' },
  { field: 'sample', header: '是否抽样', aliases: ['sample'], width: 10, required: false, kind: 'yesNo' },
  { field: 'note', header: '备注', aliases: ['note'], width: 36, required: false, kind: 'long' },
];

const BASIS_PARTS: readonly { part: BasisPart; label: string; en: string; width: number; kind?: Column<string>['kind'] }[] = [
  { part: 'doc', label: '文件代号', en: 'doc', width: 18, kind: 'code' },
  { part: 'article', label: '条款', en: 'article', width: 14 },
  { part: 'verified', label: '条号已核实', en: 'verified', width: 12, kind: 'yesNo' },
  { part: 'note', label: '说明', en: 'note', width: 24, kind: 'long' },
];

const DOC_COLUMNS: readonly Column<DocField>[] = [
  { field: 'key', header: '文件代号', aliases: ['key'], width: 22, required: true, kind: 'code' },
  { field: 'title', header: '文件名称', aliases: ['title'], width: 48, required: true, kind: 'long' },
  { field: 'number', header: '文号', aliases: ['number'], width: 28, required: false },
  { field: 'note', header: '备注', aliases: ['note'], width: 60, required: false, kind: 'long' },
];

const INFO_ROWS: readonly { field: InfoField; label: string }[] = [
  { field: 'format', label: '格式' },
  { field: 'id', label: '清单编号' },
  { field: 'version', label: '版本号' },
  { field: 'title', label: '标题' },
  { field: 'titleEn', label: '英文标题' },
  { field: 'issuer', label: '发布部门' },
  { field: 'effectiveFrom', label: '生效日期' },
  { field: 'description', label: '说明' },
];
const INFO_HEADER = ['项目', '内容'] as const;
const INFO_HEADER_WORDS = new Set(['项目', 'field']);

/** At least this many basis column groups are written, so an author can add a basis without new columns. */
export const MIN_BASIS_GROUPS = 2;
/** Dropdowns reach this many rows past the data. */
const SPARE_ROWS = 500;

// ---------------------------------------------------------------------------------------------------------
// Writing

const basisHeader = (n: number, label: string): string => `依据${n}${label}`;

function columnSpec(c: { header: string; width: number; kind?: Column<string>['kind'] | undefined }, docRange: string): ColumnSpec {
  const spec: ColumnSpec = { header: c.header, width: c.width };
  if (c.kind === 'code') spec.text = true;
  if (c.kind === 'long') spec.wrap = true;
  if (c.kind === 'severity') {
    spec.choices = SEVERITIES;
    spec.choicesError = '请从下拉列表中选择：一般、较重、重大';
  }
  if (c.kind === 'yesNo') {
    spec.choices = [YES, NO];
    spec.choicesError = '请填写“是”或“否”';
  }
  if (c.header.startsWith('依据') && c.header.endsWith('文件代号')) {
    spec.choices = { range: docRange };
    spec.choicesError = '请填写“文件”工作表中已列出的文件代号';
  }
  return spec;
}

const cell = (v: string | undefined): string => v ?? '';
const yesNo = (v: boolean | undefined): string => (v === undefined ? '' : v ? YES : NO);

/** The template for a checklist; an empty checklist body is never written (a checklist has items). */
export function checklistToSheets(c: Checklist): SheetSpec[] {
  const groups = Math.max(MIN_BASIS_GROUPS, ...c.sections.flatMap((s) => s.items.map((i) => i.basis.length)));
  const docRange = `'${SHEETS.documents}'!$A$2:$A$${c.documents.length + SPARE_ROWS + 1}`;

  const itemColumns = [
    ...ITEM_COLUMNS.map((col) => columnSpec(col, docRange)),
    ...Array.from({ length: groups }, (_, g) => BASIS_PARTS.map((p) => columnSpec({ header: basisHeader(g + 1, p.label), width: p.width, kind: p.kind }, docRange))).flat(),
  ];
  const itemRows = c.sections.flatMap((s) =>
    s.items.map((i) => [
      s.code,
      s.title,
      cell(s.titleEn),
      i.code,
      i.requirement,
      cell(i.requirementEn),
      i.method,
      cell(i.evidence),
      i.severity,
      yesNo(i.sample),
      cell(i.note),
      ...Array.from({ length: groups }, (_, g) => {
        const b = i.basis[g];
        return b ? [b.doc, cell(b.article), yesNo(b.verified), cell(b.note)] : ['', '', '', ''];
      }).flat(),
    ]),
  );
  const itemCount = itemRows.length;

  const info: Record<InfoField, string> = {
    format: c.format,
    id: c.id,
    version: c.version,
    title: c.title,
    titleEn: cell(c.titleEn),
    issuer: c.issuer,
    effectiveFrom: c.effectiveFrom,
    description: cell(c.description),
  };

  return [
    { name: SHEETS.items, columns: itemColumns, rows: itemRows, freezeHeader: true, validationRows: itemCount + SPARE_ROWS },
    {
      name: SHEETS.documents,
      columns: DOC_COLUMNS.map((col) => columnSpec(col, docRange)),
      rows: c.documents.map((d) => [d.key, d.title, cell(d.number), cell(d.note)]),
      freezeHeader: true,
    },
    {
      name: SHEETS.info,
      columns: [
        { header: INFO_HEADER[0], width: 14 },
        { header: INFO_HEADER[1], width: 80, wrap: true, text: true },
      ],
      rows: INFO_ROWS.map((r) => [r.label, info[r.field]]),
      freezeHeader: true,
    },
    { name: SHEETS.guide, columns: [{ header: '列', width: 20 }, { header: '填写说明', width: 100, wrap: true }], rows: GUIDE, freezeHeader: true },
  ];
}

const GUIDE: string[][] = [
  ['工作表“检查项”', '每行一个检查项。同一章节的检查项请放在一起；章节编码可只在章节第一行填写，后续行留空表示与上一行相同。'],
  ['章节编码', '必填。字母、数字和“-”“_”“.”，最长 32 位，如 PUB。'],
  ['章节名称', '必填。同一章节各行须一致（或留空）。'],
  ['章节英文名称', '选填。'],
  ['检查项编码', '必填，整份清单内唯一，版本之间保持不变（不同版本的检查结果按编码对应），如 B-PUB-01。'],
  ['检查要求', '必填，最多 500 字。'],
  ['检查要求（英文）', '选填，英文释义。'],
  ['检查方法', '必填。需要抽样的，请写明抽样期间和笔数。'],
  ['证据', '选填，应留存的证据，如照片、台账截图、样本清单。'],
  ['风险等级', '必填：一般、较重、重大（不符合时的默认等级）。'],
  ['是否抽样', '选填：是、否。填“是”时检查人须记录抽样数量和问题笔数。'],
  ['备注', '选填。本行项目为建议项时注明 [P]，依据凭回忆未经核对时注明 [M]。'],
  ['依据N文件代号', '每条依据占四列，可增加“依据3…”等列组（最多 10 组）。文件代号须列在“文件”工作表中。'],
  ['依据N条款', '按法规原文写法，如“第十条”。不知道条号时留空，绝不臆造条号。'],
  ['依据N条号已核实', '填写了文件代号时必填：是、否。只有与法规文本核对过条号才填“是”；“否”在检查时显示为“条号待核”。'],
  ['依据N说明', '选填。'],
  ['工作表“文件”', '每行一份被引用的文件：文件代号（必填）、文件名称（必填，全称，不带书名号）、文号（仅在确认时填写）、备注。'],
  ['工作表“清单信息”', '格式、清单编号（小写字母、数字和“-”）、版本号（如 2026.1）、标题、英文标题、发布部门、生效日期（YYYY-MM-DD）、说明。内容有任何改动都须换新版本号。'],
  ['导入', '整份工作簿全部无误才会导入；每个问题都会列出工作表、行号、列名和原因。'],
];

// ---------------------------------------------------------------------------------------------------------
// Reading

export const SHEET_PROBLEM_CODES = [
  'missingSheet',
  'missingColumn',
  'duplicateColumn',
  'unknownColumn',
  'unknownInfoRow',
  'duplicateInfoRow',
  'badBoolean',
  'sectionCodeMissing',
  'sectionTitleMismatch',
  'basisWithoutDoc',
  'noItems',
] as const;
export type SheetProblemCode = (typeof SHEET_PROBLEM_CODES)[number];

export type SheetProblem = {
  /** The worksheet's name as in the file; '' for the workbook as a whole. */
  sheet: string;
  /** 1-based row as the spreadsheet shows it; 0 when the problem is not about one row. */
  row: number;
  /** The column's header as written; '' when the problem is not about one cell. */
  column: string;
  code: ChecklistProblemCode | SheetProblemCode;
  params: ProblemParams;
};

type Loc = { sheet: string; row: number; column: string };

const norm = (s: string): string => s.trim().replace(/\s+/g, ' ').toLowerCase().replace(/\(/g, '（').replace(/\)/g, '）');
const isBlankRow = (row: readonly string[] | undefined): boolean => !row || row.every((c) => c.trim() === '');
const present = (s: string | undefined): s is string => s !== undefined && s.trim() !== '';

function findSheet(sheets: readonly SheetRows[], which: keyof typeof SHEETS): SheetRows | undefined {
  const names = new Set(SHEET_ALIASES[which].map(norm));
  return sheets.find((s) => names.has(norm(s.name)));
}

function columnOfHeader<F extends string>(columns: readonly Column<F>[], header: string): Column<F> | undefined {
  const key = norm(header);
  return columns.find((c) => norm(c.header) === key || c.aliases.some((a) => norm(a) === key));
}

const BASIS_HEADER = /^(?:依据|basis)\s*(\d{1,2})\s*(.+)$/i;

function basisOfHeader(header: string): { group: number; part: BasisPart } | null {
  const m = BASIS_HEADER.exec(header.trim());
  if (!m) return null;
  const label = norm(m[2] ?? '');
  const part = BASIS_PARTS.find((p) => norm(p.label) === label || p.en === label);
  const group = Number(m[1]);
  return part && group >= 1 ? { group, part: part.part } : null;
}

type Header<F extends string> = {
  /** Header row, 1-based; 0 when the sheet is empty. */
  row: number;
  fields: Map<F, { index: number; header: string }>;
  basis: Map<number, Map<BasisPart, { index: number; header: string }>>;
};

function readHeader<F extends string>(
  sheet: SheetRows,
  columns: readonly Column<F>[],
  withBasis: boolean,
  problems: SheetProblem[],
): Header<F> {
  const at = sheet.rows.findIndex((r) => !isBlankRow(r));
  const header: Header<F> = { row: at + 1, fields: new Map(), basis: new Map() };
  const row = sheet.rows[at];
  if (!row) return header;
  const add = (column: string, code: SheetProblemCode) => problems.push({ sheet: sheet.name, row: at + 1, column: shown(column), code, params: { column: shown(column) } });
  row.forEach((raw, index) => {
    const text = raw.trim();
    if (text === '') return;
    const col = columnOfHeader(columns, text);
    const basis = withBasis ? basisOfHeader(text) : null;
    if (col) {
      if (header.fields.has(col.field)) add(text, 'duplicateColumn');
      else header.fields.set(col.field, { index, header: text });
    } else if (basis) {
      const group = header.basis.get(basis.group) ?? new Map<BasisPart, { index: number; header: string }>();
      if (group.has(basis.part)) add(text, 'duplicateColumn');
      else group.set(basis.part, { index, header: text });
      header.basis.set(basis.group, group);
    } else add(text, 'unknownColumn');
  });
  for (const col of columns) if (col.required && !header.fields.has(col.field)) add(col.header, 'missingColumn');
  for (const [group, parts] of header.basis) {
    // A group needs its document key, and a key needs to say whether its article was checked.
    if (!parts.has('doc')) add(basisHeader(group, '文件代号'), 'missingColumn');
    else if (!parts.has('verified')) add(basisHeader(group, '条号已核实'), 'missingColumn');
  }
  return header;
}

function parseYesNo(raw: string): boolean | null {
  const v = raw.trim().toLowerCase();
  if (YES_WORDS.has(v)) return true;
  if (NO_WORDS.has(v)) return false;
  return null;
}

/** Where each part of the built object came from, to place the parser's problems. */
type Origins = {
  info: Map<string, number>;
  infoSheet: string;
  infoColumn: string;
  docs: number[];
  docSheet: string;
  docHeader: Header<DocField> | null;
  itemSheet: string;
  itemHeader: Header<ItemField> | null;
  sectionRows: number[];
  itemRows: number[][];
  /** For each item, the basis group (1-based) of each basis entry. */
  basisGroups: number[][][];
};

export function checklistFromSheets(sheets: readonly SheetRows[]): Result<Checklist, SheetProblem[]> {
  const problems: SheetProblem[] = [];
  const itemsSheet = findSheet(sheets, 'items');
  const infoSheet = findSheet(sheets, 'info');
  const docsSheet = findSheet(sheets, 'documents');
  if (!itemsSheet) problems.push({ sheet: '', row: 0, column: '', code: 'missingSheet', params: { sheet: SHEETS.items } });
  if (!infoSheet) problems.push({ sheet: '', row: 0, column: '', code: 'missingSheet', params: { sheet: SHEETS.info } });
  if (!itemsSheet || !infoSheet) return err(problems);

  const origins: Origins = {
    info: new Map(),
    infoSheet: infoSheet.name,
    infoColumn: INFO_HEADER[1],
    docs: [],
    docSheet: docsSheet?.name ?? SHEETS.documents,
    docHeader: null,
    itemSheet: itemsSheet.name,
    itemHeader: null,
    sectionRows: [],
    itemRows: [],
    basisGroups: [],
  };

  const draft: Record<string, unknown> = { format: CHECKLIST_FORMAT };
  readInfo(infoSheet, draft, origins, problems);
  draft['documents'] = docsSheet ? readDocuments(docsSheet, origins, problems) : [];
  draft['sections'] = readItems(itemsSheet, origins, problems);
  if (problems.some((p) => p.code === 'missingColumn' || p.code === 'duplicateColumn' || p.code === 'noItems')) return finish(problems, origins);

  const parsed = parseChecklist(draft);
  if (parsed.ok && problems.length === 0) return ok(parsed.value);
  if (!parsed.ok) {
    for (const p of parsed.error) {
      const loc = locate(parsePath(p.path), origins);
      const params = { ...p.params };
      // "first used at sections[0].items[3]" means nothing in a workbook: give the row instead.
      if (typeof params['firstPath'] === 'string') {
        params['firstRow'] = locate(parsePath(params['firstPath']), origins).row;
        delete params['firstPath'];
      }
      problems.push({ sheet: loc.sheet, row: loc.row, column: loc.column, code: p.code, params });
    }
  }
  return finish(problems, origins);
}

function finish(problems: SheetProblem[], o: Origins): Result<Checklist, SheetProblem[]> {
  const rank = (name: string): number => (name === '' ? -1 : [o.infoSheet, o.docSheet, o.itemSheet].indexOf(name));
  // The parser stops listing after MAX_REPORTED_PROBLEMS; its count of the rest is carried over.
  let more = 0;
  const listed = problems.filter((p) => {
    if (p.code !== 'moreProblems') return true;
    more += Number(p.params['count'] ?? 0);
    return false;
  });
  const sorted = listed
    .map((p, i) => ({ p, i }))
    .sort((a, b) => rank(a.p.sheet) - rank(b.p.sheet) || a.p.row - b.p.row || a.i - b.i)
    .map((x) => x.p);
  more += Math.max(0, sorted.length - MAX_REPORTED_PROBLEMS);
  const shown = sorted.slice(0, MAX_REPORTED_PROBLEMS);
  if (more > 0) shown.push({ sheet: '', row: 0, column: '', code: 'moreProblems', params: { count: more } });
  return err(shown);
}

function readInfo(sheet: SheetRows, draft: Record<string, unknown>, origins: Origins, problems: SheetProblem[]): void {
  const labels = new Map<string, InfoField>();
  for (const r of INFO_ROWS) {
    labels.set(norm(r.label), r.field);
    labels.set(norm(r.field), r.field);
  }
  sheet.rows.forEach((row, i) => {
    const label = (row[0] ?? '').trim();
    const value = row[1] ?? '';
    if (isBlankRow(row)) return;
    if (INFO_HEADER_WORDS.has(norm(label))) {
      origins.infoColumn = (row[1] ?? '').trim() || INFO_HEADER[1];
      return;
    }
    const field = labels.get(norm(label));
    const at = { sheet: sheet.name, row: i + 1, column: INFO_HEADER[0] };
    if (!field) {
      problems.push({ ...at, code: 'unknownInfoRow', params: { label: shown(label) } });
      return;
    }
    if (origins.info.has(field)) {
      problems.push({ ...at, code: 'duplicateInfoRow', params: { label: shown(label), firstRow: origins.info.get(field) ?? 0 } });
      return;
    }
    origins.info.set(field, i + 1);
    if (!present(value)) return;
    // Identifiers and dates are compared exactly: stray spaces from typing are not part of them.
    draft[field] = field === 'format' || field === 'id' || field === 'version' || field === 'effectiveFrom' ? value.trim() : value;
  });
}

function readDocuments(sheet: SheetRows, origins: Origins, problems: SheetProblem[]): unknown[] {
  const header = readHeader(sheet, DOC_COLUMNS, false, problems);
  origins.docHeader = header;
  const docs: unknown[] = [];
  for (let i = header.row; i < sheet.rows.length; i++) {
    const row = sheet.rows[i];
    if (!row || isBlankRow(row)) continue;
    const get = (f: DocField): string | undefined => {
      const c = header.fields.get(f);
      return c ? row[c.index] : undefined;
    };
    const doc: Record<string, unknown> = {};
    const key = get('key');
    if (present(key)) doc['key'] = key.trim();
    for (const f of ['title', 'number', 'note'] as const) {
      const v = get(f);
      if (present(v)) doc[f] = v;
    }
    origins.docs.push(i + 1);
    docs.push(doc);
  }
  return docs;
}

function readItems(sheet: SheetRows, origins: Origins, problems: SheetProblem[]): unknown[] {
  const header = readHeader(sheet, ITEM_COLUMNS, true, problems);
  origins.itemHeader = header;
  const groups = [...header.basis.keys()].sort((a, b) => a - b);
  const sections: Array<{ code: string; section: Record<string, unknown>; items: unknown[]; firstRow: number }> = [];
  const byCode = new Map<string, (typeof sections)[number]>();
  let current: (typeof sections)[number] | undefined;

  for (let i = header.row; i < sheet.rows.length; i++) {
    const row = sheet.rows[i];
    if (!row || isBlankRow(row)) continue;
    const rowNumber = i + 1;
    const get = (f: ItemField): string | undefined => {
      const c = header.fields.get(f);
      return c ? row[c.index] : undefined;
    };
    const at = (f: ItemField | string) => ({ sheet: sheet.name, row: rowNumber, column: header.fields.get(f as ItemField)?.header ?? f });

    const sectionCode = get('sectionCode');
    if (present(sectionCode)) {
      const code = sectionCode.trim();
      current = byCode.get(code);
      if (!current) {
        const section: Record<string, unknown> = { code };
        current = { code, section, items: [], firstRow: rowNumber };
        sections.push(current);
        byCode.set(code, current);
      }
    } else if (!current) {
      problems.push({ ...at('sectionCode'), code: 'sectionCodeMissing', params: {} });
      continue;
    }
    const sec = current;
    for (const [f, key] of [['sectionTitle', 'title'], ['sectionTitleEn', 'titleEn']] as const) {
      const v = get(f);
      if (!present(v)) continue;
      if (sec.section[key] === undefined) sec.section[key] = v;
      else if (sec.section[key] !== v) problems.push({ ...at(f), code: 'sectionTitleMismatch', params: { code: sec.code, firstRow: sec.firstRow } });
    }

    const item: Record<string, unknown> = {};
    const code = get('code');
    if (present(code)) item['code'] = code.trim();
    for (const f of ['requirement', 'requirementEn', 'method', 'evidence', 'note'] as const) {
      const v = get(f);
      if (present(v)) item[f] = v;
    }
    const severity = get('severity');
    if (present(severity)) item['severity'] = severity.trim();
    const sample = get('sample');
    if (present(sample)) {
      const b = parseYesNo(sample);
      if (b === null) problems.push({ ...at('sample'), code: 'badBoolean', params: { found: shown(sample.trim()) } });
      else item['sample'] = b;
    }

    const basis: unknown[] = [];
    const basisGroups: number[] = [];
    for (const g of groups) {
      const parts = header.basis.get(g);
      if (!parts) continue;
      const value = (p: BasisPart): string | undefined => {
        const c = parts.get(p);
        return c ? row[c.index] : undefined;
      };
      const doc = value('doc');
      const article = value('article');
      const verified = value('verified');
      const note = value('note');
      if (!present(doc)) {
        if (present(article) || present(verified) || present(note)) {
          problems.push({ sheet: sheet.name, row: rowNumber, column: parts.get('doc')?.header ?? basisHeader(g, '文件代号'), code: 'basisWithoutDoc', params: {} });
        }
        continue;
      }
      const entry: Record<string, unknown> = { doc: doc.trim() };
      if (present(article)) entry['article'] = article;
      if (present(verified)) {
        const b = parseYesNo(verified);
        if (b === null) problems.push({ sheet: sheet.name, row: rowNumber, column: parts.get('verified')?.header ?? '', code: 'badBoolean', params: { found: shown(verified.trim()) } });
        // Already reported: a placeholder keeps the parser from adding "verified is missing" for the same cell.
        entry['verified'] = b ?? false;
      }
      if (present(note)) entry['note'] = note;
      basis.push(entry);
      basisGroups.push(g);
    }
    item['basis'] = basis;
    sec.items.push(item);
    const s = sections.indexOf(sec);
    (origins.itemRows[s] ??= []).push(rowNumber);
    (origins.basisGroups[s] ??= []).push(basisGroups);
  }

  origins.sectionRows = sections.map((s) => s.firstRow);
  if (sections.length === 0 && header.row > 0 && !problems.some((p) => p.code === 'sectionCodeMissing')) {
    problems.push({ sheet: sheet.name, row: 0, column: '', code: 'noItems', params: {} });
  }
  if (header.row === 0) problems.push({ sheet: sheet.name, row: 0, column: '', code: 'noItems', params: {} });
  return sections.map((s) => ({ ...s.section, items: s.items }));
}

const ITEM_KEY_TO_FIELD: Record<string, ItemField> = {
  code: 'code',
  requirement: 'requirement',
  requirementEn: 'requirementEn',
  method: 'method',
  evidence: 'evidence',
  severity: 'severity',
  sample: 'sample',
  note: 'note',
};
const SECTION_KEY_TO_FIELD: Record<string, ItemField> = { code: 'sectionCode', title: 'sectionTitle', titleEn: 'sectionTitleEn' };

/** The sheet, row and column a path of the built checklist came from. */
function locate(path: readonly PathSegment[], o: Origins): Loc {
  const [a, b, c, d, e, f, g] = path;
  const whole: Loc = { sheet: '', row: 0, column: '' };
  if (a === undefined) return whole;
  if (a === 'documents') {
    const header = o.docHeader;
    if (typeof b !== 'number') return { sheet: o.docSheet, row: 0, column: '' };
    const column = typeof c === 'string' ? (header?.fields.get(c as DocField)?.header ?? DOC_COLUMNS.find((x) => x.field === c)?.header ?? '') : '';
    return { sheet: o.docSheet, row: o.docs[b] ?? 0, column };
  }
  if (a === 'sections') {
    const header = o.itemHeader;
    const headerOf = (field: ItemField): string => header?.fields.get(field)?.header ?? ITEM_COLUMNS.find((x) => x.field === field)?.header ?? '';
    if (typeof b !== 'number') return { sheet: o.itemSheet, row: 0, column: '' };
    const sectionRow = o.sectionRows[b] ?? 0;
    if (c !== 'items') {
      const field = typeof c === 'string' ? SECTION_KEY_TO_FIELD[c] : undefined;
      return { sheet: o.itemSheet, row: sectionRow, column: field ? headerOf(field) : '' };
    }
    if (typeof d !== 'number') return { sheet: o.itemSheet, row: sectionRow, column: '' };
    const row = o.itemRows[b]?.[d] ?? sectionRow;
    if (e === 'basis') {
      const group = typeof f === 'number' ? o.basisGroups[b]?.[d]?.[f] : undefined;
      if (group === undefined) return { sheet: o.itemSheet, row, column: '' };
      const part = typeof g === 'string' ? (g as BasisPart) : 'doc';
      const column = header?.basis.get(group)?.get(part)?.header ?? basisHeader(group, BASIS_PARTS.find((p) => p.part === part)?.label ?? '');
      return { sheet: o.itemSheet, row, column };
    }
    const field = typeof e === 'string' ? ITEM_KEY_TO_FIELD[e] : undefined;
    return { sheet: o.itemSheet, row, column: field ? headerOf(field) : '' };
  }
  // A checklist field from the info sheet; absent rows are reported against the sheet as a whole.
  const row = typeof a === 'string' ? o.info.get(a) : undefined;
  return { sheet: o.infoSheet, row: row ?? 0, column: row ? o.infoColumn : '' };
}
