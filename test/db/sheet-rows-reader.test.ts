// The 整改台账 export on two threads (issue 7): a reader pages the findings out and posts packed sheet
// rows to the thread that writes the workbook. Here the reader runs at the other end of a MessageChannel
// (real structured clones, as between a worker and its parent); the rows and the workbook must be exactly
// those the export made reading on its own thread, and a reader that cannot start must change nothing.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { addManualFinding, voidFinding } from '../../renderer/db/repos/findings';
import { findingsByIds, pagedFindings, readSheetContext } from '../../renderer/db/repos/finding-pages';
import { packSheetRow, sheetRows, unpackSheetRow, type LedgerSheetRow } from '../../renderer/core/ledger/sheet-rows';
import { readWorkbookRows } from '../../renderer/io/workbook';
import { ledgerExportHandlers } from '../../renderer/workers/ledger-export-handler';
import { portChannel, serveSheetRows, sheetRowsOf, type ReaderChannel, type ReaderScope, type RowsStats } from '../../renderer/workers/sheet-rows-reader';
import type { LedgerExcelJobOutput } from '../../renderer/workers/jobs';
import type { Result } from '../../renderer/core/result';
import { eachTestBranchDb, inspected, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

/** A reader serving `db` at the other end of a MessageChannel; `sent` counts the row batches it posted. */
function channelReader(): { spawn: () => ReaderChannel; sent: () => number; closed: () => boolean } {
  let sent = 0;
  let closed = false;
  return {
    spawn: () => {
      const { port1, port2 } = new MessageChannel();
      const scope: ReaderScope = {
        postMessage: (message) => {
          if (message.type === 'rows') sent += 1;
          port2.postMessage(message);
        },
        addEventListener: (type, listener) => port2.addEventListener(type, listener),
      };
      serveSheetRows(scope, () => ({ db, release: () => undefined }));
      port2.start();
      const channel = portChannel(port1);
      return {
        ...channel,
        close: () => {
          closed = true;
          channel.close();
          port2.close();
        },
      };
    },
    sent: () => sent,
    closed: () => closed,
  };
}

/** A reader that fails as a worker whose script cannot load does: before any message. */
const unloadable = (): ReaderChannel => ({
  post: () => undefined,
  listen: (_onMessage, failed) => void setTimeout(() => failed('404 sheet-rows.worker.js'), 1),
  close: () => undefined,
});

/** Findings with every kind of value the sheet shows: linked and manual, voided, overdue, long-term, verified, returned, odd text and numbers. */
async function variedFindings(): Promise<void> {
  const inspectionId = await inspected(db);
  unwrap(await saveAnswer(db, inspectionId, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
  unwrap(await saveAnswer(db, inspectionId, 'M-PUB-02', { verdict: 'partial', note: '投诉电话字迹模糊' }));
  const ids: string[] = [];
  for (let i = 0; i < 9; i++) {
    const description = ['=SUM(A1)', '', '多行\n文字\t制表', '\u{1F600} 表情', 'x'.repeat(40_000)][i % 5] ?? '';
    const id = unwrap(await addManualFinding(db, { orgUnitCode: 'BR01', description: `问题${i + 1}`, category: i % 2 === 0 ? '公示' : '', basis: '《办法》第三条', severity: i % 3 === 0 ? '重大' : '一般', dueDate: i % 2 === 0 ? '2026-03-01' : null, responsibleDept: '运营部', responsiblePerson: '赵六' })).id;
    // Text the forms would refuse but a package may carry: written directly.
    await db.findings.update(id, { description });
    ids.push(id);
  }
  unwrap(await voidFinding(db, ids[4]!, '重复登记'));
  const at = '2026-03-05T09:30:15.123Z';
  await db.findings.update(ids[0]!, { status: 'verified', completedAt: '2026-03-04', verification: { by: '王五', at, note: '已更换' }, customerRemedy: 1234.56, accountability: { who: '张三', how: '通报批评', docNo: '' }, evidence: ['a'.repeat(64), 'b'.repeat(64)] });
  await db.findings.update(ids[1]!, { status: 'in_progress', lastReturn: { by: '王五', at, reason: '证据不足' }, customerRemedy: 0, notes: '备注' });
  await db.findings.update(ids[2]!, { status: 'long_term', plan: '分期', milestoneDate: '2026-02-30', dueDate: '2026-12-31' });
  await db.findings.update(ids[3]!, { status: 'rectified', completedAt: '2026-03-03', completionNote: '无佐证：口头整改', customerRemedy: 0.1 });
}

const inThread = async (): Promise<LedgerSheetRow[]> => sheetRows(await db.findings.toArray(), await readSheetContext(db, '2026-03-10'));

async function collect(rows: AsyncIterable<LedgerSheetRow>): Promise<LedgerSheetRow[]> {
  const out: LedgerSheetRow[] = [];
  for await (const row of rows) out.push(row);
  return out;
}

async function excelJob(spawn: () => ReaderChannel | null, onStats?: (s: RowsStats) => void, signal = new AbortController().signal): Promise<Result<LedgerExcelJobOutput>> {
  const [, excel] = ledgerExportHandlers(() => ({ db, release: () => undefined }), { spawn, ...(onStats ? { onStats } : {}) });
  return (await excel!.run({ asOf: '2026-03-10', title: '整改台账' }, { signal, progress: () => undefined })) as Result<LedgerExcelJobOutput>;
}

describe('整改台账 rows read on another thread', () => {
  it('packs a row into values and back without changing any', async () => {
    await variedFindings();
    for (const row of await inThread()) expect(unpackSheetRow(structuredClone(packSheetRow(row)))).toStrictEqual(row);
  });

  it('hands the writer exactly the rows the export read on its own thread, in order, in batches of any size', async () => {
    await variedFindings();
    const expected = await inThread();
    expect(expected).toHaveLength(10);
    for (const batchRows of [1, 3, 10, 1000]) {
      const reader = channelReader();
      let stats: RowsStats | undefined;
      const rows = await collect(sheetRowsOf({ db, source: { kind: 'all' }, asOf: '2026-03-10', signal: new AbortController().signal, spawn: reader.spawn, batchRows, ahead: 2, onStats: (s) => (stats = s) }));
      expect(rows).toStrictEqual(expected);
      expect(stats).toMatchObject({ mode: 'worker', rows: 10 });
      expect(reader.closed()).toBe(true);
    }
    // Pages of the reader's kind (a small first one, then larger), by ledger number and by ids.
    const all = (await db.findings.orderBy('ledgerNo').toArray()).map((f) => f.id);
    for (const [size, first] of [[3, 1], [2, 5], [4, 4]] as const) {
      const paged: string[] = [];
      for await (const f of pagedFindings(db, size, first)) paged.push(f.id);
      expect(paged).toEqual(all);
      const named: string[] = [];
      for await (const f of findingsByIds(db, [...all].reverse(), size, first)) named.push(f.id);
      expect(named).toEqual([...all].reverse());
    }
    // The register's export: the findings named, in the order named (voided and unknown ones left out).
    const ids = [...expected].reverse().map((r) => r.id);
    const byIds = await collect(sheetRowsOf({ db, source: { kind: 'ids', ids: [...ids, 'no-such-id'] }, asOf: '2026-03-10', signal: new AbortController().signal, spawn: channelReader().spawn, batchRows: 4 }));
    expect(byIds).toStrictEqual([...expected].reverse());
  });

  it('writes the same workbook, cell for cell, as when the rows are read on the writing thread', async () => {
    await variedFindings();
    let stats: RowsStats | undefined;
    const twoThreads = unwrap(await excelJob(channelReader().spawn, (s) => (stats = s)));
    const oneThread = unwrap(await excelJob(() => null));
    expect(stats?.mode).toBe('worker');
    expect(twoThreads.rows).toBe(10);
    expect(oneThread.rows).toBe(10);
    const a = unwrap(await readWorkbookRows(twoThreads.bytes));
    const b = unwrap(await readWorkbookRows(oneThread.bytes));
    expect(a.sheets.map((s) => s.name)).toEqual(['整改台账', '汇总']);
    expect(a.sheets[0]?.rows).toHaveLength(11);
    expect(a).toEqual(b);
  });

  it('reads on the writing thread when no reader can be started, or it fails before its first message', async () => {
    await variedFindings();
    const expected = await inThread();
    for (const spawn of [() => null, unloadable, (): ReaderChannel => { throw new Error('nested workers are not supported'); }]) {
      let stats: RowsStats | undefined;
      const out = unwrap(await excelJob(spawn, (s) => (stats = s)));
      expect(out.rows).toBe(expected.length);
      expect(stats?.mode).toBe('inline');
      expect(stats?.fallback).toBeTruthy();
    }
  });

  it('fails the export, rather than starting over, when the reader fails after its first rows', async () => {
    await variedFindings();
    const reader = channelReader();
    const failing = (): ReaderChannel => {
      const channel = reader.spawn();
      return {
        ...channel,
        listen: (onMessage, failed) =>
          channel.listen((event) => {
            onMessage(event);
            failed('the reader worker crashed');
          }, failed),
      };
    };
    const out = await excelJob(failing);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error).toMatchObject({ code: 'ledgerWorkbook.writeFailed', detail: expect.stringContaining('the reader worker crashed') });
    expect(reader.closed()).toBe(true);
  });

  it('keeps the reader at most `ahead` batches in front of the writer', async () => {
    await variedFindings();
    const reader = channelReader();
    const rows = sheetRowsOf({ db, source: { kind: 'all' }, asOf: '2026-03-10', signal: new AbortController().signal, spawn: reader.spawn, batchRows: 1, ahead: 2 });
    const first = await rows.next();
    expect(first.done).toBe(false);
    // The writer holds its first row and takes no more: the reader posts its credit of 2, plus one for the batch taken.
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(reader.sent()).toBe(3);
    await rows.return(undefined);
    expect(reader.closed()).toBe(true);
  });

  it('stops reading when the export is cancelled', async () => {
    await variedFindings();
    const reader = channelReader();
    const controller = new AbortController();
    const stalled = (): ReaderChannel => {
      const channel = reader.spawn();
      // Rows never arrive: only the cancel can end the wait.
      return { ...channel, listen: (_onMessage, failed) => channel.listen(() => undefined, failed) };
    };
    const job = excelJob(stalled, undefined, controller.signal);
    setTimeout(() => controller.abort(), 20);
    const out = await job;
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.error.code).toBe('job.cancelled');
    expect(reader.closed()).toBe(true);
  });
});
