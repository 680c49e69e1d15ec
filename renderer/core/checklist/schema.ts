// The checklist file format `xiaobao.checklist/1` (ARCHITECTURE §4): the zod schema is the single source
// of truth; TypeScript types, parsing and the published JSON Schema all derive from it.
import { z } from 'zod';

export const CHECKLIST_FORMAT = 'xiaobao.checklist/1';
export const SEVERITIES = ['一般', '较重', '重大'] as const;
export const VERDICTS = ['compliant', 'partial', 'noncompliant', 'na'] as const;

export const severitySchema = z.enum(SEVERITIES);

export const basisSchema = z.object({
  doc: z.string().min(1).max(64),
  article: z.string().max(64).optional(),
  verified: z.boolean(),
  note: z.string().max(500).optional(),
});

export const itemSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/),
  requirement: z.string().min(1).max(500),
  requirementEn: z.string().max(500).optional(),
  basis: z.array(basisSchema).max(10),
  method: z.string().min(1).max(500),
  evidence: z.string().max(500).optional(),
  severity: severitySchema,
  sample: z.boolean().optional(),
  note: z.string().max(1000).optional(),
});

export const sectionSchema = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/),
  title: z.string().min(1).max(100),
  titleEn: z.string().max(100).optional(),
  items: z.array(itemSchema).min(1).max(500),
});

export const documentSchema = z.object({
  key: z.string().min(1).max(64),
  title: z.string().min(1).max(200),
  number: z.string().max(100).optional(),
  note: z.string().max(500).optional(),
});

export const checklistSchema = z.object({
  format: z.literal(CHECKLIST_FORMAT),
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,63}$/),
  version: z.string().min(1).max(32),
  title: z.string().min(1).max(200),
  titleEn: z.string().max(200).optional(),
  issuer: z.string().min(1).max(100),
  effectiveFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  description: z.string().max(2000).optional(),
  documents: z.array(documentSchema).max(200),
  sections: z.array(sectionSchema).min(1).max(100),
});

export type Severity = z.infer<typeof severitySchema>;
export type Verdict = (typeof VERDICTS)[number];
export type Basis = z.infer<typeof basisSchema>;
export type ChecklistItem = z.infer<typeof itemSchema>;
export type ChecklistSection = z.infer<typeof sectionSchema>;
export type ChecklistDocument = z.infer<typeof documentSchema>;
export type Checklist = z.infer<typeof checklistSchema>;
