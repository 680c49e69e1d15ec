// Worker entry: Excel ledgers in and out for head office (issue 6 items 8 and 9), off the UI thread with
// progress and cancel. The worker opens its own connection to the app's database.
import { createDb } from '../db/db';
import { ledgerExcelHandlers } from './ledger-excel-handler';
import { serveJobs } from './serve-jobs';

serveJobs(
  ledgerExcelHandlers(() => {
    const db = createDb();
    return { db, release: () => db.close() };
  }),
  self,
);
