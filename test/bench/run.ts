// `npm run bench [-- --quick] [-- --only verify,import,register,verdicts,export] [-- --no-build] [-- --profile]` (ARCHITECTURE §8, issue 7):
// builds the app and the bench page into out/bench/site, serves them from one loopback origin, drives
// Debian's Chromium through them on the national-scale campaign and writes test/bench/results.json
// (quick: test/bench/work/results-quick.json). Every figure with a baseline has it measured in the same
// run. Exits 1 when a target is missed. Not part of `npm test`: no test asserts a time. --profile
// measures nothing: it records CPU profiles of the slow parts (unminified builds) and says where the time goes
// (`--profile --only verdicts`: the verdict row alone, under the profiler; `--profile --only export`: the Excel job and its bare writer).
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { link, copyFile, mkdir, rm, writeFile } from 'node:fs/promises';
import { cpus, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { build } from 'vite';
import type { Page } from 'playwright-core';
import { launchApp, type AppSession } from '../e2e/harness';
import { setUpHeadOffice } from '../e2e/steps';
import { confirmThroughUi, importThroughUi, longTasksBetween, openImportPage, openRegister, previewThroughUi, searchRegister, shownCount, type LongTaskWindow, type UiImport } from './app';
import { exportMeasurement } from './measure-export';
import { coldStart, dashboardSearch, dashboardShown, uiMeasurement } from './measure-ui';
import { verdictMeasurement } from './measure-verdicts';
import { browserQuiet, quietWindowFor } from './quiet';
import { busyStretches, formatProfile, formatStretches, summarizeProfile, type CpuProfile } from './profile';
import { benchCampaign, sourcesKey, type BenchScale, type Campaign } from './campaign';
import type { BenchApi, RecordCounts } from './page/api';
import { benchRow, exitCodeOf, failedRow, formatDetails, formatTable, resultsSchema, type BenchResults, type BenchRow, type RowSpec } from './results';

/** The folder holding this project's package.json, from wherever this file was built to. */
function projectRoot(): string {
  for (let dir = import.meta.dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'xiaobao-selfcheck') return dir;
  }
  throw new Error('cannot find the project root (package.json of xiaobao-selfcheck)');
}

const ROOT = projectRoot();
const SITE = join(ROOT, 'out/bench/site');
const runStarted = performance.now();
/** A line of the run's log after the seconds since the run started (where a quick run's three minutes go); a table below its own stamp. */
const log = (line: string): void => {
  const at = `[${((performance.now() - runStarted) / 1000).toFixed(1).padStart(6)} s]`;
  process.stderr.write(line.includes('\n') ? `${at}\n${line}\n` : `${at} ${line}\n`);
};

type Args = { scale: BenchScale; only: Set<string> | null; build: boolean; profile: boolean };

const MEASUREMENTS = ['verify', 'import', 'register', 'ui', 'verdicts', 'export'] as const;
type MeasurementId = (typeof MEASUREMENTS)[number];

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { scale: 'full', only: null, build: true, profile: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--quick') args.scale = 'quick';
    else if (a === '--no-build') args.build = false;
    else if (a === '--profile') args.profile = true;
    else if (a === '--only') {
      const ids = (argv[++i] ?? '').split(',').filter((s) => s !== '');
      const unknown = ids.filter((id) => !(MEASUREMENTS as readonly string[]).includes(id));
      if (ids.length === 0 || unknown.length > 0) throw new Error(`--only takes a list of ${MEASUREMENTS.join(', ')}`);
      args.only = new Set(ids);
    } else throw new Error(`unknown option ${a ?? ''}: use --quick, --only ${MEASUREMENTS.join(',')}, --no-build or --profile`);
  }
  return args;
}

/**
 * The bench page, then the app on top of it (emptyOutDir off), so both are served from one origin.
 * Unminified for profiles, so they name the functions.
 */
async function buildSite(minify: boolean): Promise<void> {
  log(`building the bench page and the app${minify ? '' : ' (unminified)'} into out/bench/site …`);
  await build({ configFile: join(ROOT, 'test/bench/page/vite.config.ts'), logLevel: 'warn', build: { minify } });
  await build({ configFile: join(ROOT, 'vite.config.ts'), logLevel: 'warn', build: { outDir: SITE, emptyOutDir: false, minify } });
}

