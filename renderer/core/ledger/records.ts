// The records a ledger package carries (ARCHITECTURE §5, §6), as zod schemas: ledger.json is `unknown`
// until these parse it (STYLE §1). The database row types in renderer/db/types.ts must stay assignable
// to and from these; renderer/db/ledger-records.ts makes the compiler check it.
import { z } from 'zod';
import { HISTORY_ACTIONS, HISTORY_ENTITY_TYPES, type HistoryChange } from '../audit/types';
import { CANONICAL_MAX_DEPTH } from '../canonical';
import type { Acceptor } from '../schema-acceptor';
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

/**
 * z.strictObject with the shape's keys sorted as canonical JSON sorts them. zod builds a parsed object
 * in its shape's key order, so a record it parses (a backup's, an export's check) comes out in canonical
 * order and canonicalJson writes it with JSON.stringify instead of sorting every object's keys: in schema
 * order, hashing a package's history entries (core/audit/chain) spent a third of the chain check sorting.
 * (An accepted ledger.json keeps its own order, core/schema-acceptor: canonical, as the app writes it.)
 */
function canonicalObject<S extends z.ZodRawShape>(shape: S): z.ZodObject<S, z.core.$strict> {
  return z.strictObject(Object.fromEntries(Object.keys(shape).sort().map((k) => [k, shape[k]])) as S);
}

const synced = {
  id,
  rev: z.number().int().min(1),
  updatedAt: instantSchema,
  updatedBy: shortText,
  deviceId: id,
  deletedAt: instantSchema.nullable(),
};

export const orgUnitRecord = canonicalObject({
  ...synced,
  code: orgCode,
  name: z.string().min(1).max(100),
  level: z.enum(ORG_LEVELS),
  parentCode: orgCode.nullable(),
});
export type OrgUnitRecord = z.infer<typeof orgUnitRecord>;

export const INSPECTION_KIND_VALUES = ['self', 'superior', 'audit', 'regulator'] as const;

