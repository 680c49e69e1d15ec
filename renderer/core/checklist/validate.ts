// Rules that need the whole checklist: unique codes and keys, cited documents listed, real dates, total
// size. They read the input defensively, so they also run when the schema has found problems elsewhere:
// an author sees a duplicate code in row 40 together with the bad severity in row 3, and fixes the file
// in one round. Returns every problem found, in document order.
import { DATE_PATTERN, LIMITS, type Checklist } from './schema';
import type { PathSegment } from './json-text';
import { childOf, formatPath, problem, type ChecklistProblem } from './problems';

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const text = (v: unknown, key: string): string | undefined => {
  const c = childOf(v, key);
  return c.present && typeof c.value === 'string' ? c.value : undefined;
};

export function validateChecklist(checklist: Checklist | unknown): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  const add = (code: ChecklistProblem['code'], path: PathSegment[], params: Record<string, string | number> = {}) =>
    out.push(problem(code, path, params, checklist));

  const effectiveFrom = text(checklist, 'effectiveFrom');
  if (effectiveFrom !== undefined && DATE_PATTERN.test(effectiveFrom) && !isCalendarDate(effectiveFrom)) {
    add('invalidDate', ['effectiveFrom'], { found: effectiveFrom });
  }

  const documentAt = new Map<string, string>();
  list(childOf(checklist, 'documents').value).forEach((d, i) => {
    const key = text(d, 'key');
    if (key === undefined) return;
    const first = documentAt.get(key);
    if (first !== undefined) add('duplicateDocumentKey', ['documents', i, 'key'], { key, firstPath: first });
    else documentAt.set(key, formatPath(['documents', i]));
  });

  const sectionAt = new Map<string, string>();
  const itemAt = new Map<string, string>();
  let total = 0;
  list(childOf(checklist, 'sections').value).forEach((section, s) => {
    const sectionCode = text(section, 'code');
    if (sectionCode !== undefined) {
      const firstSection = sectionAt.get(sectionCode);
      if (firstSection !== undefined) add('duplicateSectionCode', ['sections', s, 'code'], { code: sectionCode, firstPath: firstSection });
      else sectionAt.set(sectionCode, formatPath(['sections', s]));
    }

    list(childOf(section, 'items').value).forEach((item, i) => {
      total++;
      const code = text(item, 'code');
      if (code !== undefined) {
        const firstItem = itemAt.get(code);
        if (firstItem !== undefined) add('duplicateItemCode', ['sections', s, 'items', i, 'code'], { code, firstPath: firstItem });
        else itemAt.set(code, formatPath(['sections', s, 'items', i]));
      }

      list(childOf(item, 'basis').value).forEach((b, k) => {
        const at = ['sections', s, 'items', i, 'basis', k];
        const doc = text(b, 'doc');
        if (doc !== undefined && !documentAt.has(doc)) add('unknownDocument', [...at, 'doc'], { doc });
        if (childOf(b, 'verified').value === true && !childOf(b, 'article').present) add('verifiedWithoutArticle', [...at, 'verified']);
      });
    });
  });

  if (total > LIMITS.itemsTotal) add('tooManyItemsTotal', ['sections'], { count: total, max: LIMITS.itemsTotal });
  return out;
}

/** YYYY-MM-DD naming a day that exists in the proleptic Gregorian calendar. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1] ?? 0;
  return day <= days;
}
