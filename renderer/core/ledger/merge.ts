// The merge plan of ARCHITECTURE §6 (STYLE §5): what one opened branch package would change in head
// office's records, decided by a pure, deterministic function and shown to a person before anything is
// written. applyPlan produces the resulting state (the CLI's consolidation and the tests use it), and
// resolveConflict turns a person's decision on one conflict into the record to store and its history.
//
// "A local head-office change" is told by `syncedRevs`: for every record exchanged with a branch (taken
// from a package, or sent back in a return package) the rev it had then. A local record whose rev is
// above it was changed here since; a local record with no synced rev was made here and never exchanged,
// so any different version arriving for it is a conflict too (the safe reading of not knowing).
import { canonicalJson } from '../canonical';
import type { HistoryChange, HistoryDraft, Json } from '../audit/types';
import { appError, err, ok, type Result } from '../result';
import type { LedgerData } from './package';
import type { AnswerRecord, AttachmentRecord, FindingRecord, HistoryRecord, InspectionRecord, OrgUnitRecord } from './records';

export const RECORD_KINDS = ['orgUnits', 'inspections', 'answers', 'findings'] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

export type RecordOf = { orgUnits: OrgUnitRecord; inspections: InspectionRecord; answers: AnswerRecord; findings: FindingRecord };
export type AnyRecord = RecordOf[RecordKind];

