// Measurements in the real app, driven like a user would through playwright: head office imports the
// campaign on 台账汇总 (preview, every unit's fingerprint confirmed, import) while a PerformanceObserver
// records the main thread's long tasks; then the register (整改台账) opens on the imported database and
// its search box is used. Times the user sees are taken in the page (performance.now), not by polling.
import type { Page } from 'playwright-core';

/**
 * The long tasks that overlap a stretch of time: the longest, how many, and their total (ms); `list`
 * has each one's start (from the stretch's start) and duration, rounded, so a log says when they came.
 * `frames`: the long animation frames (Chromium's attribution of a long task: which callbacks ran, and
 * how long style and layout took) overlapping the stretch, one line each, longest first.
 */
export type LongTaskWindow = { max: number; count: number; total: number; list: [number, number][]; frames: string[] };

/** A long animation frame as kept: its start, duration, rendering (style and layout) and scripts. */
type Frame = { start: number; duration: number; renderMs: number; scripts: string[] };

/** Starts recording long tasks (≥ 50 ms on the main thread) into window.__longTasks, and long animation frames into window.__frames. */
export async function watchLongTasks(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __frames: Frame[] };
    w.__longTasks = [];
    w.__frames = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
    type Script = { invoker: string; sourceFunctionName: string; sourceURL: string; duration: number; forcedStyleAndLayoutDuration: number };
    type LoAF = PerformanceEntry & { renderStart: number; styleAndLayoutStart: number; scripts: Script[] };
    // Chromium 123 and later; older ones only record long tasks.
    if (!PerformanceObserver.supportedEntryTypes.includes('long-animation-frame')) return;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as LoAF[]) {
        if (e.duration < 50) continue;
        const end = e.startTime + e.duration;
        const scripts = e.scripts
          .filter((s) => s.duration >= 5)
          .sort((x, y) => y.duration - x.duration)
          .slice(0, 6)
          .map((s) => {
            const file = s.sourceURL.slice(s.sourceURL.lastIndexOf('/') + 1).replace(/-[A-Za-z0-9_-]{8}\.js$/, '');
            const layout = s.forcedStyleAndLayoutDuration >= 5 ? `, forced layout ${Math.round(s.forcedStyleAndLayoutDuration)}` : '';
            return `${s.invoker} → ${s.sourceFunctionName || '?'} (${file}) ${Math.round(s.duration)}${layout}`;
          });
        w.__frames.push({ start: e.startTime, duration: e.duration, renderMs: e.renderStart > 0 ? end - e.renderStart : 0, scripts });
      }
    }).observe({ type: 'long-animation-frame', buffered: false });
  });
}

export async function longTasksBetween(page: Page, from: number, to: number): Promise<LongTaskWindow> {
  return page.evaluate(
    ([a, b]) => {
      const w = window as unknown as { __longTasks: { start: number; duration: number }[]; __frames?: Frame[] };
      const tasks = w.__longTasks.filter((t) => t.start + t.duration >= a && t.start <= b);
      const frames = (w.__frames ?? []).filter((f) => f.start + f.duration >= a && f.start <= b).sort((x, y) => y.duration - x.duration);
      return {
        max: Math.max(0, ...tasks.map((t) => t.duration)),
        count: tasks.length,
        total: tasks.reduce((n, t) => n + t.duration, 0),
        list: tasks.map((t): [number, number] => [Math.round(t.start - a), Math.round(t.duration)]),
        frames: frames.slice(0, 8).map((f) => `${Math.round(f.start - a)}+${Math.round(f.duration)} (rendering ${Math.round(f.renderMs)}): ${f.scripts.join('; ') || 'no script over 5 ms'}`),
      };
    },
    [from, to] as const,
  );
}

const now = (page: Page): Promise<number> => page.evaluate(() => performance.now());

/** A moment's aftermath: how long the main thread must be free of long tasks, and how long to wait at most. */
const SETTLE = { quietMs: 1000, maxMs: 15_000 };

/**
 * The page time at which the main thread settled after `from`: the end of the last long task that
 * started after it, once none has come for SETTLE.quietMs (at most SETTLE.maxMs later). The work a
 * finished import sets off — the page taking in the change notice, live queries reading and tables
 * drawing again — comes after the success message, and belongs to the import's long tasks.
 */
export async function settledAfter(page: Page, from: number): Promise<number> {
  return page.evaluate(
    ([start, { quietMs, maxMs }]) =>
      new Promise<number>((resolve) => {
        const tasks = (): { start: number; duration: number }[] => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
        const check = (): void => {
          const end = Math.max(start, ...tasks().filter((t) => t.start + t.duration >= start).map((t) => t.start + t.duration));
          const t = performance.now();
          if (t - end >= quietMs || t - start >= maxMs) resolve(end);
          else setTimeout(check, 100);
        };
        check();
      }),
    [from, SETTLE] as const,
  );
}

