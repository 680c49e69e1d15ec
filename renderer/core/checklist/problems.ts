// What is wrong with a checklist file, as data: a code, the JSON path, parameters, and which section,
// item or document the path falls in. Words for each code live in messages.ts and are put together by
// format-problem.ts, so the UI, the CLI and tests all say the same thing in either language.
import type { PathSegment } from './json-text';

export const CHECKLIST_PROBLEM_CODES = [
  // reading the text
  'tooLarge',
  'empty',
  'jsonSyntax',
  'duplicateKey',
  'tooDeep',
  'tooManyValues',
  // shape
  'notObject',
  'formatMissing',
  'formatUnknown',
  'forbiddenKey',
  'unknownKey',
  'required',
  'wrongType',
  'blank',
  'badCharacters',
  'textTooLong',
  'tooFewEntries',
  'tooManyEntries',
  'badCode',
  'badId',
  'badVersion',
  'badDate',
  'badDocKey',
  'badSeverity',
  'badValue',
  'invalid',
  // rules across the document
  'duplicateSectionCode',
  'duplicateItemCode',
  'duplicateDocumentKey',
  'unknownDocument',
  'tooManyItemsTotal',
  'invalidDate',
  'verifiedWithoutArticle',
  // the list was cut short
  'moreProblems',
] as const;

export type ChecklistProblemCode = (typeof CHECKLIST_PROBLEM_CODES)[number];

export type ProblemParams = Record<string, string | number>;

/** The section, item, basis or listed document (`doc`) a problem sits in, as far as the (possibly broken) input tells. */
export type ProblemWhere = {
  section?: { index: number; code: string | null };
  item?: { index: number; code: string | null };
  /** 0-based index into the item's basis list. */
  basis?: number;
  doc?: { index: number; key: string | null };
};

export type ChecklistProblem = {
  /** JSON path such as `sections[2].items[5].basis[0].doc`; '' means the file as a whole. */
  path: string;
  code: ChecklistProblemCode;
  params: ProblemParams;
  where: ProblemWhere | null;
};

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

export function formatPath(segments: readonly PathSegment[]): string {
  let out = '';
  for (const s of segments) {
    if (typeof s === 'number') out += `[${s}]`;
    else if (IDENTIFIER.test(s)) out += out === '' ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out;
}

/** Own property lookup that never reaches a prototype (input may carry keys like "constructor"). */
export function childOf(value: unknown, key: PathSegment): { present: boolean; value: unknown } {
  if (typeof value !== 'object' || value === null) return { present: false, value: undefined };
  if (Array.isArray(value)) {
    if (typeof key !== 'number' || key < 0 || key >= value.length) return { present: false, value: undefined };
    return { present: true, value: value[key] as unknown };
  }
  const k = String(key);
  if (!Object.hasOwn(value, k)) return { present: false, value: undefined };
  return { present: true, value: (value as Record<string, unknown>)[k] };
}

export function valueAt(root: unknown, segments: readonly PathSegment[]): { present: boolean; value: unknown } {
  let current: { present: boolean; value: unknown } = { present: true, value: root };
  for (const s of segments) {
    if (!current.present) return current;
    current = childOf(current.value, s);
  }
  return current;
}

const MAX_SHOWN = 40;

/** A value from the input, short enough to quote in a message. */
export function shown(value: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what must not reach the screen raw
  const clean = value.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const chars = Array.from(clean);
  return chars.length > MAX_SHOWN ? `${chars.slice(0, MAX_SHOWN).join('')}…` : clean;
}

function codeAt(root: unknown, segments: readonly PathSegment[], field: string): string | null {
  const v = valueAt(root, [...segments, field]);
  return v.present && typeof v.value === 'string' && v.value !== '' ? shown(v.value) : null;
}

/** Reads section/item/document codes from the input along the path; codes may be missing or broken. */
export function locate(root: unknown, segments: readonly PathSegment[]): ProblemWhere | null {
  const [s0, s1, s2, s3, s4, s5] = segments;
  const where: ProblemWhere = {};
  if (s0 === 'sections' && typeof s1 === 'number') {
    where.section = { index: s1, code: codeAt(root, ['sections', s1], 'code') };
    if (s2 === 'items' && typeof s3 === 'number') {
      where.item = { index: s3, code: codeAt(root, ['sections', s1, 'items', s3], 'code') };
      if (s4 === 'basis' && typeof s5 === 'number') where.basis = s5;
    }
  } else if (s0 === 'documents' && typeof s1 === 'number') {
    where.doc = { index: s1, key: codeAt(root, ['documents', s1], 'key') };
  }
  return Object.keys(where).length > 0 ? where : null;
}

export function problem(
  code: ChecklistProblemCode,
  segments: readonly PathSegment[],
  params: ProblemParams,
  root: unknown,
): ChecklistProblem {
  return { path: formatPath(segments), code, params, where: locate(root, segments) };
}

export type JsonTypeName = 'string' | 'number' | 'boolean' | 'null' | 'array' | 'object' | 'missing' | 'other';

export function jsonTypeOf(value: unknown, present = true): JsonTypeName {
  if (!present || value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

/** The inverse of formatPath for the paths formatPath writes. */
export function parsePath(path: string): PathSegment[] {
  const out: PathSegment[] = [];
  const token = /\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([A-Za-z_$][A-Za-z0-9_$]*)/gy;
  for (let m = token.exec(path); m !== null && m[0] !== ''; m = token.exec(path)) {
    if (m[1] !== undefined) out.push(Number(m[1]));
    else if (m[2] !== undefined) out.push(JSON.parse(m[2]) as string);
    else if (m[3] !== undefined) out.push(m[3]);
  }
  return out;
}
