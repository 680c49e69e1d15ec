// The UI rows of the benchmark (issue 7) on the imported database: 统计看板 with its summary statement
// (opened from the register, then a filter change) and a cold start of the register (a page load of
// #/findings on a profile that already holds the database, until the first rows are shown and the page
// accepts input). Times are taken in the page (performance.now), like app.ts's register measurements.
import type { Page } from 'playwright-core';
import type { AppSession } from '../e2e/harness';
import { openRegister } from './app';
import type { RecordCounts } from './page/api';
import { browserQuiet } from './quiet';
import { benchRow, COUNT_PREFIX, type BenchRow, type RowSpec } from './results';

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

/** Times on 统计看板 from opening it or typing a search term (ms). */
type DashboardTimes = {
  /** The counted line, the summary statement and every chart's numbers (spoken summary, table): a frame after them. */
  figures: number;
  /** Every chart that is in the window drawn with those numbers (ChartCard's data-drawn), a frame after. */
  inView: number;
  /** Every chart drawn: as soon as those in view are, the next undrawn one is scrolled into view. */
  all: number;
};

/**
 * Waits in the page until 统计看板 shows its numbers (figures), then until the charts in the window are
 * drawn with them, then scrolls through the rest until every chart is drawn, and back to the top.
 * `before` is the text of the counted line and paragraph before a filter change ('' when opening), so
 * only the new numbers count. The charts are SVG drawn a frame after the numbers, once their card's
 * width is known (ChartCard.tsx): the figures are what the row names (dashboard and summary
 * statement); the drawings are timed too, so a chart that comes late shows.
 */