export type UiImport = {
  /** Picking the files until the preview shows (the same job, rolled back). */
  previewMs: number;
  /** Of previewMs: picking the files until every one is opened (the progress dialog moves on to 正在比对记录); null if that was never shown. */
  openedMs: number | null;
  /** Clicking 确认导入 until the success message: read, verify, plan and write every package. */
  importMs: number;
  /** Long tasks from picking the files to the preview; from 确认导入 until the page settled after the success message. */
  preview: LongTaskWindow;
  import: LongTaskWindow;
};

/**
 * Starts watching the page for `text` (a regular expression's source) and returns a function that
 * resolves with the page time at which it appeared: in an element added to the page or a text node
 * changed after this call, or already on the page now. Only what changes is looked at, so the wait costs
 * the page's main thread next to nothing. Playwright's text locators scan every element's text on each
 * poll: with forty preview cards and their tables on the page that was tens to hundreds of
 * milliseconds per poll on the page's own main thread — 15.6 s of a profiled confirmation — so the
 * long-task row was measuring the bench's waiting as much as the app.
 */
export async function watchForText(page: Page, text: string, timeoutMs: number): Promise<() => Promise<number>> {
  const id = await page.evaluate(
    ([source, limit]) => {
      const w = window as unknown as { __textWaits?: Promise<number>[] };
      const waits = (w.__textWaits ??= []);
      const pattern = new RegExp(source);
      const has = (node: Node): boolean => pattern.test(node.textContent ?? '');
      waits.push(
        new Promise<number>((resolve, reject) => {
          if (has(document.body)) {
            resolve(performance.now());
            return;
          }
          const timer = setTimeout(() => {
            observer.disconnect();
            reject(new Error(`no text /${source}/ within ${limit} ms`));
          }, limit);
          const observer = new MutationObserver((records) => {
            const at = performance.now();
            // The app said something went wrong (antd's error message): no point waiting for the text.
            const failed = document.querySelector('.ant-message-error');
            if (failed !== null) {
              observer.disconnect();
              clearTimeout(timer);
              reject(new Error(`the app showed an error instead of /${source}/: ${failed.textContent ?? ''}`));
              return;
            }
            for (const r of records) {
              const found = r.type === 'characterData' ? has(r.target) : [...r.addedNodes].some(has);
              if (!found) continue;
              observer.disconnect();
              clearTimeout(timer);
              resolve(at);
              return;
            }
          });
          observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        }),
      );
      return waits.length - 1;
    },
    [text, timeoutMs] as const,
  );
  return () => page.evaluate((n) => (window as unknown as { __textWaits: Promise<number>[] }).__textWaits[n] ?? Promise.reject(new Error('no such wait')), id);
}

/** When a watch started with watchForText saw its text, if it has by now; null if not. */
async function seenYet(wait: () => Promise<number>): Promise<number | null> {
  return Promise.race([wait(), new Promise<null>((resolve) => setTimeout(() => resolve(null), 1000))]).catch(() => null);
}

/** Opens 台账汇总 and starts recording long tasks there. */
export async function openImportPage(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '台账汇总' }).click();
  await page.getByRole('heading', { name: '台账汇总' }).waitFor();
  await watchLongTasks(page);
}

/** Picks the files on 台账汇总 and waits for the preview of every one; page times of both moments. */
export async function previewThroughUi(page: Page, files: string[], timeoutMs: number): Promise<{ pickedAt: number; previewedAt: number; openedAt: number | null }> {
  const previewed = await watchForText(page, '以上为预览，尚未写入任何数据。', timeoutMs);
  // The job's progress moves from opening the files to planning (ledger-import-handler's phases).
  const planning = await watchForText(page, '正在比对记录', timeoutMs);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  const pickedAt = await now(page);
  await (await chooser).setFiles(files);
  const previewedAt = await previewed();
  const cards = await page.getByRole('region', { name: /号台账包$/ }).count();
  if (cards !== files.length) throw new Error(`the preview shows ${cards} packages, not ${files.length}`);
  return { pickedAt, previewedAt, openedAt: await seenYet(planning) };
}

/** After the preview: ticks every unit's fingerprint and imports; page times of the click and of the success message. */
export async function confirmThroughUi(page: Page, count: number, timeoutMs: number): Promise<{ confirmAt: number; doneAt: number; settledAt: number }> {
  // Every fingerprint ticked as a user clicks it, in one round trip: a role locator per box scanned the
  // page of forty preview cards each time (seconds of the quick run's three minutes, none of it timed).
  const boxes = page.getByRole('checkbox', { name: /已核对指纹/ });
  await boxes.first().waitFor();
  const ticked = await page.evaluate(() => {
    const inputs = [...document.querySelectorAll<HTMLLabelElement>('label.ant-checkbox-wrapper')].filter((l) => (l.textContent ?? '').includes('已核对指纹')).map((l) => l.querySelector<HTMLInputElement>('input[type="checkbox"]'));
    for (const input of inputs) if (input && !input.checked) input.click();
    return inputs.filter((input) => input?.checked === true).length;
  });
  if (ticked !== count) throw new Error(`${ticked} of ${count} fingerprints ticked`);
  // Found before the clock starts: finding a button by its accessible name scans the page too.
  const confirm = await page.getByRole('button', { name: new RegExp(`确认导入（${count} 个包）`) }).elementHandle();
  const done = await watchForText(page, `已导入 ${count} 个台账包`, timeoutMs);
  const confirmAt = await now(page);
  await confirm.click();
  const doneAt = await done();
  return { confirmAt, doneAt, settledAt: await settledAfter(page, doneAt) };
}

