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
import type { ReadLedgerPackage } from '../io/ledger-package';
import { sha256Hex } from '../core/hash';
import { appError, err, ok, type AppError, type Result } from '../core/result';
import { platformSha256 } from '../platform/crypto';
import { openPackageFile, type PackageOpener } from './package-opening';
import { nextTask } from '../io/next-task';
import { LEDGER_IMPORT_JOB, type LedgerImportJobOutput } from './jobs';
import { handle } from './serve-jobs';
import type { DbLease } from './ledger-export-handler';

/** A package as a preview opened it: what the file's bytes hashed to and the password it took. */
type KeptPackage = { fileSha256: string; password: string | null; opened: Omit<ImportPackage, 'fileName'> };

/**
 * `helpers`: openers on other threads (package-opening.ts) that open some of the files while this worker
 * opens the others; none in tests that do not ask for them.
 */
export function ledgerImportHandlers(lease: DbLease, helpers: readonly PackageOpener[] = []) {
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
    // What each file is, in the order given: kept from the preview, or still to be opened.
    const held: (KeptPackage | null)[] = [];
    const toOpen: { index: number; bytes: Uint8Array<ArrayBuffer> }[] = [];
    progress({ done: 0, total: input.files.length, phase: 'reading' });
    for (const [n, file] of input.files.entries()) {
      if (signal.aborted) return err(appError('job.cancelled'));
      const fileSha256 = 'previewed' in file ? file.previewed : await sha256Hex(file.bytes, platformSha256);
      fileSha256s.push(fileSha256);
      const same = previous.get(fileSha256);
      if (same !== undefined && same.password === input.password) {
        held.push(same);
        continue;
      }
      if ('previewed' in file) return err(appError('import.changed', { file: file.name }));
      held.push(null);
      toOpen.push({ index: n, bytes: file.bytes });
    }
    // The files still to be opened go to this worker and its helpers, each taking the next when done.
    const opened = new Map<number, Result<ReadLedgerPackage>>();
    let next = 0;
    const report = () => progress({ done: input.files.length - toOpen.length + opened.size, total: input.files.length, phase: 'reading' });
    const lane = async (helper: PackageOpener | null): Promise<void> => {
      let there = helper;
      for (let file = toOpen[next++]; file !== undefined && !signal.aborted; file = toOpen[next++]) {
        let result = there === null ? null : await there(file.bytes, input.password, signal);
        // A helper that is gone (null) leaves this file, and every later one it would take, to this worker.
        if (result === null) {
          there = null;
          result = await openPackageFile(file.bytes, input.password);
        }
        opened.set(file.index, result);
        report();
        // Opening a file here may never wait for a task (its awaits can all be settled promises): let the
        // helpers' replies in before the next one, or they would wait until this worker had opened the rest.
        await nextTask();
      }
    };
    // Only with more than one file to open is a helper worth starting. Each helper is given two files at a
    // time, so it has the next one while its reply waits for this worker to take it in (measured: a
    // helper given one at a time opened half as many files as this worker). The helpers are sent their
    // first files before this worker starts on its own (opening begins with a synchronous unzip).
    await Promise.all([...(toOpen.length > 1 ? helpers.flatMap((h) => [lane(h), lane(h)]) : []), lane(null)]);
    if (signal.aborted) return err(appError('job.cancelled'));
    for (const [n, file] of input.files.entries()) {
      const same = held[n];
      if (same !== null && same !== undefined) {
        packages.push({ fileName: file.name, ...same.opened });
        opening.set(same.fileSha256, same);
        continue;
      }
      const result = opened.get(n);
      const fileSha256 = fileSha256s[n];
      if (result === undefined || fileSha256 === undefined) return err(appError('job.failed', undefined, `file ${n} was not opened`));
      if (result.ok) {
        const { packageSha256, manifest, data, attachments } = result.value;
        packages.push({ fileName: file.name, packageSha256, manifest, data, attachments });
        opening.set(fileSha256, { fileSha256, password: input.password, opened: { packageSha256, manifest, data, attachments } });
      } else unreadable.push({ fileName: file.name, error: result.error });
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
