// The words for org units and their problems, in Chinese and English. Placeholders are {name};
// formatOrgProblem fills them, showing params named level, parentLevel, childLevel and field in words.
import type { AnyOrgProblem, OrgField, OrgLevel, OrgProblemCode, OrgProblemParams } from './model';

export type OrgLang = 'zh-CN' | 'en-US';

export const ORG_LEVEL_LABELS: Record<OrgLevel, Record<OrgLang, string>> = {
  head: { 'zh-CN': '总行', 'en-US': 'Head office' },
  branch: { 'zh-CN': '分行', 'en-US': 'Branch' },
  subbranch: { 'zh-CN': '支行', 'en-US': 'Sub-branch' },
  outlet: { 'zh-CN': '网点', 'en-US': 'Outlet' },
};

export const orgLevelLabel = (level: OrgLevel, lang: OrgLang): string => ORG_LEVEL_LABELS[level][lang];

type OrgMessages = {
  problems: Record<OrgProblemCode, string>;
  fields: Record<OrgField, string>;
  /** Put before a file problem: at a cell, at a row, or nothing for the whole file. */
  atCell: string;
  atRow: string;
};

const zhCN: OrgMessages = {
  problems: {
    'org.codeRequired': '请填写机构代码',
    'org.codeInvalid': '机构代码“{value}”不符合规则：须为 {min}–{max} 位字母、数字、“-”或“_”',
    'org.nameRequired': '请填写机构名称',
    'org.nameTooLong': '机构名称过长：最多 {max} 个字，当前 {length} 个字',
    'org.nameInvalid': '机构名称不能包含换行符或其他控制字符',
    'org.levelRequired': '请填写层级：总行、分行、支行或网点',
    'org.levelInvalid': '层级“{value}”无法识别，应为总行、分行、支行或网点',
    'org.duplicateCode': '机构代码“{code}”已存在，不能重复',
    'org.headHasParent': '总行不能有上级机构（当前填写了“{parentCode}”）',
    'org.parentIsSelf': '上级机构不能是本机构自己（{code}）',
    'org.parentCodeInvalid': '上级机构代码“{value}”不符合机构代码的规则',
    'org.parentNotFound': '找不到上级机构“{parentCode}”：请先添加该机构，或在同一文件中一并导入',
    'org.parentLevelNotHigher': '上级机构“{parentCode}”是{parentLevel}，层级必须高于本机构（{level}）',
    'org.childLevelNotLower': '下级机构“{childCode}”是{childLevel}，本机构的层级（{level}）必须高于它',
    'org.import.empty': '文件中没有机构数据',
    'org.import.missingColumn': '缺少“{field}”列',
    'org.import.duplicateColumn': '“{field}”列出现了不止一次',
    'org.import.duplicateInFile': '机构代码“{code}”在文件中重复（第 {firstRow} 行已出现）',
    'org.import.tooManyRows': '文件中的机构过多：一次最多导入 {max} 个',
  },
  fields: { code: '机构代码', name: '机构名称', level: '层级', parentCode: '上级机构代码' },
  atCell: '第 {row} 行“{column}”列：',
  atRow: '第 {row} 行：',
};

const enUS: OrgMessages = {
  problems: {
    'org.codeRequired': 'Enter the unit code',
    'org.codeInvalid': 'The unit code “{value}” is not valid: use {min}–{max} letters, digits, “-” or “_”',
    'org.nameRequired': 'Enter the unit name',
    'org.nameTooLong': 'The unit name is too long: at most {max} characters, this one has {length}',
    'org.nameInvalid': 'The unit name cannot contain line breaks or other control characters',
    'org.levelRequired': 'Enter the level: head office, branch, sub-branch or outlet',
    'org.levelInvalid': 'The level “{value}” is not known: use head office, branch, sub-branch or outlet (总行, 分行, 支行, 网点)',
    'org.duplicateCode': 'The unit code “{code}” already exists',
    'org.headHasParent': 'A head office has no parent unit (“{parentCode}” was given)',
    'org.parentIsSelf': 'A unit cannot be its own parent ({code})',
    'org.parentCodeInvalid': 'The parent code “{value}” is not a valid unit code',
    'org.parentNotFound': 'The parent unit “{parentCode}” does not exist: add it first, or import it in the same file',
    'org.parentLevelNotHigher': 'The parent unit “{parentCode}” (level: {parentLevel}) must rank above this unit (level: {level})',
    'org.childLevelNotLower': 'The unit “{childCode}” under this one (level: {childLevel}) must rank below this unit (level: {level})',
    'org.import.empty': 'The file has no units in it',
    'org.import.missingColumn': 'The column “{field}” is missing',
    'org.import.duplicateColumn': 'The column “{field}” appears more than once',
    'org.import.duplicateInFile': 'The unit code “{code}” appears twice in the file (first in row {firstRow})',
    'org.import.tooManyRows': 'The file has too many units: at most {max} at a time',
  },
  fields: { code: 'code (机构代码)', name: 'name (机构名称)', level: 'level (层级)', parentCode: 'parent (上级机构代码)' },
  atCell: 'Row {row}, column “{column}”: ',
  atRow: 'Row {row}: ',
};

export const ORG_MESSAGES: Record<OrgLang, OrgMessages> = { 'zh-CN': zhCN, 'en-US': enUS };

const LEVEL_PARAMS = new Set(['level', 'parentLevel', 'childLevel']);
const isLevel = (text: string): text is OrgLevel => Object.hasOwn(ORG_LEVEL_LABELS, text);
const isField = (text: string, m: OrgMessages): text is OrgField => Object.hasOwn(m.fields, text);

function fill(template: string, params: OrgProblemParams, lang: OrgLang): string {
  const m = ORG_MESSAGES[lang];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const text = String(value);
    if (LEVEL_PARAMS.has(name) && isLevel(text)) return orgLevelLabel(text, lang);
    if (name === 'field' && isField(text, m)) return m.fields[text];
    return text;
  });
}

/** One line a user can act on; a file problem starts with its row and column. */
export function formatOrgProblem(p: AnyOrgProblem, lang: OrgLang): string {
  const m = ORG_MESSAGES[lang];
  const reason = fill(m.problems[p.code], p.params, lang);
  if (!('row' in p) || p.row <= 0) return reason;
  const where = p.column === '' ? m.atRow : m.atCell;
  return fill(where, { row: p.row, column: p.column }, lang) + reason;
}
