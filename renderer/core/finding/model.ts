// A finding (问题): one failure found in an inspection, tracked in the 整改台账 until it is rectified
// and verified (ARCHITECTURE §5). This module owns the record's shape, its field rules and how an
// edit turns into history changes; transitions.ts owns the status.
import type { Severity } from '../checklist/schema';
import { SEVERITIES } from '../checklist/schema';
import type { HistoryChange } from '../audit/types';
import { changesBetween, creationChangesOf } from '../audit/changes';
import { isCalendarDate } from '../date';

export const FINDING_STATUSES = ['open', 'in_progress', 'rectified', 'verified', 'long_term'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];
export { SEVERITIES, type Severity };

export type Verification = { by: string; at: string; note: string };
export type ReturnRecord = { by: string; at: string; reason: string };
export type Accountability = { who: string; how: string; docNo: string };

/** Everything about a finding that history records (the sync metadata is derived from history). */
export type FindingFields = {
  /** 机构代码-年度-流水号, unique and gap-free per unit and year. */
  ledgerNo: string;
  orgUnitCode: string;
  source: 'verdict' | 'manual';
  inspectionId: string | null;
  itemCode: string | null;
  checklistId: string | null;
  checklistVersion: string | null;
  inspectionDate: string | null;
  /** The failing verdict behind a finding from an inspection. */
  verdict: 'partial' | 'noncompliant' | null;
  /** The item's verdict was changed to one that no longer fails: kept, flagged, never silently dropped. */
  verdictWithdrawn: boolean;
  description: string;
  /** The checklist section (问题类别). */
  category: string;
  basis: string;
  severity: Severity;
  /** An earlier finding of the same unit and item: 屡查屡犯. */
  repeatOf: string | null;
  rootCause: string;
  /** 立即纠正: what was put right on the spot. */
  correction: string;
  /** 整改措施: what changes so it does not happen again. */
  measures: string;
  responsibleDept: string;
  responsiblePerson: string;
  dueDate: string | null;
  status: FindingStatus;
  completedAt: string | null;
  /** Why there is no evidence file, or what the evidence shows. */
  completionNote: string;
  /** 长期整改: the plan and its next milestone. */
  plan: string;
  milestoneDate: string | null;
  /** Attachment ids (sha256 of the stored file). */
  evidence: string[];
  verification: Verification | null;
  lastReturn: ReturnRecord | null;
  accountability: Accountability;
  /** 退费/补偿, in yuan with at most two decimals. */
  customerRemedy: number | null;
  notes: string;
  deletedAt: string | null;
};

export type FindingMeta = { id: string; rev: number; updatedAt: string; updatedBy: string; deviceId: string };
export type Finding = FindingMeta & FindingFields;

export const FINDING_FIELDS = [
  'ledgerNo', 'orgUnitCode', 'source', 'inspectionId', 'itemCode', 'checklistId', 'checklistVersion', 'inspectionDate',
  'verdict', 'verdictWithdrawn', 'description', 'category', 'basis', 'severity', 'repeatOf', 'rootCause', 'correction',
  'measures', 'responsibleDept', 'responsiblePerson', 'dueDate', 'status', 'completedAt', 'completionNote', 'plan',
  'milestoneDate', 'evidence', 'verification', 'lastReturn', 'accountability', 'customerRemedy', 'notes', 'deletedAt',
] as const satisfies readonly (keyof FindingFields)[];

/** What a person may change directly; status, completion and verification move only by transitions. */
export const EDITABLE_FIELDS = [
  'description', 'category', 'basis', 'severity', 'repeatOf', 'rootCause', 'correction', 'measures', 'responsibleDept',
  'responsiblePerson', 'dueDate', 'completionNote', 'plan', 'milestoneDate', 'accountability', 'customerRemedy', 'notes',
] as const satisfies readonly (keyof FindingFields)[];
export type EditableField = (typeof EDITABLE_FIELDS)[number];
export type FindingPatch = Partial<Pick<FindingFields, EditableField>>;

export const FINDING_LIMITS = { text: 2000, short: 200, name: 50, remedy: 1e10 } as const;

export const FINDING_PROBLEM_CODES = [
  'descriptionBlank',
  'tooLong',
  'severityInvalid',
  'dateInvalid',
  'remedyInvalid',
  'repeatOfSelf',
  'repeatOfMissing',
  'repeatOfOtherUnit',
  'repeatOfLater',
  'repeatOfCycle',
  'locked',
  'deleted',
] as const;
export type FindingProblemCode = (typeof FINDING_PROBLEM_CODES)[number];
export type FindingProblem = { field: string; code: FindingProblemCode; params?: Record<string, string | number> };

