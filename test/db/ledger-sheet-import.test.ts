// An edited 整改台账 workbook applied to the database (issue 6 item 8), through the worker's handlers: the
// workbook is exported by the app, edited with ExcelTS, and imported. All or nothing: a file with one
// bad row, or a cancelled import, leaves every table exactly as it was; a good file updates each finding
// once, with its history entry; importing it again changes nothing.
import { Workbook } from '@cj-tech-master/excelts';
import { beforeEach, describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { addManualFinding, transitionFinding } from '../../renderer/db/repos/findings';
import { historyOf, verifyHistory } from '../../renderer/db/repos/history';
import { importLedgerSheet, type SheetImportOutcome } from '../../renderer/db/repos/ledger-sheet-import';
import { ledgerExcelHandlers } from '../../renderer/workers/ledger-excel-handler';
import type { JobProgress } from '../../renderer/workers/protocol';
import type { RegisterExportOutput } from '../../renderer/workers/jobs';
import { LEDGER_COLUMNS, readLedgerWorkbook } from '../../renderer/io/ledger-workbook';
import { EXCEL_IMPORT_REASON } from '../../renderer/core/ledger/sheet-import';
import type { Result } from '../../renderer/core/result';
import { eachTestBranchDb, unwrap, type ManualClock } from './finding-helpers';

let db: XbDb;
let clock: ManualClock;
eachTestBranchDb((d, c) => {
  db = d;
  clock = c;
});

const col = (header: string): number => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;
const handlers = () => ledgerExcelHandlers(() => ({ db, release: () => undefined }));
const quiet = { signal: new AbortController().signal, progress: (_: JobProgress) => undefined };

async function exportLedger(): Promise<Uint8Array> {
  const ids = (await db.findings.orderBy('ledgerNo').toArray()).map((f) => f.id);
  const [, excel] = handlers();
  return unwrap((await excel!.run({ ids, asOf: '2026-03-02', title: '整改台账' }, quiet)) as Result<RegisterExportOutput>).bytes;
}

async function edited(bytes: Uint8Array, rows: Record<number, Record<string, string | Date>>): Promise<Uint8Array> {
  const book = new Workbook();
  await book.xlsx.load(bytes);
  const sheet = book.getWorksheet('整改台账')!;
  for (const [row, cells] of Object.entries(rows)) for (const [header, value] of Object.entries(cells)) sheet.getRow(Number(row)).getCell(col(header)).value = value;
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function importFile(bytes: Uint8Array, commit: boolean): Promise<SheetImportOutcome> {
  const [sheetImport] = handlers();
  return unwrap((await sheetImport!.run({ bytes, commit }, quiet)) as Result<SheetImportOutcome>);
}

/** Every table a finding write touches, as one string: equal strings mean nothing was written. */
async function snapshot(): Promise<string> {
  const [findings, history, counters] = await Promise.all([db.findings.toArray(), db.history.toArray(), db.counters.toArray()]);
  return JSON.stringify({ findings, history, counters });
}

const base = { orgUnitCode: 'BR01', category: '公示', basis: '', severity: '一般' as const, dueDate: null, responsibleDept: '', responsiblePerson: '' };

beforeEach(async () => {
  unwrap(await addManualFinding(db, { ...base, description: '价目表未更新' }));
  unwrap(await addManualFinding(db, { ...base, description: '投诉电话未公示', responsiblePerson: '李四', dueDate: '2026-04-30' }));
  unwrap(await addManualFinding(db, { ...base, description: '双录抽查缺失', responsiblePerson: '王五', dueDate: '2026-03-31' }));
  const third = (await db.findings.where('ledgerNo').equals('BR01-2026-0003').first())!;
  unwrap(await transitionFinding(db, third.id, 'start', {}));
  clock.advance(5000);
});

describe('importing an edited 整改台账', () => {
  it('previews without writing, then updates every edited finding once with its history, and a second import changes nothing', async () => {
    const bytes = await edited(await exportLedger(), {
      2: { 整改状态: '整改中', 责任人: '赵六', 整改期限: new Date(Date.UTC(2026, 4, 31)), 整改措施: '更换价目表并建立核对机制' },
      4: { 整改状态: '已整改待验收', 完成日期: '2026-03-02', 整改情况说明: '已补录双录', 整改措施: '补录并培训' },
    });
    const before = await snapshot();
    const preview = await importFile(bytes, false);
    expect(preview).toMatchObject({ rowCount: 3, updated: 2, unchanged: 1, problemCount: 0, committed: false });
    expect(preview.changes.map((c) => [c.row, c.ledgerNo, c.from, c.to])).toEqual([
      [2, 'BR01-2026-0001', 'open', 'in_progress'],
      [4, 'BR01-2026-0003', 'in_progress', 'rectified'],
    ]);
    expect(await snapshot()).toBe(before);

    const stored = await db.findings.orderBy('ledgerNo').toArray();
    const done = await importFile(bytes, true);
    expect(done).toMatchObject({ updated: 2, unchanged: 1, committed: true });
    const after = await db.findings.orderBy('ledgerNo').toArray();
    expect(after[0]).toMatchObject({ status: 'in_progress', responsiblePerson: '赵六', dueDate: '2026-05-31', measures: '更换价目表并建立核对机制', rev: stored[0]!.rev + 1 });
    expect(after[2]).toMatchObject({ status: 'rectified', completedAt: '2026-03-02', completionNote: '已补录双录', rev: stored[2]!.rev + 1 });
    expect(after[1]).toEqual(stored[1]);
    const maxSeq = Math.max(...stored.map((f) => f.localSeq));
    expect(after[0]!.localSeq).toBeGreaterThan(maxSeq);
    expect(after[2]!.localSeq).toBeGreaterThan(maxSeq);

    const history = await historyOf(db, 'finding', after[2]!.id);
    expect(history.at(-1)).toMatchObject({ action: 'transition', transition: 'submit', reason: EXCEL_IMPORT_REASON, actor: '张三' });
    expect(history.at(-1)!.changes.map((c) => c.field)).toEqual(['measures', 'status', 'completedAt', 'completionNote']);
    expect((await historyOf(db, 'finding', after[0]!.id)).filter((e) => e.reason === EXCEL_IMPORT_REASON)).toHaveLength(1);
    expect((await historyOf(db, 'finding', after[1]!.id)).filter((e) => e.reason === EXCEL_IMPORT_REASON)).toHaveLength(0);
    expect((await verifyHistory(db)).verdicts).toMatchObject([{ ok: true }]);

    const settled = await snapshot();
    const again = await importFile(bytes, true);
    expect(again).toMatchObject({ rowCount: 3, updated: 0, unchanged: 3, problemCount: 0, committed: false });
    expect(await snapshot()).toBe(settled);
  });

  it('writes nothing at all when one row is bad, and lists that row', async () => {
    const bytes = await edited(await exportLedger(), {
      2: { 整改措施: '更换价目表' },
      3: { 整改状态: '已验收' },
      4: { 备注: '已督办' },
    });
    const before = await snapshot();
    const outcome = await importFile(bytes, true);
    expect(outcome).toMatchObject({ updated: 2, committed: false, problemCount: 1, badRows: 1 });
    expect(outcome.problems.map((p) => [p.sheet, p.row, p.column, p.header, p.code])).toEqual([['整改台账', 3, col('整改状态'), '整改状态', 'transitionNotAllowed']]);
    expect(await snapshot()).toBe(before);
  });

  it('writes nothing when cancelled halfway through writing', async () => {
    const bytes = await edited(await exportLedger(), { 2: { 备注: 'a' }, 3: { 备注: 'b' }, 4: { 备注: 'c' } });
    const parsed = await readLedgerWorkbook(bytes);
    if (!parsed.ok) throw new Error(parsed.error.code);
    const before = await snapshot();
    const controller = new AbortController();
    const r = await importLedgerSheet(db, parsed.value, {
      commit: true,
      signal: controller.signal,
      onProgress: (_done, _total, phase) => {
        if (phase === 'writing') controller.abort();
      },
    });
    expect(!r.ok && r.error.code).toBe('job.cancelled');
    expect(await snapshot()).toBe(before);
  });

  it('refuses a finding changed in the app after the export, and writes nothing', async () => {
    const bytes = await edited(await exportLedger(), { 2: { 备注: '表中填写' }, 3: { 备注: '另一行' } });
    clock.advance(60_000);
    const second = (await db.findings.where('ledgerNo').equals('BR01-2026-0002').first())!;
    unwrap(await transitionFinding(db, second.id, 'start', {}));
    const before = await snapshot();
    const outcome = await importFile(bytes, true);
    expect(outcome.problems.map((p) => [p.row, p.header, p.code])).toEqual([[3, '最后更新时间', 'stale']]);
    expect(outcome.committed).toBe(false);
    expect(await snapshot()).toBe(before);
  });

  it('says a workbook that is not a ledger, or not a workbook, cannot be imported', async () => {
    const book = new Workbook();
    book.addWorksheet('Sheet1').addRow(['a']);
    const outcome = await importFile(new Uint8Array(await book.xlsx.writeBuffer()), true);
    expect(outcome.problems.map((p) => p.code)).toEqual(['noLedgerSheet']);
    const [sheetImport] = handlers();
    const r = await sheetImport!.run({ bytes: new Uint8Array([1, 2, 3]), commit: true }, quiet);
    expect(!r.ok && r.error.code).toBe('workbook.notXlsx');
  });
});
