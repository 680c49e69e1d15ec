// Runs @doyensec/electronegativity over a folder and writes what it found as JSON, for
// test/electron/electronegativity.test.ts. A child process of its own: the tool registers globals
// (its i18n `__`) and loads an old ESLint and TypeScript, none of which belongs in the test worker.
// The programmatic runner is used rather than the CLI's files: its CSV has no header/body ordering
// guarantee (two unawaited writes) and its SARIF carries no severity, which is what the test judges.
//
// Usage: node electronegativity-scan.mjs INPUT_DIR ELECTRON_VERSION OUT_JSON EXCLUDED_CHECK...
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const [input, electronVersion, out, ...excluded] = process.argv.slice(2);
if (input === undefined || electronVersion === undefined || out === undefined) {
  console.error('usage: electronegativity-scan.mjs INPUT_DIR ELECTRON_VERSION OUT_JSON [EXCLUDED_CHECK...]');
  process.exit(2);
}

const run = createRequire(import.meta.url)('@doyensec/electronegativity');
const result = await run({
  input,
  electronVersionOverride: electronVersion,
  excludeFromScan: excluded,
  customScan: [],
  isRelative: true,
  output: undefined,
});

writeFileSync(
  out,
  JSON.stringify({
    globalChecks: result.globalChecks,
    atomicChecks: result.atomicChecks,
    errors: result.errors,
    issues: result.issues.map((issue) => ({
      id: issue.id,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      file: issue.file,
      line: issue.location?.line ?? 0,
      column: issue.location?.column ?? 0,
      sample: issue.sample ?? null,
      description: issue.description,
      manualReview: issue.manualReview === true,
    })),
  }),
);
