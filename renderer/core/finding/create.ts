// How a new finding is filled in: from a failing verdict (the item supplies category, basis and
// default severity; the inspector's note, when there is one, the description) or by hand.
import type { ChecklistDocument, ChecklistItem, ChecklistSection, Severity } from '../checklist/schema';
import { basisLabel } from '../checklist/items';
import { blankFinding, type FindingFields } from './model';

export type VerdictSource = {
  inspection: { id: string; orgUnitCode: string; checklistId: string; checklistVersion: string; date: string };
  item: ChecklistItem;
  section: ChecklistSection;
  documents: readonly ChecklistDocument[];
  verdict: 'partial' | 'noncompliant';
  note: string;
};

/** "《办法》第十条；《通知》" — what the register shows as 违反依据. */
export function basisText(item: ChecklistItem, documents: readonly ChecklistDocument[]): string {
  return item.basis.map((b) => basisLabel(b, documents).text).join('；');
}

/**
 * Until the inspector writes a description, the inspection note stands for it, or else the requirement
 * that was not met, worded as a failure: a requirement alone reads as a statement of compliance.
 */
export function defaultDescription(item: Pick<ChecklistItem, 'requirement'>, note: string, verdict: 'partial' | 'noncompliant'): string {
  if (note.trim() !== '') return note.trim();
  return `${verdict === 'partial' ? '部分未达到检查要求' : '未达到检查要求'}：${item.requirement}`;
}

export function findingFromVerdict(src: VerdictSource, ledgerNo: string, repeatOf: string | null): FindingFields {
  return {
    ...blankFinding({
      ledgerNo,
      orgUnitCode: src.inspection.orgUnitCode,
      source: 'verdict',
      description: defaultDescription(src.item, src.note, src.verdict),
      category: src.section.title,
      basis: basisText(src.item, src.documents),
      severity: src.item.severity,
    }),
    inspectionId: src.inspection.id,
    itemCode: src.item.code,
    checklistId: src.inspection.checklistId,
    checklistVersion: src.inspection.checklistVersion,
    inspectionDate: src.inspection.date,
    verdict: src.verdict,
    repeatOf,
  };
}

export type ManualFindingInput = {
  orgUnitCode: string;
  description: string;
  category: string;
  basis: string;
  severity: Severity;
  dueDate: string | null;
  responsibleDept: string;
  responsiblePerson: string;
};

export function manualFinding(input: ManualFindingInput, ledgerNo: string): FindingFields {
  return {
    ...blankFinding({
      ledgerNo,
      orgUnitCode: input.orgUnitCode,
      source: 'manual',
      description: input.description.trim(),
      category: input.category.trim(),
      basis: input.basis.trim(),
      severity: input.severity,
    }),
    dueDate: input.dueDate,
    responsibleDept: input.responsibleDept.trim(),
    responsiblePerson: input.responsiblePerson.trim(),
  };
}
