// The 整改台账 rows are written as XML straight into the sheet's stream (issue 7: the writer's own cost);
// ExcelTS's row and cell objects are the reference. Both writers are given the same rows, hostile ones
// among them, and every part of the two workbooks, unzipped, must be the same bytes: the sheets, the
// styles (whose ids depend on the order styles are first used), the workbook and the rest.
import { Workbook } from '@cj-tech-master/excelts';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, LEDGER_SHEET_NAME, ledgerWorkbookBytes, type LedgerRowWriter, type LedgerSheetRow, type LedgerWorkbookOptions } from '../../../renderer/io/ledger-workbook';
import type { LedgerStatus } from '../../../renderer/io/ledger-workbook';

const STATUSES: LedgerStatus[] = ['open', 'in_progress', 'rectified', 'verified', 'long_term'];

/** A small deterministic generator (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

// Text that XML, UTF-8 or Excel treat specially: entities, quotes, control characters (dropped), lone
// surrogates (dropped), emoji (pairs kept), CR/LF/tab, a leading = (never a formula), _x000D_ escapes,
// look-alike numbers and dates, and text over Excel's 32,767 characters with a pair at the cut.
const ODD_TEXTS = [
  '<b>&amp;</b> "quoted" \'apos\' > < &',
  'a\u0000b\u0001c\u0008d\u000be\u000cf\u001fg\u007fh',
  'tab\there\r\nCRLF\nLF\rCR',
  '表情 😀👍🏽 👨‍👩‍👧 𠀀𪚥',
  'lone \ud800 high, lone \udc00 low, reversed \udc00\ud800',
  '=HYPERLINK("http://evil","x")',
  '+1-2', '-3', '@SUM(A1)',
  '_x000D_ and _x0041_',
  '0012', '1e5', '2026-04-15', ' leading and trailing ',
  '\ufeffBOM \ufffe\uffff noncharacters',
  `${'长'.repeat(32_765)}😀tail`,
  'x'.repeat(50_000),
  ']]> <![CDATA[',
];

function oddRow(i: number, next: () => number): LedgerSheetRow {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!;
  const text = (): string => {
    const r = next();
    if (r < 0.35) return '';
    if (r < 0.6) return pick(ODD_TEXTS);
    return `文本${i}-${Math.floor(next() * 1000)}`;
  };
  const day = (): string | null => pick([null, '', '2026-03-31', '2024-02-29', '2026-02-30', 'soon', '1900-01-01', '9999-12-31', '2026-3-1']);
  return {
    id: pick([`00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, '', '<id&>']),
    ledgerNo: text(),
    orgUnitName: text(),
    orgUnitCode: pick(['0012', '', '00&12']),
    inspectionKind: text(),
    checklist: text(),
    itemCode: text(),
    category: text(),
    description: text(),
    basis: text(),
    severity: pick(['一般', '较重', '重大']),
    repeat: next() < 0.2,
    rootCause: text(),
    correction: text(),
    measures: text(),
    responsibleDept: text(),
    responsiblePerson: text(),
    dueDate: day() ?? '',
    // A state no workflow knows is shown as it is.
    status: next() < 0.05 ? ('<unknown>' as LedgerStatus) : pick(STATUSES),
    overdue: next() < 0.3,
    completedDate: day(),
    completionNote: text(),
    evidenceCount: pick([0, 1, 7, 123456]),
    verifier: text(),
    verificationVerdict: text(),
    customerRemedy: pick([null, null, 0, 12.5, -3.25, 1234567.891, 0.1 + 0.2, 1e21, Number.MAX_SAFE_INTEGER]),
    accountability: text(),
    notes: text(),
    updatedAt: pick(['2026-03-01T02:03:04.567Z', '2026-12-31T23:59:59.999Z', '', 'not a time', '1970-01-01T00:00:00Z']),
  };
}

function oddRows(count: number, seed: number): LedgerSheetRow[] {
  const next = random(seed);
  return Array.from({ length: count }, (_, i) => oddRow(i + 1, next));
}

const CREATED = new Date('2026-11-30T08:00:00Z');

async function parts(rows: LedgerSheetRow[], writer: LedgerRowWriter, options: Partial<LedgerWorkbookOptions> = {}): Promise<Record<string, Uint8Array>> {
  const result = await ledgerWorkbookBytes(rows, { asOf: '2026-06-30', title: '示例银行 整改台账', created: CREATED, ...options }, writer);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return unzipSync(result.value);
}

async function expectSameParts(rows: LedgerSheetRow[], options: Partial<LedgerWorkbookOptions> = {}): Promise<Record<string, Uint8Array>> {
  const reference = await parts(rows, 'cells', options);
  const direct = await parts(rows, 'xml', options);
  expect(Object.keys(direct)).toEqual(Object.keys(reference));
  for (const name of Object.keys(reference)) {
    const a = Buffer.from(reference[name]!);
    const b = Buffer.from(direct[name]!);
    if (!a.equals(b)) {
      // Where they part, readably, rather than two megabytes of bytes.
      let at = 0;
      while (at < a.length && a[at] === b[at]) at++;
      expect(`${name} @${at}: ${b.subarray(Math.max(0, at - 80), at + 80).toString()}`).toBe(`${name} @${at}: ${a.subarray(Math.max(0, at - 80), at + 80).toString()}`);
    }
  }
  return direct;
}

describe('the 整改台账 rows written as XML directly', () => {
  it('give the same workbook, part for part, as ExcelTS cell objects, for 400 hostile rows', async () => {
    const rows = oddRows(400, 7);
    const files = await expectSameParts(rows);
    expect(Object.keys(files)).toContain('xl/worksheets/sheet1.xml');
    // The content really is hostile: some rows overdue, some not, some text cut.
    expect(rows.some((r) => r.overdue) && rows.some((r) => !r.overdue)).toBe(true);
  });

  it('give the same workbook whichever kind of row comes first (styles are numbered in order of first use)', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const rows = oddRows(40, seed);
      await expectSameParts(rows);
      await expectSameParts(rows.map((r, i) => (i === 0 ? { ...r, overdue: !r.overdue } : r)));
    }
  });

  it('give the same workbook over several 整改台账 sheets, and for no rows at all', async () => {
    const files = await expectSameParts(oddRows(300, 11), { maxRowsPerSheet: 70 });
    expect(Object.keys(files).filter((name) => name.startsWith('xl/worksheets/sheet'))).toHaveLength(6);
    await expectSameParts([]);
    await expectSameParts(oddRows(1, 12));
  });

  it('give the same workbook for plain rows, as most ledgers are', async () => {
    const plain = oddRows(300, 21).map((r) => ({ ...r, description: `问题描述 ${r.id}`, measures: '建立核对机制', status: 'open' as LedgerStatus }));
    await expectSameParts(plain);
  });

  it('read back with the values the rows hold', async () => {
    const rows = oddRows(60, 31);
    const result = await ledgerWorkbookBytes(rows, { asOf: '2026-06-30', created: CREATED });
    if (!result.ok) throw new Error(result.error.code);
    const book = new Workbook();
    await book.xlsx.load(result.value);
    const sheet = book.getWorksheet(LEDGER_SHEET_NAME)!;
    const seq = LEDGER_COLUMNS.findIndex((c) => c.kind === 'seq') + 1;
    const id = LEDGER_COLUMNS.length;
    rows.forEach((r, i) => {
      expect(sheet.getRow(i + 2).getCell(seq).value).toBe(i + 1);
      expect(sheet.getRow(i + 2).getCell(id).value ?? '').toBe(r.id);
    });
  });
});
