// The UI rows of the benchmark (issue 7) on the imported database: 统计看板 with its summary statement
// (opened from the register, then a filter change) and a cold start of the register (a page load of
// #/findings on a profile that already holds the database, until the first rows are shown and the page
// accepts input). Times are taken in the page (performance.now), like app.ts's register measurements.
import type { Page } from 'playwright-core';
import type { AppSession } from '../e2e/harness';
import { openRegister } from './app';
import type { RecordCounts } from './page/api';
import { benchRow, type BenchRow, type RowSpec } from './results';

/** What these rows need of the runner's context (run.ts). */
export type UiContext = {
  app: AppSession;
  page: Page;
  base: string;
  urls: string[];
  counts: RecordCounts | null;
  imported: boolean;
  timeoutMs: number;
};

const RUNS = 3;
/** The register is interactive once the main thread has had no long task (≥ 50 ms) for this long. */
export const QUIET_MS = 500;

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

/**
 * Waits in the page until 统计看板 shows its numbers: the counted line, the summary paragraph (its text
 * box), and every chart's canvas, then a frame after them. `before` is the text of the counted line and
 * paragraph before a filter change ('' when opening), so only the new numbers count.
 */
async function dashboardShown(page: Page, start: 'hash' | 'input', before: string, limit: number): Promise<number> {
  return page.evaluate(
    ([how, old, max]) =>
      new Promise<number>((resolve, reject) => {
        let t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`统计看板 did not show its numbers within ${max} ms`)), max);
        const state = (): string | null => {
          const counted = document.querySelector('[data-testid="dashboard-counted"]');
          const text = document.querySelector<HTMLTextAreaElement>('[data-testid="summary-card"] textarea');
          const regions = [...document.querySelectorAll('.ant-card[role="region"]')];
          if (counted === null || text === null || text.value === '' || regions.length === 0) return null;
          if (!regions.every((r) => r.querySelector('canvas, svg') !== null)) return null;
          return `${counted.textContent ?? ''}\n${text.value}`;
        };
        const poll = (): void => {
          const now = state();
          if (now !== null && now !== old) {
            clearTimeout(timer);
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0)));
          } else requestAnimationFrame(poll);
        };
        if (how === 'hash') {
          location.hash = '#/dashboard';
        } else {
          document.addEventListener('input', () => (t0 = performance.now()), { capture: true, once: true });
        }
        requestAnimationFrame(poll);
      }),
    [start, before, limit] as const,
  );
}

const dashboardText = (page: Page): Promise<string> =>
  page.evaluate(() => {
    const counted = document.querySelector('[data-testid="dashboard-counted"]');
    const text = document.querySelector<HTMLTextAreaElement>('[data-testid="summary-card"] textarea');
    return `${counted?.textContent ?? ''}\n${text?.value ?? ''}`;
  });

/** Types `term` into the dashboard's search box and times until the numbers and paragraph change. */
async function dashboardSearch(page: Page, term: string, limit: number): Promise<number> {
  const before = await dashboardText(page);
  const box = page.getByLabel('搜索问题描述、整改措施或台账编号');
  const shown = dashboardShown(page, 'input', before, limit);
  await box.fill(term);
  return shown;
}

/**
 * A new tab loads #/findings (the app's scripts from the HTTP cache, the database from the profile): the
 * time from navigation start until the first grid row is shown (a frame after it), and until the page
 * accepts input: the end of the last long task before a quiet stretch of QUIET_MS. Also when every row
 * is loaded.
 */
