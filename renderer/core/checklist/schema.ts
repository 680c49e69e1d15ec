// The checklist file format `xiaobao.checklist/1` (ARCHITECTURE §4): the zod schema is the single source
// of truth; TypeScript types, parsing and the published JSON Schema all derive from it.
//
// Every object is strict: an unknown key is reported, never dropped, because a typo such as
// "requirment" or "artcle" would otherwise lose the text or the article number without a word.
// Rules that need the whole document (unique codes, cited documents exist, real dates, total counts)
// live in validate.ts; messages for every failure live in messages.ts.
import { z } from 'zod';

export const CHECKLIST_FORMAT = 'xiaobao.checklist/1';
export const SEVERITIES = ['一般', '较重', '重大'] as const;
export const VERDICTS = ['compliant', 'partial', 'noncompliant', 'na'] as const;

export const LIMITS = {
  sections: 100,
  itemsPerSection: 500,
  itemsTotal: 2000,
  documents: 200,
  basisPerItem: 10,
  title: 200,
  sectionTitle: 100,
  issuer: 100,
  description: 2000,
  requirement: 500,
  method: 500,
  evidence: 500,
  itemNote: 1000,
  basisNote: 500,
  documentNote: 500,
  documentNumber: 100,
  article: 64,
} as const;

/** Codes appear in ledgers, file names and finding numbers: keep them to a safe, short alphabet. */
export const CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;
export const VERSION_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/;
export const DOC_KEY_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/;
/** Shape only; validate.ts checks that the date exists on the calendar. */
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/** Marks a refinement failure so problems.ts can map it to the `blank` problem code. */
export const BLANK_ISSUE = 'blank';

const isNotBlank = (s: string): boolean => s.trim().length > 0;

/** Required human text: not empty, not only spaces, at most `max` UTF-16 units. */
const text = (max: number) => z.string().max(max).refine(isNotBlank, { params: { code: BLANK_ISSUE } });

export const severitySchema = z.enum(SEVERITIES);

export const basisSchema = z.strictObject({
  doc: z.string().regex(DOC_KEY_PATTERN),
  /** As the rule writes it, e.g. 第十条 or 第二十八—二十九条. Absent when the article is not known. */
  article: text(LIMITS.article).optional(),
  /** true only when the article number was checked against the rule's text; false shows 条号待核. */
  verified: z.boolean(),
  note: text(LIMITS.basisNote).optional(),
});

export const itemSchema = z.strictObject({
  code: z.string().regex(CODE_PATTERN),
  requirement: text(LIMITS.requirement),
  requirementEn: text(LIMITS.requirement).optional(),
  basis: z.array(basisSchema).max(LIMITS.basisPerItem),
  method: text(LIMITS.method),
  evidence: text(LIMITS.evidence).optional(),
  severity: severitySchema,
  sample: z.boolean().optional(),
  note: text(LIMITS.itemNote).optional(),
});

export const sectionSchema = z.strictObject({
  code: z.string().regex(CODE_PATTERN),
  title: text(LIMITS.sectionTitle),
  titleEn: text(LIMITS.sectionTitle).optional(),
  items: z.array(itemSchema).min(1).max(LIMITS.itemsPerSection),
});

export const documentSchema = z.strictObject({
  key: z.string().regex(DOC_KEY_PATTERN),
  /** Without the 《》 brackets: the UI adds them. */
  title: text(LIMITS.title),
  number: text(LIMITS.documentNumber).optional(),
  note: text(LIMITS.documentNote).optional(),
});

export const checklistSchema = z.strictObject({
  format: z.literal(CHECKLIST_FORMAT),
  id: z.string().regex(ID_PATTERN),
  version: z.string().regex(VERSION_PATTERN),
  title: text(LIMITS.title),
  titleEn: text(LIMITS.title).optional(),
  issuer: text(LIMITS.issuer),
  effectiveFrom: z.string().regex(DATE_PATTERN),
  description: text(LIMITS.description).optional(),
  documents: z.array(documentSchema).max(LIMITS.documents),
  sections: z.array(sectionSchema).min(1).max(LIMITS.sections),
});

/** The keys each strict object accepts: used to suggest the intended key for a typo. */
export const KNOWN_KEYS = {
  checklist: Object.keys(checklistSchema.shape),
  section: Object.keys(sectionSchema.shape),
  item: Object.keys(itemSchema.shape),
  basis: Object.keys(basisSchema.shape),
  doc: Object.keys(documentSchema.shape),
} as const;

export type Severity = z.infer<typeof severitySchema>;
export type Verdict = (typeof VERDICTS)[number];
export type Basis = z.infer<typeof basisSchema>;
export type ChecklistItem = z.infer<typeof itemSchema>;
export type ChecklistSection = z.infer<typeof sectionSchema>;
export type ChecklistDocument = z.infer<typeof documentSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
