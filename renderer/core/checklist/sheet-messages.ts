// Words for problems found in an Excel checklist, located as 工作表“检查项”第 5 行“风险等级”列. Problems the
// JSON parser found keep their message, except the few whose JSON wording (documents, verified: true, a
// JSON path) would mean nothing to someone editing a workbook.
import { CHECKLIST_MESSAGES, fillProblemTemplate, type ChecklistLang } from './messages';
import type { ChecklistProblemCode } from './problems';
import type { SheetProblem, SheetProblemCode } from './sheets';

type SheetMessages = {
  problems: Record<SheetProblemCode, string>;
  overrides: Partial<Record<ChecklistProblemCode, string>>;
  where: { sheet: string; row: string; column: string; separator: string; workbook: string };
};

export const SHEET_MESSAGES: Record<ChecklistLang, SheetMessages> = {
  'zh-CN': {
    problems: {
      missingSheet: '找不到工作表“{sheet}”。请使用本应用导出的清单模板（含“检查项”“文件”“清单信息”工作表）',
      missingColumn: '缺少“{column}”列',
      duplicateColumn: '“{column}”列出现了两次，请删去其中一列',
      unknownColumn: '无法识别的列“{column}”（为免内容丢失，不会忽略不认识的列；补充说明请写在“备注”列）',
      unknownInfoRow: '无法识别的项目“{label}”；可填写的项目：格式、清单编号、版本号、标题、英文标题、发布部门、生效日期、说明',
      duplicateInfoRow: '项目“{label}”重复（第 {firstRow} 行已填写）',
      badBoolean: '应填“是”或“否”，当前为“{found}”',
      sectionCodeMissing: '没有填写章节编码（只有同一章节的后续行可以留空，表示与上一行相同）',
      sectionTitleMismatch: '章节“{code}”的名称与第 {firstRow} 行不一致；同一章节的名称须相同（后续行也可留空）',
      basisWithoutDoc: '填写了依据的条款、核实情况或说明，却没有填写依据文件代号',
      noItems: '工作表中没有任何检查项',
    },
    overrides: {
      unknownDocument: '依据文件代号“{doc}”没有列在“文件”工作表中；请在“文件”工作表中补充该文件，或改正代号',
      verifiedWithoutArticle: '“条号已核实”填了“是”，却没有填写条款；请填写核对过的条款，或改为“否”',
      duplicateItemCode: '检查项编码“{code}”重复（第 {firstRow} 行已使用）；检查项编码在整份清单内必须唯一',
      duplicateDocumentKey: '文件代号“{key}”重复（第 {firstRow} 行已使用）',
      duplicateSectionCode: '章节编码“{code}”重复（第 {firstRow} 行已使用）',
      formatUnknown: '无法识别的格式“{found}”，应为“{expected}”；请使用本应用导出的清单模板',
    },
    where: { sheet: '工作表“{sheet}”', row: '第 {row} 行', column: '“{column}”列', separator: '', workbook: '整个工作簿' },
  },
  'en-US': {
    problems: {
      missingSheet: 'The sheet "{sheet}" is missing. Use the checklist template this app exports (sheets 检查项, 文件 and 清单信息)',
      missingColumn: 'The column "{column}" is missing',
      duplicateColumn: 'The column "{column}" appears twice; remove one of them',
      unknownColumn: 'Unknown column "{column}" (unknown columns are not ignored, so that nothing is lost; put remarks in the 备注 column)',
      unknownInfoRow: 'Unknown entry "{label}"; allowed: 格式, 清单编号, 版本号, 标题, 英文标题, 发布部门, 生效日期, 说明',
      duplicateInfoRow: 'The entry "{label}" appears twice (first in row {firstRow})',
      badBoolean: 'Enter "是" (yes) or "否" (no); found "{found}"',
      sectionCodeMissing: 'No section code (only the following rows of the same section may leave it empty, meaning "as above")',
      sectionTitleMismatch: 'The title of section "{code}" differs from row {firstRow}; a section has one title (later rows may leave it empty)',
      basisWithoutDoc: 'An article, verification or note is filled in for a basis, but its document key is empty',
      noItems: 'The sheet has no items',
    },
    overrides: {
      unknownDocument: 'The document key "{doc}" is not listed on the 文件 sheet; add the document there or correct the key',
      verifiedWithoutArticle: '"Verified" says 是 (yes) but no article is given; enter the article that was checked, or change it to 否 (no)',
      duplicateItemCode: 'The item code "{code}" is used twice (first in row {firstRow}); item codes must be unique across the checklist',
      duplicateDocumentKey: 'The document key "{key}" is used twice (first in row {firstRow})',
      duplicateSectionCode: 'The section code "{code}" is used twice (first in row {firstRow})',
      formatUnknown: 'Unknown format "{found}"; expected "{expected}". Use the checklist template this app exports',
    },
    where: { sheet: 'sheet "{sheet}"', row: 'row {row}', column: 'column "{column}"', separator: ', ', workbook: '(whole workbook)' },
  },
};

function sub(template: string, params: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (params[name] === undefined ? whole : String(params[name])));
}

/** Where the problem is: 工作表“检查项”第 5 行“风险等级”列, or the workbook as a whole. */
export function sheetProblemLocation(p: SheetProblem, lang: ChecklistLang): string {
  const w = SHEET_MESSAGES[lang].where;
  const parts: string[] = [];
  if (p.sheet !== '') parts.push(sub(w.sheet, { sheet: p.sheet }));
  if (p.row > 0) parts.push(sub(w.row, { row: p.row }));
  if (p.column !== '') parts.push(sub(w.column, { column: p.column }));
  return parts.length === 0 ? w.workbook : parts.join(w.separator);
}

export function sheetProblemReason(p: SheetProblem, lang: ChecklistLang): string {
  const m = SHEET_MESSAGES[lang];
  const template =
    (Object.hasOwn(m.problems, p.code) ? m.problems[p.code as SheetProblemCode] : undefined) ??
    m.overrides[p.code as ChecklistProblemCode] ??
    CHECKLIST_MESSAGES[lang].problems[p.code as ChecklistProblemCode];
  return fillProblemTemplate(template, p.params, lang);
}

/** `location: reason`, like the JSON problems. */
export function formatSheetProblem(p: SheetProblem, lang: ChecklistLang): string {
  return `${sheetProblemLocation(p, lang)}: ${sheetProblemReason(p, lang)}`;
}
