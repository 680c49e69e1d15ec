// Where the time goes in a V8 CPU profile (CDP Profiler.stop, or a saved .cpuprofile): the functions
// by self time (the time spent in their own code) and by total time (with what they call; a function
// on the stack twice counts once). `npm run bench -- --profile` prints these. Pure.

export type CpuProfile = {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
};

export type ProfileLine = { name: string; selfMs: number; totalMs: number };

/** "readLedgerPackage (ledger-package.ts:51)"; V8's own entries such as "(garbage collector)" as they are. */
function keyOf(frame: CpuProfile['nodes'][number]['callFrame']): string {
  const name = frame.functionName === '' ? '(anonymous)' : frame.functionName;
  if (frame.url === '') return name;
  const file = frame.url.slice(frame.url.lastIndexOf('/') + 1).replace(/[?#].*$/, '');
  return `${name} (${file}:${frame.lineNumber + 1})`;
}

/** The `top` functions by self time and by total time, in ms; of the samples `from` to `to` (exclusive) when given. */
export function summarizeProfile(profile: CpuProfile, top = 25, from = 0, to = Number.POSITIVE_INFINITY): { bySelf: ProfileLine[]; byTotal: ProfileLine[]; sampledMs: number } {
  const parent = new Map<number, number>();
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let sampled = 0;
  for (let i = from; i < Math.min(samples.length, to); i++) {
    // A sample stands for the time until the next one.
    const ms = (deltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(samples[i] ?? -1);
    if (!leaf || ms <= 0) continue;
    sampled += ms;
    const leafKey = keyOf(leaf.callFrame);
    self.set(leafKey, (self.get(leafKey) ?? 0) + ms);
    const seen = new Set<string>();
    for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
      const node = byId.get(id);
      if (!node) break;
      const key = keyOf(node.callFrame);
      if (seen.has(key)) continue;
      seen.add(key);
      total.set(key, (total.get(key) ?? 0) + ms);
    }
  }
  const line = (name: string): ProfileLine => ({ name, selfMs: Math.round(self.get(name) ?? 0), totalMs: Math.round(total.get(name) ?? 0) });
  const ranked = (m: Map<string, number>): ProfileLine[] => [...m.entries()].sort((a, b) => b[1] - a[1]).slice(0, top).map(([name]) => line(name));
  // "(root)" and "(program)" are everything and nothing: left out of the total ranking.
  const totals = new Map([...total].filter(([k]) => k !== '(root)'));
  return { bySelf: ranked(self), byTotal: ranked(totals), sampledMs: Math.round(sampled) };
}

/** The two rankings as text, for the terminal. */
export function formatProfile(title: string, summary: ReturnType<typeof summarizeProfile>): string {
  const rows = (lines: ProfileLine[], pick: (l: ProfileLine) => number): string[] => lines.map((l) => `  ${String(pick(l)).padStart(8)} ms  ${l.name}`);
  return [
    `${title}: ${summary.sampledMs} ms sampled`,
    ' self time:',
    ...rows(summary.bySelf, (l) => l.selfMs),
    ' total time (with callees):',
    ...rows(summary.byTotal, (l) => l.totalMs),
  ].join('\n');
}

export type BusyStretch = { atMs: number; ms: number; summary: ReturnType<typeof summarizeProfile> };

/**
 * The stretches of at least `minMs` in which the thread never idled (V8's "(idle)" samples), longest
 * first, each with where its time went: the main thread's long tasks, found in the profile itself
 * (its clock is not the page's). `atMs` counts from the profile's start.
 */
export function busyStretches(profile: CpuProfile, minMs: number, top = 8): BusyStretch[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  const stretches: BusyStretch[] = [];
  let at = 0;
  let start = -1;
  let startAt = 0;
  const close = (end: number, endAt: number): void => {
    if (start >= 0 && endAt - startAt >= minMs) stretches.push({ atMs: Math.round(startAt), ms: Math.round(endAt - startAt), summary: summarizeProfile(profile, top, start, end) });
    start = -1;
  };
  for (let i = 0; i < samples.length; i++) {
    at += (deltas[i] ?? 0) / 1000;
    const idle = byId.get(samples[i] ?? -1)?.callFrame.functionName === '(idle)';
    if (idle) close(i, at);
    else if (start < 0) {
      start = i;
      startAt = at;
    }
  }
  close(samples.length, at + (deltas[samples.length] ?? 0) / 1000);
  return stretches.sort((a, b) => b.ms - a.ms);
}

/** The stretches as text: each one's length and start, then its functions by self and total time. */
export function formatStretches(title: string, stretches: readonly BusyStretch[]): string {
  if (stretches.length === 0) return `${title}: none`;
  return [`${title}:`, ...stretches.map((s) => formatProfile(`  ${s.ms} ms busy at ${s.atMs} ms`, s.summary))].join('\n');
}
