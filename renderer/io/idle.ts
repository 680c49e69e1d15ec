// Waiting for the page: work done while it is idle, a slice at a time (the register's search text and
// cache, the dashboard's figures ahead of 统计看板), and the next drawn frame. Outside a browser (Node,
// older engines) a timer stands in.

/** Time left in the current idle period, in ms. */
export type IdleLeft = () => number;

/**
 * Runs `work` when the page is idle, with the time left in that idle period (a timer where there is no
 * requestIdleCallback, Node and older engines: a few ms from when it fires).
 */
export const whenIdle = (work: (left: IdleLeft) => void, timeoutMs = 5000): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback((deadline) => work(() => deadline.timeRemaining()), { timeout: timeoutMs });
  else
    setTimeout(() => {
      const until = performance.now() + 8;
      work(() => until - performance.now());
    }, 50);
};

/** The next idle period (or timeoutMs, whichever comes first). */
export const idlePeriod = (timeoutMs?: number): Promise<IdleLeft> => new Promise((resolve) => whenIdle(resolve, timeoutMs));

/** The most one idle callback of inIdleSlices works, whatever the idle period offers (up to 50 ms when no frame is due). */
export const IDLE_SLICE_MS = 8;

/**
 * Calls `step` again and again while the page is idle, at most IDLE_SLICE_MS per idle callback (a key
 * pressed meanwhile waits for the slice, so the slice stays short), until it returns false.
 */
export function inIdleSlices(step: () => boolean): void {
  const slice = (left: IdleLeft): void => {
    const until = performance.now() + IDLE_SLICE_MS;
    let more = step();
    while (more && left() > 2 && performance.now() < until) more = step();
    if (more) whenIdle(slice);
  };
  whenIdle(slice);
}

/** After the next frame has been drawn (or 100 ms, where frames are not drawn: a hidden page, Node). */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    if (typeof requestAnimationFrame === 'function')
      requestAnimationFrame(() => {
        clearTimeout(timer);
        setTimeout(resolve, 0);
      });
  });
}
