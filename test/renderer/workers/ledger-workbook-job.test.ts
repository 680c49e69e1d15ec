// The ledger-workbook job over a MessageChannel, with rows as an array and as a transferred stream of
// chunks; and the stream helpers on their own.
import { Workbook } from '@cj-tech-master/excelts';
import { describe, expect, it } from 'vitest';
import { LEDGER_SHEET_NAME } from '../../../renderer/io/ledger-workbook';
import type { LedgerSheetRow } from '../../../renderer/io/ledger-workbook';
import { LEDGER_WORKBOOK_JOB } from '../../../renderer/workers/jobs';
import { ledgerWorkbookHandler } from '../../../renderer/workers/ledger-workbook-handler';
import type { JobProgress } from '../../../renderer/workers/protocol';
import { runJob } from '../../../renderer/workers/run-job';
import { chunkedStream, drainArray, streamItems } from '../../../renderer/workers/streams';
import { fakeWorker } from './fake-worker';

function row(i: number): LedgerSheetRow {
  return {
    id: `id-${i}`, ledgerNo: `0012-2026-${String(i).padStart(4, '0')}`, orgUnitName: '营业部', orgUnitCode: '0012', inspectionKind: '自查',
    checklist: '网点检查表 2026.1', itemCode: 'B-PUB-01', category: '公示', description: `问题${i}`, basis: '第十条', severity: '一般',
    repeat: false, rootCause: '', correction: '', measures: '', responsibleDept: '', responsiblePerson: '', dueDate: '2026-03-31',
    status: 'open', overdue: false, completedDate: null, completionNote: '', evidenceCount: 0, verifier: '', verificationVerdict: '', customerRemedy: null,
    accountability: '', notes: '', updatedAt: '2026-03-01T00:00:00Z',
  };
}

async function ledgerNumbers(bytes: Uint8Array): Promise<unknown[]> {
  const book = new Workbook();
  await book.xlsx.load(bytes);
  const out: unknown[] = [];
  book.getWorksheet(LEDGER_SHEET_NAME)!.eachRow((r, n) => {
    if (n > 1) out.push(r.getCell(2).value);
  });
  return out;
}

describe('the ledger-workbook job', () => {
  it('writes rows given as an array, with progress against their count', async () => {
    const worker = fakeWorker([ledgerWorkbookHandler], { progressIntervalMs: 0 });
    const seen: JobProgress[] = [];
    const rows = Array.from({ length: 1200 }, (_, i) => row(i + 1));
    const result = await runJob(worker, { job: LEDGER_WORKBOOK_JOB, input: { rows, options: { asOf: '2026-04-15' } } }, { onProgress: (p) => seen.push(p) });
    if (!result.ok) throw new Error(result.error.code);
    expect(await ledgerNumbers(result.value)).toEqual(rows.map((r) => r.ledgerNo));
    expect(seen).toEqual([
      { done: 0, total: 1200, phase: 'rows' },
      { done: 500, total: 1200, phase: 'rows' },
      { done: 1000, total: 1200, phase: 'rows' },
      { done: 1200, total: 1200, phase: 'finishing' },
    ]);
  });

  it('writes rows given as a transferred stream of chunks, reading the source only as fast as it writes', async () => {
    const worker = fakeWorker([ledgerWorkbookHandler], { progressIntervalMs: 0 });
    let produced = 0;
    function* source(): Generator<LedgerSheetRow> {
      for (let i = 1; i <= 2500; i++) {
        produced = i;
        yield row(i);
      }
    }
    const stream = chunkedStream(source(), 100);
    const producedAtProgress: number[] = [];
    const result = await runJob(
      worker,
      { job: LEDGER_WORKBOOK_JOB, input: { rows: stream, total: 2500, options: { asOf: '2026-04-15' } }, transfer: [stream] },
      { onProgress: (p) => p.phase === 'rows' && p.done > 0 && producedAtProgress.push(produced - p.done) },
    );
    if (!result.ok) throw new Error(result.error.code);
    const numbers = await ledgerNumbers(result.value);
    expect(numbers).toHaveLength(2500);
    expect(numbers.at(-1)).toBe('0012-2026-2500');
    // The source runs at most a few chunks ahead of the writer.
    expect(Math.max(...producedAtProgress)).toBeLessThanOrEqual(1000);
  });

  it('stops reading a streamed source when cancelled', async () => {
    const worker = fakeWorker([ledgerWorkbookHandler], { progressIntervalMs: 0 });
    let produced = 0;
    let closed = false;
    function* source(): Generator<LedgerSheetRow> {
      try {
        for (let i = 1; i <= 100_000; i++) {
          produced = i;
          yield row(i);
        }
      } finally {
        closed = true;
      }
    }
    const stream = chunkedStream(source(), 200);
    const controller = new AbortController();
    const result = await runJob(
      worker,
      { job: LEDGER_WORKBOOK_JOB, input: { rows: stream, total: 100_000, options: { asOf: '2026-04-15' } }, transfer: [stream] },
      { signal: controller.signal, onProgress: (p) => p.done >= 1000 && controller.abort() },
    );
    expect(result).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    await expect.poll(() => closed).toBe(true);
    expect(produced).toBeLessThan(5000);
  });
});

describe('stream helpers', () => {
  it('chunk a source and give the items back in order', async () => {
    async function* numbers(): AsyncGenerator<number> {
      for (let i = 0; i < 10; i++) yield i;
    }
    const chunks: number[][] = [];
    const reader = chunkedStream(numbers(), 4).getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
    expect(chunks).toEqual([[0, 1, 2, 3], [4, 5, 6, 7], [8, 9]]);

    const items: number[] = [];
    for await (const n of streamItems(chunkedStream([1, 2, 3, 4, 5], 2))) items.push(n);
    expect(items).toEqual([1, 2, 3, 4, 5]);
    const none: number[] = [];
    for await (const n of streamItems(chunkedStream<number>([], 2))) none.push(n);
    expect(none).toEqual([]);
  });

  it('let go of array items as they are taken', () => {
    const items = [{ a: 1 }, { a: 2 }, { a: 3 }];
    const it = drainArray(items);
    expect(it.next().value).toEqual({ a: 1 });
    expect(it.next().value).toEqual({ a: 2 });
    expect(items).toEqual([undefined, undefined, { a: 3 }]);
  });
});
