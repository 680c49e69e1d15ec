// The worker side of the ledger exports (issue 5): the worker opens the database itself, so no record
// crosses the thread boundary; only the finished file comes back. A package is read back and verified
// exactly as head office will before it is offered for saving: a package that would be refused is
// never written.
import type { XbDb } from '../db/db';
import type { FindingRow } from '../db/types';
import { attachmentBytes, findingPages, planLedgerExport } from '../db/repos/ledger-export';
import { nowIso } from '../db/clock';
import { sheetRows, toSheetRow, type LedgerSheetRow, type SheetContext } from '../core/ledger/sheet-rows';
import { ledgerPackageName, type LedgerAttachmentFile } from '../core/ledger/package';
import { sha256Hex } from '../core/hash';
import { appError, err, ok, type Result } from '../core/result';
import { ledgerWorkbookBytes } from '../io/ledger-workbook';
import { readLedgerPackage, writeLedgerPackage } from '../io/ledger-package';
import { ed25519Signer, platformEd25519Verify, platformEnvelope, platformSha256 } from '../platform/crypto';
import { LEDGER_EXCEL_JOB, LEDGER_PACKAGE_JOB } from './jobs';
import { handle, type JobContext } from './serve-jobs';

const cancelled = (): Result<never> => err(appError('job.cancelled'));


const unitsContext = (data: { orgUnits: { code: string; name: string }[]; inspections: { id: string; kind: 'self' | 'superior' | 'audit' | 'regulator'; checklistTitle: string; checklistVersion: string }[] }, asOf: string): SheetContext => ({
  unitsByCode: new Map(data.orgUnits.map((u) => [u.code, u])),
  inspectionsById: new Map(data.inspections.map((i) => [i.id, i])),
  asOf,
});

/** What every 整改台账 row needs besides its finding: unit names and inspections, read in one transaction. */
export async function readSheetContext(db: XbDb, asOf: string): Promise<SheetContext> {
  const [orgUnits, inspections] = await db.transaction('r', [db.orgUnits, db.inspections], () => Promise.all([db.orgUnits.toArray(), db.inspections.toArray()]));
  return unitsContext({ orgUnits, inspections }, asOf);
}

/**
 * The 整改台账 workbook of the live findings `pages` yields, in its order, streamed: the source pages them
 * out of the database, so 100,000 of them never sit in memory at once. The sheet context and `total`
 * (for the progress bar) are read while the source reads its first page: a source that starts reading
 * when made (findingPages) has its first rows by the time they are. Progress: 'reading', 'workbook'.
 */
export async function findingsWorkbook(
  db: XbDb,
  pages: AsyncIterable<readonly FindingRow[]>,
  options: { asOf: string; title: string; total: number | Promise<number> },
  { signal, progress }: JobContext,
): Promise<Result<{ bytes: Uint8Array<ArrayBuffer>; rows: number }>> {
  progress({ done: 0, phase: 'reading' });
  const [context, total] = await Promise.all([readSheetContext(db, options.asOf), options.total]);
  if (signal.aborted) return cancelled();
  let written = 0;
  async function* sheetPages(): AsyncGenerator<LedgerSheetRow[]> {
    for await (const page of pages) {
      const rows: LedgerSheetRow[] = [];
      for (const f of page) if (f.deletedAt === null) rows.push(toSheetRow(f, context));
      written += rows.length;
      yield rows;
    }
  }
  const bytes = await ledgerWorkbookBytes(
    { pages: sheetPages() },
    {
      asOf: options.asOf,
      title: options.title,
      signal,
      onProgress: (done) => progress({ done, total, phase: 'workbook' }),
    },
  );
  return bytes.ok ? ok({ bytes: bytes.value, rows: written }) : bytes;
}

/** How a job gets the database and gives it back (the worker opens and closes its own; tests share one). */
export type DbLease = () => { db: XbDb; release: () => void };

