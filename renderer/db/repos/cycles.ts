// Reading an inspection's place in its series: the previous inspection with its answers and findings
// (the runner's hints), and the earlier finding a new one repeats (屡查屡犯). Which inspection counts as
// previous is decided in core/inspection/cycle.ts; the orgUnitCode index supplies the candidates.
import type { XbDb } from '../db';
import type { AnswerRow, FindingRow, Inspection } from '../types';
import { previousRound, repeatSearchOrder } from '../../core/inspection/cycle';

/** Every inspection of a unit, voided ones included (the cycle rules leave those out). */
async function unitInspections(db: Pick<XbDb, 'inspections'>, orgUnitCode: string): Promise<Inspection[]> {
  return db.inspections.where('orgUnitCode').equals(orgUnitCode).toArray();
}

export async function previousInspectionOf(db: Pick<XbDb, 'inspections'>, inspection: Inspection): Promise<Inspection | null> {
  return previousRound(inspection, await unitInspections(db, inspection.orgUnitCode));
}

/** Last time, keyed by item code: what the runner shows under each item. */
export type PreviousRound = {
  inspection: Inspection;
  answers: Map<string, AnswerRow>;
  /** The findings the items produced then, voided ones included (shown as voided, never as repeats). */
  findings: Map<string, FindingRow>;
};

export async function previousRoundOf(db: Pick<XbDb, 'inspections' | 'answers' | 'findings'>, inspectionId: string): Promise<PreviousRound | null> {
  const current = await db.inspections.get(inspectionId);
  if (!current) return null;
  const previous = await previousInspectionOf(db, current);
  if (!previous) return null;
  const answers = await db.answers.where('inspectionId').equals(previous.id).toArray();
  const findings = await db.findings.where('inspectionId').equals(previous.id).toArray();
  return {
    inspection: previous,
    answers: new Map(answers.map((a) => [a.itemCode, a])),
    findings: new Map(findings.flatMap((f) => (f.itemCode === null ? [] : [[f.itemCode, f] as const]))),
  };
}

/**
 * The finding a new failure of `itemCode` in `inspection` repeats: the item's finding in the nearest
 * earlier inspection of the series (the previous one first) that had one not voided. Items are matched
 * by code, so a repeat is found across checklist versions.
 */
export async function repeatSourceOf(db: Pick<XbDb, 'inspections' | 'findings'>, inspection: Inspection, itemCode: string): Promise<FindingRow | null> {
  return (await repeatSearch(db, inspection, itemCode)).source;
}

/**
 * What repeatSearch reads, read beforehand in the same transaction (saveAnswer sends it with its first
 * reads): every inspection of the unit, and the item's finding in some of them (by inspection id).
 */
export type RepeatReads = { orgUnitCode: string; inspections: Inspection[]; found: ReadonlyMap<string, FindingRow | undefined> };

/** Reads for RepeatReads: the unit's inspections and the item's finding in each of `candidates`, at once. */
export function readRepeatAhead(db: Pick<XbDb, 'inspections' | 'findings'>, orgUnitCode: string, itemCode: string, candidates: readonly string[]): Promise<RepeatReads> {
  return Promise.all([unitInspections(db, orgUnitCode), Promise.all(candidates.map((id) => itemFindingOf(db, id, itemCode)))]).then(([inspections, found]) => ({
    orgUnitCode,
    inspections,
    found: new Map(candidates.map((id, i) => [id, found[i]])),
  }));
}

/**
 * repeatSourceOf, and the earlier inspections it asked in its order (ids). With `known` (read in this
 * transaction for the inspection's unit) it reads only the candidates `known` does not hold.
 */
export async function repeatSearch(db: Pick<XbDb, 'inspections' | 'findings'>, inspection: Inspection, itemCode: string, known?: RepeatReads): Promise<{ source: FindingRow | null; order: string[] }> {
  const usable = known?.orgUnitCode === inspection.orgUnitCode ? known : undefined;
  const order = repeatSearchOrder(inspection, usable?.inspections ?? (await unitInspections(db, inspection.orgUnitCode)));
  // Every candidate is asked for at once (one round trip, not one per earlier inspection); the first in
  // the search order with a live finding wins, as if they had been asked one after another.
  const found = await Promise.all(order.map((earlier) => (usable?.found.has(earlier.id) ? usable.found.get(earlier.id) : itemFindingOf(db, earlier.id, itemCode))));
  return { source: found.find((f) => f !== undefined && f.deletedAt === null) ?? null, order: order.map((e) => e.id) };
}

/** The finding the verdict of (inspection, item) produced, voided or not. */
export function itemFindingOf(db: Pick<XbDb, 'findings'>, inspectionId: string, itemCode: string): Promise<FindingRow | undefined> {
  return db.findings.where('[inspectionId+itemCode]').equals([inspectionId, itemCode]).first();
}
