// Worker entry: writes the 整改台账 workbook off the UI thread (issue 5: export runs in a worker, with
// progress and cancel). Created by createLedgerWorkbookWorker in workers.ts.
import { ledgerWorkbookHandler } from './ledger-workbook-handler';
import { serveJobs } from './serve-jobs';

serveJobs([ledgerWorkbookHandler], self);
