// The words for checklist problems, in Chinese and English, and the formatter that uses them (the UI and
// the CLI print `path (where): reason`). The words are two plain objects so the UI catalogues or a
// translator can take them over as they are. Placeholders are {name}; the params named field,
// expectedType, foundType and reason are themselves translated through the tables below.
import type { JsonSyntaxReason } from './json-text';
import type { ChecklistProblem, ChecklistProblemCode, JsonTypeName, ProblemParams, ProblemWhere } from './problems';

export type ChecklistLang = 'zh-CN' | 'en-US';

export type ChecklistMessages = {
  problems: Record<ChecklistProblemCode, string>;
  jsonReasons: Record<JsonSyntaxReason, string>;
  types: Record<JsonTypeName, string>;
  /** Field labels by key; `key[]` labels one entry of that list. Unknown keys are shown as they are. */
  fields: Record<string, string>;
  where: {
    section: string;
    sectionAt: string;
    item: string;
    itemAt: string;
    basis: string;
    doc: string;
    docAt: string;
    separator: string;
  };
  didYouMean: string;
  wholeFile: string;
};

export const zhCN: ChecklistMessages = {
  problems: {
    tooLarge: '文件过大（{size} MB），检查清单文件不能超过 {limit} MB',
    empty: '文件是空的，没有任何内容',
    jsonSyntax: '第 {line} 行第 {column} 列有 JSON 格式错误：{reason}',
    duplicateKey: '第 {line} 行第 {column} 列：字段“{key}”在同一处重复出现，请删去多余的一个（否则前面的内容会被悄悄覆盖）',
    tooDeep: '嵌套层级过深（超过 {limit} 层），这不像是检查清单文件',
    tooManyValues: '内容过多（超过 {limit} 个值），这不像是检查清单文件',
    notObject: '文件内容应是一个 JSON 对象（以“{”开头），当前是{foundType}',
    formatMissing: '缺少“format”字段。本应用读取格式为“{expected}”的检查清单，请确认选择的是检查清单文件',
    formatUnknown:
      '无法识别的格式“{found}”，本应用读取的是“{expected}”。如是更新版本的清单，请升级本应用；否则请向总行索取“{expected}”格式的文件',
    forbiddenKey: '出于安全原因，不允许使用字段名“{key}”',
    unknownKey: '无法识别的字段“{key}”（本应用不会忽略未知字段，以免拼写错误导致内容丢失）',
    required: '缺少必填项“{field}”',
    wrongType: '“{field}”应是{expectedType}，当前是{foundType}',
    blank: '“{field}”不能为空',
    badCharacters: '“{field}”含有看不见的控制字符（如回车符）或无效字符，请删去后重新保存',
    textTooLong: '“{field}”过长：最多 {max} 个字符，当前 {length} 个字符',
    tooFewEntries: '“{field}”至少要有 {min} 项，当前 {count} 项',
    tooManyEntries: '“{field}”最多 {max} 项，当前 {count} 项',
    badCode: '编码“{found}”不符合规则：须以字母或数字开头，只能包含字母、数字和“-”“_”“.”，最长 32 位',
    badId: '清单编号“{found}”不符合规则：须以小写字母或数字开头，只能包含小写字母、数字和“-”，最长 64 位',
    badVersion: '版本号“{found}”不符合规则：须以字母或数字开头，只能包含字母、数字和“.”“-”“_”“+”，最长 32 位，例如 2026.1',
    badDate: '日期“{found}”格式不对，应写成“年-月-日”，例如 2026-01-01',
    badDocKey: '文件代号“{found}”不符合规则：须以字母或数字开头，只能包含字母、数字和“-”“_”“.”，最长 64 位',
    badSeverity: '风险等级必须是“一般”“较重”“重大”之一，当前为“{found}”',
    badValue: '“{field}”的值“{found}”无效，可选的值：{allowed}',
    invalid: '“{field}”的值无效',
    duplicateSectionCode: '章节编码“{code}”重复（已在 {firstPath} 使用）；章节编码在清单内必须唯一',
    duplicateItemCode: '检查项编码“{code}”重复（已在 {firstPath} 使用）；检查项编码在整份清单内必须唯一',
    duplicateDocumentKey: '文件代号“{key}”重复（已在 {firstPath} 使用）',
    unknownDocument: '引用的依据文件“{doc}”没有列在 documents 中；请在 documents 中补充该文件，或改正代号',
    tooManyItemsTotal: '检查项总数 {count} 超过上限 {max}',
    invalidDate: '日期“{found}”不存在，请检查月份和日',
    verifiedWithoutArticle: '已标为条号核实（verified: true），却没有填写条款（article）；请填写核对过的条号，或改为 verified: false',
    moreProblems: '另有 {count} 个问题未列出，请先改正以上问题',
  },
  jsonReasons: {
    unexpectedEnd: '内容在这里意外结束，可能缺少“}”“]”或引号',
    expectedValue: '这里应是一个值（带双引号的文字、数字、true、false、null、对象或数组），实际是“{char}”',
    expectedKey: '这里应是带英文双引号的字段名，实际是“{char}”',
    expectedColon: '字段名后面应是英文冒号“:”，实际是“{char}”',
    expectedCommaOrEndOfObject: '这里应是英文逗号“,”或“}”，实际是“{char}”（可能漏了逗号）',
    expectedCommaOrEndOfArray: '这里应是英文逗号“,”或“]”，实际是“{char}”（可能漏了逗号）',
    trailingComma: '最后一项后面多了一个逗号，JSON 不允许',
    unterminatedString: '文字缺少结尾的英文双引号',
    controlCharInString: '文字中有未转义的换行或控制字符（换行请写成 \\n）',
    badEscape: '无效的转义：反斜杠“\\”后只能是 " \\ / b f n r t 或 u 加四位十六进制数',
    badNumber: '数字格式错误',
    trailingContent: 'JSON 内容已经结束，后面还有多余的内容“{char}”',
    comment: 'JSON 不允许写注释',
    singleQuote: 'JSON 中的文字和字段名须用英文双引号（"），不能用单引号',
    fullWidthPunctuation: '这里用了中文标点“{char}”，JSON 的引号、逗号、冒号和括号须用英文半角符号',
    tooDeep: '嵌套层级过深',
  },
  types: {
    string: '文字',
    number: '数字',
    boolean: '是否值（true/false）',
    null: '空值（null）',
    array: '列表（数组）',
    object: '对象',
    missing: '缺失',
    other: '其他值',
  },
  fields: {
    format: '格式标识',
    id: '清单编号',
    version: '版本号',
    title: '标题',
    titleEn: '英文标题',
    issuer: '发布部门',
    effectiveFrom: '生效日期',
    description: '说明',
    documents: '依据文件列表',
    'documents[]': '依据文件',
    sections: '章节列表',
    'sections[]': '章节',
    items: '检查项列表',
    'items[]': '检查项',
    code: '编码',
    requirement: '检查要求',
    requirementEn: '英文检查要求',
    basis: '检查依据',
    'basis[]': '依据',
    method: '检查方法',
    evidence: '证据',
    severity: '风险等级',
    sample: '是否抽样',
    note: '备注',
    doc: '依据文件代号',
    article: '条款',
    verified: '条号已核实',
    key: '文件代号',
    number: '文号',
  },
  where: {
    section: '章节 {code}',
    sectionAt: '第 {n} 个章节',
    item: '检查项 {code}',
    itemAt: '第 {n} 个检查项',
    basis: '依据 {n}',
    doc: '依据文件 {key}',
    docAt: '第 {n} 个依据文件',
    separator: ' › ',
  },
  didYouMean: '。是否应为“{suggestion}”？',
  wholeFile: '整个文件',
};

