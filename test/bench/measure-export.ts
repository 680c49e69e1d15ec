// The Excel row of the benchmark (issue 7): the consolidated 整改台账 of every live finding, made by the
// export job's own handler in the page (page/export.ts), against ExcelTS's streaming writer fed the same
// cell values directly; both four times, alternately, the median of each. The JS heap of the page is sampled
// through the DevTools protocol meanwhile (after a forced garbage collection), and the peak above
// where it started is reported for both; the same job through its worker is timed once more.
import type { BrowserContext, Page } from 'playwright-core';
import { callBenchPage, openBenchPage } from './bench-page';
import { benchRow, failedRow, type BenchRow, type RowSpec } from './results';
import type { ExcelRun } from './page/api';

/** What this row needs of the runner's context (run.ts). */
export type ExportContext = { app: { context: BrowserContext }; page: Page; base: string; urls: string[]; imported: boolean };

// Four of each, alternately: on a busy machine two were not enough to tell a change from the noise.
const RUNS = 4;
const MB = 2 ** 20;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/** Runs `work` while sampling the page's used JS heap every 50 ms; the peak above the start (MB). */
async function withHeapPeak(ctx: ExportContext, work: () => Promise<ExcelRun>): Promise<ExcelRun & { peakMb: number }> {
  const cdp = await ctx.app.context.newCDPSession(ctx.page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    const used = async (): Promise<number> => ((await cdp.send('Runtime.getHeapUsage')) as { usedSize: number }).usedSize;
    const start = await used();
    let peak = start;
    let running = true;
    const sampler = (async () => {
      while (running) {
        peak = Math.max(peak, await used());
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    try {
      const run = await work();
      return { ...run, peakMb: (Math.max(peak, await used()) - start) / MB };
    } finally {
      running = false;
      await sampler;
    }
  } finally {
    await cdp.detach();
  }
}

export const exportMeasurement = {
  id: 'export' as const,
  specs: (): RowSpec[] => [{ name: 'consolidated Excel export of every finding (整改台账)', unit: 'ms', target: 1.2 }],
  run: async (ctx: ExportContext, [spec]: RowSpec[]): Promise<BenchRow[]> => {
    if (!spec) return [];
    await openBenchPage(ctx.page, ctx.base);
    let name = spec.name;
    if (!ctx.imported) {
      log('  the database holds no import: filling it with bulkPut');
      await callBenchPage(ctx.page, 'fillAppDb', ctx.urls);
      name += ' (database filled by bulkPut)';
    }
    const app: (ExcelRun & { peakMb: number })[] = [];
    const base: (ExcelRun & { peakMb: number })[] = [];
    for (let i = 0; i < RUNS; i++) {
      base.push(await withHeapPeak(ctx, () => callBenchPage(ctx.page, 'exportBaseline')));
      app.push(await withHeapPeak(ctx, () => callBenchPage(ctx.page, 'exportWorkbook')));
      log(`  run ${i + 1}: app ${Math.round(app[i]?.ms ?? 0)} ms, writer alone ${Math.round(base[i]?.ms ?? 0)} ms`);
    }
    const rows = app[0]?.rows ?? 0;
    if (app.some((r) => r.rows !== rows) || base.some((r) => r.rows !== rows)) {
      return [failedRow({ ...spec, name }, `the runs wrote different row counts: ${[...app, ...base].map((r) => r.rows).join(', ')}`)];
    }
    const worker = await callBenchPage(ctx.page, 'exportInWorker');
    const styled = await callBenchPage(ctx.page, 'exportStyledWriter');
    name = `${name.replace('every finding', `${rows.toLocaleString('en-US')} findings`)}`;
    const row = benchRow({ ...spec, name }, median(app.map((r) => r.ms)), median(base.map((r) => r.ms)), {
      ...Object.fromEntries(app.map((r, i) => [`run ${i + 1}`, r.ms])),
      ...Object.fromEntries(base.map((r, i) => [`writer alone, run ${i + 1}`, r.ms])),
      ...Object.fromEntries(base.map((r, i) => [`reading and mapping the rows for the writer (untimed), run ${i + 1}`, r.prepareMs ?? 0])),
      'the same job through its worker': worker.ms,
      "the app's styled writer fed the mapped rows directly": styled.ms,
    });
    return [
      {
        ...row,
        memory: {
          peakMb: Math.round(Math.max(...app.map((r) => r.peakMb)) * 10) / 10,
          baselinePeakMb: Math.round(Math.max(...base.map((r) => r.peakMb)) * 10) / 10,
          fileMb: Math.round((app[0]?.bytes ?? 0) / MB * 10) / 10,
        },
      },
    ];
  },
};