async function coldStart(ctx: UiContext, run: number): Promise<{ firstRowsMs: number; interactiveMs: number; allLoadedMs: number; longestTask: number }> {
  const page = await ctx.app.context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __coldTasks: { start: number; end: number }[] };
      w.__coldTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__coldTasks.push({ start: e.startTime, end: e.startTime + e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${ctx.base}?cold=${run}#/findings`, { waitUntil: 'commit' });
    return await page.evaluate(
      ([quiet, max]) =>
        new Promise<{ firstRowsMs: number; interactiveMs: number; allLoadedMs: number; longestTask: number }>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the register did not become interactive within ${max} ms`)), max);
          const tasks = (): { start: number; end: number }[] => (window as unknown as { __coldTasks: { start: number; end: number }[] }).__coldTasks;
          let firstRowsMs = -1;
          let allLoadedMs = -1;
          const loaded = (): boolean => {
            const summary = document.querySelector('[data-testid="register-summary"]');
            return summary !== null && summary.querySelector('.hint') === null && document.querySelector('.grid-body [role="row"]') !== null;
          };
          const quietCheck = (): void => {
            if (allLoadedMs < 0 && loaded()) allLoadedMs = performance.now();
            const lastEnd = Math.max(firstRowsMs, ...tasks().map((t) => t.end));
            if (performance.now() - lastEnd >= quiet && allLoadedMs >= 0) {
              clearTimeout(timer);
              resolve({ firstRowsMs, interactiveMs: lastEnd, allLoadedMs, longestTask: Math.max(0, ...tasks().map((t) => t.end - t.start)) });
            } else setTimeout(quietCheck, 20);
          };
          const poll = (): void => {
            if (document.querySelector('.grid-body [role="row"]') !== null) {
              requestAnimationFrame(() =>
                setTimeout(() => {
                  firstRowsMs = performance.now();
                  quietCheck();
                }),
              );
            } else requestAnimationFrame(poll);
          };
          poll();
        }),
      [QUIET_MS, ctx.timeoutMs] as const,
    );
  } finally {
    await page.close();
  }
}

export const uiMeasurement = {
  id: 'ui' as const,
  specs: (ctx: UiContext): RowSpec[] => {
    const findings = ctx.counts?.findings;
    const n = findings === undefined ? '' : ` (${findings.toLocaleString('en-US')} findings)`;
    return [
      { name: `dashboard and summary statement${n}: opened, a filter change`, unit: 'ms', target: 200 },
      { name: `cold start to an interactive register${n}`, unit: 'ms', target: 1500 },
    ];
  },
  run: measureUi,
};

async function measureUi(ctx: UiContext, specs: RowSpec[]): Promise<BenchRow[]> {
  let [dashSpec, coldSpec] = specs;
  if (!dashSpec || !coldSpec) return [];
  if (!ctx.imported) {
    await ctx.page.goto(`${ctx.base}bench.html`);
    await ctx.page.locator('#state[data-ready="true"]').waitFor();
    await ctx.page.evaluate((urls) => window.__bench?.fillAppDb(urls), ctx.urls);
    const note = ' (database filled by bulkPut: the import did not complete)';
    dashSpec = { ...dashSpec, name: dashSpec.name + note };
    coldSpec = { ...coldSpec, name: coldSpec.name + note };
  }
  const page = ctx.page;
  const opened: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // The usual way there: the register is open (its findings loaded), then 统计看板.
    await page.goto(`${ctx.base}?dash=${i}#/settings`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await openRegister(page, ctx.timeoutMs);
    opened.push(await dashboardShown(page, 'hash', '', ctx.timeoutMs));
  }
  const terms = ['101001-', '102', '10', ''];
  const changes: number[] = [];
  for (const term of terms) changes.push(await dashboardSearch(page, term, 60_000));

  const cold: { firstRowsMs: number; interactiveMs: number; allLoadedMs: number; longestTask: number }[] = [];
  for (let i = 0; i < RUNS; i++) cold.push(await coldStart(ctx, i));
  const interactive = cold.map((c) => c.interactiveMs);
  return [
    benchRow(dashSpec, Math.max(median(opened), median(changes)), null, {
      ...Object.fromEntries(opened.map((v, i) => [`opened, run ${i + 1}`, v])),
      ...Object.fromEntries(terms.map((t, i) => [`filter "${t}"`, changes[i] ?? 0])),
    }),
    benchRow(coldSpec, median(interactive), null, {
      ...Object.fromEntries(cold.map((c, i) => [`run ${i + 1}`, c.interactiveMs])),
      'first rows (median)': median(cold.map((c) => c.firstRowsMs)),
      'all rows loaded (median)': median(cold.map((c) => c.allLoadedMs)),
      'longest task (max)': Math.max(...cold.map((c) => c.longestTask)),
    }),
  ];
}