export const enUS: ChecklistMessages = {
  problems: {
    tooLarge: 'The file is too large ({size} MB); a checklist file may be at most {limit} MB',
    empty: 'The file is empty',
    jsonSyntax: 'JSON error at line {line}, column {column}: {reason}',
    duplicateKey:
      'Line {line}, column {column}: the field "{key}" appears twice in the same place; remove one (otherwise the earlier one is silently overwritten)',
    tooDeep: 'Nested more than {limit} levels deep; this does not look like a checklist file',
    tooManyValues: 'More than {limit} values; this does not look like a checklist file',
    notObject: 'The file should contain one JSON object (starting with "{"), but it contains {foundType}',
    formatMissing: 'The "format" field is missing. This app reads checklists in the format "{expected}"; check that you chose a checklist file',
    formatUnknown:
      'Unknown format "{found}"; this app reads "{expected}". If the checklist is from a newer version, update the app; otherwise ask head office for a file in the "{expected}" format',
    forbiddenKey: 'The field name "{key}" is not allowed, for security reasons',
    unknownKey: 'Unknown field "{key}" (unknown fields are not ignored, so that a misspelt field does not silently lose its content)',
    required: 'The required field "{field}" is missing',
    wrongType: '"{field}" should be {expectedType}, but it is {foundType}',
    blank: '"{field}" must not be empty',
    badCharacters: '"{field}" contains invisible control characters (such as a carriage return) or invalid characters; remove them and save again',
    textTooLong: '"{field}" is too long: at most {max} characters, found {length}',
    tooFewEntries: '"{field}" needs at least {min} entries, found {count}',
    tooManyEntries: '"{field}" may have at most {max} entries, found {count}',
    badCode: 'The code "{found}" is not valid: it must start with a letter or digit and contain only letters, digits, "-", "_" and ".", at most 32 characters',
    badId: 'The checklist id "{found}" is not valid: lower-case letters, digits and "-" only, starting with a letter or digit, at most 64 characters',
    badVersion: 'The version "{found}" is not valid: it must start with a letter or digit and contain only letters, digits, ".", "-", "_" and "+", at most 32 characters, e.g. 2026.1',
    badDate: 'The date "{found}" is not in the form YYYY-MM-DD, e.g. 2026-01-01',
    badDocKey: 'The document key "{found}" is not valid: it must start with a letter or digit and contain only letters, digits, "-", "_" and ".", at most 64 characters',
    badSeverity: 'The severity must be one of "一般" (minor), "较重" (serious), "重大" (major); found "{found}"',
    badValue: 'The value "{found}" is not valid for "{field}"; allowed: {allowed}',
    invalid: 'The value of "{field}" is not valid',
    duplicateSectionCode: 'The section code "{code}" is used twice (first at {firstPath}); section codes must be unique in a checklist',
    duplicateItemCode: 'The item code "{code}" is used twice (first at {firstPath}); item codes must be unique across the whole checklist',
    duplicateDocumentKey: 'The document key "{key}" is used twice (first at {firstPath})',
    unknownDocument: 'The cited document "{doc}" is not listed under documents; add it there or correct the key',
    tooManyItemsTotal: 'The checklist has {count} items in total; at most {max} are allowed',
    invalidDate: 'The date "{found}" does not exist; check the month and day',
    verifiedWithoutArticle:
      'Marked as checked (verified: true) but no article is given; enter the article that was checked, or set verified: false',
    moreProblems: '{count} more problems are not listed; fix the ones above first',
  },
  jsonReasons: {
    unexpectedEnd: 'the text ends here unexpectedly; a "}", "]" or quote may be missing',
    expectedValue: 'expected a value (text in double quotes, a number, true, false, null, an object or a list), found "{char}"',
    expectedKey: 'expected a field name in double quotes, found "{char}"',
    expectedColon: 'expected ":" after the field name, found "{char}"',
    expectedCommaOrEndOfObject: 'expected "," or "}", found "{char}" (a comma may be missing)',
    expectedCommaOrEndOfArray: 'expected "," or "]", found "{char}" (a comma may be missing)',
    trailingComma: 'there is a comma after the last entry, which JSON does not allow',
    unterminatedString: 'the text is missing its closing double quote',
    controlCharInString: 'the text contains a raw line break or control character (write a line break as \\n)',
    badEscape: 'invalid escape: a backslash may only be followed by " \\ / b f n r t, or u and four hex digits',
    badNumber: 'the number is malformed',
    trailingContent: 'the JSON has ended, but more follows: "{char}"',
    comment: 'JSON does not allow comments',
    singleQuote: 'JSON needs double quotes (") around text and field names, not single quotes',
    fullWidthPunctuation: 'a full-width (Chinese) punctuation mark "{char}" is used; JSON needs ASCII quotes, commas, colons and brackets',
    tooDeep: 'nested too deeply',
  },
  types: {
    string: 'text',
    number: 'a number',
    boolean: 'true/false',
    null: 'null',
    array: 'a list (array)',
    object: 'an object',
    missing: 'missing',
    other: 'another kind of value',
  },
  fields: {
    format: 'format',
    id: 'checklist id',
    version: 'version',
    title: 'title',
    titleEn: 'English title',
    issuer: 'issuer',
    effectiveFrom: 'effective date',
    description: 'description',
    documents: 'documents',
    'documents[]': 'document',
    sections: 'sections',
    'sections[]': 'section',
    items: 'items',
    'items[]': 'item',
    code: 'code',
    requirement: 'requirement',
    requirementEn: 'English requirement',
    basis: 'basis',
    'basis[]': 'basis entry',
    method: 'method',
    evidence: 'evidence',
    severity: 'severity',
    sample: 'sample',
    note: 'note',
    doc: 'document key',
    article: 'article',
    verified: 'verified',
    key: 'document key',
    number: 'document number',
  },
  where: {
    section: 'section {code}',
    sectionAt: 'section no. {n}',
    item: 'item {code}',
    itemAt: 'item no. {n}',
    basis: 'basis {n}',
    doc: 'document {key}',
    docAt: 'document no. {n}',
    separator: ' › ',
  },
  didYouMean: '. Did you mean "{suggestion}"?',
  wholeFile: '(whole file)',
};

