// 屡查屡犯 by hand: which earlier findings a finding may name as the one it repeats, and why a link is
// refused. The automatic link is made when a verdict creates the finding (repos/findings.ts, with the
// search order of core/inspection/cycle.ts); a person may correct it here within the same rules.
import type { FindingFields, FindingProblemCode } from './model';

export type RepeatRef = { id: string } & Pick<FindingFields, 'ledgerNo' | 'orgUnitCode' | 'inspectionId' | 'checklistId' | 'itemCode' | 'inspectionDate' | 'repeatOf' | 'deletedAt'>;

export type RepeatProblem = Extract<FindingProblemCode, `repeatOf${string}`>;

/**
 * Earlier, as far as the records tell: never the same inspection, never an inspection dated after this
 * one's. A finding added by hand has no inspection date, so it cannot be placed and is not refused.
 */
function isEarlier(target: RepeatRef, finding: RepeatRef): boolean {
  if (finding.inspectionId !== null && target.inspectionId === finding.inspectionId) return false;
  if (finding.inspectionDate !== null && target.inspectionDate !== null) return target.inspectionDate <= finding.inspectionDate;
  return true;
}

/** Why `finding` may not repeat `targetId`, or null when it may. `byId` holds the unit's findings. */
export function repeatLinkProblem(finding: RepeatRef, targetId: string, byId: ReadonlyMap<string, RepeatRef>): RepeatProblem | null {
  if (targetId === finding.id) return 'repeatOfSelf';
  const target = byId.get(targetId);
  if (!target || target.deletedAt !== null) return 'repeatOfMissing';
  if (target.orgUnitCode !== finding.orgUnitCode) return 'repeatOfOtherUnit';
  if (!isEarlier(target, finding)) return 'repeatOfLater';
  // Two findings of the same day could otherwise name each other: the chain back must not come round.
  const seen = new Set<string>();
  for (let at: RepeatRef | undefined = target; at && at.repeatOf !== null && !seen.has(at.id); at = byId.get(at.repeatOf)) {
    if (at.repeatOf === finding.id) return 'repeatOfCycle';
    seen.add(at.id);
  }
  return null;
}

const sameItem = (a: RepeatRef, b: RepeatRef): boolean => a.itemCode !== null && a.itemCode === b.itemCode && a.checklistId === b.checklistId;

/** The findings of the unit `finding` may repeat: those of the same checklist item first, then newest first. */
export function repeatCandidates<T extends RepeatRef>(finding: RepeatRef, unitFindings: readonly T[]): T[] {
  const byId = new Map<string, RepeatRef>(unitFindings.map((f) => [f.id, f]));
  return unitFindings
    .filter((f) => repeatLinkProblem(finding, f.id, byId) === null)
    .sort((a, b) => {
      const item = Number(sameItem(b, finding)) - Number(sameItem(a, finding));
      if (item !== 0) return item;
      const da = a.inspectionDate ?? '';
      const db = b.inspectionDate ?? '';
      if (da !== db) return da < db ? 1 : -1;
      return a.ledgerNo < b.ledgerNo ? 1 : a.ledgerNo > b.ledgerNo ? -1 : 0;
    });
}
