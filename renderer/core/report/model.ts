// The inspection report (检查报告) as data: what the printed report says, derived from the stored
// records and a report date passed in (overdue is judged as of that day, so the same records and the
// same date always give the same report). The page (features/report) only lays this out and translates
// the codes; every count and every ordering decision is made here.
import type { Checklist, Severity, Verdict } from '../checklist/schema';
import { SEVERITIES } from '../checklist/schema';
import { computeProgress, type Progress } from '../inspection/progress';
import type { Answer } from '../inspection/answer';
import { FINDING_STATUSES, type Finding, type FindingStatus } from '../finding/model';
import { dueInfo } from '../finding/overdue';
import { compareLedgerNos } from '../finding/ledger-no';

export { compareLedgerNos };

/** What the report needs of an inspection (the stored row has more; core does not know its type). */
export type ReportInspection = {
  id: string;
  checklistId: string;
  checklistVersion: string;
  checklistSha256: string;
  checklistTitle: string;
  orgUnitCode: string;
  kind: string;
  inspectors: readonly string[];
  date: string;
  startedAt: string;
  finishedAt: string | null;
  status: 'draft' | 'completed';
};

export type ReportAnswer = Pick<Answer, 'itemCode' | 'verdict' | 'note' | 'sampleSize' | 'exceptions'> & { attachments: readonly string[] };

export type ReportInput = {
  inspection: ReportInspection;
  /** The checklist version the inspection pinned. */
  checklist: Checklist;
  answers: Iterable<ReportAnswer>;
  /** The inspection's findings, voided ones included (they are left out here, not by the caller). */
  findings: Iterable<Finding>;
  orgUnit: { code: string; name: string } | null;
  /** The report date, YYYY-MM-DD: deadlines are judged as of this day. */
  asOf: string;
  /** Ledger numbers of earlier findings, by id, so a repeat can name the finding it repeats. */
  ledgerNoOf?: ReadonlyMap<string, string>;
};

export type ReportCover = {
  orgUnitCode: string;
  /** null when the unit is no longer in the list: the code alone still identifies it. */
  orgUnitName: string | null;
  checklistId: string;
  checklistTitle: string;
  checklistVersion: string;
  checklistIssuer: string;
  checklistEffectiveFrom: string;
  checklistSha256: string;
  kind: string;
  inspectors: string[];
  date: string;
  startedAt: string;
  finishedAt: string | null;
  /** A draft's conclusions may still change: the report says so on its cover and on every page. */
  draft: boolean;
  asOf: string;
};

export type ScopeSection = { code: string; title: string; titleEn: string | null; items: number; sampleItems: number };
export type ReportScope = { sections: ScopeSection[]; items: number; documents: number };

export type ItemCounts = Omit<Progress, 'percent'> & { unanswered: number };

export type FindingCounts = {
  total: number;
  bySeverity: Record<Severity, number>;
  byStatus: Record<FindingStatus, number>;
  overdue: number;
  repeat: number;
  /** Kept in the ledger although their item no longer fails (结论已改). */
  verdictWithdrawn: number;
};

export type SectionSummary = ItemCounts & { code: string; title: string; titleEn: string | null; findings: number };

export type ReportSummary = { items: ItemCounts; sections: SectionSummary[]; findings: FindingCounts };

export type ReportItem = {
  code: string;
  requirement: string;
  requirementEn: string | null;
  severity: Severity;
  verdict: Verdict | null;
  note: string;
  /** Sampling applies to the item (the checklist says so), whatever was recorded. */
  sample: boolean;
  sampleSize: number | null;
  exceptions: number | null;
  attachments: string[];
  /** The live finding this item produced, if any. */
  ledgerNo: string | null;
};

export type ReportSection = { code: string; title: string; titleEn: string | null; items: ReportItem[] };

export type ReportFinding = {
  id: string;
  ledgerNo: string;
  itemCode: string | null;
  /** The requirement the item states, or null when the item is not in the pinned checklist. */
  requirement: string | null;
  verdict: 'partial' | 'noncompliant' | null;
  verdictWithdrawn: boolean;
  category: string;
  description: string;
  basis: string;
  severity: Severity;
  repeat: boolean;
  /** The ledger number of the finding repeated, when known. */
  repeatOfLedgerNo: string | null;
  rootCause: string;
  correction: string;
  measures: string;
  responsibleDept: string;
  responsiblePerson: string;
  dueDate: string | null;
  /** The date that counts: the due date, or for a long-term finding its next milestone. */
  deadline: string | null;
  status: FindingStatus;
  completedAt: string | null;
  overdue: boolean;
  /** Days past the deadline as of the report date; null unless overdue. */
  overdueDays: number | null;
  /** Rectification evidence (the finding's own files). */
  evidence: string[];
  /** Inspection evidence (the files of the answer that produced the finding). */
  answerAttachments: string[];
};

export type InspectionReport = {
  cover: ReportCover;
  scope: ReportScope;
  summary: ReportSummary;
  sections: ReportSection[];
  findings: ReportFinding[];
  /** Every attachment the report shows, each once, in order of appearance. */
  attachmentIds: string[];
};

const counts = <K extends string>(keys: readonly K[]): Record<K, number> => Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

const itemCounts = ({ percent: _percent, ...p }: Progress): ItemCounts => ({ ...p, unanswered: p.total - p.answered });