/** Everything the site is built from (the bench page imports from renderer/ and test/bench/). */
const SITE_SOURCES = ['renderer', 'checklists', 'test/bench/page', 'test/bench/results.ts', 'vite.config.ts', 'package.json', 'package-lock.json'];
const SITE_KEY = join(SITE, '.built-from');

/**
 * Builds the site unless it was last built, the same way, from the same sources (their names and
 * contents hashed, as the campaign's cache is): a repeated run does not spend half a minute rebuilding
 * what it has. The key is written only once a build has completed.
 */
async function buildSiteIfChanged(minify: boolean): Promise<void> {
  const key = await sourcesKey(ROOT, `minify=${minify}`, SITE_SOURCES);
  const built = existsSync(SITE_KEY) ? readFileSync(SITE_KEY, 'utf8') : null;
  if (built === key && existsSync(join(SITE, 'index.html')) && existsSync(join(SITE, 'bench.html'))) {
    log(`the bench page and the app are built from these sources already (${key}): not rebuilt`);
    return;
  }
  await rm(SITE_KEY, { force: true });
  await buildSite(minify);
  await writeFile(SITE_KEY, key);
}

/** The packages under packages/NN.xbledger in the site, linked (not copied) when the disk allows. */
async function servePackages(campaign: Campaign): Promise<string[]> {
  const dir = join(SITE, 'packages');
  // Afresh each run: a site kept from an earlier run may hold another campaign's packages.
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  return Promise.all(
    campaign.files.map(async (file, i) => {
      const name = `${String(i + 1).padStart(2, '0')}.xbledger`;
      const target = join(dir, name);
      await link(file, target).catch(() => copyFile(file, target));
      return `packages/${name}`;
    }),
  );
}

