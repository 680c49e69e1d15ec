// The worker side of the job protocol: runs the registered handler for each 'start', gives it an
// AbortSignal that a 'cancel' fires, forwards its progress (throttled: a handler may report every row),
// and posts exactly one result or error per job, handing result buffers over instead of copying them.
import { appError, err } from '../core/result';
import type { Result } from '../core/result';
import { parseToWorker, transferablesOf } from './protocol';
import type { FromWorker, JobProgress, JobType } from './protocol';

export type JobContext = {
  /** Fires when the UI cancels: stop soon and return (any result is then dropped). */
  signal: AbortSignal;
  progress(progress: JobProgress): void;
};

export type JobHandler<I, O> = (input: I, context: JobContext) => Promise<Result<O>>;

/** A handler bound to its job type; build with `handle`. */
export type JobRegistration = {
  kind: string;
  run: (input: unknown, context: JobContext) => Promise<Result<unknown>>;
};

/** Where the worker listens and answers: the worker's global scope, or a MessagePort in tests. */
export type JobScope = {
  postMessage(message: FromWorker, options: { transfer: Transferable[] }): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
  removeEventListener(type: 'message', listener: (event: MessageEvent<unknown>) => void): void;
};

export type ServeOptions = {
  /** Progress is posted at most this often (a phase change is always posted); default 50 ms. */
  progressIntervalMs?: number;
  now?: () => number;
};

// The input crossed a thread boundary from our own UI code, which runJob type-checked against the same JobType.
export const handle = <I, O>(job: JobType<I, O>, handler: JobHandler<I, O>): JobRegistration => ({
  kind: job.kind,
  run: (input, context) => handler(input as I, context),
});

/** Starts answering job requests on `scope`; returns a function that stops listening. */
export function serveJobs(registrations: readonly JobRegistration[], scope: JobScope, options: ServeOptions = {}): () => void {
  const handlers = new Map(registrations.map((r) => [r.kind, r.run]));
  const running = new Map<string, AbortController>();
  const interval = options.progressIntervalMs ?? 50;
  const now = options.now ?? (() => performance.now());

  const post = (message: FromWorker, transfer: Transferable[] = []): void => {
    try {
      scope.postMessage(message, { transfer });
    } catch (error) {
      // The value could not be cloned: say so instead of leaving the UI waiting for ever.
      scope.postMessage({ type: 'error', jobId: message.jobId, error: appError('job.failed', undefined, describe(error)) }, { transfer: [] });
    }
  };

  async function start(jobId: string, kind: string, input: unknown): Promise<void> {
    const run = handlers.get(kind);
    if (!run) {
      post({ type: 'error', jobId, error: appError('job.failed', undefined, `no handler for job kind "${kind}"`) });
      return;
    }
    const controller = new AbortController();
    running.set(jobId, controller);
    let lastPhase: string | null = null;
    let lastAt = -Infinity;
    const progress = (p: JobProgress): void => {
      if (controller.signal.aborted) return;
      const at = now();
      if (p.phase === lastPhase && at - lastAt < interval) return;
      lastPhase = p.phase;
      lastAt = at;
      post({ type: 'progress', jobId, progress: p });
    };

    let result: Result<unknown>;
    try {
      result = await run(input, { signal: controller.signal, progress });
    } catch (error) {
      result = err(appError('job.failed', undefined, describe(error)));
    } finally {
      running.delete(jobId);
    }
    if (controller.signal.aborted) post({ type: 'error', jobId, error: appError('job.cancelled') });
    else if (result.ok) post({ type: 'result', jobId, value: result.value }, transferablesOf(result.value));
    else post({ type: 'error', jobId, error: result.error });
  }

  const onMessage = (event: MessageEvent<unknown>): void => {
    const message = parseToWorker(event.data);
    if (message === null) return;
    if (message.type === 'start') void start(message.jobId, message.kind, message.input);
    else running.get(message.jobId)?.abort();
  };
  scope.addEventListener('message', onMessage);
  return () => scope.removeEventListener('message', onMessage);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
