// The messages between the UI thread and a job worker (export, import: long work off the UI thread).
// The UI starts a job and may cancel it; the worker answers with progress, then exactly one result or
// error. A job is named by a JobType, which also carries its input and output types, so the caller
// (runJob) and the worker (serveJobs) are checked against the same definition.
import type { AppError } from '../core/result';

export type JobProgress = {
  done: number;
  /** Absent when the amount of work is not known in advance. */
  total?: number;
  /** What the job is doing now, e.g. 'rows', 'finishing'; the UI maps it to a translated label. */
  phase: string;
};

/** A job's name; the input and output types ride along only in the type system. */
export type JobType<I, O> = {
  readonly kind: string;
  // Never set: makes JobType contravariant in I and covariant in O, so mismatched handlers do not type-check.
  readonly types?: (input: I) => O;
};

export const defineJob = <I, O>(kind: string): JobType<I, O> => ({ kind });

export type ToWorker =
  | { type: 'start'; jobId: string; kind: string; input: unknown }
  | { type: 'cancel'; jobId: string };

export type FromWorker =
  | { type: 'progress'; jobId: string; progress: JobProgress }
  | { type: 'result'; jobId: string; value: unknown }
  | { type: 'error'; jobId: string; error: AppError };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

// Both ends are our own code, but a message is still `unknown` until its shape is checked (STYLE §1):
// a page may host other message traffic, and a bad message must be ignored, not crash the job.

export function parseToWorker(data: unknown): ToWorker | null {
  if (!isRecord(data) || typeof data.jobId !== 'string') return null;
  if (data.type === 'start' && typeof data.kind === 'string') return { type: 'start', jobId: data.jobId, kind: data.kind, input: data.input };
  if (data.type === 'cancel') return { type: 'cancel', jobId: data.jobId };
  return null;
}

function parseProgress(data: unknown): JobProgress | null {
  if (!isRecord(data) || typeof data.done !== 'number' || typeof data.phase !== 'string') return null;
  if (data.total !== undefined && typeof data.total !== 'number') return null;
  return data.total === undefined ? { done: data.done, phase: data.phase } : { done: data.done, total: data.total, phase: data.phase };
}

function parseAppError(data: unknown): AppError | null {
  if (!isRecord(data) || typeof data.code !== 'string') return null;
  const error: AppError = { code: data.code };
  if (isRecord(data.params)) {
    const params: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(data.params)) if (typeof v === 'string' || typeof v === 'number') params[k] = v;
    error.params = params;
  }
  if (typeof data.detail === 'string') error.detail = data.detail;
  return error;
}

export function parseFromWorker(data: unknown): FromWorker | null {
  if (!isRecord(data) || typeof data.jobId !== 'string') return null;
  switch (data.type) {
    case 'progress': {
      const progress = parseProgress(data.progress);
      return progress && { type: 'progress', jobId: data.jobId, progress };
    }
    case 'result':
      return { type: 'result', jobId: data.jobId, value: data.value };
    case 'error': {
      const error = parseAppError(data.error);
      return error && { type: 'error', jobId: data.jobId, error };
    }
    default:
      return null;
  }
}

/**
 * The buffers of a result to hand over instead of copying: the value itself if it is a typed array, or
 * the typed arrays among its own properties. Views on a SharedArrayBuffer are left to be copied.
 */
export function transferablesOf(value: unknown): ArrayBuffer[] {
  const found = new Set<ArrayBuffer>();
  const add = (v: unknown): void => {
    if (ArrayBuffer.isView(v) && v.buffer instanceof ArrayBuffer && v.buffer.byteLength > 0) found.add(v.buffer);
    else if (v instanceof ArrayBuffer && v.byteLength > 0) found.add(v);
  };
  add(value);
  if (isRecord(value) && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) Object.values(value).forEach(add);
  return [...found];
}