export const CHECKLIST_MESSAGES: Record<ChecklistLang, ChecklistMessages> = { 'zh-CN': zhCN, 'en-US': enUS };

export function formatChecklistProblem(p: ChecklistProblem, lang: ChecklistLang): string {
  const { location, reason } = describeChecklistProblem(p, lang);
  return `${location}: ${reason}`;
}

/** The two halves separately, for a UI table with a location column. */
export function describeChecklistProblem(p: ChecklistProblem, lang: ChecklistLang): { location: string; reason: string } {
  const m = CHECKLIST_MESSAGES[lang];
  const where = p.where ? formatProblemWhere(p.where, lang) : '';
  const location = p.path === '' ? (where === '' ? m.wholeFile : where) : where === '' ? p.path : `${p.path} (${where})`;
  let reason = fill(m.problems[p.code], p.params, m);
  if (typeof p.params['suggestion'] === 'string') reason += fill(m.didYouMean, p.params, m);
  return { location, reason };
}

export function formatProblemWhere(where: ProblemWhere, lang: ChecklistLang): string {
  const w = CHECKLIST_MESSAGES[lang].where;
  const parts: string[] = [];
  if (where.section) {
    parts.push(where.section.code !== null ? sub(w.section, { code: where.section.code }) : sub(w.sectionAt, { n: where.section.index + 1 }));
  }
  if (where.item) {
    parts.push(where.item.code !== null ? sub(w.item, { code: where.item.code }) : sub(w.itemAt, { n: where.item.index + 1 }));
  }
  if (where.basis !== undefined) parts.push(sub(w.basis, { n: where.basis + 1 }));
  if (where.doc) {
    parts.push(where.doc.key !== null ? sub(w.doc, { key: where.doc.key }) : sub(w.docAt, { n: where.doc.index + 1 }));
  }
  return parts.join(w.separator);
}

/** Fills a template the way problem messages are filled: field names and types in the reader's language. */
export function fillProblemTemplate(template: string, params: ProblemParams, lang: ChecklistLang): string {
  return fill(template, params, CHECKLIST_MESSAGES[lang]);
}

function fill(template: string, params: ProblemParams, m: ChecklistMessages): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name];
    if (value === undefined) return whole;
    const s = String(value);
    switch (name) {
      case 'field':
        return (Object.hasOwn(m.fields, s) ? m.fields[s] : undefined) ?? s;
      case 'expectedType':
      case 'foundType':
        return Object.hasOwn(m.types, s) ? m.types[s as JsonTypeName] : s;
      case 'reason':
        return Object.hasOwn(m.jsonReasons, s) ? fill(m.jsonReasons[s as JsonSyntaxReason], params, m) : s;
      default:
        return s;
    }
  });
}

function sub(template: string, params: ProblemParams): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    return v === undefined ? whole : String(v);
  });
}
