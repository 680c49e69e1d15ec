// A finding as one row of the 整改台账 sheet (issue 5): display values, decided once here so the Excel
// view inside a package, the one exported on its own and head office's consolidated one agree. The
// workbook writer (renderer/io/ledger-workbook.ts) only lays these rows out.
import type { Severity } from '../checklist/schema';
import type { FindingStatus } from '../finding/model';
import { isOverdue } from '../finding/overdue';
import { compareLedgerNos } from '../finding/ledger-no';
import type { FindingRecord, InspectionRecord, OrgUnitRecord } from './records';

type LedgerSeverity = Severity;
type LedgerStatus = FindingStatus;

/**
 * One finding as the sheet shows it. 序号 is not here: it is the row's position, numbered by the writer.
 * Calendar dates are 'YYYY-MM-DD'; `updatedAt` is an ISO 8601 instant. Empty text is ''.
 */
export type LedgerSheetRow = {
  /** The finding's UUID: the hidden last column, so edited copies can be matched back to records. */
  id: string;
  ledgerNo: string;
  orgUnitName: string;
  orgUnitCode: string;
  /** 检查类型: 自查 / 上级检查 / 内审 / 监管检查, or '' for a finding recorded outside an inspection. */
  inspectionKind: string;
  /** 检查清单及版本, e.g. '网点消费者权益保护现场检查表 2026.1'. */
  checklist: string;
  itemCode: string;
  category: string;
  description: string;
  basis: string;
  severity: LedgerSeverity;
  repeat: boolean;
  rootCause: string;
  correction: string;
  measures: string;
  responsibleDept: string;
  responsiblePerson: string;
  dueDate: string | null;
  status: LedgerStatus;
  /** Decided by the caller at `asOf` (core/finding/overdue), so the sheet and the app never disagree. */
  overdue: boolean;
  completedDate: string | null;
  /** 整改情况说明: what was done, or why there is no evidence file (the finding's completionNote). */
  completionNote: string;
  evidenceCount: number;
  verifier: string;
  verificationVerdict: string;
  /** 客户补偿/退费金额 in yuan. */
  customerRemedy: number | null;
  /** 问责情况, already joined into one text (对象, 方式, 文号). */
  accountability: string;
  notes: string;
  updatedAt: string;
};

/** Rectification states (ARCHITECTURE §5) and the labels the sheet shows for them, in workflow order. */
export const LEDGER_STATUS_LABELS: Readonly<Record<LedgerStatus, string>> = {
  open: '待整改',
  in_progress: '整改中',
  rectified: '已整改待验收',
  verified: '已验收',
  long_term: '长期整改',
};

/**
 * The sheet's column headers, by the row field each column shows (序号 is the row's position). The
 * writer lays the columns out in renderer/io/ledger-workbook.ts; the reader of edited copies
 * (sheet-import.ts) finds them by these words.
 */
export const LEDGER_HEADERS = {
  seq: '序号',
  ledgerNo: '台账编号',
  orgUnitName: '机构名称',
  orgUnitCode: '机构代码',
  inspectionKind: '检查类型',
  checklist: '检查清单及版本',
  itemCode: '检查项编码',
  category: '问题类别',
  description: '问题描述',
  basis: '违反依据',
  severity: '风险等级',
  repeat: '是否屡查屡犯',
  rootCause: '原因分析',
  correction: '立即纠正',
  measures: '整改措施',
  responsibleDept: '责任部门',
  responsiblePerson: '责任人',
  dueDate: '整改期限',
  status: '整改状态',
  overdue: '是否逾期',
  completedDate: '完成日期',
  completionNote: '整改情况说明',
  evidenceCount: '佐证材料数',
  verifier: '验收人',
  verificationVerdict: '验收结论',
  customerRemedy: '客户补偿/退费金额',
  accountability: '问责情况',
  notes: '备注',
  updatedAt: '最后更新时间',
  id: 'ID',
} as const satisfies Record<keyof LedgerSheetRow | 'seq', string>;

