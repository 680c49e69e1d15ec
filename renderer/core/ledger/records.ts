// The records a ledger package carries (ARCHITECTURE §5, §6), as zod schemas: ledger.json is `unknown`
// until these parse it (STYLE §1). The database row types in renderer/db/types.ts must stay assignable
// to and from these; renderer/db/ledger-records.ts makes the compiler check it.
import { z } from 'zod';
import { HISTORY_ACTIONS, HISTORY_ENTITY_TYPES, type Json } from '../audit/types';
import { CANONICAL_MAX_DEPTH, nestedTooDeep } from '../canonical';
import { SEVERITIES, VERDICTS } from '../checklist/schema';
import { isCalendarDate } from '../date';
import { FINDING_STATUSES } from '../finding/model';
import { ORG_CODE_PATTERN, ORG_LEVELS } from '../org/model';
import { instantSchema, sha256HexSchema } from '../package/manifest';

/** Long free text (descriptions, measures, notes); far above what a form accepts, to refuse garbage. */
const TEXT_MAX = 20_000;
const text = z.string().max(TEXT_MAX);
const shortText = z.string().max(200);
const id = z.string().min(1).max(100);
const calendarDate = z.string().refine(isCalendarDate, { message: 'not a calendar date YYYY-MM-DD' });
const orgCode = z.string().regex(ORG_CODE_PATTERN);

const synced = {
  id,
  rev: z.number().int().min(1),
  updatedAt: instantSchema,
  updatedBy: shortText,
  deviceId: id,
  deletedAt: instantSchema.nullable(),
};

export const orgUnitRecord = z.strictObject({
  ...synced,
  code: orgCode,
  name: z.string().min(1).max(100),
  level: z.enum(ORG_LEVELS),
  parentCode: orgCode.nullable(),
});
export type OrgUnitRecord = z.infer<typeof orgUnitRecord>;

export const INSPECTION_KIND_VALUES = ['self', 'superior', 'audit', 'regulator'] as const;

export const inspectionRecord = z.strictObject({
  ...synced,
  checklistId: id,
  checklistVersion: shortText,
  checklistSha256: sha256HexSchema,
  checklistTitle: shortText,
  orgUnitCode: orgCode,
  kind: z.enum(INSPECTION_KIND_VALUES),
  inspectors: z.array(shortText).max(50),
  date: calendarDate,
  startedAt: instantSchema,
  finishedAt: instantSchema.nullable(),
  status: z.enum(['draft', 'completed']),
  /** The inspection this one was started from (the outlet's previous cycle), when there is one. */
  previousInspectionId: id.nullable().optional(),
});
export type InspectionRecord = z.infer<typeof inspectionRecord>;

const count = z.number().int().min(0).max(1_000_000).nullable();

export const answerRecord = z.strictObject({
  inspectionId: id,
  itemCode: shortText,
  verdict: z.enum(VERDICTS).nullable(),
  note: text,
  sampleSize: count,
  exceptions: count,
  updatedAt: instantSchema,
  rev: z.number().int().min(1),
  attachments: z.array(sha256HexSchema).max(1000),
  updatedBy: shortText,
  deviceId: id,
});
export type AnswerRecord = z.infer<typeof answerRecord>;

export const findingRecord = z.strictObject({
  ...synced,
  ledgerNo: z.string().min(1).max(60),
  orgUnitCode: orgCode,
  source: z.enum(['verdict', 'manual']),
  inspectionId: id.nullable(),
  itemCode: shortText.nullable(),
  checklistId: id.nullable(),
  checklistVersion: shortText.nullable(),
  inspectionDate: calendarDate.nullable(),
  verdict: z.enum(['partial', 'noncompliant']).nullable(),
  verdictWithdrawn: z.boolean(),
  description: text,
  category: shortText,
  basis: text,
  severity: z.enum(SEVERITIES),
  repeatOf: id.nullable(),
  rootCause: text,
  correction: text,
  measures: text,
  responsibleDept: shortText,
  responsiblePerson: shortText,
  dueDate: calendarDate.nullable(),
  status: z.enum(FINDING_STATUSES),
  completedAt: calendarDate.nullable(),
  completionNote: text,
  plan: text,
  milestoneDate: calendarDate.nullable(),
  evidence: z.array(sha256HexSchema).max(1000),
  verification: z.strictObject({ by: shortText, at: z.string().max(40), note: text }).nullable(),
  lastReturn: z.strictObject({ by: shortText, at: z.string().max(40), reason: text }).nullable(),
  accountability: z.strictObject({ who: shortText, how: text, docNo: shortText }),
  customerRemedy: z.number().min(0).max(1e12).nullable(),
  notes: text,
});
export type FindingRecord = z.infer<typeof findingRecord>;

const jsonValue: z.ZodType<Json> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string().max(TEXT_MAX), z.array(jsonValue).max(1000), z.record(z.string().max(200), jsonValue)]));
/**
 * A history change's value: any JSON, its depth checked first without recursion. The schema above
 * recurses once per level, so a value nested some thousands deep would otherwise overflow the stack
 * (a RangeError instead of a reason); nothing deeper than canonical JSON can hash is wanted anyway.
 */
const json = z
  .unknown()
  .refine((v) => !nestedTooDeep(v), { message: `nested more than ${CANONICAL_MAX_DEPTH} levels deep` })
  .pipe(jsonValue);

export const historyRecord = z.strictObject({
  deviceId: id,
  seq: z.number().int().min(1),
  entityType: z.enum(HISTORY_ENTITY_TYPES),
  entityId: z.string().min(1).max(300),
  at: instantSchema,
  actor: shortText,
  action: z.enum(HISTORY_ACTIONS),
  transition: z.string().max(40).optional(),
  changes: z.array(z.strictObject({ field: z.string().min(1).max(100), from: json, to: json })).max(200),
  reason: text.nullable(),
  prevHash: z.union([z.literal(''), sha256HexSchema]),
  hash: sha256HexSchema,
});
export type HistoryRecord = z.infer<typeof historyRecord>;

/** An attachment's description; its bytes are the package file `attachments/<id>.<ext>` when included. */
export const attachmentRecord = z.strictObject({
  /** sha256 of the stored bytes. */
  id: sha256HexSchema,
  sourceSha256: sha256HexSchema,
  name: z.string().min(1).max(255),
  mime: z.string().min(1).max(100),
  size: z.number().int().min(0),
  width: z.number().int().min(1).nullable(),
  height: z.number().int().min(1).nullable(),
  createdAt: instantSchema,
  createdBy: shortText,
  deviceId: id,
});
export type AttachmentRecord = z.infer<typeof attachmentRecord>;

/** The file name extension for an attachment's bytes in the package, from its MIME type or its name. */
export function attachmentExtension(record: Pick<AttachmentRecord, 'mime' | 'name'>): string {
  const byMime: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif', 'application/pdf': 'pdf' };
  const known = byMime[record.mime];
  if (known) return known;
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(record.name);
  return m?.[1] ? m[1].toLowerCase() : 'bin';
}

export const attachmentPath = (record: Pick<AttachmentRecord, 'id' | 'mime' | 'name'>): string => `attachments/${record.id}.${attachmentExtension(record)}`;
