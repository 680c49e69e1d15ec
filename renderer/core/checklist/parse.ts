// Reading a checklist from untrusted text or data (STYLE §1): size → JSON syntax and duplicate keys →
// shape guards (forbidden keys, depth, size) → format marker → schema → rules across the document.
// Never throws; every failure is a ChecklistProblem the UI and the CLI can show as `path: reason`.
import { err, ok, type Result } from '../result';
import { utf8ByteLength } from '../utf8';
import { CHECKLIST_FORMAT, checklistSchema, type Checklist } from './schema';
import { scanJson, type PathSegment } from './json-text';
import { jsonTypeOf, problem, shown, type ChecklistProblem } from './problems';
import { problemsFromZod } from './zod-issues';
import { validateChecklist } from './validate';

export const MAX_CHECKLIST_BYTES = 5 * 1024 * 1024;
/** A checklist is 7 levels deep (root › sections › section › items › item › basis › entry). */
export const MAX_CHECKLIST_DEPTH = 32;
/** Far above 2,000 items × ~20 values each; stops hostile input before zod walks it. */
export const MAX_CHECKLIST_VALUES = 500_000;
/** More than this is noise: the author fixes the first ones and tries again. */
export const MAX_REPORTED_PROBLEMS = 200;

/** Keys that mean prototype tampering in JavaScript; never a legitimate checklist field. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

export type ChecklistResult = Result<Checklist, ChecklistProblem[]>;

export function parseChecklistText(text: string): ChecklistResult {
  if (text.length > MAX_CHECKLIST_BYTES || utf8ByteLength(text) > MAX_CHECKLIST_BYTES) {
    const size = utf8ByteLength(text) / (1024 * 1024);
    return fail([problem('tooLarge', [], { size: size.toFixed(1), limit: MAX_CHECKLIST_BYTES / (1024 * 1024) }, null)]);
  }
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors on Windows add a BOM
  if (body.trim() === '') return fail([problem('empty', [], {}, null)]);

  const scan = scanJson(body, MAX_CHECKLIST_DEPTH);
  if (scan.error) {
    const e = scan.error;
    if (e.reason === 'tooDeep') return fail([problem('tooDeep', e.path, { limit: MAX_CHECKLIST_DEPTH }, null)]);
    const params = { line: e.line, column: e.column, reason: e.reason, ...(e.char !== undefined ? { char: e.char } : {}) };
    return fail([problem('jsonSyntax', e.path, params, null)]);
  }

  let value: unknown;
  try {
    value = JSON.parse(body) as unknown;
  } catch {
    // Unreachable while scanJson is a correct recogniser; kept so a scanner bug cannot throw.
    return fail([problem('jsonSyntax', [], { line: 1, column: 1, reason: 'expectedValue', char: shown(body.slice(0, 1)) }, null)]);
  }
  const duplicates = scan.duplicates.map((d) => problem('duplicateKey', d.path, { key: shown(d.key), line: d.line, column: d.column }, value));
  const parsed = parseValue(value);
  if (duplicates.length === 0) return parsed.ok ? parsed : fail(parsed.error);
  return fail([...duplicates, ...(parsed.ok ? [] : parsed.error)]);
}

export function parseChecklist(input: unknown): ChecklistResult {
  const parsed = parseValue(input);
  return parsed.ok ? parsed : fail(parsed.error);
}

/** parseChecklist without the cap on the number of problems, so callers can add theirs first. */
function parseValue(input: unknown): ChecklistResult {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return err([problem('notObject', [], { foundType: jsonTypeOf(input) }, input)]);
  }
  const guarded = guard(input);
  if (guarded.length > 0) return err(guarded);

  if (!Object.hasOwn(input, 'format')) return err([problem('formatMissing', [], { expected: CHECKLIST_FORMAT }, input)]);
  const format: unknown = (input as Record<string, unknown>)['format'];
  if (format !== CHECKLIST_FORMAT) {
    const found = typeof format === 'string' ? shown(format) : displayed(format);
    return err([problem('formatUnknown', ['format'], { found, expected: CHECKLIST_FORMAT }, input)]);
  }

  const parsed = checklistSchema.safeParse(input);
  // The rules across the document run on the raw input too, so every problem is reported in one round.
  const problems = validateChecklist(parsed.success ? parsed.data : input);
  if (!parsed.success) return err([...problemsFromZod(parsed.error.issues, input), ...problems]);
  return problems.length > 0 ? err(problems) : ok(parsed.data);
}

/** Walks the raw value once, without recursion: forbidden keys, nesting depth and total size. */
function guard(root: object): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  const stack: Array<{ value: unknown; path: PathSegment[] }> = [{ value: root, path: [] }];
  let count = 1; // values seen so far, counted when pushed
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value !== 'object' || value === null) continue;
    if (path.length > MAX_CHECKLIST_DEPTH) return [problem('tooDeep', path, { limit: MAX_CHECKLIST_DEPTH }, root)];
    if (Array.isArray(value)) {
      count += value.length;
      if (count > MAX_CHECKLIST_VALUES) return [problem('tooManyValues', path, { limit: MAX_CHECKLIST_VALUES }, root)];
      for (let i = value.length - 1; i >= 0; i--) stack.push({ value: value[i] as unknown, path: [...path, i] });
      continue;
    }
    const keys = Object.keys(value);
    count += keys.length;
    if (count > MAX_CHECKLIST_VALUES) return [problem('tooManyValues', path, { limit: MAX_CHECKLIST_VALUES }, root)];
    for (const key of keys.reverse()) {
      if (FORBIDDEN_KEYS.has(key)) out.push(problem('forbiddenKey', [...path, key], { key }, root));
      else stack.push({ value: (value as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return out;
}

/** A non-string value as the user would recognise it in their file. */
function displayed(value: unknown): string {
  if (Array.isArray(value)) return '[…]';
  if (typeof value === 'object' && value !== null) return '{…}';
  return String(value);
}

function fail(problems: ChecklistProblem[]): ChecklistResult {
  if (problems.length <= MAX_REPORTED_PROBLEMS) return err(problems);
  const shownProblems = problems.slice(0, MAX_REPORTED_PROBLEMS);
  shownProblems.push(problem('moreProblems', [], { count: problems.length - MAX_REPORTED_PROBLEMS }, null));
  return err(shownProblems);
}
