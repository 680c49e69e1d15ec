// Worker entry: ledger packages and the standalone 整改台账 workbook, off the UI thread with progress
// and cancel (issue 5). The worker opens its own connection to the app's database.
import { createDb } from '../db/db';
import { ledgerExportHandlers } from './ledger-export-handler';
import { serveJobs } from './serve-jobs';

serveJobs(
  ledgerExportHandlers(() => {
    const db = createDb();
    return { db, release: () => db.close() };
  }),
  self,
);
