// The reliability and security campaigns of issue 8 share their code between two sizes: the quick form
// runs inside `npm test`, the full form under `npm run soak` (test/soak/run.mjs), which sets XB_SOAK=full
// and XB_SOAK_REPORT to a file where every campaign appends its figures for the table.
import { appendFileSync } from 'node:fs';

export const SOAK_FULL = process.env['XB_SOAK'] === 'full';

/** The trial count of the current form. */
export const soakTrials = (sizes: { quick: number; full: number }): number => (SOAK_FULL ? sizes.full : sizes.quick);

/** A test's time limit: generous in the full form, where a campaign runs for minutes. */
export const soakTimeout = (quickMs: number): number => (SOAK_FULL ? 4 * 60 * 60_000 : quickMs);

/** A fixed seed per campaign so a failure can be replayed; XB_SOAK_SEED overrides it. */
export const soakSeed = (fallback: number): number => {
  const given = Number(process.env['XB_SOAK_SEED']);
  return Number.isSafeInteger(given) && process.env['XB_SOAK_SEED'] !== '' ? given : fallback;
};

export type CampaignFigures = {
  /** As the README table names it, e.g. "Tampering". */
  campaign: string;
  trials: number;
  /** The count the full form must reach; the runner fails a campaign that ran fewer. */
  required: number;
  failures: number;
  /** Outcomes by kind and anything a reader needs to judge the figures. */
  notes: string;
  seconds: number;
};

/** Appends the figures to the runner's report file (nothing without XB_SOAK_REPORT). */
export function reportCampaign(figures: CampaignFigures): void {
  const file = process.env['XB_SOAK_REPORT'];
  if (file === undefined || file === '') return;
  appendFileSync(file, `${JSON.stringify({ ...figures, full: SOAK_FULL })}\n`);
}

/** "badSignature 12 · fileHashMismatch 40": counts in descending order. */
export function tally(counts: ReadonlyMap<string, number>): string {
  return [...counts.entries()]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .map(([k, n]) => `${k} ${n}`)
    .join(' · ');
}

export function bump(counts: Map<string, number>, key: string): void {
  counts.set(key, (counts.get(key) ?? 0) + 1);
}
