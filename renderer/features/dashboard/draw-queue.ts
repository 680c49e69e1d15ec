// Charts are drawn one at a time, each in a task of its own after a frame, so the numbers and the summary
// statement are on screen before any canvas is painted and the page answers input between two charts
// (ECharts takes tens to hundreds of milliseconds per chart on a busy machine). Charts in or near the
// view go first; the others follow, so scrolling down finds them drawn instead of waiting for them.

type Job = () => void;
type Entry = { job: Job; soon: boolean };

const queue: Entry[] = [];
let pending = false;

function pump(): void {
  if (pending || queue.length === 0) return;
  pending = true;
  // After the next frame, not in it: the frame shows what is already there first.
  requestAnimationFrame(() =>
    setTimeout(() => {
      pending = false;
      queue.shift()?.job();
      pump();
    }),
  );
}

/**
 * Runs `job` after the jobs already waiting, one per frame: a `soon` job (a chart in view) after the
 * other soon ones but before every later one. The returned function takes it back out.
 */
export function scheduleDraw(job: Job, soon = true): () => void {
  const entry: Entry = { job, soon };
  const at = soon ? queue.findIndex((e) => !e.soon) : -1;
  if (at < 0) queue.push(entry);
  else queue.splice(at, 0, entry);
  pump();
  return () => {
    const i = queue.indexOf(entry);
    if (i >= 0) queue.splice(i, 1);
  };
}