const TEXT_MAX: Partial<Record<EditableField, number>> = {
  description: FINDING_LIMITS.text,
  basis: FINDING_LIMITS.text,
  rootCause: FINDING_LIMITS.text,
  correction: FINDING_LIMITS.text,
  measures: FINDING_LIMITS.text,
  completionNote: FINDING_LIMITS.text,
  plan: FINDING_LIMITS.text,
  notes: FINDING_LIMITS.text,
  category: FINDING_LIMITS.short,
  responsibleDept: FINDING_LIMITS.short,
  responsiblePerson: FINDING_LIMITS.name,
};

/** Field rules for a whole record (after a patch is applied); blocking problems only. */
export function validateFinding(f: Pick<FindingFields, EditableField>, id?: string): FindingProblem[] {
  const out: FindingProblem[] = [];
  if (f.description.trim() === '') out.push({ field: 'description', code: 'descriptionBlank' });
  for (const [field, max] of Object.entries(TEXT_MAX) as [EditableField, number][]) {
    const value = f[field];
    if (typeof value === 'string' && value.length > max) out.push({ field, code: 'tooLong', params: { max } });
  }
  for (const [field, value] of Object.entries(f.accountability) as [keyof Accountability, string][]) {
    if (value.length > FINDING_LIMITS.short) out.push({ field: `accountability.${field}`, code: 'tooLong', params: { max: FINDING_LIMITS.short } });
  }
  if (!(SEVERITIES as readonly string[]).includes(f.severity)) out.push({ field: 'severity', code: 'severityInvalid' });
  for (const field of ['dueDate', 'milestoneDate'] as const) {
    const value = f[field];
    if (value !== null && !isCalendarDate(value)) out.push({ field, code: 'dateInvalid' });
  }
  const remedy = f.customerRemedy;
  if (remedy !== null && (!Number.isFinite(remedy) || remedy < 0 || remedy > FINDING_LIMITS.remedy || Math.round(remedy * 100) / 100 !== remedy)) {
    out.push({ field: 'customerRemedy', code: 'remedyInvalid' });
  }
  if (id !== undefined && f.repeatOf === id) out.push({ field: 'repeatOf', code: 'repeatOfSelf' });
  return out;
}

/** The fields that differ, in FINDING_FIELDS order. */
export const diffFields = (before: FindingFields, after: FindingFields): HistoryChange[] => changesBetween(before, after, FINDING_FIELDS);

/** A creation records every field, so replaying history rebuilds the record exactly. */
export const creationChanges = (fields: FindingFields): HistoryChange[] => creationChangesOf(fields, FINDING_FIELDS);

export const fieldsOf = (f: FindingFields): FindingFields => {
  const out = {} as Record<string, unknown>;
  for (const field of FINDING_FIELDS) out[field] = f[field];
  return out as FindingFields;
};

/** Trims text, drops unknown keys; the result is what validateFinding judges and the record stores. */
export function normalizePatch(patch: FindingPatch): FindingPatch {
  const out: Record<string, unknown> = {};
  for (const field of EDITABLE_FIELDS) {
    if (!(field in patch)) continue;
    const value = patch[field];
    if (typeof value === 'string') out[field] = value.trim();
    else if (field === 'accountability' && value) {
      const a = value as Accountability;
      out[field] = { who: a.who.trim(), how: a.how.trim(), docNo: a.docNo.trim() };
    } else out[field] = value ?? null;
  }
  return out as FindingPatch;
}

/**
 * Applies a person's edit. A verified finding is locked (reopen it first: that is a transition with a
 * reason); a voided one can only be restored.
 */
export function editFinding(current: Finding, patch: FindingPatch): { ok: true; next: FindingFields; changes: HistoryChange[] } | { ok: false; problems: FindingProblem[] } {
  if (current.deletedAt !== null) return { ok: false, problems: [{ field: 'deletedAt', code: 'deleted' }] };
  if (current.status === 'verified') return { ok: false, problems: [{ field: 'status', code: 'locked' }] };
  const next: FindingFields = { ...fieldsOf(current), ...normalizePatch(patch) };
  const problems = validateFinding(next, current.id);
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, next, changes: diffFields(current, next) };
}

export const EMPTY_ACCOUNTABILITY: Accountability = { who: '', how: '', docNo: '' };

/** The fields every new finding starts with; callers fill in what they know. */
export function blankFinding(base: Pick<FindingFields, 'ledgerNo' | 'orgUnitCode' | 'source' | 'description' | 'category' | 'basis' | 'severity'>): FindingFields {
  return {
    inspectionId: null,
    itemCode: null,
    checklistId: null,
    checklistVersion: null,
    inspectionDate: null,
    verdict: null,
    verdictWithdrawn: false,
    repeatOf: null,
    rootCause: '',
    correction: '',
    measures: '',
    responsibleDept: '',
    responsiblePerson: '',
    dueDate: null,
    status: 'open',
    completedAt: null,
    completionNote: '',
    plan: '',
    milestoneDate: null,
    evidence: [],
    verification: null,
    lastReturn: null,
    accountability: EMPTY_ACCOUNTABILITY,
    customerRemedy: null,
    notes: '',
    deletedAt: null,
    ...base,
  };
}
