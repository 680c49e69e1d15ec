// The pure parts of `npm run bench` (test/bench): what a row's ratio and pass mean, the results.json
// schema, the printed table, the 60-item campaign checklist and the cache key of the campaign, and
// the CPU profile summary. No timing is asserted here (ARCHITECTURE §8): the bench itself is not a test.
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseChecklist } from '../../renderer/core/checklist/parse';
import { CAMPAIGNS, campaignKey, importClosure, nationalChecklist, NATIONAL_ITEMS, sourcesKey } from '../bench/campaign';
import { busyStretches, summarizeProfile, type CpuProfile } from '../bench/profile';
import { procStat } from '../bench/quiet';
import { benchRow, COUNT_PREFIX, exitCodeOf, failedRow, formatDetails, formatTable, memoryText, percentile, resultsSchema, targetText, type BenchResults, type RowSpec } from '../bench/results';
import { repoRoot } from './cli-run';

const ratioSpec: RowSpec = { name: 'import 40 packages', unit: 'ms', target: 1.25 };
const timeSpec: RowSpec = { name: 'first rows', unit: 'ms', target: 500 };

const results = (rows: BenchResults['rows']): BenchResults => ({
  date: '2026-06-30T09:00:00.000Z',
  scale: 'full',
  machine: { cores: 2, memoryGb: 23 },
  versions: { chromium: 'HeadlessChrome/156.0.8078.108', node: 'v20.19.0' },
  data: { packages: 40, findings: 101_234 },
  rows,
});

describe('bench rows', () => {
  it('hold a row with a baseline to the ratio and one without to the value, at the target inclusive', () => {
    expect(benchRow(ratioSpec, 1250, 1000)).toEqual({ name: 'import 40 packages', value: 1250, unit: 'ms', baseline: 1000, ratio: 1.25, target: 1.25, pass: true });
    expect(benchRow(ratioSpec, 1260, 1000)).toMatchObject({ ratio: 1.26, pass: false });
    // A fast value does not pass a ratio target on its own, nor a slow baseline an absolute one.
    expect(benchRow(ratioSpec, 10, 5)).toMatchObject({ ratio: 2, pass: false });
    expect(benchRow(timeSpec, 500)).toMatchObject({ baseline: null, ratio: null, pass: true });
    expect(benchRow(timeSpec, 500.04)).toMatchObject({ value: 500, pass: false });
    expect(benchRow(timeSpec, 4812.345, null, { 'all rows loaded': 9000.06 })).toMatchObject({ value: 4812.3, details: { 'all rows loaded': 9000.1 } });
  });

  it('never pass against a baseline of zero, and refuse measurements that are not numbers', () => {
    expect(benchRow(ratioSpec, 10, 0)).toMatchObject({ ratio: null, pass: false });
    expect(() => benchRow(timeSpec, Number.NaN)).toThrow(RangeError);
    expect(() => benchRow(ratioSpec, 1, -1)).toThrow(RangeError);
    expect(failedRow(ratioSpec, 'the page crashed', 1000)).toEqual({ name: 'import 40 packages', value: 0, unit: 'ms', baseline: 1000, ratio: null, target: 1.25, pass: false, error: 'the page crashed' });
  });

  it('make the run exit 1 when any target is missed or nothing was measured', () => {
    expect(exitCodeOf(results([benchRow(timeSpec, 100), benchRow(ratioSpec, 1, 1)]))).toBe(0);
    expect(exitCodeOf(results([benchRow(timeSpec, 100), benchRow(ratioSpec, 2, 1)]))).toBe(1);
    expect(exitCodeOf(results([]))).toBe(1);
  });
});

