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
   * Each package's hashes and signature as opening it checks them (the zip's SHA-256, and
   * verifySignedPackage: the manifest's Ed25519 signature, every file's size and SHA-256), against
   * WebCrypto's SHA-256 of the bytes it hashes (the zip and every file in it), package by package. The
   * rest of opening a package (readLedgerPackage: unzip, JSON, schema, chains) is timed into the details.
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
  /**
   * `count` verdict changes through saveAnswer on a fresh branch database (deleted afterwards), each
   * alternating with a raw single-row put in a strict IndexedDB transaction: both p95s (ms), other
   * figures in ms, and what the changes left in the database.
   */
  verdicts(count: number): Promise<{ p95: number; baselineP95: number; details: Record<string, number>; counts: Record<string, number> }>;
  /** LEDGER_EXCEL_JOB's handler on this thread over the app's database: the 整改台账 of every live finding. */
  exportWorkbook(): Promise<ExcelRun>;
  /** ExcelTS's WorkbookWriter fed the same cell values directly (read and mapped untimed beforehand: `prepareMs`). */
  exportBaseline(): Promise<ExcelRun>;
  /** The app's styled writer fed the mapped rows directly (read untimed beforehand). */
  exportStyledWriter(): Promise<ExcelRun>;
  /** LEDGER_EXCEL_JOB through its worker, as 台账报送 runs it. */
  exportInWorker(): Promise<ExcelRun>;
};

/** An Excel run: how long, how many finding rows, how large a file. */
export type ExcelRun = { ms: number; rows: number; bytes: number; prepareMs?: number };

declare global {
  // The page's global, as the runner reads it in page.evaluate.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  interface Window {
    __bench?: BenchApi;
  }
}
