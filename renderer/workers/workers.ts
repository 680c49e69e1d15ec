// One factory per worker script. Vite bundles each `new Worker(new URL(…, import.meta.url))` as its own
// module chunk (worker.format 'es'); the CSP allows it with worker-src 'self'.

export const createLedgerWorkbookWorker = (): Worker =>
  new Worker(new URL('./ledger-workbook.worker.ts', import.meta.url), { type: 'module', name: 'ledger-workbook' });

export const createLedgerExportWorker = (): Worker =>
  new Worker(new URL('./ledger-export.worker.ts', import.meta.url), { type: 'module', name: 'ledger-export' });

export const createBackupWorker = (): Worker => new Worker(new URL('./backup.worker.ts', import.meta.url), { type: 'module', name: 'backup' });
export const createLedgerImportWorker = (): Worker => new Worker(new URL('./ledger-import.worker.ts', import.meta.url), { type: 'module', name: 'ledger-import' });

export const createLedgerExcelWorker = (): Worker => new Worker(new URL('./ledger-excel.worker.ts', import.meta.url), { type: 'module', name: 'ledger-excel' });
