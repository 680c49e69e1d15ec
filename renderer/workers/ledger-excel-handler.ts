// The worker side of the Excel jobs of issue 6 (items 8 and 9): an edited 整改台账 workbook read and
// applied to the findings, and the register's filtered rows exported as a 整改台账 or a 汇总表. The worker
// opens the database itself: only ids go in and only the file or the outcome comes back.
import { findingPagesByIds, findingsByIds } from '../db/repos/ledger-export';
import { importLedgerSheet } from '../db/repos/ledger-sheet-import';
import { summaryTables, type SummaryTableFinding } from '../core/ledger/summary-tables';
import { appError, err, ok } from '../core/result';
import { readLedgerWorkbook } from '../io/ledger-workbook';
import { summaryWorkbookBytes } from '../io/summary-workbook';
import { LEDGER_SHEET_IMPORT_JOB, REGISTER_EXCEL_JOB, REGISTER_SUMMARY_JOB } from './jobs';
import { findingsWorkbook, type DbLease } from './ledger-export-handler';
import { handle, type JobContext } from './serve-jobs';

export function ledgerExcelHandlers(lease: DbLease) {
  const sheetImport = handle(LEDGER_SHEET_IMPORT_JOB, async (input, { signal, progress }: JobContext) => {
    progress({ done: 0, phase: 'reading' });
    const parsed = await readLedgerWorkbook(input.bytes, { signal, onRows: (done) => progress({ done, phase: 'reading' }) });
    if (!parsed.ok) return parsed;
    const { db, release } = lease();
    try {
      return await importLedgerSheet(db, parsed.value, {
        commit: input.commit,
        signal,
        onProgress: (done, total, phase) => progress({ done, total, phase }),
      });
    } finally {
      release();
    }
  });

  const registerExcel = handle(REGISTER_EXCEL_JOB, async (input, job: JobContext) => {
    const { db, release } = lease();
    try {
      // In the register's order, paged by id.
      return await findingsWorkbook(db, findingPagesByIds(db, input.ids), { ...input, total: input.ids.length }, job);
    } finally {
      release();
    }
  });

  const registerSummary = handle(REGISTER_SUMMARY_JOB, async (input, { signal, progress }: JobContext) => {
    const { db, release } = lease();
    try {
      progress({ done: 0, total: input.ids.length, phase: 'reading' });
      const units = await db.orgUnits.toArray();
      // Only what the tables count is kept of each finding.
      const findings: SummaryTableFinding[] = [];
      for await (const f of findingsByIds(db, input.ids)) {
        if (signal.aborted) return err(appError('job.cancelled'));
        findings.push({
          id: f.id, ledgerNo: f.ledgerNo, orgUnitCode: f.orgUnitCode, status: f.status, deletedAt: f.deletedAt, dueDate: f.dueDate, milestoneDate: f.milestoneDate,
          category: f.category, inspectionDate: f.inspectionDate, checklistId: f.checklistId, severity: f.severity, description: f.description,
          responsibleDept: f.responsibleDept, responsiblePerson: f.responsiblePerson,
        });
        if (findings.length % 2000 === 0) progress({ done: findings.length, total: input.ids.length, phase: 'reading' });
      }
      progress({ done: 0, phase: 'workbook' });
      const tables = summaryTables(findings, units, input.asOf);
      const bytes = await summaryWorkbookBytes(tables, { title: input.title });
      return bytes.ok ? ok({ bytes: bytes.value, rows: tables.total.findings }) : bytes;
    } finally {
      release();
    }
  });

  return [sheetImport, registerExcel, registerSummary];
}
