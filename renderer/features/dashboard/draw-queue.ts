// Charts are drawn one at a time, each in a task of its own after a frame, so the numbers and the summary
// statement are on screen before any canvas is painted and the page answers input between two charts
// (ECharts takes tens to hundreds of milliseconds per chart on a busy machine).

type Job = () => void;

const queue: Job[] = [];
let pending = false;

function pump(): void {
  if (pending || queue.length === 0) return;
  pending = true;
  // After the next frame, not in it: the frame shows what is already there first.
  requestAnimationFrame(() =>
    setTimeout(() => {
      pending = false;
      queue.shift()?.();
      pump();
    }),
  );
}

/** Runs `job` after the jobs already waiting, one per frame; the returned function takes it back out. */
export function scheduleDraw(job: Job): () => void {
  queue.push(job);
  pump();
  return () => {
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
  };
}
