// Words for a problem found in an imported Excel ledger, placed as 工作表“整改台账”第 5 行 S 列（整改状态）.
import dayjs from 'dayjs';
import type { SheetImportProblem } from '../../core/ledger/sheet-import';
import { isRequirement, type RequirementProblem } from '../../core/finding/transitions';
import { columnLetter } from '../../core/workbook-spec';
import { requirementText } from '../findings/requirement-text';

type Translate = (key: string, options?: Record<string, unknown>) => string;

const text = (value: string | number | undefined): string => (value === undefined ? '' : String(value));

export function sheetImportProblemText(t: Translate, p: SheetImportProblem): string {
  const params: Record<string, unknown> = { ...p.params };
  switch (p.code) {
    case 'transitionNotAllowed':
      params.from = t(`status.${text(p.params.from)}`);
      params.to = t(`status.${text(p.params.to)}`);
      break;
    case 'requirement': {
      const requirement = text(p.params.requirement);
      const kind = text(p.params.kind) as RequirementProblem['kind'];
      params.action = t(`transitions.${text(p.params.action)}`);
      if (isRequirement(requirement)) {
        params.need = requirementText(t, { requirement, kind });
        if (requirement === 'reason') params.need = `${String(params.need)}（${t('sheetImport.returnHint')}）`;
      } else params.need = requirement;
      break;
    }
    case 'stale':
      params.at = dayjs(text(p.params.at)).format('YYYY-MM-DD HH:mm:ss');
      break;
    case 'recordInvalid':
      params.field = t(`findings.fields.${text(p.params.field)}`, { defaultValue: text(p.params.field) });
      break;
    default:
      break;
  }
  return t(`sheetImport.problems.${p.code}`, params);
}

/** Where in the workbook: the column as Excel shows it, with its header. */
export function sheetImportColumnText(t: Translate, p: SheetImportProblem): string {
  if (p.column > 0) return t('sheetImport.columnAt', { letter: columnLetter(p.column), header: p.header });
  return p.header;
}