describe('results.json', () => {
  it('has the date, machine, versions and rows, and refuses a row without its fields', () => {
    const good = results([benchRow(ratioSpec, 2, 1), benchRow(timeSpec, 100), failedRow(timeSpec, 'no rows')]);
    expect(resultsSchema.parse(JSON.parse(JSON.stringify(good)))).toEqual(good);
    expect(resultsSchema.safeParse({ ...good, rows: [{ name: 'x', value: 1, unit: 'ms', target: 1, pass: true }] }).success).toBe(false);
    expect(resultsSchema.safeParse({ ...good, date: 'yesterday' }).success).toBe(false);
    expect(resultsSchema.safeParse({ ...good, machine: { cores: 0, memoryGb: 23 } }).success).toBe(false);
  });

  it('is the file the repository holds, when one was written', () => {
    let text: string | null = null;
    try {
      text = readFileSync(join(repoRoot, 'test/bench/results.json'), 'utf8');
    } catch {
      // Not written yet on this checkout.
    }
    if (text !== null) expect(resultsSchema.safeParse(JSON.parse(text)).success).toBe(true);
  });
});

describe('the printed table', () => {
  it('is a Markdown table with the baseline, ratio and target of every row, and the details under it', () => {
    const rows = [benchRow(ratioSpec, 130_253.34, 46_807.2, { preview: 106_301.4 }), benchRow(timeSpec, 2510.2), failedRow(timeSpec, 'the import did not complete')];
    expect(formatTable(rows).split('\n')).toEqual([
      '| measurement | value | baseline | ratio | target | pass |',
      '|---|---:|---:|---:|---|---|',
      '| import 40 packages | 130,253.3 ms | 46,807.2 ms | 2.78 | ratio ≤ 1.25 | no |',
      '| first rows | 2,510.2 ms | – | – | ≤ 500 ms | no |',
      '| first rows | not measured | – | – | ≤ 500 ms | no |',
    ]);
    expect(formatDetails(rows).split('\n')).toEqual(['import 40 packages: preview 106,301.4 ms', 'first rows: not measured: the import did not complete']);
    // A count among the details is printed without the row's unit.
    expect(formatDetails([benchRow(timeSpec, 1714.6, null, { 'run 1': 1714.6, [`${COUNT_PREFIX}runs started from the cache`]: 3 })])).toBe('first rows: run 1 1,714.6 ms, number of runs started from the cache 3');
    expect(targetText({ baseline: null, target: 150, unit: 'ms' })).toBe('≤ 150 ms');
  });

  it('reports the memory of a row that measured it, under the details', () => {
    const row = { ...benchRow(ratioSpec, 12, 10), memory: { peakMb: 48.25, baselinePeakMb: 310.5, fileMb: 21.3 } };
    expect(resultsSchema.parse(results([row])).rows[0]?.memory).toEqual(row.memory);
    expect(memoryText({ peakMb: 48, baselinePeakMb: null })).toBe('peak JS heap +48 MB');
    expect(formatDetails([row])).toBe('import 40 packages: peak JS heap +48.25 MB (baseline +310.5 MB), file 21.3 MB');
  });
});

describe('percentiles', () => {
  it('are nearest-rank: p95 of 1…100 is 95, of 1…20 is 19, p50 of four values the second', () => {
    const upTo = (n: number) => Array.from({ length: n }, (_, i) => n - i);
    expect(percentile(upTo(100), 95)).toBe(95);
    expect(percentile(upTo(20), 95)).toBe(19);
    expect(percentile([4, 1, 3, 2], 50)).toBe(2);
    expect(percentile([7], 95)).toBe(7);
    expect(percentile([], 95)).toBe(0);
  });
});

