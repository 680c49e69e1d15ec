// The UI-thread side of the job protocol: start a job on a worker, follow its progress, cancel it.
// Cancelling asks the worker to stop (its handler sees an AbortSignal); a worker that has not answered
// within the grace period is terminated, so a stuck job can never keep the CPU or the file busy.
import { appError, err, ok } from '../core/result';
import type { Result } from '../core/result';
import { parseFromWorker } from './protocol';
import type { JobProgress, JobType, ToWorker } from './protocol';

/** What runJob needs of a Worker (a DOM Worker fits; tests use a MessagePort). */
export type JobWorker = {
  postMessage(message: ToWorker, options: { transfer: Transferable[] }): void;
  addEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  removeEventListener(type: 'message' | 'messageerror' | 'error', listener: (event: Event) => void): void;
  terminate(): void;
};

export type JobRequest<I, O> = {
  job: JobType<I, O>;
  input: I;
  /** Buffers in `input` to hand over instead of copying (they become unusable on this side). */
  transfer?: Transferable[];
};

export type RunJobOptions = {
  onProgress?: (progress: JobProgress) => void;
  signal?: AbortSignal;
  /** How long a cancelled job may take to stop before its worker is terminated; default 2 s. */
  cancelGraceMs?: number;
};

export const DEFAULT_CANCEL_GRACE_MS = 2000;

let lastJobId = 0;

/**
 * Runs one job and resolves with its result; never rejects. The worker may run other jobs at the same
 * time; messages are matched by job id. After a crash or a forced stop the worker is terminated, and the
 * caller needs a new one.
 *
 * Errors: the handler's own AppError; job.cancelled (detail set when the worker had to be terminated);
 * job.workerCrashed {detail} (the worker failed to load or threw outside a job); job.failed {detail}
 * (the request or the reply could not be passed between threads).
 */
export function runJob<I, O>(worker: JobWorker, request: JobRequest<I, O>, options: RunJobOptions = {}): Promise<Result<O>> {
  const { signal, onProgress } = options;
  lastJobId += 1;
  const jobId = `job-${lastJobId}`;

  return new Promise<Result<O>>((resolve) => {
    let settled = false;
    let cancelling = false;
    let graceTimer: ReturnType<typeof setTimeout> | undefined;

    const finish = (result: Result<O>, terminate = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      worker.removeEventListener('message', onMessage);
      worker.removeEventListener('messageerror', onMessageError);
      worker.removeEventListener('error', onError);
      signal?.removeEventListener('abort', onAbort);
      if (terminate) worker.terminate();
      resolve(result);
    };

    function onMessage(event: Event): void {
      const message = parseFromWorker((event as MessageEvent<unknown>).data);
      if (message === null || message.jobId !== jobId) return;
      if (message.type === 'progress') {
        if (!cancelling) onProgress?.(message.progress);
        return;
      }
      // Once the user has cancelled, a late result is dropped: they asked for nothing to happen.
      if (cancelling) finish(err(appError('job.cancelled')));
      else if (message.type === 'result') finish(ok(message.value as O));
      else finish(err(message.error));
    }

    function onMessageError(): void {
      finish(err(appError('job.failed', undefined, 'a reply from the worker could not be deserialised')), true);
    }

    function onError(event: Event): void {
      const message = 'message' in event ? event.message : undefined;
      const detail = typeof message === 'string' && message !== '' ? message : 'the worker failed';
      event.preventDefault();
      finish(err(appError('job.workerCrashed', undefined, detail)), true);
    }

    function onAbort(): void {
      if (settled || cancelling) return;
      cancelling = true;
      post({ type: 'cancel', jobId });
      graceTimer = setTimeout(() => {
        finish(err(appError('job.cancelled', undefined, 'the worker did not stop in time and was terminated')), true);
      }, options.cancelGraceMs ?? DEFAULT_CANCEL_GRACE_MS);
    }

    function post(message: ToWorker, transfer: Transferable[] = []): boolean {
      try {
        worker.postMessage(message, { transfer });
        return true;
      } catch (error) {
        // DataCloneError: the input holds something that cannot cross threads (a function, a DOM node).
        finish(err(appError('job.failed', undefined, error instanceof Error ? `${error.name}: ${error.message}` : String(error))));
        return false;
      }
    }

    if (signal?.aborted) {
      finish(err(appError('job.cancelled')));
      return;
    }
    worker.addEventListener('message', onMessage);
    worker.addEventListener('messageerror', onMessageError);
    worker.addEventListener('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    post({ type: 'start', jobId, kind: request.job.kind, input: request.input }, request.transfer);
  });
}
