// Worker entry: a helper the import worker starts to open some of the picked package files on another
// core (package-opening.ts). It touches no database: it only reads the bytes it is sent.
import { ledgerOpenHandlers } from './package-opening';
import { serveJobs } from './serve-jobs';

serveJobs(ledgerOpenHandlers(), self);
