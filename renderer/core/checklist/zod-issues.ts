// Maps zod's issues to our problem codes: zod's English messages never reach the user.
import type { z } from 'zod';
import { BAD_CHARACTERS_ISSUE, BLANK_ISSUE, KNOWN_KEYS } from './schema';
import type { PathSegment } from './json-text';
import { jsonTypeOf, problem, shown, valueAt, type ChecklistProblem, type JsonTypeName } from './problems';

type ZodIssue = z.core.$ZodIssue;

export function problemsFromZod(issues: readonly ZodIssue[], input: unknown): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  for (const issue of issues) {
    const path = issue.path.map((s): PathSegment => (typeof s === 'number' ? s : String(s)));
    if (issue.code === 'unrecognized_keys') {
      const known = knownKeysAt(path);
      for (const key of issue.keys) {
        const suggestion = known ? suggestKey(key, known) : null;
        out.push(problem('unknownKey', [...path, key], { key: shown(key), ...(suggestion ? { suggestion } : {}) }, input));
      }
      continue;
    }
    out.push(mapIssue(issue, path, input));
  }
  return out;
}

function mapIssue(issue: ZodIssue, path: PathSegment[], input: unknown): ChecklistProblem {
  const at = valueAt(input, path);
  const field = fieldOf(path);
  const make = (code: ChecklistProblem['code'], params: Record<string, string | number> = {}) =>
    problem(code, path, { field, ...params }, input);
  switch (issue.code) {
    case 'invalid_type':
      if (!at.present || at.value === undefined) return make('required');
      return make('wrongType', { expectedType: expectedType(issue.expected), foundType: jsonTypeOf(at.value) });
    case 'too_big':
      if (issue.origin === 'string' && typeof at.value === 'string') {
        return make('textTooLong', { max: Number(issue.maximum), length: at.value.length });
      }
      if (issue.origin === 'array' && Array.isArray(at.value)) {
        return make('tooManyEntries', { max: Number(issue.maximum), count: at.value.length });
      }
      return make('invalid');
    case 'too_small':
      if (issue.origin === 'array' && Array.isArray(at.value)) {
        return make('tooFewEntries', { min: Number(issue.minimum), count: at.value.length });
      }
      if (issue.origin === 'string') return make('blank');
      return make('invalid');
    case 'invalid_format': {
      const found = typeof at.value === 'string' ? shown(at.value) : '';
      switch (field) {
        case 'code':
          return make('badCode', { found });
        case 'id':
          return make('badId', { found });
        case 'version':
          return make('badVersion', { found });
        case 'effectiveFrom':
          return make('badDate', { found });
        case 'doc':
        case 'key':
          return make('badDocKey', { found });
        default:
          return make('invalid');
      }
    }
    case 'invalid_value': {
      const v = at.value;
      if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
        const expected = issue.values.length > 0 ? jsonTypeOf(issue.values[0]) : 'other';
        return make('wrongType', { expectedType: expected, foundType: jsonTypeOf(v, at.present) });
      }
      const found = shown(String(v));
      if (field === 'severity') return make('badSeverity', { found });
      return make('badValue', { found, allowed: issue.values.map((x) => String(x)).join(' / ') });
    }
    case 'custom':
      if (issue.params?.['code'] === BLANK_ISSUE) return make('blank');
      if (issue.params?.['code'] === BAD_CHARACTERS_ISSUE) return make('badCharacters');
      return make('invalid');
    default:
      return make('invalid');
  }
}

/** The name a user recognises: the key itself, or `items[]` for an entry of the items list. */
function fieldOf(path: readonly PathSegment[]): string {
  const last = path[path.length - 1];
  if (typeof last === 'string') return last;
  const parent = path[path.length - 2];
  if (typeof last === 'number' && typeof parent === 'string') return `${parent}[]`;
  return '';
}

function expectedType(expected: string): JsonTypeName {
  switch (expected) {
    case 'string':
    case 'number':
    case 'boolean':
    case 'null':
    case 'array':
    case 'object':
      return expected;
    default:
      return 'other';
  }
}

function knownKeysAt(path: readonly PathSegment[]): readonly string[] | null {
  const shape = path.map((s) => (typeof s === 'number' ? '#' : s)).join('/');
  switch (shape) {
    case '':
      return KNOWN_KEYS.checklist;
    case 'sections/#':
      return KNOWN_KEYS.section;
    case 'sections/#/items/#':
      return KNOWN_KEYS.item;
    case 'sections/#/items/#/basis/#':
      return KNOWN_KEYS.basis;
    case 'documents/#':
      return KNOWN_KEYS.doc;
    default:
      return null;
  }
}

/** The known key a typo most likely meant: same letters in another case, or within a small edit distance. */
export function suggestKey(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const k of known) {
    if (k.toLowerCase() === lower) return k;
    const d = editDistance(lower, k.toLowerCase());
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
  return best !== null && bestDistance <= allowed ? best : null;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 3) return Infinity;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row.push(Math.min((prev[j] ?? Infinity) + 1, (row[j - 1] ?? Infinity) + 1, (prev[j - 1] ?? Infinity) + cost));
    }
    prev = row;
  }
  return prev[b.length] ?? Infinity;
}
