// Runs a worker job from a component: a fresh worker per run (terminated afterwards, so a finished export
// leaves no thread and no memory behind), its state for JobProgressModal, and cancel. Unmounting
// cancels a job still running. useJobRunner keeps the state in a store instead, for pages where only a
// small progress component should render on every progress message (useJobState).
import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
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

export type UseJob<I, O> = JobRunner<I, O> & {
  state: JobState<O>;
};

/** A job's state outside React's: components that show it subscribe, the one that runs it need not. */
export type JobStore<O> = {
  get(): JobState<O>;
  subscribe(listener: () => void): () => void;
};

/** Runs and stops a job; its state is in `store`, so running it does not render the caller again. */
export type JobRunner<I, O> = {
  store: JobStore<O>;
  /** Starts a run (cancelling one still running) and resolves with its result. */
  run(input: I, transfer?: Transferable[]): Promise<Result<O>>;
  cancel(): void;
  /** Back to idle, e.g. when the dialog showing the outcome closes. */
  reset(): void;
};

type WritableJobStore<O> = JobStore<O> & { set(next: JobState<O> | ((s: JobState<O>) => JobState<O>)): void };

function jobStore<O>(): WritableJobStore<O> {
  let state: JobState<O> = { status: 'idle' };
  const listeners = new Set<() => void>();
  return {
    get: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    set(next) {
      const value = typeof next === 'function' ? next(state) : next;
      if (value === state) return;
      state = value;
      for (const l of listeners) l();
    },
  };
}

/**
 * A job's state, or a part of it (`select` must return the same value for the same state, e.g. the
 * status): the calling component renders again only when that changes. A page whose job reports
 * progress many times a second keeps the bar in a small component of its own that calls this.
 */
export function useJobState<O>(store: JobStore<O>): JobState<O>;
export function useJobState<O, T>(store: JobStore<O>, select: (state: JobState<O>) => T): T;
export function useJobState<O, T>(store: JobStore<O>, select?: (state: JobState<O>) => T): JobState<O> | T {
  const snapshot = (): JobState<O> | T => (select ? select(store.get()) : store.get());
  return useSyncExternalStore(store.subscribe, snapshot, snapshot);
}

/** useJob with the state in a store: the caller renders only when it subscribes (useJobState). */
export function useJobRunner<I, O>(job: JobType<I, O>, createWorker: () => JobWorker, options: { cancelGraceMs?: number } = {}): JobRunner<I, O> {
  const [store] = useState(jobStore<O>);
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
        if (mounted.current && current.current === controller) store.set(next);
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
        else {
          // What the message cannot say (the browser's own error, e.g. QuotaExceededError): for support, in the console.
          if (result.error.detail !== undefined) console.warn(`${job.kind}: ${result.error.code}: ${result.error.detail}`);
          update({ status: 'failed', error: result.error });
        }
        return result;
      } finally {
        worker.terminate();
        if (current.current === controller) current.current = null;
      }
    },
    [job, createWorker, cancelGraceMs, store],
  );

  const cancel = useCallback(() => {
    const controller = current.current;
    if (!controller || controller.signal.aborted) return;
    controller.abort();
    store.set((s) => (s.status === 'running' ? { status: 'cancelling', progress: s.progress } : s));
  }, [store]);

  const reset = useCallback(() => {
    current.current?.abort();
    current.current = null;
    store.set({ status: 'idle' });
  }, [store]);

  return useMemo(() => ({ store, run, cancel, reset }), [store, run, cancel, reset]);
}

export function useJob<I, O>(job: JobType<I, O>, createWorker: () => JobWorker, options: { cancelGraceMs?: number } = {}): UseJob<I, O> {
  const runner = useJobRunner(job, createWorker, options);
  const state = useJobState(runner.store);
  return { ...runner, state };
}