export function ledgerExportHandlers(lease: DbLease) {
  const packageHandler = handle(LEDGER_PACKAGE_JOB, async (input, { signal, progress }: JobContext) => {
    const { db, release } = lease();
    try {
      progress({ done: 0, phase: 'reading' });
      const plan = await planLedgerExport(db, input.request);
      if (!plan.ok) return plan;
      if (signal.aborted) return cancelled();
      const { data } = plan.value;

      const rows = sheetRows(data.findings, unitsContext(data, input.asOf));
      const workbook = await ledgerWorkbookBytes(rows, {
        asOf: input.asOf,
        title: `${plan.value.orgUnit.name} 整改台账`,
        signal,
        onProgress: (done) => progress({ done, total: rows.length, phase: 'workbook' }),
      });
      if (!workbook.ok) return workbook;

      const files: LedgerAttachmentFile[] = [];
      if (input.includeAttachments) {
        for (const [n, record] of data.attachments.entries()) {
          if (signal.aborted) return cancelled();
          progress({ done: n, total: data.attachments.length, phase: 'attachments' });
          const bytes = await attachmentBytes(db, record.id);
          // Stored evidence is named by its sha256: a file that no longer matches is damaged, not evidence.
          if (bytes === null || (await sha256Hex(bytes, platformSha256)) !== record.id) return err(appError('ledger.attachmentDamaged', { name: record.name }));
          files.push({ record, bytes });
        }
      }
      if (signal.aborted) return cancelled();

      progress({ done: 0, phase: 'signing' });
      const exportedAt = nowIso();
      const protection = input.password === null ? null : { password: input.password, envelope: platformEnvelope() };
      const written = await writeLedgerPackage(
        {
          data,
          attachmentFiles: files,
          attachmentsIncluded: input.includeAttachments,
          workbook: workbook.value,
          orgUnit: plan.value.orgUnit,
          device: plan.value.device,
          seq: plan.value.seq,
          prevPackageSha256: plan.value.prevPackageSha256,
          scope: plan.value.scope,
          checklists: plan.value.checklists,
          auditHead: plan.value.auditHead,
          exportedAt,
          exportedBy: plan.value.exportedBy,
          asOf: input.asOf,
          generator: input.generator,
          sha256: platformSha256,
          sign: ed25519Signer(plan.value.privateKey),
        },
        protection,
      );
      if (!written.ok) return written;
      if (signal.aborted) return cancelled();

      progress({ done: 0, phase: 'checking' });
      const check = await readLedgerPackage(written.value.bytes, {
        sha256: platformSha256,
        verify: platformEd25519Verify,
        ...(input.password === null ? {} : { password: input.password, envelope: platformEnvelope() }),
      });
      if (!check.ok) return err(appError('ledger.selfCheckFailed', { code: check.error.code }, check.error.detail));

      const { manifest } = written.value;
      const fileName = manifest.scope.kind === 'return' ? ledgerPackageName(manifest.scope.unitCode, input.asOf, manifest.seq, 'return') : ledgerPackageName(manifest.orgUnit.code, input.asOf, manifest.seq);
      const bytes = new Uint8Array(written.value.bytes.byteLength);
      bytes.set(written.value.bytes);
      return ok({
        bytes,
        fileName,
        synced: plan.value.synced,
        row: {
          seq: manifest.seq,
          packageSha256: written.value.packageSha256,
          fileName,
          exportedAt,
          exportedBy: manifest.exportedBy,
          scope: manifest.scope,
          chainHeads: plan.value.chainHeads,
          auditHead: manifest.auditHead,
          counts: manifest.counts,
          attachmentsIncluded: manifest.attachmentsIncluded,
          sealed: input.password !== null,
        },
      });
    } finally {
      release();
    }
  });

  const excelHandler = handle(LEDGER_EXCEL_JOB, async (input, job: JobContext) => {
    const { db, release } = lease();
    try {
      // In ledger-number order, a page at a time; the first page is asked for now, before the count
      // and the sheet context, so the three reads are sent together.
      const pages = findingPages(db);
      // For the progress bar only: every finding stored, counted on the primary key. Counting the live
      // ones read and decoded every finding once more before the export itself read them; the bar may
      // now end a little short of full when some findings are voided.
      return await findingsWorkbook(db, pages, { ...input, total: db.findings.count() }, job);
    } finally {
      release();
    }
  });

  return [packageHandler, excelHandler];
}
