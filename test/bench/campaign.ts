// The national-scale campaign the benchmark measures on (issue 7): 40 branch packages from `xiaobao
// demo`, each branch with enough outlets inspected twice with a 60-item checklist and a failure rate
// that make about 5,000 inspections and 100,000 findings (quick: a tenth of the outlets). The packages
// are cached under test/bench/work/ by everything that decides their bytes, so a rerun reuses them.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { nodeFiles } from '../../electron/cli/node-io';
import { run } from '../../electron/cli/run';

export type BenchScale = 'full' | 'quick';

export type CampaignParams = {
  branches: number;
  outlets: number;
  failureRate: number;
  seed: string;
  asOf: string;
};

/**
 * Two cycles at every outlet: 40 × 62 × 2 = 4,960 inspections of 60 items; a third of the answers fail,
 * which makes about 2,500 findings per branch. The demo keeps the app's own history (every answer
 * saved and every step of every finding is an entry), so history comes to about 22,000 per branch.
 */
export const CAMPAIGNS: Record<BenchScale, CampaignParams> = {
  full: { branches: 40, outlets: 62, failureRate: 0.32, seed: 'xiaobao-bench', asOf: '2026-06-30' },
  quick: { branches: 40, outlets: 6, failureRate: 0.32, seed: 'xiaobao-bench', asOf: '2026-06-30' },
};

export const NATIONAL_ITEMS = 60;

type ChecklistJson = {
  id: string;
  documents: { key: string }[];
  sections: { code: string; items: unknown[] }[];
  [field: string]: unknown;
};

/**
 * A 60-item campaign checklist made of the bundled ones: every item of the outlets' routine checklist
 * (33), then whole sections of the consumer-rights one until 60 (its section codes prefixed, since both
 * have 选择权 and 教育); documents merged by key. The demo gives it to every outlet, twice.
 */
export function nationalChecklist(routine: ChecklistJson, more: ChecklistJson, items = NATIONAL_ITEMS): ChecklistJson {
  const sections = [...routine.sections];
  let count = routine.sections.reduce((n, s) => n + s.items.length, 0);
  for (const s of more.sections) {
    if (count >= items) break;
    const take = s.items.slice(0, items - count);
    sections.push({ ...s, code: `C-${s.code}`, items: take });
    count += take.length;
  }
  if (count !== items) throw new RangeError(`the bundled checklists have ${count} items, not ${items}`);
  const documents = new Map<string, { key: string }>();
  for (const d of [...routine.documents, ...more.documents]) if (!documents.has(d.key)) documents.set(d.key, d);
  return {
    ...routine,
    id: 'national-campaign',
    version: '2026.1',
    title: '全国消费者权益保护专项检查表（60 项）',
    titleEn: 'National consumer-protection campaign checklist (60 items)',
    documents: [...documents.values()],
    sections,
  };
}

/**
 * What writes the packages' bytes: everything `xiaobao demo` runs (the modules electron/cli/demo.ts
 * imports, followed to the end), the bundled checklists the campaign checklist is made of, and the
 * locked dependency versions (zip and workbook libraries). A change elsewhere (the merge, the database,
 * the UI, the register or dashboard code) keeps the cache; delete test/bench/work/ to generate again anyway.
 */
const CAMPAIGN_ENTRY = 'electron/cli/demo.ts';
const CAMPAIGN_DATA = ['checklists/branch-onsite.json', 'checklists/consumer-rights.json', 'package-lock.json'];