/** serve-web.mjs on a free port, as its own process (its module starts a server when run directly). */
async function startServer(): Promise<{ url: string; process: ChildProcess }> {
  const child = spawn(process.execPath, [join(ROOT, 'build/scripts/serve-web.mjs'), '--root', SITE], { env: { ...process.env, PORT: '0' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve-web exited with ${code}`)));
    lines.on('line', (line) => {
      const m = /(http:\/\/127\.0\.0\.1:\d+\/)/.exec(line);
      if (m?.[1]) resolve(m[1]);
    });
  });
  return { url, process: child };
}

const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const message = (e: unknown): string => (e instanceof Error ? e.message.split('\n')[0] ?? e.name : String(e));

type Context = {
  app: AppSession;
  /** The tab measurements run in; replaced by a new one when it crashes. */
  page: Page;
  base: string;
  campaign: Campaign;
  urls: string[];
  counts: RecordCounts | null;
  imported: boolean;
  timeoutMs: number;
};

async function benchPage(ctx: Context): Promise<void> {
  await ctx.page.goto(`${ctx.base}bench.html`);
  await ctx.page.locator('#state[data-ready="true"]').waitFor();
}

async function callBench<K extends keyof BenchApi>(ctx: Context, name: K, urls: string[]): Promise<Awaited<ReturnType<BenchApi[K]>>> {
  return ctx.page.evaluate(([n, u]) => {
    const api = window.__bench;
    if (!api) throw new Error('the bench page did not load');
    return (api[n] as (urls: string[]) => Promise<unknown>)(u);
  }, [name, urls] as const) as Promise<Awaited<ReturnType<BenchApi[K]>>>;
}

/**
 * One part of the run: the rows it produces (named before it runs, so a failure still leaves a failed
 * row), and how it measures them in that order. Add a row by adding a spec and its measurement here.
 */
type Measurement = {
  id: MeasurementId;
  specs: (ctx: Context) => RowSpec[];
  run: (ctx: Context, specs: RowSpec[]) => Promise<BenchRow[]>;
};

/** c: readLedgerPackage of every package against SHA-256 of the bytes it hashes. */
const verifyMeasurement: Measurement = {
  id: 'verify',
  specs: (ctx) => [{ name: `verify ${ctx.urls.length} packages (hashes, signature)`, unit: 'ms', target: 1.1 }],
  run: measureVerify,
};

async function measureVerify(ctx: Context, [spec]: RowSpec[]): Promise<BenchRow[]> {
  if (!spec) return [];
  await benchPage(ctx);
  const r = await callBench(ctx, 'verify', ctx.urls);
  ctx.counts = r.counts;
  return [benchRow(spec, r.ms, r.baselineMs, r.details)];
}

/** a and b: the import through 台账汇总 against raw bulkPut; the longest main-thread task meanwhile. */
const importMeasurement: Measurement = {
  id: 'import',
  specs: (ctx) => [
    { name: `import ${ctx.urls.length} packages at head office, end to end`, unit: 'ms', target: 1.25 },
    { name: 'longest main-thread task while importing', unit: 'ms', target: 100 },
  ],
  run: measureImport,
};

async function measureImport(ctx: Context, [importSpec, taskSpec]: RowSpec[]): Promise<BenchRow[]> {
  if (!importSpec || !taskSpec) return [];
  await benchPage(ctx);
  log('  raw bulkPut baseline …');
  const raw = await callBench(ctx, 'rawBulkPut', ctx.urls);
  log(`  raw bulkPut: ${raw.rows.toLocaleString('en-US')} rows in ${Math.round(raw.ms)} ms`);
  // The import on a browser that has finished the baseline (quiet.ts: its storage compaction slowed
  // the import measured right after it by a third).
  log(`  browser quiet after ${Math.round(await browserQuiet())} ms`);

  await ctx.page.goto(ctx.base);
  await setUpHeadOffice(ctx.page);
  let ui: UiImport;
  try {
    ui = await importThroughUi(ctx.page, ctx.campaign.files, ctx.timeoutMs, log);
  } catch (e) {
    const crashed = ctx.app.errors.find((x) => x.startsWith('crash'));
    if (crashed !== undefined) ctx.page = await ctx.app.context.newPage();
    const why = crashed ?? message(e);
    return [failedRow(importSpec, why, raw.ms), failedRow(taskSpec, why)];
  }
  ctx.imported = true;
  log(`  long tasks (start from 确认导入 ms, duration ms), success message at ${Math.round(ui.importMs)} ms: ${formatTasks(ui.import)}`);
  log(`  long tasks during the preview: ${formatTasks(ui.preview)}`);
  for (const [when, w] of [['import', ui.import], ['preview', ui.preview]] as const) if (w.frames.length > 0) log(`  long animation frames (${when}), longest first:\n    ${w.frames.join('\n    ')}`);
  return [
    // End to end as the issue names it (unzip, verify, parse, merge plan, write): a user's import is the
    // preview (open, verify, parse, plan, rolled back) and then the confirmation (plan and write); both
    // are timed, from picking the files to the preview shown and from 确认导入 to the success message.
    benchRow(importSpec, ui.previewMs + ui.importMs, raw.ms, {
      'preview: open, verify, parse, plan (rolled back)': ui.previewMs,
      ...(ui.openedMs === null ? {} : { 'of which picking until every file is opened': ui.openedMs }),
      'confirmation: plan and write': ui.importMs,
      ...Object.fromEntries(Object.entries(raw.details).map(([k, v]) => [`baseline ${k}`, v])),
    }),
    benchRow(taskSpec, Math.max(ui.preview.max, ui.import.max), null, {
      'longest during preview': ui.preview.max,
      'longest during import': ui.import.max,
      'all long tasks during preview': ui.preview.total,
      'all long tasks during import': ui.import.total,
    }),
  ];
}

/** "1200+63 4100+112 …": each long task's start and duration. */
const formatTasks = (w: LongTaskWindow): string => (w.list.length === 0 ? 'none' : w.list.map(([at, ms]) => `${at}+${ms}`).join(' '));

const REGISTER_RUNS = 3;

/** d: the register on the imported database: first rows after navigating, then search-box changes. */
const registerMeasurement: Measurement = {
  id: 'register',
  specs: (ctx) => {
    const findings = ctx.counts?.findings;
    const what = findings === undefined ? 'register' : `register (${findings.toLocaleString('en-US')} findings)`;
    return [
      { name: `${what}: first rows shown`, unit: 'ms', target: 500 },
      { name: `${what}: a filter change`, unit: 'ms', target: 150 },
    ];
  },
  run: measureRegister,
};

async function measureRegister(ctx: Context, specs: RowSpec[]): Promise<BenchRow[]> {
  let [firstSpec, filterSpec] = specs;
  if (!firstSpec || !filterSpec) return [];
  if (!ctx.imported) {
    // Still measured at full size: the same rows put straight into the app's database, and said so.
    log('  the import did not complete: filling the database with bulkPut instead');
    await benchPage(ctx);
    await callBench(ctx, 'fillAppDb', ctx.urls);
    const note = ' (database filled by bulkPut: the import did not complete)';
    firstSpec = { ...firstSpec, name: firstSpec.name + note };
    filterSpec = { ...filterSpec, name: filterSpec.name + note };
  }
  const page = ctx.page;
  const first: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < REGISTER_RUNS; i++) {
    // A fresh page each time: the register's store loads once per page.
    await page.goto(`${ctx.base}?run=${i}#/settings`);
    await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
    const r = await openRegister(page, ctx.timeoutMs);
    first.push(r.firstRowsMs);
    all.push(r.allLoadedMs);
  }
  const total = await shownCount(page);
  // Each term changes the row count: one outlet, one branch, three branches' codes, then everything again.
  const terms = ['101001-', '102', '10', ''];
  const changes: number[] = [];
  for (const term of terms) changes.push(await searchRegister(page, term));
  if ((await shownCount(page)) !== total) throw new Error('clearing the search did not bring back every row');
  return [
    benchRow(firstSpec, median(first), null, { ...Object.fromEntries(first.map((v, i) => [`run ${i + 1}`, v])), 'all rows loaded (median)': median(all) }),
    benchRow(filterSpec, median(changes), null, Object.fromEntries(terms.map((t, i) => [`"${t}"`, changes[i] ?? 0]))),
  ];
}

// Verification first: it also counts the records the other rows are measured on. The register needs
// the import's database.
const MEASUREMENT_ORDER: readonly Measurement[] = [verifyMeasurement, importMeasurement, registerMeasurement, uiMeasurement, verdictMeasurement, exportMeasurement];

/** Runs `work` under V8's sampling profiler in the tab; saves the profile and prints where the time went. */
async function profiled<T>(ctx: Context, name: string, work: () => Promise<T>, page: Page = ctx.page): Promise<T> {
  const cdp = await ctx.app.context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 500 });
  await cdp.send('Profiler.start');
  const value = await work();
  const { profile } = (await cdp.send('Profiler.stop')) as { profile: CpuProfile };
  await cdp.detach();
  const dir = join(ROOT, 'test/bench/work/profiles');
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, `${name}.cpuprofile`), JSON.stringify(profile));
  process.stdout.write(`\n${formatProfile(name, summarizeProfile(profile))}\n`);
  // The long tasks' work: the stretches the thread never idled in.
  process.stdout.write(`${formatStretches(`${name}, longest busy stretches (50 ms or more)`, busyStretches(profile, 50).slice(0, 5))}\n`);
  return value;
}

