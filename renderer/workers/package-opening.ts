// Opening ledger package files for head office's import, on more than one thread (issue 7).
//
// Opening a package (unzip, signature and hashes, JSON.parse and the schema, the history chains) is most
// of an import's preview and is independent per file, so the import worker opens some files itself and
// hands the others to helper workers it starts (LEDGER_OPEN_JOB, `ledger-open.worker.ts`): each opens one
// file with the very same `readLedgerPackage` and sends back what it opened (structured-cloned, about a
// tenth of what opening it costs). A helper that cannot be started or fails outside the package itself
// (crash, a reply that cannot cross threads) is never used again, and the file is opened by the import
// worker instead: a helper only ever makes an import faster, never different.
import { readLedgerPackage, type ReadLedgerPackage } from '../io/ledger-package';
import type { Result } from '../core/result';
import { platformEd25519Verify, platformEnvelope, platformSha256 } from '../platform/crypto';
import { LEDGER_OPEN_JOB } from './jobs';
import { runJob, type JobWorker } from './run-job';
import { handle, type JobRegistration } from './serve-jobs';

/** A package file's bytes → what it holds, verified, exactly as readLedgerPackage with the platform's crypto. */
export function openPackageFile(bytes: Uint8Array, password: string | null): Promise<Result<ReadLedgerPackage>> {
  return readLedgerPackage(bytes, {
    sha256: platformSha256,
    verify: platformEd25519Verify,
    ...(password === null ? {} : { password, envelope: platformEnvelope() }),
  });
}

/**
 * Opens one file somewhere else. Resolves null when it could not be done there (the helper is gone):
 * the caller opens the file itself. Never rejects.
 */
export type PackageOpener = (bytes: Uint8Array<ArrayBuffer>, password: string | null, signal: AbortSignal) => Promise<Result<ReadLedgerPackage> | null>;

/** The helper worker's side. */
export const ledgerOpenHandlers = (): JobRegistration[] => [handle(LEDGER_OPEN_JOB, (input) => openPackageFile(input.bytes, input.password))];

/**
 * An opener backed by one helper worker, started on first use and kept for the next files. A cancelled
 * file terminates the helper at once (opening has no cancellation point; a new one is started when
 * needed). A helper that fails in any other way than the package's own error is terminated and the
 * opener answers null from then on.
 */
export function helperOpener(create: () => JobWorker): PackageOpener {
  let worker: JobWorker | null = null;
  let broken = false;
  return async (bytes, password, signal) => {
    if (broken) return null;
    try {
      worker ??= create();
    } catch {
      broken = true;
      return null;
    }
    const current = worker;
    // The bytes are copied, not transferred: the caller's copy may be a view the page still uses.
    const result = await runJob(current, { job: LEDGER_OPEN_JOB, input: { bytes, password } }, { signal, cancelGraceMs: 0 });
    if (result.ok) return result;
    const code = result.error.code;
    if (code === 'job.cancelled') {
      current.terminate();
      if (worker === current) worker = null;
      return result;
    }
    if (code === 'job.workerCrashed' || code === 'job.failed') {
      broken = true;
      current.terminate();
      worker = null;
      return null;
    }
    return result;
  };
}

/** How many helpers to start beside the import worker: one per further core, at most three. */
export const helperCount = (cores: number | undefined): number => Math.max(1, Math.min(3, (cores ?? 2) - 1));