export function buildReport(input: ReportInput): InspectionReport {
  const { inspection, checklist, asOf } = input;
  const answers = new Map<string, ReportAnswer>();
  for (const a of input.answers) answers.set(a.itemCode, a);

  const live = [...input.findings]
    .filter((f) => f.deletedAt === null && f.inspectionId === inspection.id)
    .sort((a, b) => compareLedgerNos(a.ledgerNo, b.ledgerNo));
  const findingOfItem = new Map<string, Finding>();
  for (const f of live) if (f.itemCode !== null && !findingOfItem.has(f.itemCode)) findingOfItem.set(f.itemCode, f);

  const requirementOf = new Map<string, string>();
  const sectionOfItem = new Map<string, string>();
  for (const s of checklist.sections) {
    for (const i of s.items) {
      requirementOf.set(i.code, i.requirement);
      sectionOfItem.set(i.code, s.code);
    }
  }

  const progress = computeProgress(checklist, answers);

  const cover: ReportCover = {
    orgUnitCode: inspection.orgUnitCode,
    orgUnitName: input.orgUnit?.name ?? null,
    checklistId: checklist.id,
    checklistTitle: checklist.title,
    checklistVersion: checklist.version,
    checklistIssuer: checklist.issuer,
    checklistEffectiveFrom: checklist.effectiveFrom,
    checklistSha256: inspection.checklistSha256,
    kind: inspection.kind,
    inspectors: [...inspection.inspectors],
    date: inspection.date,
    startedAt: inspection.startedAt,
    finishedAt: inspection.finishedAt,
    draft: inspection.status !== 'completed',
    asOf,
  };

  const scope: ReportScope = {
    sections: checklist.sections.map((s) => ({
      code: s.code,
      title: s.title,
      titleEn: s.titleEn ?? null,
      items: s.items.length,
      sampleItems: s.items.filter((i) => i.sample === true).length,
    })),
    items: progress.overall.total,
    documents: checklist.documents.length,
  };

  const sections: ReportSection[] = checklist.sections.map((s) => ({
    code: s.code,
    title: s.title,
    titleEn: s.titleEn ?? null,
    items: s.items.map((item) => {
      const a = answers.get(item.code);
      return {
        code: item.code,
        requirement: item.requirement,
        requirementEn: item.requirementEn ?? null,
        severity: item.severity,
        verdict: a?.verdict ?? null,
        note: a?.note.trim() ?? '',
        sample: item.sample === true,
        sampleSize: a?.sampleSize ?? null,
        exceptions: a?.exceptions ?? null,
        attachments: [...(a?.attachments ?? [])],
        ledgerNo: findingOfItem.get(item.code)?.ledgerNo ?? null,
      };
    }),
  }));

  const findings: ReportFinding[] = live.map((f) => {
    const due = dueInfo(f, asOf);
    const overdue = due.state === 'overdue';
    return {
      id: f.id,
      ledgerNo: f.ledgerNo,
      itemCode: f.itemCode,
      requirement: f.itemCode === null ? null : (requirementOf.get(f.itemCode) ?? null),
      verdict: f.verdict,
      verdictWithdrawn: f.verdictWithdrawn,
      category: f.category,
      description: f.description,
      basis: f.basis,
      severity: f.severity,
      repeat: f.repeatOf !== null,
      repeatOfLedgerNo: f.repeatOf === null ? null : (input.ledgerNoOf?.get(f.repeatOf) ?? null),
      rootCause: f.rootCause,
      correction: f.correction,
      measures: f.measures,
      responsibleDept: f.responsibleDept,
      responsiblePerson: f.responsiblePerson,
      dueDate: f.dueDate,
      deadline: due.deadline,
      status: f.status,
      completedAt: f.completedAt,
      overdue,
      overdueDays: overdue && due.days !== null ? -due.days : null,
      evidence: [...f.evidence],
      answerAttachments: f.itemCode === null ? [] : [...(answers.get(f.itemCode)?.attachments ?? [])],
    };
  });

  const findingCounts: FindingCounts = {
    total: findings.length,
    bySeverity: counts(SEVERITIES),
    byStatus: counts(FINDING_STATUSES),
    overdue: 0,
    repeat: 0,
    verdictWithdrawn: 0,
  };
  const findingsPerSection = new Map<string, number>();
  for (const f of findings) {
    if (f.severity in findingCounts.bySeverity) findingCounts.bySeverity[f.severity]++;
    if (f.status in findingCounts.byStatus) findingCounts.byStatus[f.status]++;
    if (f.overdue) findingCounts.overdue++;
    if (f.repeat) findingCounts.repeat++;
    if (f.verdictWithdrawn) findingCounts.verdictWithdrawn++;
    const section = f.itemCode === null ? undefined : sectionOfItem.get(f.itemCode);
    if (section !== undefined) findingsPerSection.set(section, (findingsPerSection.get(section) ?? 0) + 1);
  }

  const summary: ReportSummary = {
    items: itemCounts(progress.overall),
    sections: progress.sections.map((p, i) => ({
      ...itemCounts(p),
      code: p.code,
      title: p.title,
      titleEn: checklist.sections[i]?.titleEn ?? null,
      findings: findingsPerSection.get(p.code) ?? 0,
    })),
    findings: findingCounts,
  };

  const attachmentIds: string[] = [];
  const seen = new Set<string>();
  const note = (ids: readonly string[]) => {
    for (const id of ids) {
      if (!seen.has(id)) {
        seen.add(id);
        attachmentIds.push(id);
      }
    }
  };
  for (const f of findings) {
    note(f.answerAttachments);
    note(f.evidence);
  }

  return { cover, scope, summary, sections, findings, attachmentIds };
}
