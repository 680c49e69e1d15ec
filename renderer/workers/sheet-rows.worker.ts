// Worker entry: the reader half of the 整改台账 export (sheet-rows-reader.ts), started by the export job's
// own thread (a worker itself in the app, the page in the bench). It opens its own connection to the
// database the job names.
import { createDb } from '../db/db';
import { serveSheetRows } from './sheet-rows-reader';

serveSheetRows(self, (name) => {
  const db = createDb({ name });
  return { db, release: () => db.close() };
});