export async function dashboardShown(page: Page, start: 'hash' | 'input', before: string, limit: number): Promise<DashboardTimes> {
  return page.evaluate(
    ([how, old, max]) =>
      new Promise<DashboardTimes>((resolve, reject) => {
        let t0 = performance.now();
        const timer = setTimeout(() => reject(new Error(`统计看板 did not show its numbers within ${max} ms`)), max);
        const figures = (): string | null => {
          const counted = document.querySelector('[data-testid="dashboard-counted"]');
          const text = document.querySelector<HTMLTextAreaElement>('[data-testid="summary-card"] textarea');
          const drawings = [...document.querySelectorAll('.ant-card[role="region"] [role="img"]')];
          if (counted === null || text === null || text.value === '' || drawings.length === 0) return null;
          if (!drawings.every((d) => (d.getAttribute('aria-label') ?? '') !== '')) return null;
          return `${counted.textContent ?? ''}\n${text.value}`;
        };
        const drawings = (): Element[] => [...document.querySelectorAll('.ant-card[role="region"] [role="img"]')];
        const drawn = (d: Element): boolean => d.getAttribute('data-drawn') === 'true';
        const inView = (d: Element): boolean => {
          const r = d.getBoundingClientRect();
          return r.bottom > 0 && r.top < window.innerHeight;
        };
        const times: DashboardTimes = { figures: -1, inView: -1, all: -1 };
        // Each moment counts a frame after it is seen, like the other UI rows.
        const stamp = (key: keyof DashboardTimes): void => {
          times[key] = -2;
          requestAnimationFrame(() => setTimeout(() => (times[key] = performance.now() - t0)));
        };
        const poll = (): void => {
          if (times.figures === -1) {
            const now = figures();
            if (now !== null && now !== old) stamp('figures');
          }
          if (times.figures !== -1 && times.inView === -1 && drawings().filter(inView).every(drawn)) stamp('inView');
          if (times.inView !== -1 && times.all === -1) {
            const next = drawings().find((d) => !drawn(d));
            if (next === undefined) stamp('all');
            else if (!inView(next) && drawings().filter(inView).every(drawn)) next.scrollIntoView({ block: 'center' });
          }
          if (times.figures >= 0 && times.inView >= 0 && times.all >= 0) {
            clearTimeout(timer);
            document.querySelector('[data-testid="dashboard-counted"]')?.scrollIntoView({ block: 'center' });
            resolve(times);
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

/** Types `term` into the dashboard's search box and times until the numbers and paragraph change, and the charts. */
export async function dashboardSearch(page: Page, term: string, limit: number): Promise<DashboardTimes> {
  const before = await dashboardText(page);
  const box = page.getByLabel('搜索问题描述、整改措施或台账编号');
  const shown = dashboardShown(page, 'input', before, limit);
  await box.fill(term);
  return shown;
}

/** One cold start of the register (coldStart). */
export type ColdStart = {
  firstRowsMs: number;
  interactiveMs: number;
  allLoadedMs: number;
  longestTask: number;
  fromCache: boolean;
  /** When each step of the start was reached (ms from navigation start): the document's and the app's own marks (Boot.tsx, finding-store.ts). */
  steps: Record<string, number>;
  /** The long tasks (≥ 50 ms) until interactive: start and length, ms. */
  tasks: { start: number; ms: number }[];
};

/**
 * A new tab loads #/findings (the app's scripts from the HTTP cache, the database from the profile): the
 * time from navigation start until the first grid row is shown (a frame after it), and until the page
 * accepts input: the end of the last long task before a quiet stretch of QUIET_MS. Also when every row
 * is loaded.
 */
export async function coldStart(
  ctx: UiContext,
  run: number,
  around: <T>(page: Page, work: () => Promise<T>) => Promise<T> = (_page, work) => work(),
): Promise<ColdStart> {
  const page = await ctx.app.context.newPage();
  try {
    await page.addInitScript(() => {
      const w = window as unknown as { __coldTasks: { start: number; end: number }[] };
      w.__coldTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) w.__coldTasks.push({ start: e.startTime, end: e.startTime + e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    return await around(page, async () => {
    await page.goto(`${ctx.base}?cold=${run}#/findings`, { waitUntil: 'commit' });
    return await page.evaluate(
      ([quiet, max]) =>
        new Promise<ColdStart>((resolve, reject) => {
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
              const fromCache = performance.getEntriesByName('findings-loaded:cache').length > 0;
              const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
              const steps: Record<string, number> = nav ? { 'document received': nav.responseEnd, 'DOM interactive': nav.domInteractive, 'DOM content loaded': nav.domContentLoadedEventEnd } : {};
              for (const m of performance.getEntriesByType('mark')) steps[m.name] = m.startTime;
              const all = tasks().map((t) => ({ start: Math.round(t.start), ms: Math.round(t.end - t.start) }));
              resolve({ firstRowsMs, interactiveMs: lastEnd, allLoadedMs, longestTask: Math.max(0, ...all.map((t) => t.ms)), fromCache, steps, tasks: all });
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
    });
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
      // What the issue names: the dashboard's figures and the summary statement on screen.
      { name: `dashboard and summary statement${n}: figures and statement shown, opened / a filter change`, unit: 'ms', target: 200 },
      // The drawings held to the same target, so a chart drawn late shows here and is not hidden by the row above.
      { name: `dashboard${n}: every chart drawn (scrolled through), opened / a filter change`, unit: 'ms', target: 200 },
      { name: `cold start to an interactive register${n}`, unit: 'ms', target: 1500 },
    ];
  },
  run: measureUi,
};

async function measureUi(ctx: UiContext, specs: RowSpec[]): Promise<BenchRow[]> {
  let [dashSpec, chartsSpec, coldSpec] = specs;
  if (!dashSpec || !chartsSpec || !coldSpec) return [];
  if (!ctx.imported) {
    await ctx.page.goto(`${ctx.base}bench.html`);
    await ctx.page.locator('#state[data-ready="true"]').waitFor();
    await ctx.page.evaluate((urls) => window.__bench?.fillAppDb(urls), ctx.urls);
    const note = ' (database filled by bulkPut: the import did not complete)';
    dashSpec = { ...dashSpec, name: dashSpec.name + note };
    chartsSpec = { ...chartsSpec, name: chartsSpec.name + note };
    coldSpec = { ...coldSpec, name: coldSpec.name + note };
  }
  const page = ctx.page;
  // The page's main-thread CPU time for each (Chromium's ThreadTime metric): it changes far less with
  // the machine's load than the times above, so a before/after pair on a busy machine can still be read.
  const cdp = await page.context().newCDPSession(page);
  const threadTime = async (): Promise<number> => ((await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'ThreadTime')?.value ?? 0) * 1000;
  const opened: DashboardTimes[] = [];
  const openedCpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    // The usual way there: the register is open (its findings loaded), then 统计看板.
    await page.goto(`${ctx.base}?dash=${i}#/settings`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    await openRegister(page, ctx.timeoutMs);
    // Opened on a settled app: not while the browser still compacts the storage the database was
    // written to or the register writes its cache.
    await browserQuiet();
    await cdp.send('Performance.disable');
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    const cpu = await threadTime();
    opened.push(await dashboardShown(page, 'hash', '', ctx.timeoutMs));
    openedCpu.push((await threadTime()) - cpu);
  }
  const terms = ['101001-', '102', '10', ''];
  const changes: DashboardTimes[] = [];
  const changesCpu: number[] = [];
  for (const term of terms) {
    const cpu = await threadTime();
    changes.push(await dashboardSearch(page, term, 60_000));
    changesCpu.push((await threadTime()) - cpu);
  }

  // A cold start is the app's only tab: the page the dashboard was measured in is left first (at full
  // scale it kept a core busy beside the new tab's start), and each start waits until the browser has
  // finished what the one before left running (writing the register cache, storage compaction).
  await page.goto('about:blank');
  const cold: ColdStart[] = [];
  for (let i = 0; i < RUNS; i++) {
    await browserQuiet();
    cold.push(await coldStart(ctx, i));
  }
  const interactive = cold.map((c) => c.interactiveMs);
  const of = (key: keyof DashboardTimes): Record<string, number> => ({
    ...Object.fromEntries(opened.map((v, i) => [`opened, run ${i + 1}`, v[key]])),
    ...Object.fromEntries(terms.map((t, i) => [`filter "${t}"`, changes[i]?.[key] ?? 0])),
  });
  const medianOf = (xs: DashboardTimes[], key: keyof DashboardTimes): number => median(xs.map((x) => x[key]));
  return [
    benchRow(dashSpec, Math.max(medianOf(opened, 'figures'), medianOf(changes, 'figures')), null, {
      ...of('figures'),
      'charts in view drawn, opened (median)': medianOf(opened, 'inView'),
      'charts in view drawn, a filter change (median)': medianOf(changes, 'inView'),
      'main-thread CPU until every chart is drawn, opened (median)': median(openedCpu),
      'main-thread CPU until every chart is drawn, a filter change (median)': median(changesCpu),
    }),
    benchRow(chartsSpec, Math.max(medianOf(opened, 'all'), medianOf(changes, 'all')), null, of('all')),
    benchRow(coldSpec, median(interactive), null, {
      ...Object.fromEntries(cold.map((c, i) => [`run ${i + 1}`, c.interactiveMs])),
      'first rows (median)': median(cold.map((c) => c.firstRowsMs)),
      'all rows loaded (median)': median(cold.map((c) => c.allLoadedMs)),
      'longest task (max)': Math.max(...cold.map((c) => c.longestTask)),
      ...Object.fromEntries([...new Set(cold.flatMap((c) => Object.keys(c.steps)))].map((step) => [`step "${step}" (median)`, median(cold.map((c) => c.steps[step] ?? -1))])),
      // The register cache (db/register-cache.ts) is written after the first full read: how many starts read it.
      [`${COUNT_PREFIX}runs started from the register cache`]: cold.filter((c) => c.fromCache).length,
    }),
  ];
}
