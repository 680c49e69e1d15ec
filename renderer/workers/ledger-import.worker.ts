// Worker entry: importing ledger packages off the UI thread with progress and cancel (issue 6). The
// worker opens its own connection to the app's database; its commits are announced to the other windows
// as whole tables changed (db/whole-table-notice), so the page does not take in a per-key list of every
// row forty packages wrote.
import { createDb } from '../db/db';
import { wholeTableNotice } from '../db/whole-table-notice';
import { ledgerImportHandlers } from './ledger-import-handler';
import { serveJobs } from './serve-jobs';

serveJobs(
  ledgerImportHandlers(() => {
    const db = createDb().use(wholeTableNotice);
    return { db, release: () => db.close() };
  }),
  self,
);
