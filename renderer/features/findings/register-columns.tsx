// The register's columns: what each shows, how wide it is (the virtual table needs fixed widths) and
// which sort key it uses. Which ones are visible is the user's choice, remembered per inspector.
import type { FindingRow, OrgUnit } from '../../db/types';
import type { SortKey } from '../../core/finding/register';
import { dueTag, flagTags, severityTag, statusTag } from './finding-tags';
import type { GridColumn } from './RegisterGrid';

type Translate = (key: string, options?: Record<string, unknown>) => string;

export const COLUMN_KEYS = [
  'ledgerNo', 'orgUnit', 'category', 'description', 'severity', 'status', 'deadline', 'responsibleDept', 'responsiblePerson',
  'measures', 'flags', 'repeat', 'checklist', 'inspectionDate', 'completedAt', 'verification', 'customerRemedy', 'accountability', 'updatedAt',
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

export const DEFAULT_COLUMNS: ColumnKey[] = ['ledgerNo', 'orgUnit', 'category', 'description', 'severity', 'status', 'deadline', 'responsibleDept', 'responsiblePerson', 'measures', 'flags'];

/** The ledger number identifies a row: it is always shown. */
export const FIXED_COLUMN: ColumnKey = 'ledgerNo';

const WIDTH: Record<ColumnKey, number> = {
  ledgerNo: 170, orgUnit: 170, category: 110, description: 280, severity: 96, status: 120, deadline: 170, responsibleDept: 120,
  responsiblePerson: 100, measures: 260, flags: 130, repeat: 170, checklist: 150, inspectionDate: 110, completedAt: 110, verification: 170,
  customerRemedy: 110, accountability: 220, updatedAt: 150,
};

const SORT: Partial<Record<ColumnKey, SortKey>> = {
  ledgerNo: 'ledgerNo', orgUnit: 'orgUnitCode', category: 'category', severity: 'severity', status: 'status', deadline: 'deadline',
  responsibleDept: 'responsibleDept', responsiblePerson: 'responsiblePerson', inspectionDate: 'inspectionDate', completedAt: 'completedAt',
  customerRemedy: 'customerRemedy', updatedAt: 'updatedAt',
};

/** One line, cut with an ellipsis; the full text on hover. Plain markup: nothing is measured. */
const clip = (text: string) => (
  <span className="cell-text" title={text}>
    {text}
  </span>
);

export type ColumnContext = {
  t: Translate;
  today: string;
  units: Map<string, OrgUnit>;
  onOpen: (id: string) => void;
  /** The ledger number of a finding by id, for the 屡查屡犯 column's earlier finding. */
  ledgerNoOf?: (id: string) => string | undefined;
};

export function registerColumns(visible: readonly ColumnKey[], ctx: ColumnContext): GridColumn[] {
  const { t } = ctx;
  const openTemplate = t('findings.openNamed', { ledgerNo: '\u0000' });
  const render: Record<ColumnKey, (r: FindingRow) => React.ReactNode> = {
    ledgerNo: (r) => (
      <button type="button" className="ledger-link" onClick={() => ctx.onOpen(r.id)} aria-label={openTemplate.replace('\u0000', r.ledgerNo)}>
        {r.ledgerNo}
      </button>
    ),
    orgUnit: (r) => {
      const unit = ctx.units.get(r.orgUnitCode);
      return clip(unit ? `${unit.name}（${r.orgUnitCode}）` : r.orgUnitCode);
    },
    category: (r) => clip(r.category),
    description: (r) => clip(r.description),
    severity: (r) => severityTag(t, r.severity),
    status: (r) => statusTag(t, r),
    deadline: (r) => dueTag(t, r, ctx.today),
    responsibleDept: (r) => clip(r.responsibleDept),
    responsiblePerson: (r) => clip(r.responsiblePerson),
    measures: (r) => clip(r.measures),
    flags: (r) => flagTags(t, r),
    repeat: (r) => (r.repeatOf === null ? t('common.no') : clip(t('findings.repeatYesOf', { ledgerNo: ctx.ledgerNoOf?.(r.repeatOf) ?? '—' }))),
    checklist: (r) => clip(r.checklistId ? `${r.checklistId} ${r.checklistVersion ?? ''}${r.itemCode ? ` · ${r.itemCode}` : ''}` : t('findings.manual')),
    inspectionDate: (r) => r.inspectionDate ?? '—',
    completedAt: (r) => r.completedAt ?? '—',
    verification: (r) => (r.verification ? clip(`${r.verification.by} ${r.verification.at}${r.verification.note ? `：${r.verification.note}` : ''}`) : '—'),
    customerRemedy: (r) => (r.customerRemedy === null ? '—' : r.customerRemedy.toFixed(2)),
    accountability: (r) => clip([r.accountability.who, r.accountability.how, r.accountability.docNo].filter((s) => s !== '').join(' · ') || '—'),
    updatedAt: (r) => r.updatedAt.slice(0, 16).replace('T', ' '),
  };
  return COLUMN_KEYS.filter((k) => k === FIXED_COLUMN || visible.includes(k)).map((key) => ({
    key,
    title: t(`findings.columns.${key}`),
    width: WIDTH[key],
    render: render[key],
    ...(SORT[key] ? { sortKey: SORT[key] } : {}),
  }));
}
