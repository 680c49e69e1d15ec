// Between a finding and the form that edits it: antd's DatePicker works on dayjs values, the record on
// 'YYYY-MM-DD' strings, and accountability is three flat inputs.
import dayjs, { type Dayjs } from 'dayjs';
import type { FindingFields, FindingPatch, Severity } from '../../core/finding/model';

export type FindingFormValues = {
  description: string;
  category: string;
  basis: string;
  severity: Severity;
  rootCause: string;
  correction: string;
  measures: string;
  responsibleDept: string;
  responsiblePerson: string;
  dueDate: Dayjs | null;
  customerRemedy: number | null;
  accountabilityWho: string;
  accountabilityHow: string;
  accountabilityDocNo: string;
  completionNote: string;
  plan: string;
  milestoneDate: Dayjs | null;
  notes: string;
};

const day = (s: string | null): Dayjs | null => (s ? dayjs(s) : null);
const text = (d: Dayjs | null | undefined): string | null => (d ? d.format('YYYY-MM-DD') : null);

export function formValuesOf(f: FindingFields): FindingFormValues {
  return {
    description: f.description,
    category: f.category,
    basis: f.basis,
    severity: f.severity,
    rootCause: f.rootCause,
    correction: f.correction,
    measures: f.measures,
    responsibleDept: f.responsibleDept,
    responsiblePerson: f.responsiblePerson,
    dueDate: day(f.dueDate),
    customerRemedy: f.customerRemedy,
    accountabilityWho: f.accountability.who,
    accountabilityHow: f.accountability.how,
    accountabilityDocNo: f.accountability.docNo,
    completionNote: f.completionNote,
    plan: f.plan,
    milestoneDate: day(f.milestoneDate),
    notes: f.notes,
  };
}

export function patchOf(v: FindingFormValues): FindingPatch {
  return {
    description: v.description ?? '',
    category: v.category ?? '',
    basis: v.basis ?? '',
    severity: v.severity,
    rootCause: v.rootCause ?? '',
    correction: v.correction ?? '',
    measures: v.measures ?? '',
    responsibleDept: v.responsibleDept ?? '',
    responsiblePerson: v.responsiblePerson ?? '',
    dueDate: text(v.dueDate),
    customerRemedy: v.customerRemedy ?? null,
    accountability: { who: v.accountabilityWho ?? '', how: v.accountabilityHow ?? '', docNo: v.accountabilityDocNo ?? '' },
    completionNote: v.completionNote ?? '',
    plan: v.plan ?? '',
    milestoneDate: text(v.milestoneDate),
    notes: v.notes ?? '',
  };
}

/** Where a problem reported for a record field shows in the form. */
export const formFieldOf = (field: string): keyof FindingFormValues => {
  const map: Record<string, keyof FindingFormValues> = {
    'accountability.who': 'accountabilityWho',
    'accountability.how': 'accountabilityHow',
    'accountability.docNo': 'accountabilityDocNo',
  };
  return map[field] ?? (field as keyof FindingFormValues);
};