export const OUTCOMES = ['insert', 'update', 'unchanged', 'stale', 'conflict'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export type OutcomeCounts = Record<Outcome, number>;

/**
 * Head office's records relevant to a package. It must hold at least every local record sharing a key
 * with the package: org units by code, inspections and findings by id, findings also by ledgerNo,
 * answers by `inspectionId/itemCode`, history by deviceId and seq, attachments by sha256.
 */
export type MergeState = {
  orgUnits: ReadonlyMap<string, OrgUnitRecord>;
  inspections: ReadonlyMap<string, InspectionRecord>;
  answers: ReadonlyMap<string, AnswerRecord>;
  findings: ReadonlyMap<string, FindingRecord>;
  /** By recordKey(kind, key): the rev the record had when last exchanged with a branch. */
  syncedRevs: ReadonlyMap<string, number>;
  /** By historyKey(deviceId, seq). */
  history: ReadonlyMap<string, HistoryRecord>;
  /** By sha256. */
  attachments: ReadonlyMap<string, AttachmentRecord>;
};

export const emptyMergeState = (): MergeState => ({
  orgUnits: new Map(),
  inspections: new Map(),
  answers: new Map(),
  findings: new Map(),
  syncedRevs: new Map(),
  history: new Map(),
  attachments: new Map(),
});

/** Org units travel by code (the unique index head office's tree hangs on); the others by id. */
export function keyOf<K extends RecordKind>(kind: K, record: RecordOf[K]): string {
  switch (kind) {
    case 'orgUnits':
      return (record as OrgUnitRecord).code;
    case 'answers': {
      const a = record as AnswerRecord;
      // The same text as history's entityId for an answer.
      return `${a.inspectionId}/${a.itemCode}`;
    }
    default:
      return (record as InspectionRecord | FindingRecord).id;
  }
}

export const recordKey = (kind: RecordKind, key: string): string => `${kind}:${key}`;
export const historyKey = (deviceId: string, seq: number): string => `${deviceId}#${seq}`;

export type ConflictReason =
  /** Same rev, different content: two versions claim to be the same one. */
  | 'sameRev'
  /** Head office changed the record since it last exchanged it, and the branch's version differs. */
  | 'localChange'
  /** Another record already holds this code or ledger number. */
  | 'identity'
  /** The package holds two different versions under one key. */
  | 'duplicate';

export type RecordConflict<K extends RecordKind = RecordKind> = { kind: K; key: string; reason: ConflictReason; local: RecordOf[K]; incoming: RecordOf[K] };

export type KindPlan<K extends RecordKind> = {
  insert: RecordOf[K][];
  /** `before` is head office's current version, for the preview's side-by-side view. */
  update: { before: RecordOf[K]; after: RecordOf[K] }[];
  unchanged: RecordOf[K][];
  /** Older than head office's version: ignored. */
  stale: { local: RecordOf[K]; incoming: RecordOf[K] }[];
  conflicts: RecordConflict<K>[];
};

export type HistoryConflict = {
  deviceId: string;
  seq: number;
  /**
   * hash: an entry with this deviceId and seq is held with another hash (edited, or the device's chain
   * forked); prevHash: the entry does not follow the one held before it.
   */
  problem: 'hash' | 'prevHash';
  local: HistoryRecord;
  incoming: HistoryRecord;
};

export type MergePlan = {
  orgUnits: KindPlan<'orgUnits'>;
  inspections: KindPlan<'inspections'>;
  answers: KindPlan<'answers'>;
  findings: KindPlan<'findings'>;
  history: {
    /** New entries, in package order; duplicates (same deviceId, seq and hash) left out. */
    append: HistoryRecord[];
    unchanged: number;
    conflicts: HistoryConflict[];
    /** A device's incoming entries start after a seq head office does not hold: entries are missing between. */
    gaps: { deviceId: string; heldUpTo: number; firstIncoming: number }[];
  };
  attachments: { add: AttachmentRecord[]; held: number };
  /** Per organisation unit (sorted by code), per kind: the preview's rows. */
  byUnit: { code: string; counts: Record<RecordKind, OutcomeCounts> }[];
};

const zeroCounts = (): OutcomeCounts => ({ insert: 0, update: 0, unchanged: 0, stale: 0, conflict: 0 });
const emptyKindPlan = <K extends RecordKind>(): KindPlan<K> => ({ insert: [], update: [], unchanged: [], stale: [], conflicts: [] });

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

const sameUnit = (a: OrgUnitRecord, b: OrgUnitRecord): boolean => a.code === b.code && a.name === b.name && a.level === b.level && a.parentCode === b.parentCode && (a.deletedAt === null) === (b.deletedAt === null);

type Decision = { outcome: Exclude<Outcome, 'conflict'> } | { outcome: 'conflict'; reason: ConflictReason };

/** The rules of §6 for one record against head office's version of it. */
function decide(local: AnyRecord, incoming: AnyRecord, synced: number | undefined): Decision {
  if (same(local, incoming)) return { outcome: 'unchanged' };
  // Never exchanged: head office's own record; otherwise, changed here since the last exchange.
  const localChange = synced === undefined || local.rev > synced;
  if (incoming.rev === local.rev) return { outcome: 'conflict', reason: 'sameRev' };
  if (!localChange) return incoming.rev > local.rev ? { outcome: 'update' } : { outcome: 'stale' };
  // The branch has not moved past what head office last received from it: an old package.
  if (synced !== undefined && incoming.rev <= synced) return { outcome: 'stale' };
  return { outcome: 'conflict', reason: 'localChange' };
}

/**
 * The plan for one package's records against head office's state. Deterministic: the same state and
 * data always give the same plan, in package order.
 */
export function planMerge(state: MergeState, data: Pick<LedgerData, RecordKind | 'history' | 'attachments'>): MergePlan {
  const plan: MergePlan = {
    orgUnits: emptyKindPlan(),
    inspections: emptyKindPlan(),
    answers: emptyKindPlan(),
    findings: emptyKindPlan(),
    history: { append: [], unchanged: 0, conflicts: [], gaps: [] },
    attachments: { add: [], held: 0 },
    byUnit: [],
  };
  const units = new Map<string, Record<RecordKind, OutcomeCounts>>();
  const inspectionUnit = new Map<string, string>();
  for (const i of data.inspections) inspectionUnit.set(i.id, i.orgUnitCode);
  const unitOf = (kind: RecordKind, r: AnyRecord): string => {
    if (kind === 'orgUnits') return (r as OrgUnitRecord).code;
    if (kind === 'answers') {
      const id = (r as AnswerRecord).inspectionId;
      return inspectionUnit.get(id) ?? state.inspections.get(id)?.orgUnitCode ?? '';
    }
    return (r as InspectionRecord | FindingRecord).orgUnitCode;
  };
  const count = (kind: RecordKind, r: AnyRecord, outcome: Outcome): void => {
    const code = unitOf(kind, r);
    let c = units.get(code);
    if (!c) {
      c = { orgUnits: zeroCounts(), inspections: zeroCounts(), answers: zeroCounts(), findings: zeroCounts() };
      units.set(code, c);
    }
    c[kind][outcome] += 1;
  };

  // Findings by ledger number, so a new id under a number already used is caught before the unique index.
  const ledgerNos = new Map<string, string>();
  for (const f of state.findings.values()) ledgerNos.set(f.ledgerNo, f.id);

  const planKind = <K extends RecordKind>(kind: K, records: readonly RecordOf[K][]): void => {
    const out = plan[kind] as KindPlan<K>;
    const seen = new Map<string, RecordOf[K]>();
    for (const incoming of records) {
      const key = keyOf(kind, incoming);
      const conflict = (reason: ConflictReason, local: RecordOf[K]): void => {
        out.conflicts.push({ kind, key, reason, local, incoming });
        count(kind, incoming, 'conflict');
      };
      const earlier = seen.get(key);
      if (earlier !== undefined) {
        if (same(earlier, incoming)) {
          out.unchanged.push(incoming);
          count(kind, incoming, 'unchanged');
        } else conflict('duplicate', earlier);
        continue;
      }
      seen.set(key, incoming);
      const local = state[kind].get(key) as RecordOf[K] | undefined;
      if (kind === 'findings') {
        const f = incoming as FindingRecord;
        const holder = ledgerNos.get(f.ledgerNo);
        if (holder !== undefined && holder !== f.id) {
          const other = state.findings.get(holder) ?? (seen.get(holder) as FindingRecord | undefined);
          if (other !== undefined) {
            conflict('identity', other as RecordOf[K]);
            continue;
          }
        }
        ledgerNos.set(f.ledgerNo, f.id);
      }
      if (local === undefined) {
        out.insert.push(incoming);
        count(kind, incoming, 'insert');
        continue;
      }
      if (kind === 'orgUnits' && (local as OrgUnitRecord).id !== (incoming as OrgUnitRecord).id) {
        // Head office and the branch each entered the bank's tree: the same unit under two ids is no
        // conflict as long as they agree on what it is.
        if (sameUnit(local as OrgUnitRecord, incoming as OrgUnitRecord)) {
          out.unchanged.push(incoming);
          count(kind, incoming, 'unchanged');
        } else conflict('identity', local);
        continue;
      }
      const d = decide(local, incoming, state.syncedRevs.get(recordKey(kind, key)));
      if (d.outcome === 'conflict') conflict(d.reason, local);
      else {
        if (d.outcome === 'insert') out.insert.push(incoming);
        else if (d.outcome === 'update') out.update.push({ before: local, after: incoming });
        else if (d.outcome === 'unchanged') out.unchanged.push(incoming);
        else out.stale.push({ local, incoming });
        count(kind, incoming, d.outcome);
      }
    }
  };
  planKind('orgUnits', data.orgUnits);
  planKind('inspections', data.inspections);
  planKind('answers', data.answers);
  planKind('findings', data.findings);

  planHistory(state, data.history, plan.history);

  const added = new Set<string>();
  for (const a of data.attachments) {
    if (state.attachments.has(a.id) || added.has(a.id)) plan.attachments.held += 1;
    else {
      added.add(a.id);
      plan.attachments.add.push(a);
    }
  }
  plan.byUnit = [...units.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([code, counts]) => ({ code, counts }));
  return plan;
}

function planHistory(state: MergeState, history: readonly HistoryRecord[], out: MergePlan['history']): void {
  const incoming = new Map<string, HistoryRecord>();
  const lowest = new Map<string, number>();
  for (const e of history) {
    const key = historyKey(e.deviceId, e.seq);
    const held = state.history.get(key) ?? incoming.get(key);
    if (held !== undefined) {
      if (held.hash === e.hash) out.unchanged += 1;
      else out.conflicts.push({ deviceId: e.deviceId, seq: e.seq, problem: 'hash', local: held, incoming: e });
      continue;
    }
    const before = state.history.get(historyKey(e.deviceId, e.seq - 1));
    if (before !== undefined && before.hash !== e.prevHash) {
      out.conflicts.push({ deviceId: e.deviceId, seq: e.seq, problem: 'prevHash', local: before, incoming: e });
      continue;
    }
    incoming.set(key, e);
    out.append.push(e);
    lowest.set(e.deviceId, Math.min(lowest.get(e.deviceId) ?? e.seq, e.seq));
  }
  const heldUpTo = new Map<string, number>();
  for (const e of state.history.values()) {
    if (lowest.has(e.deviceId)) heldUpTo.set(e.deviceId, Math.max(heldUpTo.get(e.deviceId) ?? 0, e.seq));
  }
  for (const [deviceId, first] of [...lowest].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const upTo = heldUpTo.get(deviceId) ?? 0;
    if (first > upTo + 1) out.gaps.push({ deviceId, heldUpTo: upTo, firstIncoming: first });
  }
}

/** Totals of a plan per kind (history and attachments apart), for summaries and the import record. */
export function planCounts(plan: MergePlan): Record<RecordKind, OutcomeCounts> {
  const out = {} as Record<RecordKind, OutcomeCounts>;
  for (const kind of RECORD_KINDS) {
    const p = plan[kind];
    out[kind] = { insert: p.insert.length, update: p.update.length, unchanged: p.unchanged.length, stale: p.stale.length, conflict: p.conflicts.length };
  }
  return out;
}

/** True when applying the plan would change nothing (re-importing a package already taken in). */
export function isNoOp(plan: MergePlan): boolean {
  return RECORD_KINDS.every((k) => plan[k].insert.length === 0 && plan[k].update.length === 0 && plan[k].conflicts.length === 0) && plan.history.append.length === 0 && plan.history.conflicts.length === 0 && plan.attachments.add.length === 0;
}

type MutableState = { [K in keyof MergeState]: MergeState[K] extends ReadonlyMap<infer A, infer B> ? Map<A, B> : never };

const copyState = (s: MergeState): MutableState => ({
  orgUnits: new Map(s.orgUnits),
  inspections: new Map(s.inspections),
  answers: new Map(s.answers),
  findings: new Map(s.findings),
  syncedRevs: new Map(s.syncedRevs),
  history: new Map(s.history),
  attachments: new Map(s.attachments),
});

function put<K extends RecordKind>(state: MutableState, kind: K, record: RecordOf[K], syncedRev: number): void {
  const key = keyOf(kind, record);
  (state[kind] as Map<string, RecordOf[K]>).set(key, record);
  state.syncedRevs.set(recordKey(kind, key), syncedRev);
}

/**
 * The state after a plan: inserts and updates written, unchanged records marked as exchanged at their
 * rev, stale records and conflicts left as they were (conflicts wait for resolveConflict).
 */
export function applyPlan(state: MergeState, plan: MergePlan): MergeState {
  const next = copyState(state);
  const apply = <K extends RecordKind>(kind: K): void => {
    const p = plan[kind] as KindPlan<K>;
    for (const r of p.insert) put(next, kind, r, r.rev);
    for (const u of p.update) put(next, kind, u.after, u.after.rev);
    for (const r of p.unchanged) next.syncedRevs.set(recordKey(kind, keyOf(kind, r)), r.rev);
  };
  for (const kind of RECORD_KINDS) apply(kind);
  for (const e of plan.history.append) next.history.set(historyKey(e.deviceId, e.seq), e);
  for (const a of plan.attachments.add) next.attachments.set(a.id, a);
  return next;
}

export type ConflictDecision = 'keepLocal' | 'takeIncoming';

/** Who decides, and when: the new version (when there is one) is theirs. */
export type DecisionContext = { at: string; actor: string; deviceId: string };

/** Reasons the app writes itself (translated by the timeline, like finding/verdict-link's). */
export const MERGE_REASONS = { keptLocal: 'system:mergeKeptLocal', tookIncoming: 'system:mergeTookIncoming', fromHeadOffice: 'system:fromHeadOffice' } as const;

export type Resolution<K extends RecordKind = RecordKind> = {
  kind: K;
  /** The record to store under the conflict's key; null: nothing to store (a clashing record left out). */
  record: RecordOf[K] | null;
  /** The id of a local record the stored one replaces (an org unit taken under another id): delete it. */
  replaces: string | null;
  /** What the record's synced rev becomes: the branch's rev, so the same package is stale from now on. */
  syncedRev: number;
  /** The history entry recording the decision (org units keep no history). */
  history: HistoryDraft | null;
};

export const HISTORY_TYPE = { inspections: 'inspection', answers: 'answer', findings: 'finding' } as const;

/** Fields that say which version a record is, not what it says. */
const META = new Set(['rev', 'updatedAt', 'updatedBy', 'deviceId']);

/** The fields two versions of a record differ in (version fields apart), as history changes. */
export function changesOf(before: AnyRecord, after: AnyRecord): HistoryChange[] {
  const b = before as unknown as Record<string, Json>;
  const a = after as unknown as Record<string, Json>;
  const fields = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((f) => !META.has(f)).sort();
  return fields.filter((f) => !same(b[f] ?? null, a[f] ?? null)).map((f) => ({ field: f, from: b[f] ?? null, to: a[f] ?? null }));
}

/**
 * A person's decision on one record conflict. Either way the branch's rev becomes the synced one, so
 * re-importing the same package is quiet afterwards (a clash of identity: the branch's record is left out
 * or, for an org unit, replaces head office's under the same code). Keeping head office's version, or taking the
 * branch's when it is not newer, makes a new version above both revs: the two sides then hold different
 * content under different revs, and the return package carries head office's to the branch.
 * Errors: merge.identityTakeRefused (taking a finding whose ledger number another finding holds would
 * lose that one; void or renumber it first).
 */
export function resolveConflict<K extends RecordKind>(conflict: RecordConflict<K>, decision: ConflictDecision, ctx: DecisionContext): Result<Resolution<K>> {
  const { kind, local, incoming } = conflict;
  const identity = conflict.reason === 'identity';
  const reason = decision === 'keepLocal' ? MERGE_REASONS.keptLocal : MERGE_REASONS.tookIncoming;
  if (identity) {
    // The local record is another one (another id under the same code or ledger number).
    if (decision === 'keepLocal') return ok({ kind, record: null, replaces: null, syncedRev: incoming.rev, history: null });
    if (kind === 'findings') return err(appError('merge.identityTakeRefused', { ledgerNo: (incoming as FindingRecord).ledgerNo }));
    return ok({ kind, record: incoming, replaces: (local as OrgUnitRecord).id, syncedRev: incoming.rev, history: null });
  }
  const meta = { rev: Math.max(local.rev, incoming.rev) + 1, updatedAt: ctx.at, updatedBy: ctx.actor, deviceId: ctx.deviceId };
  const record: RecordOf[K] =
    decision === 'takeIncoming'
      ? incoming.rev > local.rev
        ? incoming
        : ({ ...incoming, ...meta } as RecordOf[K])
      : local.rev > incoming.rev
        ? local
        : ({ ...local, ...meta } as RecordOf[K]);
  const history: HistoryDraft | null =
    kind === 'orgUnits'
      ? null
      : { entityType: HISTORY_TYPE[kind as Exclude<RecordKind, 'orgUnits'>], entityId: conflict.key, at: ctx.at, actor: ctx.actor, action: 'update', changes: changesOf(local, record), reason };
  return ok({ kind, record, replaces: null, syncedRev: incoming.rev, history });
}

/** The state with a resolution stored; an org unit taken under another id replaces the old one by code. */
export function applyResolution(state: MergeState, resolution: Resolution): MergeState {
  const next = copyState(state);
  if (resolution.record !== null) put(next, resolution.kind, resolution.record, resolution.syncedRev);
  return next;
}
