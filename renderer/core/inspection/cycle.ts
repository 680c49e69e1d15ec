// Inspection cycles: the inspections of one unit with one checklist (any version) form a series, and
// each inspection has a previous one, whose verdicts the runner shows as hints and whose findings
// decide 屡查屡犯. This module owns which inspection that is; the database only supplies candidates.

/** What cycle rules need of an inspection. */
export type Round = {
  id: string;
  orgUnitCode: string;
  checklistId: string;
  date: string;
  startedAt: string;
  deletedAt: string | null;
  /** Set when the inspection was started from an earlier one (复查): that one is its previous. */
  previousInspectionId?: string | null;
};

/** Chronological order: inspection date, then the moment it was started, then id (a total order). */
export function compareRounds(a: Round, b: Round): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  if (a.startedAt !== b.startedAt) return a.startedAt < b.startedAt ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

const inSeries = (r: Round, orgUnitCode: string, checklistId: string): boolean =>
  r.deletedAt === null && r.orgUnitCode === orgUnitCode && r.checklistId === checklistId;

/** The live inspections of a unit with a checklist id (any version), newest first. */
export function seriesOf<T extends Round>(rounds: readonly T[], orgUnitCode: string, checklistId: string): T[] {
  return rounds.filter((r) => inSeries(r, orgUnitCode, checklistId)).sort((a, b) => compareRounds(b, a));
}

/** The other live inspections of `current`'s series that came before it, newest first. */
export function earlierRounds<T extends Round>(current: Round, rounds: readonly T[]): T[] {
  return seriesOf(rounds, current.orgUnitCode, current.checklistId).filter((r) => r.id !== current.id && compareRounds(r, current) < 0);
}

/**
 * The previous inspection: the one `current` was started from while it is still a live member of the
 * series (the inspector chose it, even if its date is not the latest); otherwise the most recent
 * earlier one. Null for the first inspection of a series.
 */
export function previousRound<T extends Round>(current: Round, rounds: readonly T[]): T | null {
  const linked = current.previousInspectionId ? rounds.find((r) => r.id === current.previousInspectionId) : undefined;
  if (linked && linked.id !== current.id && inSeries(linked, current.orgUnitCode, current.checklistId)) return linked;
  return earlierRounds(current, rounds)[0] ?? null;
}

/**
 * Where to look for the earlier finding of a repeat (屡查屡犯), in order: the previous inspection, then
 * every other earlier one, newest first. The first of these in which the item has a finding that was
 * not voided is the one a new finding repeats; so a repeat links to what the runner showed as last
 * time's finding whenever there was one.
 */
export function repeatSearchOrder<T extends Round>(current: Round, rounds: readonly T[]): T[] {
  const previous = previousRound(current, rounds);
  const rest = earlierRounds(current, rounds).filter((r) => r.id !== previous?.id);
  return previous ? [previous, ...rest] : rest;
}

/** A note cut to `max` characters (code points, so no half of a surrogate pair), whitespace runs folded. */
export function excerpt(text: string, max: number): { text: string; clipped: boolean } {
  const folded = text.replace(/\s+/g, ' ').trim();
  const chars = [...folded];
  if (chars.length <= max) return { text: folded, clipped: false };
  return { text: `${chars.slice(0, max).join('').trimEnd()}…`, clipped: true };
}
