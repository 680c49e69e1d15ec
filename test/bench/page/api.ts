// What the bench page (bench.html, built by test/bench/page/vite.config.ts) offers the runner as
// `window.__bench`: measurements that need the app's modules without its UI. Types only, shared by
// both sides.

export type RecordCounts = {
  packages: number;
  orgUnits: number;
  inspections: number;
  answers: number;
  findings: number;
  history: number;
  attachments: number;
};

export type Timed = {
  /** The measured operation, in ms. */
  ms: number;
  /** The baseline measured alongside it, in ms. */
  baselineMs: number;
  /** Parts of `ms` (name → ms). */
  details: Record<string, number>;
};

export type BenchApi = {
  /**
   * readLedgerPackage (unzip, signature, every file's hash, schema, chains) of each package, against
   * WebCrypto's SHA-256 of the bytes it has to hash (the zip and every file in it), package by package.
   */
  verify(urls: string[]): Promise<Timed & { counts: RecordCounts }>;
  /**
   * The rows an import writes (org units, inspections, answers, findings, history, attachments), put
   * with Dexie's bulkPut into a fresh database of the app's schema, one transaction per package; only
   * the transactions are timed. The database is deleted afterwards.
   */
  rawBulkPut(urls: string[]): Promise<{ ms: number; rows: number; details: Record<string, number> }>;
  /**
   * The same rows put into the app's own database (set up as head office when it is not yet), kept:
   * the register is still measured at full size when the import itself does not complete. Returns the rows put.
   */
  fillAppDb(urls: string[]): Promise<number>;
  /**
   * For profiling (`--profile`): the import on this thread, into a fresh database set up as head office
   * (deleted afterwards): every package read and verified, then runLedgerImport confirming with trust
   * for every unit. Times per package, and every IndexedDB request by table and kind.
   */
  importDirect(urls: string[]): Promise<{ readMs: number; importMs: number; details: Record<string, number>; requests: string[] }>;
};

declare global {
  // The page's global, as the runner reads it in page.evaluate.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    __bench?: BenchApi;
  }
}
