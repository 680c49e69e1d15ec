// Worker entry: importing ledger packages off the UI thread with progress and cancel (issue 6). The
// worker opens its own connection to the app's database.
import { createDb } from '../db/db';
import { ledgerImportHandlers } from './ledger-import-handler';
import { serveJobs } from './serve-jobs';

serveJobs(
  ledgerImportHandlers(() => {
    const db = createDb();
    return { db, release: () => db.close() };
  }),
  self,
);
