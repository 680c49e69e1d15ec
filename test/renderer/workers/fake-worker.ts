// A worker without a thread: serveJobs on one end of a MessageChannel, runJob on the other. Messages
// still go through structured cloning and transfer, as they would between a page and a Worker.
import { serveJobs } from '../../../renderer/workers/serve-jobs';
import type { JobRegistration, JobScope, ServeOptions } from '../../../renderer/workers/serve-jobs';
import type { JobWorker } from '../../../renderer/workers/run-job';

export type FakeWorker = JobWorker & {
  terminated: boolean;
  /** Everything the UI side posted, in order. */
  sent: unknown[];
  /** Raises an 'error' event, as a worker that failed to load or threw outside a job does. */
  crash(message: string): void;
};

export function fakeWorker(registrations: readonly JobRegistration[], options: ServeOptions = {}): FakeWorker {
  const channel = new MessageChannel();
  const inside = new EventTarget();
  const outside = new EventTarget();
  channel.port2.onmessage = (event) => inside.dispatchEvent(new MessageEvent('message', { data: event.data }));
  channel.port1.onmessage = (event) => outside.dispatchEvent(new MessageEvent('message', { data: event.data }));

  const scope: JobScope = {
    postMessage: (message, { transfer }) => channel.port2.postMessage(message, transfer),
    addEventListener: (type, listener) => inside.addEventListener(type, listener as EventListener),
    removeEventListener: (type, listener) => inside.removeEventListener(type, listener as EventListener),
  };
  serveJobs(registrations, scope, options);

  const worker: FakeWorker = {
    terminated: false,
    sent: [],
    postMessage(message, { transfer }) {
      if (worker.terminated) return;
      worker.sent.push(message);
      channel.port1.postMessage(message, transfer);
    },
    addEventListener: (type, listener) => outside.addEventListener(type, listener),
    removeEventListener: (type, listener) => outside.removeEventListener(type, listener),
    terminate() {
      worker.terminated = true;
      channel.port1.close();
      channel.port2.close();
    },
    crash(message) {
      const event = new Event('error', { cancelable: true });
      Object.defineProperty(event, 'message', { value: message });
      outside.dispatchEvent(event);
    },
  };
  return worker;
}

export const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
