// Every db test runs on fake-indexeddb: a fresh in-memory IndexedDB per test file, and each test uses
// its own database name.
import 'fake-indexeddb/auto';
