// Rules that need the whole checklist, run after the schema has passed. Returns every problem found,
// in document order, so an author can fix a file in one round.
import { LIMITS, type Checklist } from './schema';
import type { PathSegment } from './json-text';
import { formatPath, problem, type ChecklistProblem } from './problems';

export function validateChecklist(checklist: Checklist): ChecklistProblem[] {
  const out: ChecklistProblem[] = [];
  const add = (code: ChecklistProblem['code'], path: PathSegment[], params: Record<string, string | number> = {}) =>
    out.push(problem(code, path, params, checklist));

  if (!isCalendarDate(checklist.effectiveFrom)) add('invalidDate', ['effectiveFrom'], { found: checklist.effectiveFrom });

  const documentAt = new Map<string, string>();
  checklist.documents.forEach((d, i) => {
    const first = documentAt.get(d.key);
    if (first !== undefined) add('duplicateDocumentKey', ['documents', i, 'key'], { key: d.key, firstPath: first });
    else documentAt.set(d.key, formatPath(['documents', i]));
  });

  const sectionAt = new Map<string, string>();
  const itemAt = new Map<string, string>();
  let total = 0;
  checklist.sections.forEach((section, s) => {
    const firstSection = sectionAt.get(section.code);
    if (firstSection !== undefined) add('duplicateSectionCode', ['sections', s, 'code'], { code: section.code, firstPath: firstSection });
    else sectionAt.set(section.code, formatPath(['sections', s]));

    section.items.forEach((item, i) => {
      total++;
      const firstItem = itemAt.get(item.code);
      if (firstItem !== undefined) add('duplicateItemCode', ['sections', s, 'items', i, 'code'], { code: item.code, firstPath: firstItem });
      else itemAt.set(item.code, formatPath(['sections', s, 'items', i]));

      item.basis.forEach((b, k) => {
        const at = ['sections', s, 'items', i, 'basis', k];
        if (!documentAt.has(b.doc)) add('unknownDocument', [...at, 'doc'], { doc: b.doc });
        if (b.verified && b.article === undefined) add('verifiedWithoutArticle', [...at, 'verified']);
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