/**
 * On 台账汇总: picks the files, waits for the preview of every package, confirms every unit's key and
 * imports. Long tasks are counted while a job runs and, after the import, until the page has settled;
 * not while the fingerprints are ticked.
 */
export async function importThroughUi(page: Page, files: string[], timeoutMs: number, log: (line: string) => void): Promise<UiImport> {
  await openImportPage(page);
  const heartbeat = setInterval(() => log('  … still importing'), 60_000);
  try {
    const { pickedAt, previewedAt, openedAt } = await previewThroughUi(page, files, timeoutMs);
    const opened = openedAt === null ? '' : ` (every file opened at ${Math.round(openedAt - pickedAt)} ms)`;
    log(`  preview of ${files.length} packages in ${Math.round(previewedAt - pickedAt)} ms${opened}`);
    const { confirmAt, doneAt, settledAt } = await confirmThroughUi(page, files.length, timeoutMs);
    return {
      previewMs: previewedAt - pickedAt,
      openedMs: openedAt === null ? null : openedAt - pickedAt,
      importMs: doneAt - confirmAt,
      preview: await longTasksBetween(page, pickedAt, previewedAt),
      import: await longTasksBetween(page, confirmAt, settledAt),
    };
  } finally {
    clearInterval(heartbeat);
  }
}

/** The selector of a rendered row of the register's grid (the header row is outside .grid-body). */
const FIRST_ROW = '.grid-body [role="row"]';

/**
 * From setting location.hash to #/findings until the first grid row is in the DOM and a frame has been
 * produced after it; and until the whole table is loaded (the summary stops saying it is loading).
 */
export async function openRegister(page: Page, timeoutMs: number): Promise<{ firstRowsMs: number; allLoadedMs: number }> {
  return page.evaluate(
    ([selector, limit]) =>
      new Promise<{ firstRowsMs: number; allLoadedMs: number }>((resolve, reject) => {
        const start = performance.now();
        let firstRowsMs: number | null = null;
        const timer = setTimeout(() => reject(new Error(`the register did not show rows within ${limit} ms`)), limit);
        const loaded = (): boolean => {
          const summary = document.querySelector('[data-testid="register-summary"]');
          return summary !== null && summary.querySelector('.hint') === null && document.querySelector(selector) !== null;
        };
        const check = (): void => {
          if (firstRowsMs === null && document.querySelector(selector) !== null) {
            firstRowsMs = -1;
            requestAnimationFrame(() => setTimeout(() => (firstRowsMs = performance.now() - start)));
          }
          if (firstRowsMs !== null && firstRowsMs >= 0 && loaded()) {
            observer.disconnect();
            clearTimeout(timer);
            resolve({ firstRowsMs, allLoadedMs: performance.now() - start });
          }
        };
        const observer = new MutationObserver(check);
        observer.observe(document.body, { childList: true, subtree: true, characterData: true });
        // Until the first row's frame is timed, mutations may have stopped: poll once a frame as well.
        const poll = (): void => {
          check();
          if (firstRowsMs === null || firstRowsMs < 0 || !loaded()) requestAnimationFrame(poll);
        };
        location.hash = '#/findings';
        requestAnimationFrame(poll);
      }),
    [FIRST_ROW, timeoutMs] as const,
  );
}

/**
 * Types `text` into the register's search box at once (one input event) and times until the summary's
 * row count changes and a frame has been produced after it.
 */
export async function searchRegister(page: Page, text: string): Promise<number> {
  const box = page.getByLabel('搜索问题描述、整改措施或台账编号');
  await page.evaluate(() => {
    const w = window as unknown as { __search: Promise<number> };
    const summary = document.querySelector('[data-testid="register-summary"] span');
    if (summary === null) throw new Error('no register summary');
    const before = summary.textContent;
    w.__search = new Promise<number>((resolve, reject) => {
      let start = 0;
      const timer = setTimeout(() => reject(new Error(`the row count did not change from "${before ?? ''}"`)), 60_000);
      document.addEventListener('input', () => (start = performance.now()), { capture: true, once: true });
      const observer = new MutationObserver(() => {
        if (start === 0 || summary.textContent === before) return;
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start)));
      });
      observer.observe(summary, { childList: true, subtree: true, characterData: true });
    });
  });
  await box.fill(text);
  return page.evaluate(() => (window as unknown as { __search: Promise<number> }).__search);
}

/** The grid's row count as the summary says it ("显示 N 条"). */
export async function shownCount(page: Page): Promise<number> {
  const text = (await page.locator('[data-testid="register-summary"] span').first().textContent()) ?? '';
  const m = /显示\s*([\d,]+)\s*条/.exec(text);
  if (!m?.[1]) throw new Error(`cannot read the register summary "${text}"`);
  return Number(m[1].replaceAll(',', ''));
}
