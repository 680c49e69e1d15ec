// The job protocol end to end over a MessageChannel: results, errors, progress, cancellation (polite and
// forced), crashes and transferred buffers.
import { describe, expect, it } from 'vitest';
import { appError, err, ok } from '../../../renderer/core/result';
import { defineJob, parseFromWorker, parseToWorker, transferablesOf } from '../../../renderer/workers/protocol';
import type { JobProgress } from '../../../renderer/workers/protocol';
import { runJob } from '../../../renderer/workers/run-job';
import { handle } from '../../../renderer/workers/serve-jobs';
import { fakeWorker, sleep } from './fake-worker';

const SUM = defineJob<{ numbers: number[] }, number>('test.sum');
const BYTES = defineJob<{ length: number }, Uint8Array>('test.bytes');
const FOREVER = defineJob<{ politely: boolean }, string>('test.forever');
const FAILS = defineJob<{ how: 'result' | 'throw' }, never>('test.fails');

/** Runs until cancelled, yielding to the event loop between steps as real work must. */
const forever = handle(FOREVER, async ({ politely }, { signal, progress }) => {
  for (let step = 0; ; step++) {
    if (politely && signal.aborted) return err(appError('job.cancelled'));
    progress({ done: step, phase: 'spinning' });
    await sleep(2);
  }
});

let keptBytes: Uint8Array | null = null;

const registrations = [
  handle(SUM, async ({ numbers }, { progress }) => {
    let total = 0;
    for (const [i, n] of numbers.entries()) {
      total += n;
      progress({ done: i + 1, total: numbers.length, phase: 'adding' });
    }
    progress({ done: numbers.length, total: numbers.length, phase: 'done' });
    return ok(total);
  }),
  handle(BYTES, async ({ length }) => {
    keptBytes = new Uint8Array(length).fill(7);
    return ok(keptBytes);
  }),
  forever,
  handle(FAILS, async ({ how }) => {
    if (how === 'throw') throw new TypeError('boom');
    return err(appError('test.refused', { n: 1 }, 'why'));
  }),
];

