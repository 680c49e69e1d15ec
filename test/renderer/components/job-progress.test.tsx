// useJob driving JobProgressModal, with the worker replaced by a MessageChannel pair: the dialog shows
// progress, its controls have names, cancel really stops the job, and each run gets its own worker.
import { act, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { memo, useState } from 'react';
import { describe, expect, it } from 'vitest';
import { JobProgressModal, percentOf } from '../../../renderer/components/JobProgressModal';
import { useJob, useJobRunner, useJobState, type JobStore } from '../../../renderer/components/use-job';
import { appError, err, ok } from '../../../renderer/core/result';
import { defineJob } from '../../../renderer/workers/protocol';
import { handle } from '../../../renderer/workers/serve-jobs';
import { fakeWorker, sleep } from '../workers/fake-worker';
import type { FakeWorker } from '../workers/fake-worker';

const COUNT = defineJob<{ to: number }, number>('test.count');

function countHandler(stopped: { value: boolean }) {
  return handle(COUNT, async ({ to }, { signal, progress }) => {
    for (let i = 0; i < to; i++) {
      if (signal.aborted) {
        stopped.value = true;
        return err(appError('job.cancelled'));
      }
      progress({ done: i, total: to, phase: 'counting' });
      await sleep(5);
    }
    return ok(to);
  });
}

function Harness({ createWorker }: { createWorker: () => FakeWorker }) {
  const job = useJob(COUNT, createWorker, { cancelGraceMs: 1000 });
  const [to, setTo] = useState(0);
  const { state } = job;
  const busy = state.status === 'running' || state.status === 'cancelling';
  return (
    <div>
      <button
        type="button"
        onClick={() => {
          setTo(1000);
          void job.run({ to: 1000 });
        }}
      >
        start
      </button>
      <button type="button" onClick={() => void job.run({ to: 3 })}>
        quick
      </button>
      <output aria-label="status">{state.status === 'done' ? `done ${state.value}` : state.status}</output>
      <JobProgressModal
        open={busy}
        title="导出整改台账"
        description={busy && state.progress ? `${state.progress.done} / ${to}` : ''}
        progress={busy ? state.progress : null}
        cancelling={state.status === 'cancelling'}
        onCancel={job.cancel}
        labels={{ cancel: 'Cancel', cancelling: 'Cancelling', progress: '导出进度' }}
      />
    </div>
  );
}

describe('useJob with JobProgressModal', () => {
  it('shows progress in a named dialog, and Cancel stops the job in the worker', async () => {
    const stopped = { value: false };
    const workers: FakeWorker[] = [];
    const createWorker = () => {
      const w = fakeWorker([countHandler(stopped)], { progressIntervalMs: 0 });
      workers.push(w);
      return w;
    };
    const user = userEvent.setup();
    render(<Harness createWorker={createWorker} />);

    await user.click(screen.getByRole('button', { name: 'start' }));
    await screen.findByRole('dialog', { name: '导出整改台账' });
    const bar = screen.getByRole('progressbar', { name: '导出进度' });
    await waitFor(() => expect(Number(bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0), { timeout: 5000 });
    expect(screen.getByTestId('job-progress-description').textContent).toMatch(/^\d+ \/ 1000$/);

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'status' }).textContent).toBe('cancelled'));
    expect(stopped.value).toBe(true);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.terminated).toBe(true);

    // A new run gets a new worker and completes.
    await user.click(screen.getByRole('button', { name: 'quick' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'status' }).textContent).toBe('done 3'));
    expect(workers).toHaveLength(2);
    expect(workers[1]!.terminated).toBe(true);
  });

  it('cancels a running job when the component goes away', async () => {
    const stopped = { value: false };
    const { unmount } = render(<Harness createWorker={() => fakeWorker([countHandler(stopped)])} />);
    await act(async () => {
      screen.getByRole('button', { name: 'start' }).click();
      await sleep(30);
    });
    unmount();
    await waitFor(() => expect(stopped.value).toBe(true));
  });

  it('reports a worker that cannot be created as failed', async () => {
    function Failing() {
      const job = useJob(COUNT, () => {
        throw new Error('blocked by CSP');
      });
      return (
        <>
          <button type="button" onClick={() => void job.run({ to: 1 })}>
            go
          </button>
          <output aria-label="status">{job.state.status === 'failed' ? `${job.state.error.code}: ${job.state.error.detail}` : job.state.status}</output>
        </>
      );
    }
    render(<Failing />);
    await userEvent.click(screen.getByRole('button', { name: 'go' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'status' }).textContent).toBe('job.workerCrashed: blocked by CSP'));
  });
});

describe('useJobRunner with useJobState', () => {
  // The page that runs the job and the bar that shows it, each counting its renders.
  const renders = { page: 0, bar: 0 };
  const Bar = memo(function Bar({ store }: { store: JobStore<number> }) {
    renders.bar++;
    const state = useJobState(store);
    return <output aria-label="bar">{state.status === 'running' && state.progress ? `${state.progress.done}` : state.status}</output>;
  });
  function Page({ createWorker }: { createWorker: () => FakeWorker }) {
    renders.page++;
    const job = useJobRunner(COUNT, createWorker);
    const running = useJobState(job.store, (s) => s.status === 'running');
    return (
      <div>
        <button type="button" disabled={running} onClick={() => void job.run({ to: 20 })}>
          start
        </button>
        <Bar store={job.store} />
      </div>
    );
  }

  it('renders the page when the status changes, not on every progress message', async () => {
    renders.page = 0;
    renders.bar = 0;
    const workers: FakeWorker[] = [];
    render(
      <Page
        createWorker={() => {
          const w = fakeWorker([countHandler({ value: false })], { progressIntervalMs: 0 });
          workers.push(w);
          return w;
        }}
      />,
    );
    const pageBefore = renders.page;
    await userEvent.click(screen.getByRole('button', { name: 'start' }));
    await waitFor(() => expect(screen.getByRole('status', { name: 'bar' }).textContent).toBe('done'), { timeout: 20_000 });
    // The bar showed the progress messages; the page rendered for running and for done only.
    expect(renders.bar).toBeGreaterThan(10);
    expect(renders.page - pageBefore).toBe(2);
    expect(screen.getByRole('button', { name: 'start' })).toBeEnabled();
    expect(workers[0]!.terminated).toBe(true);
  });
});

describe('percentOf', () => {
  it('is a whole percentage of a known total, else 0', () => {
    expect(percentOf(null)).toBe(0);
    expect(percentOf({ done: 5, phase: 'p' })).toBe(0);
    expect(percentOf({ done: 1, total: 3, phase: 'p' })).toBe(33);
    expect(percentOf({ done: 9, total: 0, phase: 'p' })).toBe(0);
    expect(percentOf({ done: 11, total: 10, phase: 'p' })).toBe(100);
  });
});