// Every relative module specifier in a source file that is not a type-only import: `from '…'`,
// `import '…'` and `import('…')`. Type-only imports (`import type`, `export type`) emit no code.
const SPECIFIER = /(?:^|\n)\s*(import|export)\s+(type\s+)?[^'"]*?from\s+'(\.{1,2}\/[^']+)'|(?:^|\n)\s*import\s+'(\.{1,2}\/[^']+)'|\bimport\(\s*'(\.{1,2}\/[^']+)'\s*\)/g;

async function resolveModule(root: string, from: string, specifier: string): Promise<string> {
  const base = posix.join(posix.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
    const full = join(root, candidate);
    if (existsSync(full) && (await stat(full)).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

/** The relative files `entry` runs: itself and every value import, followed transitively (sorted). */
export async function importClosure(root: string, entry: string): Promise<string[]> {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  for (let file = queue.pop(); file !== undefined; file = queue.pop()) {
    if (!/\.tsx?$/.test(file)) continue;
    const text = await readFile(join(root, file), 'utf8');
    for (const m of text.matchAll(SPECIFIER)) {
      if (m[2] !== undefined) continue;
      const specifier = m[3] ?? m[4] ?? m[5];
      if (specifier === undefined) continue;
      const target = await resolveModule(root, file, specifier);
      if (!seen.has(target)) {
        seen.add(target);
        queue.push(target);
      }
    }
  }
  return [...seen].sort();
}

async function filesUnder(root: string, path: string): Promise<string[]> {
  const full = join(root, path);
  if (!(await stat(full)).isDirectory()) return [path];
  const names = (await readdir(full)).sort();
  return (await Promise.all(names.map((n) => filesUnder(root, `${path}/${n}`)))).flat();
}

/** A cache key: `seed` and the names and contents of every file under `sources` (files or folders). */
export async function sourcesKey(root: string, seed: string, sources: readonly string[]): Promise<string> {
  const hash = createHash('sha256').update(seed);
  for (const source of sources) {
    for (const file of await filesUnder(root, source)) hash.update(`\0${file}\0`).update(await readFile(join(root, file)));
  }
  return hash.digest('hex').slice(0, 16);
}

/** The cache key: the parameters and the content of everything that writes the packages. */
export async function campaignKey(root: string, params: CampaignParams): Promise<string> {
  return sourcesKey(root, JSON.stringify(params), [...(await importClosure(root, CAMPAIGN_ENTRY)), ...CAMPAIGN_DATA]);
}

export type Campaign = { dir: string; files: string[]; params: CampaignParams; cached: boolean };

/**
 * The campaign's packages, generated with `xiaobao demo` on first use (into a temporary folder renamed
 * when complete, so an interrupted run never leaves half a campaign in the cache).
 */
export async function benchCampaign(root: string, scale: BenchScale, log: (line: string) => void): Promise<Campaign> {
  const params = CAMPAIGNS[scale];
  const dir = join(root, 'test/bench/work', `campaign-${scale}-${await campaignKey(root, params)}`);
  const listPackages = async (): Promise<string[]> => (await readdir(dir)).filter((f) => f.endsWith('.xbledger')).sort().map((f) => join(dir, f));
  if (existsSync(dir)) return { dir, files: await listPackages(), params, cached: true };

  const building = `${dir}.partial`;
  await rm(building, { recursive: true, force: true });
  const checklists = join(building, 'checklists');
  await mkdir(checklists, { recursive: true });
  const bundled = async (name: string): Promise<ChecklistJson> => JSON.parse(await readFile(join(root, 'checklists', name), 'utf8')) as ChecklistJson;
  const checklist = nationalChecklist(await bundled('branch-onsite.json'), await bundled('consumer-rights.json'));
  await writeFile(join(checklists, 'national-campaign.json'), `${JSON.stringify(checklist, null, 2)}\n`);

  log(`generating the ${scale} campaign (${params.branches} branches × ${params.outlets} outlets) into ${dir} …`);
  const errors: string[] = [];
  let written = 0;
  const code = await run(
    ['demo', '--branches', String(params.branches), '--outlets', String(params.outlets), '--failure-rate', String(params.failureRate), '--seed', params.seed, '--as-of', params.asOf, '--checklists', checklists, '--out', building],
    {
      ...nodeFiles(join(root, 'checklists')),
      out: () => {
        written += 1;
        if (written % 10 === 0) log(`  ${written} of ${params.branches} packages`);
      },
      err: (line) => errors.push(line),
    },
  );
  if (code !== 0) throw new Error(`xiaobao demo failed (${code}): ${errors.join('\n')}`);
  await rename(building, dir);
  return { dir, files: await listPackages(), params, cached: false };
}
