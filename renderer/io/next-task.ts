// Yielding to the thread's task queue from a long piece of async work.

/**
 * Lets queued tasks run (a cancel message, a click, a helper worker's reply): a message round trip,
 * which, unlike setTimeout, is never clamped to 4 ms. Awaiting promises that are already settled does not
 * do this: microtasks run before any task, so a loop of them starves every message until it ends.
 */
export function nextTask(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    // addEventListener rather than onmessage: the same code then type-checks for Node (the CLI) too.
    channel.port1.addEventListener(
      'message',
      () => {
        channel.port1.close();
        resolve();
      },
      { once: true },
    );
    channel.port1.start();
    channel.port2.postMessage(null);
  });
}
