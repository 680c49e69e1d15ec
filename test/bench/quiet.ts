// Waiting for the browser to go quiet between two measurements, so that neither side of a ratio is
// measured while Chromium still works on what came before (after the import's baseline has put 1.3
// million rows and deleted its database, its storage may go on compacting). Measured at full scale:
// the browser was quiet 6–9 s after the baseline, so that was not why one import run was slower than
// another (preview 73–108 s with the same code); the wait stays (Linux /proc), so a row never starts
// while the last one's work goes on: two quiet seconds at full scale, one at quick scale (whose
// compaction is a tenth as long; the quick run must fit in three minutes and waits about ten times).
import { readdir, readFile } from 'node:fs/promises';

/** The clock ticks per second of /proc's CPU times (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** A process's name and the CPU time it has used (user and system, seconds) from its /proc/<pid>/stat line; null when it is not one. */
export function procStat(line: string): { name: string; cpuSeconds: number } | null {
  // "pid (name) state ppid …": the name may hold spaces and parentheses, so split after the last ')'.
  const open = line.indexOf('(');
  const close = line.lastIndexOf(')');
  if (open < 0 || close < open) return null;
  const fields = line.slice(close + 2).split(' ');
  // utime and stime are fields 14 and 15 of the line, so 11 and 12 after the state (field 3).
  const user = Number(fields[11]);
  const system = Number(fields[12]);
  if (!Number.isFinite(user) || !Number.isFinite(system)) return null;
  return { name: line.slice(open + 1, close), cpuSeconds: (user + system) / TICKS_PER_SECOND };
}

/** CPU seconds used so far by every Chromium process on the machine (0 where there is no /proc). */
async function chromiumCpuSeconds(): Promise<number> {
  let total = 0;
  const pids = await readdir('/proc').catch(() => [] as string[]);
  for (const pid of pids) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = procStat(await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => ''));
    if (stat !== null && /chrom/i.test(stat.name)) total += stat.cpuSeconds;
  }
  return total;
}

/** How long the browser must be quiet before a measurement: set once per run by its scale (quietWindowFor). */
let defaultWindowMs = 2000;

/** The quiet window of a run at this scale, used by every browserQuiet that does not name its own. */
export function quietWindowFor(scale: 'full' | 'quick'): void {
  defaultWindowMs = scale === 'full' ? 2000 : 1000;
}

/** How often the CPU times are sampled, ms. */
const SAMPLE_MS = 250;

/**
 * Resolves once Chromium's processes together have used less than `share` of one core for `windowMs`
 * in a row (sampled every SAMPLE_MS), or after `maxMs`; returns how long it waited, in ms.
 */
export async function browserQuiet({ share = 0.1, windowMs = defaultWindowMs, maxMs = 300_000 } = {}): Promise<number> {
  const start = performance.now();
  let quietSince = start;
  let last = await chromiumCpuSeconds();
  let lastAt = start;
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, SAMPLE_MS));
    const now = performance.now();
    const cpu = await chromiumCpuSeconds();
    if ((cpu - last) / ((now - lastAt) / 1000) > share) quietSince = now;
    last = cpu;
    lastAt = now;
    if (now - quietSince >= windowMs || now - start >= maxMs) return now - start;
  }
}
