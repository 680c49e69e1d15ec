// The verdict row of the benchmark (issue 7): 1,000 verdict changes through the repository code path
// (saveAnswer: the answer, the inspection's rev, history, the item's finding created, changed or
// withdrawn, in one strict transaction), p95, against a raw single-row put in a strict IndexedDB
// transaction, p95, taken alternately in the same loop (page/verdicts.ts).
import type { Page } from 'playwright-core';
import { callBenchPage, openBenchPage } from './bench-page';
import { benchRow, type BenchRow, type RowSpec } from './results';

/** What this row needs of the runner's context (run.ts). */
export type VerdictContext = { page: Page; base: string };

export const VERDICT_CHANGES = 1000;

export const verdictMeasurement = {
  id: 'verdicts' as const,
  specs: (): RowSpec[] => [{ name: `${VERDICT_CHANGES.toLocaleString('en-US')} verdict changes through saveAnswer, p95`, unit: 'ms', target: 1.5 }],
  run: async (ctx: VerdictContext, [spec]: RowSpec[]): Promise<BenchRow[]> => {
    if (!spec) return [];
    await openBenchPage(ctx.page, ctx.base);
    const r = await callBenchPage(ctx.page, 'verdicts', VERDICT_CHANGES);
    process.stderr.write(`  ${Object.entries(r.counts).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}\n`);
    return [benchRow(spec, r.p95, r.baselineP95, r.details)];
  },
};