describe('the national campaign', () => {
  const bundled = (name: string) => JSON.parse(readFileSync(join(repoRoot, 'checklists', name), 'utf8')) as Parameters<typeof nationalChecklist>[0];

  it('uses a valid 60-item checklist made of the bundled ones', () => {
    const made = nationalChecklist(bundled('branch-onsite.json'), bundled('consumer-rights.json'));
    const parsed = parseChecklist(made);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.error.slice(0, 3)));
    const items = parsed.value.sections.flatMap((s) => s.items);
    expect(items).toHaveLength(NATIONAL_ITEMS);
    expect(new Set(items.map((i) => i.code)).size).toBe(NATIONAL_ITEMS);
    expect(new Set(parsed.value.sections.map((s) => s.code)).size).toBe(parsed.value.sections.length);
    expect(() => nationalChecklist(bundled('branch-onsite.json'), bundled('consumer-rights.json'), 200)).toThrow(RangeError);
  });

  it('is 40 packages at both scales, the quick one a tenth of the outlets, cached under a key of what writes it', async () => {
    expect(CAMPAIGNS.full.branches).toBe(40);
    expect(CAMPAIGNS.quick).toEqual({ ...CAMPAIGNS.full, outlets: Math.round(CAMPAIGNS.full.outlets / 10) });
    const key = await campaignKey(repoRoot, CAMPAIGNS.full);
    expect(key).toMatch(/^[0-9a-f]{16}$/);
    expect(await campaignKey(repoRoot, CAMPAIGNS.full)).toBe(key);
    expect(await campaignKey(repoRoot, CAMPAIGNS.quick)).not.toBe(key);
  });

  it('keys a cache by the names and contents of its sources, so any edit, addition or rename rebuilds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xiaobao-bench-key-'));
    try {
      await mkdir(join(dir, 'src/sub'), { recursive: true });
      await writeFile(join(dir, 'src/a.ts'), 'a');
      await writeFile(join(dir, 'src/sub/b.ts'), 'b');
      await writeFile(join(dir, 'config.ts'), 'c');
      const key = () => sourcesKey(dir, 'minify=true', ['src', 'config.ts']);
      const first = await key();
      expect(await key()).toBe(first);
      expect(await sourcesKey(dir, 'minify=false', ['src', 'config.ts'])).not.toBe(first);
      await writeFile(join(dir, 'src/sub/b.ts'), 'b2');
      const edited = await key();
      expect(edited).not.toBe(first);
      await writeFile(join(dir, 'src/sub/c.ts'), '');
      const added = await key();
      expect(added).not.toBe(edited);
      await rename(join(dir, 'src/sub/c.ts'), join(dir, 'src/sub/d.ts'));
      expect(await key()).not.toBe(added);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('what writes the campaign', () => {
  it('is the modules the demo command runs, followed to the end, and not the rest of the app', async () => {
    const files = await importClosure(repoRoot, 'electron/cli/demo.ts');
    expect(files).toContain('electron/cli/demo.ts');
    expect(files).toContain('renderer/core/demo/campaign.ts');
    expect(files).toContain('renderer/io/ledger-package.ts');
    // Reached only through other modules: the package writer signs with the manifest code.
    expect(files).toContain('renderer/core/package/manifest.ts');
    // The register and dashboard code, the database and the merge do not write a package.
    for (const f of ['renderer/core/finding/dashboard.ts', 'renderer/db/db.ts', 'renderer/db/repos/ledger-import.ts']) expect(files).not.toContain(f);
    // `import type { CliIo } from './run'`: a type emits no code, and run.ts would bring every command.
    expect(files).not.toContain('electron/cli/run.ts');
  });

  it('follows value imports, re-exports and dynamic imports, skips type-only ones, and refuses what it cannot find', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'xiaobao-bench-closure-'));
    try {
      await mkdir(join(dir, 'a/lib'), { recursive: true });
      await writeFile(join(dir, 'a/entry.ts'), "import { x, type Y } from './lib';\nimport type { T } from './types';\nexport { z } from './z';\nconst late = () => import('./late');\nimport './side';\n");
      await writeFile(join(dir, 'a/lib/index.ts'), "export const x = 1;\nimport { y } from '../../b';\n");
      await writeFile(join(dir, 'b.tsx'), 'export const y = 2;');
      for (const f of ['types', 'z', 'late', 'side']) await writeFile(join(dir, `a/${f}.ts`), '');
      expect(await importClosure(dir, 'a/entry.ts')).toEqual(['a/entry.ts', 'a/late.ts', 'a/lib/index.ts', 'a/side.ts', 'a/z.ts', 'b.tsx']);
      await writeFile(join(dir, 'b.tsx'), "import { gone } from './gone';");
      await expect(importClosure(dir, 'a/entry.ts')).rejects.toThrow(/b\.tsx: cannot resolve \.\/gone/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('profile summaries', () => {
  it('rank functions by self time and by total time, a recursive one counted once per sample', () => {
    const frame = (functionName: string, url = 'http://127.0.0.1/assets/index.js', lineNumber = 0) => ({ functionName, url, lineNumber });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)', ''), children: [2] },
        { id: 2, callFrame: frame('importOne', undefined, 9), children: [3, 4] },
        { id: 3, callFrame: frame('walk', undefined, 19), children: [5] },
        { id: 4, callFrame: frame('put', '') },
        { id: 5, callFrame: frame('walk', undefined, 19) },
      ],
      startTime: 0,
      endTime: 10_000,
      // Each sample lasts until the next: the first delta is the start, the last sample is not timed.
      samples: [5, 4, 4, 3, 2],
      timeDeltas: [0, 1000, 2000, 3000, 4000],
    };
    const s = summarizeProfile(profile);
    expect(s.sampledMs).toBe(10);
    expect(s.bySelf).toEqual([
      { name: 'walk (index.js:20)', selfMs: 5, totalMs: 5 },
      { name: 'put', selfMs: 5, totalMs: 5 },
    ]);
    expect(s.byTotal[0]).toEqual({ name: 'importOne (index.js:10)', selfMs: 0, totalMs: 10 });
  });

  it('find the stretches the thread never idled in, longest first, each with its own functions', () => {
    const frame = (functionName: string) => ({ functionName, url: functionName.startsWith('(') ? '' : 'http://127.0.0.1/assets/index.js', lineNumber: 0 });
    const profile: CpuProfile = {
      nodes: [
        { id: 1, callFrame: frame('(root)'), children: [2, 3, 4, 5] },
        { id: 2, callFrame: frame('(idle)') },
        { id: 3, callFrame: frame('render') },
        { id: 4, callFrame: frame('merge') },
        { id: 5, callFrame: frame('(garbage collector)') },
      ],
      startTime: 0,
      endTime: 0,
      // ms per sample (×1000 µs): idle 10, render 30 + merge 40 (70 busy), idle 10, merge 20 + GC 60 (80 busy), idle.
      samples: [2, 3, 4, 2, 4, 5, 2],
      timeDeltas: [0, 10_000, 30_000, 40_000, 10_000, 20_000, 60_000],
    };
    const stretches = busyStretches(profile, 50);
    expect(stretches.map((s) => [s.atMs, s.ms])).toEqual([
      [90, 80],
      [10, 70],
    ]);
    expect(stretches[0]!.summary.bySelf.map((l) => [l.name, l.selfMs])).toEqual([
      ['(garbage collector)', 60],
      ['merge (index.js:1)', 20],
    ]);
    expect(stretches[1]!.summary.bySelf.map((l) => [l.name, l.selfMs])).toEqual([
      ['merge (index.js:1)', 40],
      ['render (index.js:1)', 30],
    ]);
    expect(busyStretches(profile, 75).map((s) => s.ms)).toEqual([80]);
  });
});

describe('the quiet wait', () => {
  it("reads a process's name and CPU time from its /proc stat line, a name with spaces and parentheses included", () => {
    const line = '4242 (chrome (Storage) x) S 1 4242 4242 0 -1 4194560 25831 0 0 0 1234 567 0 0 20 0 12 0 3456 1234567 890 18446744073709551615';
    expect(procStat(line)).toEqual({ name: 'chrome (Storage) x', cpuSeconds: 18.01 });
    expect(procStat('')).toBeNull();
    expect(procStat('12 (bash) S 1')).toBeNull();
  });
});