describe('runJob and serveJobs', () => {
  it('returns the result and forwards progress, throttled to one message per interval and phase', async () => {
    const worker = fakeWorker(registrations, { progressIntervalMs: 10_000 });
    const seen: JobProgress[] = [];
    const result = await runJob(worker, { job: SUM, input: { numbers: Array.from({ length: 10_000 }, (_, i) => i) } }, { onProgress: (p) => seen.push(p) });
    expect(result).toEqual({ ok: true, value: 49_995_000 });
    // 10,001 calls: the first, then only the change of phase gets through within the interval.
    expect(seen).toEqual([
      { done: 1, total: 10_000, phase: 'adding' },
      { done: 10_000, total: 10_000, phase: 'done' },
    ]);
    expect(worker.terminated).toBe(false);
  });

  it("passes the handler's own error through, and turns a throw into job.failed", async () => {
    const worker = fakeWorker(registrations);
    expect(await runJob(worker, { job: FAILS, input: { how: 'result' } })).toEqual({
      ok: false,
      error: { code: 'test.refused', params: { n: 1 }, detail: 'why' },
    });
    expect(await runJob(worker, { job: FAILS, input: { how: 'throw' } })).toEqual({
      ok: false,
      error: { code: 'job.failed', detail: 'TypeError: boom' },
    });
  });

  it('answers a job kind it does not know with job.failed', async () => {
    const worker = fakeWorker([]);
    const result = await runJob(worker, { job: SUM, input: { numbers: [] } });
    expect(result).toEqual({ ok: false, error: { code: 'job.failed', detail: 'no handler for job kind "test.sum"' } });
  });

  it('hands result bytes over instead of copying them', async () => {
    const worker = fakeWorker(registrations);
    const result = await runJob(worker, { job: BYTES, input: { length: 1024 } });
    expect(result.ok && result.value.length === 1024 && result.value.every((b) => b === 7)).toBe(true);
    // Transferred: the worker's copy is detached.
    expect(keptBytes?.byteLength).toBe(0);
  });

  it('runs several jobs on one worker at once, each answer to its own caller', async () => {
    const worker = fakeWorker(registrations);
    const [a, b, c] = await Promise.all([
      runJob(worker, { job: SUM, input: { numbers: [1, 2] } }),
      runJob(worker, { job: FAILS, input: { how: 'result' } }),
      runJob(worker, { job: SUM, input: { numbers: [40, 2] } }),
    ]);
    expect(a).toEqual({ ok: true, value: 3 });
    expect(b.ok).toBe(false);
    expect(c).toEqual({ ok: true, value: 42 });
  });

  it('cancels: the handler sees the signal and stops, and the worker is kept', async () => {
    const worker = fakeWorker(registrations);
    const controller = new AbortController();
    let progressAfterCancel = 0;
    const result = await runJob(
      worker,
      { job: FOREVER, input: { politely: true } },
      {
        signal: controller.signal,
        onProgress: (p) => {
          if (controller.signal.aborted) progressAfterCancel += 1;
          else if (p.done >= 3) controller.abort();
        },
        cancelGraceMs: 5_000,
      },
    );
    expect(result).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(progressAfterCancel).toBe(0);
    expect(worker.terminated).toBe(false);
    expect(worker.sent.map((m) => (m as { type: string }).type)).toEqual(['start', 'cancel']);
    // The worker is free for the next job.
    expect(await runJob(worker, { job: SUM, input: { numbers: [1] } })).toEqual({ ok: true, value: 1 });
  });

  it('terminates a worker that does not stop within the grace period', async () => {
    const worker = fakeWorker(registrations);
    const controller = new AbortController();
    const started = Date.now();
    const pending = runJob(worker, { job: FOREVER, input: { politely: false } }, { signal: controller.signal, cancelGraceMs: 100 });
    await sleep(20);
    controller.abort();
    const result = await pending;
    expect(result).toEqual({ ok: false, error: { code: 'job.cancelled', detail: 'the worker did not stop in time and was terminated' } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(100);
    expect(worker.terminated).toBe(true);
  });

  it('drops a result that arrives after the user cancelled', async () => {
    const LATE = defineJob<null, string>('test.late');
    const worker = fakeWorker([
      handle(LATE, async (_input, { progress }) => {
        progress({ done: 0, phase: 'working' });
        await sleep(50);
        return ok('finished anyway');
      }),
    ]);
    const controller = new AbortController();
    const result = await runJob(worker, { job: LATE, input: null }, { signal: controller.signal, onProgress: () => controller.abort() });
    expect(result).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(worker.terminated).toBe(false);
  });

  it('does not start a job whose signal has already fired', async () => {
    const worker = fakeWorker(registrations);
    const controller = new AbortController();
    controller.abort();
    expect(await runJob(worker, { job: SUM, input: { numbers: [1] } }, { signal: controller.signal })).toEqual({ ok: false, error: { code: 'job.cancelled' } });
    expect(worker.sent).toEqual([]);
  });

  it('reports a crashed worker as job.workerCrashed and terminates it', async () => {
    const worker = fakeWorker(registrations);
    const pending = runJob(worker, { job: FOREVER, input: { politely: true } });
    await sleep(10);
    worker.crash('SyntaxError: Unexpected token');
    expect(await pending).toEqual({ ok: false, error: { code: 'job.workerCrashed', detail: 'SyntaxError: Unexpected token' } });
    expect(worker.terminated).toBe(true);
  });

  it('reports an input that cannot cross threads as job.failed', async () => {
    const worker = fakeWorker(registrations);
    const input = { numbers: [1], extra: () => 1 } as unknown as { numbers: number[] };
    const result = await runJob(worker, { job: SUM, input });
    expect(result.ok ? null : result.error.code).toBe('job.failed');
  });
});

describe('protocol messages', () => {
  it('accepts only well-formed messages', () => {
    expect(parseToWorker({ type: 'start', jobId: 'j', kind: 'k', input: 1 })).toEqual({ type: 'start', jobId: 'j', kind: 'k', input: 1 });
    expect(parseToWorker({ type: 'cancel', jobId: 'j' })).toEqual({ type: 'cancel', jobId: 'j' });
    for (const bad of [null, 'start', { type: 'start', jobId: 1, kind: 'k' }, { type: 'start', jobId: 'j' }, { type: 'stop', jobId: 'j' }]) {
      expect(parseToWorker(bad)).toBeNull();
    }
    expect(parseFromWorker({ type: 'progress', jobId: 'j', progress: { done: 1, phase: 'p' } })).toEqual({ type: 'progress', jobId: 'j', progress: { done: 1, phase: 'p' } });
    expect(parseFromWorker({ type: 'error', jobId: 'j', error: { code: 'c', params: { a: 1, b: {} }, detail: 'd' } })).toEqual({
      type: 'error',
      jobId: 'j',
      error: { code: 'c', params: { a: 1 }, detail: 'd' },
    });
    for (const bad of [
      { type: 'progress', jobId: 'j', progress: { done: '1', phase: 'p' } },
      { type: 'progress', jobId: 'j', progress: { done: 1, total: 'x', phase: 'p' } },
      { type: 'error', jobId: 'j', error: { message: 'x' } },
      { type: 'result' },
    ]) {
      expect(parseFromWorker(bad)).toBeNull();
    }
  });

  it('transfers the buffers of typed-array results, once each', () => {
    const a = new Uint8Array(4);
    const b = new Uint8Array(a.buffer, 1, 2);
    expect(transferablesOf(a)).toEqual([a.buffer]);
    expect(transferablesOf({ a, b, n: 1 })).toEqual([a.buffer]);
    expect(transferablesOf('text')).toEqual([]);
    expect(transferablesOf(new Uint8Array(0))).toEqual([]);
  });
});
