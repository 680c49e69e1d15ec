// The worker side of LEDGER_IMPORT_JOB (issue 6): every file is opened and verified (caps, envelope,
// signature, hashes, schema, chains) before the database is touched; then one transaction plans and —
// when the user has confirmed — writes every package (db/repos/ledger-import). A file that cannot be
// read is reported with its reason and never stops the others from being previewed; on confirming, a
// file that no longer reads as it did writes nothing at all.
import { runLedgerImport, type ImportPackage } from '../db/repos/ledger-import';
import { readLedgerPackage } from '../io/ledger-package';
import { appError, err, ok, type AppError, type Result } from '../core/result';
import { platformEd25519Verify, platformEnvelope, platformSha256 } from '../platform/crypto';
import { LEDGER_IMPORT_JOB, type LedgerImportJobOutput } from './jobs';
import { handle } from './serve-jobs';
import type { DbLease } from './ledger-export-handler';

export function ledgerImportHandlers(lease: DbLease) {
  const importHandler = handle(LEDGER_IMPORT_JOB, async (input, { signal, progress }): Promise<Result<LedgerImportJobOutput>> => {
    const packages: ImportPackage[] = [];
    const unreadable: { fileName: string; error: AppError }[] = [];
    for (const [n, file] of input.files.entries()) {
      if (signal.aborted) return err(appError('job.cancelled'));
      progress({ done: n, total: input.files.length, phase: 'reading' });
      const opened = await readLedgerPackage(file.bytes, {
        sha256: platformSha256,
        verify: platformEd25519Verify,
        ...(input.password === null ? {} : { password: input.password, envelope: platformEnvelope() }),
      });
      if (opened.ok) packages.push({ fileName: file.name, packageSha256: opened.value.packageSha256, manifest: opened.value.manifest, data: opened.value.data, attachments: opened.value.attachments });
      else unreadable.push({ fileName: file.name, error: opened.error });
    }
    const firstUnreadable = unreadable[0];
    if (input.decisions !== null && firstUnreadable !== undefined) return err(appError('import.changed', { file: firstUnreadable.fileName }));
    const { db, release } = lease();
    try {
      const reports = await runLedgerImport(db, packages, input.decisions, {
        actor: input.actor,
        signal,
        onProgress: (done, total, phase) => progress({ done, total, phase }),
      });
      if (!reports.ok) return reports;
      return ok({ reports: reports.value, unreadable });
    } finally {
      release();
    }
  });
  return [importHandler];
}
