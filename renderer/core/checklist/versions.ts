// Ordering of checklist versions ("2026.2" before "2026.10"), the same on every machine: no locale, digits
// compared as numbers, everything else by code unit. Ties between spellings of the same number ("1.01"
// and "1.1") are broken by the plain text, so the order is total and deterministic.
import type { Checklist } from './schema';

/** Runs of digits, runs of letters, and each other character on its own: "2026.beta" → 2026 "." "beta". */
const PART = /(\d+)|([A-Za-z]+)|([^A-Za-z\d])/g;

function parts(version: string): Array<number | string> {
  return [...version.matchAll(PART)].map((m) => (m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3] ?? '')));
}

/** Negative when a is older than b, positive when newer, 0 only for the same text. */
export function compareVersions(a: string, b: string): number {
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined || y === undefined) break;
    if (typeof x === 'number' && typeof y === 'number') {
      if (x !== y) return x - y;
    } else if (typeof x === 'number') return 1; // "2026.1" is newer than "2026.beta"
    else if (typeof y === 'number') return -1;
    else if (x !== y) return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The newest of the given versions of one checklist, or undefined for an empty list. */
export function newestOf<T extends Pick<Checklist, 'version'>>(versions: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const v of versions) if (best === undefined || compareVersions(v.version, best.version) > 0) best = v;
  return best;
}
