// Work done while the page is idle, a slice at a time: the register's search text and cache, the
// dashboard's figures ahead of 统计看板. Outside a browser (Node, older engines) a timer stands in.

/** Time left in the current idle period, in ms. */
export type IdleLeft = () => number;

/**
 * Runs `work` when the page is idle, with the time left in that idle period (a timer where there is no
 * requestIdleCallback, Node and older engines: a few ms from when it fires).
 */
export const whenIdle = (work: (left: IdleLeft) => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback((deadline) => work(() => deadline.timeRemaining()), { timeout: 5000 });
  else
    setTimeout(() => {
      const until = performance.now() + 8;
      work(() => until - performance.now());
    }, 50);
};

/** The next idle period. */
export const idlePeriod = (): Promise<IdleLeft> => new Promise((resolve) => whenIdle(resolve));