/**
 * --profile: the main thread while the UI previews and then imports (the worker's own work is
 * profiled through importDirect, the same code on the bench page's thread, into a database of its
 * own), then the register opening and a search on the database the UI imported (`--only import`: the
 * UI's preview and import alone). Profiles go to test/bench/work/profiles/ (open them in DevTools).
 */
async function profileRun(ctx: Context, only: Set<string> | null): Promise<void> {
  const page = ctx.page;
  if (only !== null && !only.has('import')) {
    // --only without import: the database is filled by bulkPut and only the UI is profiled.
    await benchPage(ctx);
    await callBench(ctx, 'fillAppDb', ctx.urls);
    if (only.has('export')) await profileExport(ctx);
    // `--only export`: the export alone; any other row profiles the UI as before.
    if ([...only].some((id) => id !== 'export')) await profileUi(ctx);
    return;
  }
  await page.goto(ctx.base);
  await setUpHeadOffice(page);
  await openImportPage(page);
  const preview = await profiled(ctx, 'ui-preview-main-thread', () => previewThroughUi(page, ctx.campaign.files, ctx.timeoutMs));
  const previewTasks = await longTasksBetween(page, preview.pickedAt, preview.previewedAt);
  log(`preview: ${Math.round(preview.previewedAt - preview.pickedAt)} ms, longest task ${Math.round(previewTasks.max)} ms (${previewTasks.count} long tasks, ${Math.round(previewTasks.total)} ms)`);
  const confirmed = await profiled(ctx, 'ui-import-main-thread', () => confirmThroughUi(page, ctx.campaign.files.length, ctx.timeoutMs));
  const importTasks = await longTasksBetween(page, confirmed.confirmAt, confirmed.settledAt);
  log(`import: ${Math.round(confirmed.doneAt - confirmed.confirmAt)} ms, longest task until settled ${Math.round(importTasks.max)} ms (${importTasks.count} long tasks, ${Math.round(importTasks.total)} ms): ${formatTasks(importTasks)}`);
  if (importTasks.frames.length > 0) log(`  long animation frames, longest first:\n    ${importTasks.frames.join('\n    ')}`);
  // `--profile --only import`: the UI's import alone (at full scale the rest takes another quarter hour).
  if (only !== null && only.size === 1) return;

  await benchPage(ctx);
  const direct = await profiled(ctx, 'import-direct', () => callBench(ctx, 'importDirect', ctx.urls));
  log(`import on the page's thread: read and verify ${Math.round(direct.readMs)} ms, runLedgerImport ${Math.round(direct.importMs)} ms`);
  log(`  ${Object.entries(direct.details).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  log(`  IndexedDB requests, longest first:\n    ${direct.requests.join('\n    ')}`);
  await profileExport(ctx);

  await page.goto(`${ctx.base}?profile#/settings`);
  await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  const opened = await profiled(ctx, 'register-open', () => openRegister(page, ctx.timeoutMs));
  log(`register: first rows ${Math.round(opened.firstRowsMs)} ms, all loaded ${Math.round(opened.allLoadedMs)} ms`);
  const search = await profiled(ctx, 'register-search', () => searchRegister(page, '102'));
  log(`register search: ${Math.round(search)} ms`);
  await profileUi(ctx);
}

/** The Excel job's handler on the bench page's thread, then the bare writer it is measured against. */
async function profileExport(ctx: Context): Promise<void> {
  const excel = await profiled(ctx, 'excel-export', () => callBench(ctx, 'exportWorkbook', []));
  log(`Excel export on the page's thread: ${Math.round(excel.ms)} ms, ${excel.rows} rows`);
  const bare = await profiled(ctx, 'excel-baseline', () => callBench(ctx, 'exportBaseline', []));
  log(`the bare writer: ${Math.round(bare.ms)} ms (reading and mapping beforehand, untimed: ${Math.round(bare.prepareMs ?? 0)} ms)`);
}

/** The register opening and a search, 统计看板 opening, and a cold start of the register, each profiled. */
async function profileUi(ctx: Context): Promise<void> {
  const page = ctx.page;
  await page.goto(`${ctx.base}?profile-ui#/settings`);
  await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  const opened = await profiled(ctx, 'register-open', () => openRegister(page, ctx.timeoutMs));
  log(`register: first rows ${Math.round(opened.firstRowsMs)} ms, all loaded ${Math.round(opened.allLoadedMs)} ms`);
  const search = await profiled(ctx, 'register-search', () => searchRegister(page, '102'));
  log(`register search: ${Math.round(search)} ms`);
  await page.goto(`${ctx.base}?profile-dash#/settings`);
  await page.getByTestId('app-ready').waitFor({ timeout: 60_000 });
  await openRegister(page, ctx.timeoutMs);
  const dash = await profiled(ctx, 'dashboard-open', () => dashboardShown(page, 'hash', '', ctx.timeoutMs));
  log(`统计看板: figures ${Math.round(dash.figures)} ms, charts in view ${Math.round(dash.inView)} ms, every chart ${Math.round(dash.all)} ms`);
  const narrowed = await profiled(ctx, 'dashboard-filter', () => dashboardSearch(page, '101001-', ctx.timeoutMs));
  log(`统计看板, search "101001-": figures ${Math.round(narrowed.figures)} ms, charts in view ${Math.round(narrowed.inView)} ms, every chart ${Math.round(narrowed.all)} ms`);
  // The bench's cold starts read the register cache (written once the register has read every row, when
  // the page is idle): one start unprofiled first, so the profiled one is a start like those measured.
  await page.goto('about:blank');
  await browserQuiet();
  const warm = await coldStart(ctx, 0);
  log(`cold start, unprofiled: first rows ${Math.round(warm.firstRowsMs)} ms, interactive ${Math.round(warm.interactiveMs)} ms${warm.fromCache ? ' (from the register cache)' : ''}`);
  log(`  steps: ${Object.entries(warm.steps).map(([k, v]) => `${k} ${Math.round(v)}`).join(', ')}`);
  log(`  long tasks: ${warm.tasks.map((t) => `${t.ms} ms at ${t.start}`).join(', ')}`);
  await browserQuiet();
  const cold = await coldStart(ctx, 1, (tab, work) => profiled(ctx, 'cold-start', work, tab));
  log(`cold start: first rows ${Math.round(cold.firstRowsMs)} ms, interactive ${Math.round(cold.interactiveMs)} ms, longest task ${Math.round(cold.longestTask)} ms${cold.fromCache ? ' (from the register cache)' : ' (no register cache)'}`);
}

async function chromiumVersion(app: AppSession): Promise<string> {
  const cdp = await app.context.newCDPSession(app.page);
  const v = (await cdp.send('Browser.getVersion')) as { product: string };
  await cdp.detach();
  return v.product;
}

async function main(): Promise<number> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  quietWindowFor(args.scale);
  const wanted = (id: MeasurementId): boolean => args.only === null || args.only.has(id);
  const campaign = await benchCampaign(ROOT, args.scale, log);
  log(`campaign: ${campaign.files.length} packages in ${campaign.dir}${campaign.cached ? ' (cached)' : ''}`);
  if (args.build || !existsSync(join(SITE, 'index.html'))) await buildSiteIfChanged(!args.profile);
  const urls = await servePackages(campaign);
  const server = await startServer();
  const timeoutMs = args.scale === 'full' ? 90 * 60_000 : 5 * 60_000;
  let app: AppSession | null = null;
  try {
    app = await launchApp();
    app.context.setDefaultTimeout(60_000);
    // The app's warnings (a failed job's detail, say) belong in the bench's log beside its figures.
    app.context.on('console', (m) => {
      if (m.type() === 'warning') log(`  page warning: ${m.text()}`);
    });
    const ctx: Context = { app, page: app.page, base: server.url, campaign, urls, counts: null, imported: false, timeoutMs };
    if (args.profile && args.only?.has('verdicts')) {
      // `--profile --only verdicts`: the verdict row under the profiler (its figures are printed, not kept).
      const rows = await profiled(ctx, 'verdicts', () => verdictMeasurement.run(ctx, verdictMeasurement.specs()));
      log(formatTable(rows));
      return 0;
    }
    if (args.profile) {
      await profileRun(ctx, args.only);
      return 0;
    }
    const rows: BenchRow[] = [];
    for (const m of MEASUREMENT_ORDER) {
      if (!wanted(m.id)) continue;
      // What the row before left running (storage compaction after a big write) is not this row's.
      const waited = rows.length === 0 ? 0 : await browserQuiet();
      const t = Date.now();
      log(`${m.id} … (browser quiet after ${Math.round(waited)} ms)`);
      const specs = m.specs(ctx);
      try {
        const measured = await m.run(ctx, specs);
        rows.push(...measured);
        // Said as soon as they are known: a long full-scale run stopped later still leaves them.
        log(formatTable(measured));
      } catch (e) {
        log(`${m.id} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        rows.push(...specs.map((spec) => failedRow(spec, message(e))));
      }
      log(`${m.id} done in ${Math.round((Date.now() - t) / 1000)} s`);
    }

    const results: BenchResults = resultsSchema.parse({
      date: new Date().toISOString(),
      scale: args.scale,
      machine: { cores: cpus().length, memoryGb: Math.round(totalmem() / 2 ** 30) },
      versions: { chromium: await chromiumVersion(app), node: process.version },
      data: ctx.counts ?? {},
      rows,
    });
    const out = args.scale === 'full' && args.only === null ? join(ROOT, 'test/bench/results.json') : join(ROOT, 'test/bench/work', `results-${args.scale}.json`);
    await mkdir(dirname(out), { recursive: true });
    await writeFile(out, `${JSON.stringify(results, null, 2)}\n`);
    process.stdout.write(`\n${formatTable(results.rows)}\n\n${formatDetails(results.rows)}\n\n`);
    log(`data: ${Object.entries(results.data).map(([k, v]) => `${k} ${v.toLocaleString('en-US')}`).join(', ')}`);
    log(`wrote ${out} in ${Math.round((Date.now() - started) / 1000)} s`);
    if (app.errors.length > 0) log(`page errors:\n${app.errors.join('\n')}`);
    return exitCodeOf(results);
  } finally {
    await app?.close();
    server.process.kill();
  }
}

main().then(
  (code) => process.exit(code),
  (e: unknown) => {
    console.error(e);
    process.exit(1);
  },
);
