// Worker entry: backup and restore of the whole database, off the UI thread with progress and cancel.
import { createDb } from '../db/db';
import { backupHandlers } from './backup-handler';
import { serveJobs } from './serve-jobs';

serveJobs(
  backupHandlers(() => {
    const db = createDb();
    return { db, release: () => db.close() };
  }),
  self,
);
