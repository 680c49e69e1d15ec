// `npm run soak`: every campaign of issue 8 in its full form (XB_SOAK=full), through vitest, then one
// table of trials and failures. Exits 1 when a test fails, a campaign reports a failure, ran fewer
// trials than its full form requires, or did not report at all (a skipped test is a failure here).
// `npm run soak -- --quick` runs the quick forms (those of `npm test`) and prints the same table.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** The campaigns and the test files that run and report them. */
const CAMPAIGNS = [
  { campaign: 'Hostile imports (ledger packages)', project: 'db', file: 'test/db/soak-hostile-ledger.test.ts' },
  { campaign: 'Hostile imports (checklist packages)', project: 'db', file: 'test/db/soak-hostile-checklists.test.ts' },
  { campaign: 'Hostile imports (Excel checklists)', project: 'db', file: 'test/db/soak-hostile-checklists.test.ts' },
  { campaign: 'Hostile imports (Excel ledgers)', project: 'db', file: 'test/db/soak-hostile-ledger-excel.test.ts' },
  { campaign: 'Hostile imports (backups)', project: 'db', file: 'test/db/soak-hostile-backup.test.ts' },
  { campaign: 'Tampering', project: 'db', file: 'test/db/soak-tampering.test.ts' },
  { campaign: 'History', project: 'db', file: 'test/db/soak-history.test.ts' },
  { campaign: 'Electron (security checklist)', project: 'electron', file: 'test/electron/security-checklist.test.ts' },
  { campaign: 'Electron (electronegativity)', project: 'electron', file: 'test/electron/electronegativity.test.ts' },
  { campaign: 'Crash safety', project: 'e2e', file: 'test/e2e/soak-crash.test.ts' },
  { campaign: 'Migrations', project: 'db', file: 'test/db/migrations/soak-migrations.test.ts' },
  { campaign: 'Migrations (interrupted in Chromium)', project: 'e2e', file: 'test/e2e/soak-migration-interrupted.test.ts' },
  { campaign: 'Storage trouble (quota)', project: 'db', file: 'test/db/soak-storage.test.ts' },
];

const quick = process.argv.includes('--quick');
const dir = mkdtempSync(join(tmpdir(), 'xiaobao-soak-'));
const reportFile = join(dir, 'report.jsonl');

// The browser campaigns drive the web build, which must be current.
if (CAMPAIGNS.some((c) => c.project === 'e2e')) {
  const build = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) {
    process.stdout.write(`the web build failed (${build.status ?? build.signal}): SOAK FAILED\n`);
    process.exit(1);
  }
}

const projects = [...new Set(CAMPAIGNS.map((c) => c.project))].flatMap((p) => ['--project', p]);
const vitest = spawnSync(process.execPath, [join(root, 'node_modules/vitest/vitest.mjs'), 'run', ...projects, ...new Set(CAMPAIGNS.map((c) => c.file))], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, XB_SOAK: quick ? 'quick' : 'full', XB_SOAK_REPORT: reportFile },
});

const reported = existsSync(reportFile)
  ? readFileSync(reportFile, 'utf8')
      .split('\n')
      .filter((line) => line.trim() !== '')
      .map((line) => JSON.parse(line))
  : [];
rmSync(dir, { recursive: true, force: true });

let failed = vitest.status !== 0;
const rows = CAMPAIGNS.map(({ campaign }) => {
  const r = reported.find((x) => x.campaign === campaign);
  if (!r) {
    failed = true;
    return [campaign, '—', '—', 'did not report: its test failed before the end, or was skipped'];
  }
  const short = !quick && r.trials < r.required;
  if (r.failures > 0 || short) failed = true;
  const notes = `${short ? `only ${r.trials} of ${r.required} trials; ` : ''}${r.notes}${r.seconds >= 1 ? ` (${Math.round(r.seconds)} s)` : ''}`;
  return [campaign, String(r.trials), String(r.failures), notes];
});

const header = ['Campaign', 'Trials', 'Failures', 'Notes'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
const line = (cells) => `| ${cells.map((c, i) => (i === 3 ? c : c.padEnd(widths[i]))).join(' | ')} |`;
process.stdout.write(`\n${quick ? 'Quick' : 'Full'} soak run\n\n${line(header)}\n${line(widths.map((w, i) => '-'.repeat(i === 3 ? 5 : w)))}\n${rows.map(line).join('\n')}\n\n`);
if (vitest.status !== 0) process.stdout.write(`vitest exited with ${vitest.status ?? vitest.signal}\n`);
process.stdout.write(failed ? 'SOAK FAILED\n' : 'soak passed\n');
process.exit(failed ? 1 : 0);
