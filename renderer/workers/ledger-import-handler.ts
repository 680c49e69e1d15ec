// The worker side of LEDGER_IMPORT_JOB (issue 6): every file is opened and verified (caps, envelope,
// signature, hashes, schema, chains) before the database is touched; then one transaction plans and —
// when the user has confirmed — writes every package (db/repos/ledger-import). A file that cannot be
// read is reported with its reason and never stops the others from being previewed; on confirming, a
// file that no longer reads as it did writes nothing at all.
//
// The page keeps one worker from the preview to the confirmation (issue 7): what the preview opened and
// verified is kept here, by the SHA-256 of the file's exact bytes and the password it was opened with,
// so confirming the very same bytes does not unzip, verify and parse them again. Any other bytes (or
// password) are opened afresh, exactly as before. Confirming, or a newer preview, replaces what is kept.
// A confirmation may send, instead of a file's bytes, the SHA-256 the preview returned for them: it is
// taken only when this worker holds what it names under the same password, and refused otherwise.
// The preview's merge plans are kept too: the confirmation writes them when the database has not changed
// since (runLedgerImport checks, in its transaction) instead of planning every package again.
import { runLedgerImport, type ImportPackage, type KeptPlan } from '../db/repos/ledger-import';
import { readLedgerPackage } from '../io/ledger-package';
import { sha256Hex } from '../core/hash';
import { appError, err, ok, type AppError, type Result } from '../core/result';
import { platformEd25519Verify, platformEnvelope, platformSha256 } from '../platform/crypto';
import { LEDGER_IMPORT_JOB, type LedgerImportJobOutput } from './jobs';
import { handle } from './serve-jobs';
import type { DbLease } from './ledger-export-handler';

/** A package as a preview opened it: what the file's bytes hashed to and the password it took. */
type KeptPackage = { fileSha256: string; password: string | null; opened: Omit<ImportPackage, 'fileName'> };

export function ledgerImportHandlers(lease: DbLease) {
  let kept = new Map<string, KeptPackage>();
  let keptPlan: KeptPlan | null = null;
  const importHandler = handle(LEDGER_IMPORT_JOB, async (input, { signal, progress }): Promise<Result<LedgerImportJobOutput>> => {
    const previous = kept;
    const previousPlan = keptPlan;
    // Whatever happens, nothing opened or planned before this job is used after it.
    kept = new Map();
    keptPlan = null;
    let planned: KeptPlan | null = null;
    const opening = new Map<string, KeptPackage>();
    const packages: ImportPackage[] = [];
    const unreadable: { fileName: string; error: AppError }[] = [];
    const fileSha256s: string[] = [];
    for (const [n, file] of input.files.entries()) {
      if (signal.aborted) return err(appError('job.cancelled'));
      progress({ done: n, total: input.files.length, phase: 'reading' });
      const fileSha256 = 'previewed' in file ? file.previewed : await sha256Hex(file.bytes, platformSha256);
      fileSha256s.push(fileSha256);
      const same = previous.get(fileSha256);
      if (same !== undefined && same.password === input.password) {
        packages.push({ fileName: file.name, ...same.opened });
        opening.set(fileSha256, same);
        continue;
      }
      if ('previewed' in file) return err(appError('import.changed', { file: file.name }));
      const opened = await readLedgerPackage(file.bytes, {
        sha256: platformSha256,
        verify: platformEd25519Verify,
        ...(input.password === null ? {} : { password: input.password, envelope: platformEnvelope() }),
      });
      if (opened.ok) {
        const { packageSha256, manifest, data, attachments } = opened.value;
        packages.push({ fileName: file.name, packageSha256, manifest, data, attachments });
        opening.set(fileSha256, { fileSha256, password: input.password, opened: { packageSha256, manifest, data, attachments } });
      } else unreadable.push({ fileName: file.name, error: opened.error });
    }
    const firstUnreadable = unreadable[0];
    if (input.decisions !== null && firstUnreadable !== undefined) return err(appError('import.changed', { file: firstUnreadable.fileName }));
    const { db, release } = lease();
    try {
      const reports = await runLedgerImport(db, packages, input.decisions, {
        actor: input.actor,
        signal,
        onProgress: (done, total, phase) => progress({ done, total, phase }),
        // Only with the packages it was planned for, opened with the same password (a plan names them by the package's SHA-256).
        kept: input.decisions === null ? null : previousPlan,
        onKept: (plan) => {
          planned = plan;
        },
      });
      if (!reports.ok) return reports;
      // Only a preview's packages and plans are kept, for its confirmation.
      if (input.decisions === null && !signal.aborted) {
        kept = opening;
        keptPlan = planned;
      }
      // A confirmation's reports without their per-unit rows (LedgerImportJobOutput says why).
      const shown = input.decisions === null ? reports.value : reports.value.map((r) => ({ ...r, byUnit: [], unitNames: {} }));
      return ok({ reports: shown, unreadable, fileSha256: fileSha256s });
    } finally {
      release();
    }
  });
  return [importHandler];
}
