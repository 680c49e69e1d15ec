// Runs a worker job from a component: a fresh worker per run (terminated afterwards, so a finished export
// leaves no thread and no memory behind), its state for JobProgressModal, and cancel. Unmounting
// cancels a job still running.
import { useCallback, useEffect, useRef, useState } from 'react';
import { appError, err } from '../core/result';
import type { AppError, Result } from '../core/result';
import { runJob } from '../workers/run-job';
import type { JobWorker } from '../workers/run-job';
import type { JobProgress, JobType } from '../workers/protocol';

export type JobState<O> =
  | { status: 'idle' }
  | { status: 'running'; progress: JobProgress | null }
  | { status: 'cancelling'; progress: JobProgress | null }
  | { status: 'done'; value: O }
  | { status: 'failed'; error: AppError }
  | { status: 'cancelled' };

export type UseJob<I, O> = {
  state: JobState<O>;
  /** Starts a run (cancelling one still running) and resolves with its result. */
  run(input: I, transfer?: Transferable[]): Promise<Result<O>>;
  cancel(): void;
  /** Back to idle, e.g. when the dialog showing the outcome closes. */
  reset(): void;
};

export function useJob<I, O>(job: JobType<I, O>, createWorker: () => JobWorker, options: { cancelGraceMs?: number } = {}): UseJob<I, O> {
  const [state, setState] = useState<JobState<O>>({ status: 'idle' });
  const current = useRef<AbortController | null>(null);
  const mounted = useRef(true);
  const { cancelGraceMs } = options;

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      current.current?.abort();
    };
  }, []);

  const run = useCallback(
    async (input: I, transfer?: Transferable[]): Promise<Result<O>> => {
      current.current?.abort();
      const controller = new AbortController();
      current.current = controller;
      // Only the latest run may update the state: an earlier one still settling must not overwrite it.
      const update = (next: JobState<O>): void => {
        if (mounted.current && current.current === controller) setState(next);
      };
      update({ status: 'running', progress: null });
      let worker: JobWorker;
      try {
        worker = createWorker();
      } catch (error) {
        const failure = appError('job.workerCrashed', undefined, error instanceof Error ? error.message : String(error));
        update({ status: 'failed', error: failure });
        return err(failure);
      }
      try {
        const result = await runJob(worker, { job, input, ...(transfer ? { transfer } : {}) }, {
          signal: controller.signal,
          onProgress: (progress) => update({ status: controller.signal.aborted ? 'cancelling' : 'running', progress }),
          ...(cancelGraceMs !== undefined ? { cancelGraceMs } : {}),
        });
        if (result.ok) update({ status: 'done', value: result.value });
        else if (result.error.code === 'job.cancelled') update({ status: 'cancelled' });
        else update({ status: 'failed', error: result.error });
        return result;
      } finally {
        worker.terminate();
        if (current.current === controller) current.current = null;
      }
    },
    [job, createWorker, cancelGraceMs],
  );

  const cancel = useCallback(() => {
    const controller = current.current;
    if (!controller || controller.signal.aborted) return;
    controller.abort();
    setState((s) => (s.status === 'running' ? { status: 'cancelling', progress: s.progress } : s));
  }, []);

  const reset = useCallback(() => {
    current.current?.abort();
    current.current = null;
    setState({ status: 'idle' });
  }, []);

  return { state, run, cancel, reset };
}
