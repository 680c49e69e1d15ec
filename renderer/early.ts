// The page's first script, a few hundred bytes run before the app's own scripts have loaded: it starts
// opening the database (db/warm-open.ts) so the browser's store is open by the time the app asks.
import { DB_NAME } from './db/db-name';
import { warmDatabase } from './db/warm-open';

if (typeof indexedDB !== 'undefined') warmDatabase(indexedDB, DB_NAME);
