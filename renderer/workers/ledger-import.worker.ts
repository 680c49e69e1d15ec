// Worker entry: importing ledger packages off the UI thread with progress and cancel (issue 6). The
// worker opens its own connection to the app's database; its commits are announced to the other windows
// as whole tables changed (db/whole-table-notice), so the page does not take in a per-key list of every
// row forty packages wrote. It starts helper workers (one per further core, at most three) that open
// some of the picked files while it opens the others (package-opening.ts, issue 7).
import { createDb } from '../db/db';
import { wholeTableNotice } from '../db/whole-table-notice';
import { ledgerImportHandlers } from './ledger-import-handler';
import { helperCount, helperOpener } from './package-opening';
import { serveJobs } from './serve-jobs';

const helpers = Array.from({ length: helperCount(navigator.hardwareConcurrency) }, (_, i) =>
  helperOpener(() => new Worker(new URL('./ledger-open.worker.ts', import.meta.url), { type: 'module', name: `ledger-open-${i + 1}` })),
);

serveJobs(
  ledgerImportHandlers(() => {
    const db = createDb().use(wholeTableNotice);
    return { db, release: () => db.close() };
  }, helpers),
  self,
);