/** The sheet of findings; rows past what one sheet holds continue on 整改台账 (2), (3)… */
export const LEDGER_SHEET_NAME = '整改台账';

/** 最后更新时间 is shown as wall-clock time at this offset from UTC: China Standard Time, no daylight saving. */
export const LEDGER_UTC_OFFSET_MINUTES = 480;

/** How 验收结论 starts for a verified finding and for a returned one. */
export const VERDICT_PASSED = '通过';
export const VERDICT_RETURNED = '退回';

/** 检查类型 as the sheet names it. */
export const INSPECTION_KIND_LABELS: Readonly<Record<InspectionRecord['kind'], string>> = { self: '自查', superior: '上级检查', audit: '内审', regulator: '监管检查' };

export type SheetContext = {
  unitsByCode: ReadonlyMap<string, Pick<OrgUnitRecord, 'name'>>;
  inspectionsById: ReadonlyMap<string, Pick<InspectionRecord, 'kind' | 'checklistTitle' | 'checklistVersion'>>;
  /** The day overdue is judged at ('YYYY-MM-DD'). */
  asOf: string;
};

/** 验收结论 in one cell: 通过 with the note, or why it was last returned. */
export const verdictCell = (f: Pick<FindingRecord, 'verification' | 'lastReturn'>): string =>
  f.verification ? [VERDICT_PASSED, f.verification.note].filter((s) => s.trim() !== '').join('：') : f.lastReturn ? `${VERDICT_RETURNED}：${f.lastReturn.reason}` : '';

/** 问责情况 in one cell: 对象；方式；文号, empty parts left out. */
export const accountabilityText = (a: FindingRecord['accountability']): string => [a.who, a.how, a.docNo].filter((part) => part.trim() !== '').join('；');

export function toSheetRow(f: FindingRecord, context: SheetContext): LedgerSheetRow {
  const inspection = f.inspectionId === null ? undefined : context.inspectionsById.get(f.inspectionId);
  return {
    id: f.id,
    ledgerNo: f.ledgerNo,
    orgUnitName: context.unitsByCode.get(f.orgUnitCode)?.name ?? '',
    orgUnitCode: f.orgUnitCode,
    inspectionKind: inspection ? INSPECTION_KIND_LABELS[inspection.kind] : '',
    checklist: inspection ? `${inspection.checklistTitle} ${inspection.checklistVersion}` : f.checklistId !== null ? `${f.checklistId} ${f.checklistVersion ?? ''}`.trim() : '',
    itemCode: f.itemCode ?? '',
    category: f.category,
    description: f.description,
    basis: f.basis,
    severity: f.severity,
    repeat: f.repeatOf !== null,
    rootCause: f.rootCause,
    correction: f.correction,
    measures: f.measures,
    responsibleDept: f.responsibleDept,
    responsiblePerson: f.responsiblePerson,
    dueDate: f.status === 'long_term' ? (f.milestoneDate ?? f.dueDate) : f.dueDate,
    status: f.status,
    overdue: isOverdue(f, context.asOf),
    completedDate: f.completedAt,
    completionNote: f.completionNote,
    evidenceCount: f.evidence.length,
    verifier: f.verification?.by ?? '',
    verificationVerdict: verdictCell(f),
    customerRemedy: f.customerRemedy,
    accountability: accountabilityText(f.accountability),
    notes: f.notes,
    updatedAt: f.updatedAt,
  };
}

/** The sheet's rows: live findings in ledger-number order (voided ones are tombstones, not problems). */
export function sheetRows(findings: readonly FindingRecord[], context: SheetContext): LedgerSheetRow[] {
  return findings
    .filter((f) => f.deletedAt === null)
    .sort((a, b) => compareLedgerNos(a.ledgerNo, b.ledgerNo))
    .map((f) => toSheetRow(f, context));
}