export const inspectionRecord = canonicalObject({
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

export const answerRecord = canonicalObject({
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

export const findingRecord = canonicalObject({
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
  verification: canonicalObject({ by: shortText, at: z.string().max(40), note: text }).nullable(),
  lastReturn: canonicalObject({ by: shortText, at: z.string().max(40), reason: text }).nullable(),
  accountability: canonicalObject({ who: shortText, how: text, docNo: shortText }),
  customerRemedy: z.number().min(0).max(1e12).nullable(),
  notes: text,
});
export type FindingRecord = z.infer<typeof findingRecord>;

/** The limits on a history change's value: its strings, arrays, object keys, and how deep it nests. */
const JSON_LIMITS = { text: TEXT_MAX, items: 1000, key: 200, depth: CANONICAL_MAX_DEPTH };

/**
 * Why `value` is not a JSON value within JSON_LIMITS, with the path inside it, or null when it is: null,
 * booleans, finite numbers, strings, arrays and plain objects only. One iterative walk: no recursion for
 * a hostile file to exhaust, and none of a recursive union schema's cost (it tried each member at every
 * level and copied every value: most of the time an import spent validating a package's history).
 */
export function jsonValueProblem(value: unknown): { path: (string | number)[]; message: string } | null {
  // Each pending value knows its parent and its key there, so a path is built only for a problem.
  type Pending = { v: unknown; depth: number; parent: Pending | null; key: string | number };
  const pathOf = (p: Pending): (string | number)[] => {
    const path: (string | number)[] = [];
    for (let at: Pending | null = p; at !== null && at.parent !== null; at = at.parent) path.unshift(at.key);
    return path;
  };
  const pending: Pending[] = [{ v: value, depth: 0, parent: null, key: '' }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const v = next.v;
    switch (typeof v) {
      case 'boolean':
        continue;
      case 'number':
        if (Number.isFinite(v)) continue;
        return { path: pathOf(next), message: 'not a finite number' };
      case 'string':
        if (v.length <= JSON_LIMITS.text) continue;
        return { path: pathOf(next), message: `text longer than ${JSON_LIMITS.text} characters` };
      case 'object':
        break;
      default:
        return { path: pathOf(next), message: `not a JSON value (${typeof v})` };
    }
    if (v === null) continue;
    // Reported at the value itself: a path thousands of keys long says nothing more.
    if (next.depth >= JSON_LIMITS.depth) return { path: [], message: `nested more than ${JSON_LIMITS.depth} levels deep` };
    const depth = next.depth + 1;
    if (Array.isArray(v)) {
      if (v.length > JSON_LIMITS.items) return { path: pathOf(next), message: `more than ${JSON_LIMITS.items} items` };
      for (let i = v.length - 1; i >= 0; i--) pending.push({ v: v[i] as unknown, depth, parent: next, key: i });
      continue;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) return { path: pathOf(next), message: 'not a plain object' };
    const keys = Object.keys(v);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i] as string;
      if (key.length > JSON_LIMITS.key) return { path: pathOf(next), message: `a key longer than ${JSON_LIMITS.key} characters` };
      pending.push({ v: (v as Record<string, unknown>)[key], depth, parent: next, key });
    }
  }
  return null;
}

const CHANGE_LIMITS = { changes: 200, field: 100 };

/**
 * Why `value` is not a history entry's list of changes, with the path, or null when it is: at most 200
 * objects of exactly `field` (1 to 100 characters), `from` and `to` (JSON values, jsonValueProblem).
 * Checked by hand rather than by a zod object per change: a package holds tens of thousands of entries,
 * and this was most of what validating one cost. test/core/ledger/records.test.ts holds it to the zod
 * schema it replaces, on arbitrary values.
 */
export function historyChangesProblem(value: unknown): { path: (string | number)[]; message: string } | null {
  if (!Array.isArray(value)) return { path: [], message: 'not a list of changes' };
  if (value.length > CHANGE_LIMITS.changes) return { path: [], message: `more than ${CHANGE_LIMITS.changes} changes` };
  for (let i = 0; i < value.length; i++) {
    const change: unknown = value[i];
    if (typeof change !== 'object' || change === null || Array.isArray(change)) return { path: [i], message: 'not an object' };
    const proto: unknown = Object.getPrototypeOf(change);
    if (proto !== Object.prototype && proto !== null) return { path: [i], message: 'not an object' };
    const c = change as Record<string, unknown>;
    for (const key of Object.keys(c)) if (key !== 'field' && key !== 'from' && key !== 'to') return { path: [i], message: `unknown field "${key.slice(0, 100)}"` };
    const field = c['field'];
    if (typeof field !== 'string' || field.length < 1 || field.length > CHANGE_LIMITS.field) return { path: [i, 'field'], message: `not a field name of 1 to ${CHANGE_LIMITS.field} characters` };
    for (const side of ['from', 'to'] as const) {
      if (!(side in c)) return { path: [i, side], message: 'missing' };
      const value = c[side];
      // Most changes are of a single text, number, flag or null: no walk needed.
      if (value === null || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value)) || (typeof value === 'string' && value.length <= JSON_LIMITS.text)) continue;
      const problem = jsonValueProblem(value);
      if (problem !== null) return { path: [i, side, ...problem.path], message: problem.message };
    }
  }
  return null;
}

/** A history entry's changes, checked by historyChangesProblem (values kept as read). */
const historyChanges = z.custom<HistoryChange[]>().superRefine((v, ctx) => {
  const problem = historyChangesProblem(v);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: problem.message, path: problem.path });
});

/** For compileAcceptor: what zod cannot tell it about the records (the changes' superRefine). */
export const RECORD_ACCEPTOR_OVERRIDES: ReadonlyMap<unknown, Acceptor> = new Map([[historyChanges, (v: unknown) => historyChangesProblem(v) === null]]);

export const historyRecord = canonicalObject({
  deviceId: id,
  seq: z.number().int().min(1),
  entityType: z.enum(HISTORY_ENTITY_TYPES),
  entityId: z.string().min(1).max(300),
  at: instantSchema,
  actor: shortText,
  action: z.enum(HISTORY_ACTIONS),
  transition: z.string().max(40).optional(),
  changes: historyChanges,
  reason: text.nullable(),
  prevHash: z.union([z.literal(''), sha256HexSchema]),
  hash: sha256HexSchema,
});
export type HistoryRecord = z.infer<typeof historyRecord>;

/** An attachment's description; its bytes are the package file `attachments/<id>.<ext>` when included. */
export const attachmentRecord = canonicalObject({
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
