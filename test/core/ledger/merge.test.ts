// The merge plan (ARCHITECTURE §6, STYLE §5): properties over generated packages with fast-check, small
// examples for each rule and for a person's decision, and a campaign: 18 demo branches, then later
// packages of 5 of them, with every count checked against the packages themselves.
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { headOf, sealEntry } from '../../../renderer/core/audit/chain';
import type { ChainHead, HistoryEntry } from '../../../renderer/core/audit/types';
import { canonicalJson } from '../../../renderer/core/canonical';
import { demoBranch, type DemoBranch, type DemoChecklist } from '../../../renderer/core/demo/campaign';
import { demoFollowUp } from '../../../renderer/core/demo/follow-up';
import { FINDING_STATUSES } from '../../../renderer/core/finding/model';
import { blankFinding } from '../../../renderer/core/finding/model';
import {
  applyPlan,
  applyResolution,
  emptyMergeState,
  historyKey,
  isNoOp,
  keyOf,
  planCounts,
  planMerge,
  RECORD_KINDS,
  recordKey,
  resolveConflict,
  type MergePlan,
  type MergeState,
  type RecordKind,
} from '../../../renderer/core/ledger/merge';
import type { LedgerData } from '../../../renderer/core/ledger/package';
import type { AnswerRecord, AttachmentRecord, FindingRecord, InspectionRecord, OrgUnitRecord } from '../../../renderer/core/ledger/records';
import { bundledChecklists } from './fixtures';

const AT = '2026-05-01T02:00:00.000Z';
const SHA = (n: number): string => n.toString(16).padStart(64, '0');

const meta = (id: string, rev: number, deviceId = 'dev-1') => ({ id, rev, updatedAt: AT, updatedBy: '李四', deviceId, deletedAt: null });

const unit = (code: string, rev = 1, name = `机构${code}`, id = `unit-${code}`): OrgUnitRecord => ({ ...meta(id, rev), code, name, level: 'outlet', parentCode: null });

const inspection = (id: string, orgUnitCode: string, rev = 1, status: 'draft' | 'completed' = 'draft'): InspectionRecord => ({
  ...meta(id, rev),
  checklistId: 'branch-onsite',
  checklistVersion: '2026.1',
  checklistSha256: SHA(1),
  checklistTitle: '网点检查表',
  orgUnitCode,
  kind: 'superior',
  inspectors: ['李四'],
  date: '2026-04-01',
  startedAt: AT,
  finishedAt: null,
  status,
  previousInspectionId: null,
});

const answer = (inspectionId: string, itemCode: string, rev = 1, note = ''): AnswerRecord => ({
  inspectionId,
  itemCode,
  verdict: 'partial',
  note,
  sampleSize: null,
  exceptions: null,
  updatedAt: AT,
  rev,
  attachments: [],
  updatedBy: '李四',
  deviceId: 'dev-1',
});

const finding = (id: string, orgUnitCode: string, rev = 1, description = '问题', ledgerNo = `L-${id}`): FindingRecord => ({
  ...meta(id, rev),
  ...blankFinding({ ledgerNo, orgUnitCode, source: 'manual', description, category: '公示', basis: '', severity: '一般' }),
});

const attachment = (n: number): AttachmentRecord => ({ id: SHA(n), sourceSha256: SHA(n), name: `p${n}.png`, mime: 'image/png', size: 10, width: 1, height: 1, createdAt: AT, createdBy: '李四', deviceId: 'dev-1' });

type Pkg = Pick<LedgerData, RecordKind | 'history' | 'attachments'>;
const pkg = (over: Partial<Pkg> = {}): Pkg => ({ orgUnits: [], inspections: [], answers: [], findings: [], history: [], attachments: [], ...over });

function chain(deviceId: string, count: number, salt = ''): HistoryEntry[] {
  let head: ChainHead | null = null;
  const out: HistoryEntry[] = [];
  for (let i = 0; i < count; i++) {
    const e = sealEntry({ entityType: 'finding', entityId: `f-${i}`, at: AT, actor: '李四', action: 'update', changes: [{ field: 'notes', from: '', to: `${salt}${i}` }], reason: null }, deviceId, head);
    out.push(e);
    head = headOf(e);
  }
  return out;
}

/** A state as comparable text: every map's entries in key order. */
const snapshot = (s: MergeState): string =>
  canonicalJson(Object.fromEntries(Object.entries(s).map(([name, map]) => [name, [...(map as Map<string, unknown>).entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))])));

const merge = (state: MergeState, p: Pkg): { plan: MergePlan; state: MergeState } => {
  const plan = planMerge(state, p);
  return { plan, state: applyPlan(state, plan) };
};

// ——— generators ———

/**
 * A package from a small pool of ids, revs and contents, so that packages overlap: the same record at
 * the same, a lower or a higher rev, with the same or other content. `prefix` and `device` keep
 * packages apart when they must be independent.
 */
const packageArb = (prefix = '', device = 'dev-1'): fc.Arbitrary<Pkg> => {
  const rev = fc.integer({ min: 1, max: 4 });
  const variant = fc.integer({ min: 0, max: 2 });
  const id = fc.integer({ min: 0, max: 5 });
  const code = fc.integer({ min: 0, max: 2 }).map((n) => `${prefix}U${n}`);
  const orgUnits = fc.uniqueArray(fc.tuple(code, rev, variant).map(([c, r, v]) => unit(c, r, `机构${c}-${v}`, `${prefix}unit-${c}`)), { selector: (u) => u.code, maxLength: 3 });
  const inspections = fc.uniqueArray(fc.tuple(id, code, rev, variant).map(([i, c, r, v]) => inspection(`${prefix}i${i}`, c, r, v === 0 ? 'completed' : 'draft')), { selector: (r) => r.id, maxLength: 4 });
  const answers = fc.uniqueArray(fc.tuple(id, fc.constantFrom('A1', 'A2'), rev, variant).map(([i, item, r, v]) => answer(`${prefix}i${i}`, item, r, `n${v}`)), { selector: (a) => keyOf('answers', a), maxLength: 4 });
  const findings = fc.uniqueArray(fc.tuple(id, code, rev, variant).map(([i, c, r, v]) => finding(`${prefix}f${i}`, c, r, `问题${v}`)), { selector: (f) => f.id, maxLength: 5 });
  const history = fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.constantFrom('', 'forked')).map(([a, b, salt]) => chain(device, Math.max(a, b), salt).slice(Math.min(a, b)));
  const attachments = fc.uniqueArray(fc.integer({ min: 1, max: 4 }).map((n) => attachment(n + (prefix === '' ? 0 : 100))), { selector: (a) => a.id, maxLength: 3 });
  return fc.record({ orgUnits, inspections, answers, findings, history, attachments });
};

const incomingOf = (p: Pkg): { kind: RecordKind; key: string; text: string }[] =>
  RECORD_KINDS.flatMap((kind) => (p[kind] as Pkg[RecordKind]).map((r) => ({ kind, key: keyOf(kind, r as never), text: canonicalJson(r) })));

describe('merge plan properties', () => {
  it('re-importing a package changes nothing', () => {
    fc.assert(
      fc.property(fc.array(packageArb(), { maxLength: 3 }), packageArb(), (before, p) => {
        let state = emptyMergeState();
        for (const b of before) state = merge(state, b).state;
        const once = merge(state, p);
        const twice = merge(once.state, p);
        expect(snapshot(twice.state)).toBe(snapshot(once.state));
        for (const kind of RECORD_KINDS) {
          expect(twice.plan[kind].insert).toEqual([]);
          expect(twice.plan[kind].update).toEqual([]);
        }
        expect(twice.plan.history.append).toEqual([]);
        expect(twice.plan.attachments.add).toEqual([]);
        // What conflicted the first time conflicts again, and nothing else does: never resolved by repetition.
        expect(RECORD_KINDS.map((k) => twice.plan[k].conflicts.length)).toEqual(RECORD_KINDS.map((k) => once.plan[k].conflicts.length));
        if (RECORD_KINDS.every((k) => once.plan[k].conflicts.length === 0) && once.plan.history.conflicts.length === 0) expect(isNoOp(twice.plan)).toBe(true);
      }),
    );
  });

  it('independent packages (other units, devices and records) give the same state in either order', () => {
    fc.assert(
      fc.property(fc.array(packageArb('a:', 'dev-a'), { maxLength: 2 }), fc.array(packageArb('b:', 'dev-b'), { maxLength: 2 }), (as, bs) => {
        const run = (list: Pkg[]): string => snapshot(list.reduce((s, p) => merge(s, p).state, emptyMergeState()));
        const interleaved = as.flatMap((a, i) => [a, ...(bs[i] ? [bs[i]] : [])]).concat(bs.slice(as.length));
        expect(run([...bs, ...as])).toBe(run([...as, ...bs]));
        expect(run(interleaved)).toBe(run([...as, ...bs]));
      }),
    );
  });

  it('nothing is lost: every incoming record is inserted, updated, unchanged, stale or a conflict, exactly once', () => {
    fc.assert(
      fc.property(fc.array(packageArb(), { minLength: 1, maxLength: 4 }), (packages) => {
        let state = emptyMergeState();
        for (const p of packages) {
          const { plan, state: next } = merge(state, p);
          for (const { kind, key, text } of incomingOf(p)) {
            const k = plan[kind];
            const places = [
              k.insert.filter((r) => canonicalJson(r) === text).length,
              k.update.filter((u) => canonicalJson(u.after) === text).length,
              k.unchanged.filter((r) => canonicalJson(r) === text).length,
              k.stale.filter((s) => canonicalJson(s.incoming) === text).length,
              k.conflicts.filter((c) => canonicalJson(c.incoming) === text).length,
            ];
            expect(places.reduce((a, b) => a + b)).toBe(1);
            // Taken in: the state now holds exactly this version.
            if (places[0]! + places[1]! + places[2]! === 1) expect(canonicalJson(next[kind].get(key))).toBe(text);
          }
          for (const e of p.history) {
            const held = next.history.get(historyKey(e.deviceId, e.seq));
            const reported = plan.history.conflicts.some((c) => c.incoming === e);
            expect(held?.hash === e.hash || reported).toBe(true);
          }
          for (const a of p.attachments) expect(next.attachments.has(a.id)).toBe(true);
          state = next;
        }
      }),
    );
  });

  it('a higher rev wins and a lower one is stale, when head office has not changed the record', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.integer({ min: 1, max: 50 }), fc.constantFrom<RecordKind>(...RECORD_KINDS), (localRev, incomingRev, kind) => {
        fc.pre(localRev !== incomingRev);
        const make = (rev: number, v: string): Pkg => {
          switch (kind) {
            case 'orgUnits':
              return pkg({ orgUnits: [unit('U1', rev, `名称${v}`)] });
            case 'inspections':
              return pkg({ inspections: [{ ...inspection('i1', 'U1', rev), inspectors: [v] }] });
            case 'answers':
              return pkg({ answers: [answer('i1', 'A1', rev, v)] });
            case 'findings':
              return pkg({ findings: [finding('f1', 'U1', rev, v)] });
          }
        };
        const state = merge(emptyMergeState(), make(localRev, 'local')).state;
        const { plan, state: after } = merge(state, make(incomingRev, 'incoming'));
        const counts = planCounts(plan)[kind];
        if (incomingRev > localRev) {
          expect(counts).toMatchObject({ update: 1, stale: 0, conflict: 0 });
          expect([...after[kind].values()]).toEqual(make(incomingRev, 'incoming')[kind]);
        } else {
          expect(counts).toMatchObject({ update: 0, stale: 1, conflict: 0 });
          expect(snapshot(after)).toBe(snapshot(state));
        }
      }),
    );
  });

  it('the same rev with different content is a conflict with both versions, and the state keeps head office’s', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }), fc.string({ minLength: 1, maxLength: 8 }), fc.string({ minLength: 1, maxLength: 8 }), (rev, a, b) => {
        fc.pre(a !== b);
        const local = finding('f1', 'U1', rev, a);
        const incoming = finding('f1', 'U1', rev, b);
        const state = merge(emptyMergeState(), pkg({ findings: [local] })).state;
        const { plan, state: after } = merge(state, pkg({ findings: [incoming] }));
        expect(plan.findings.conflicts).toEqual([{ kind: 'findings', key: 'f1', reason: 'sameRev', local, incoming }]);
        expect(after.findings.get('f1')).toEqual(local);
        expect(plan.byUnit).toEqual([{ code: 'U1', counts: expect.objectContaining({ findings: { insert: 0, update: 0, unchanged: 0, stale: 0, conflict: 1 } }) }]);
      }),
    );
  });
});

describe('merge plan rules', () => {
  it('a head-office change since the last exchange turns a newer branch version into a conflict; an older package is stale', () => {
    const imported = merge(emptyMergeState(), pkg({ findings: [finding('f1', 'U1', 3, '分行版本')] })).state;
    // Head office verifies it: rev 4, synced rev still 3.
    const verified = { ...finding('f1', 'U1', 4, '分行版本'), status: 'verified' as const, deviceId: 'dev-ho' };
    const local: MergeState = { ...imported, findings: new Map([['f1', verified]]) };
    expect(local.syncedRevs.get(recordKey('findings', 'f1'))).toBe(3);
    const newer = finding('f1', 'U1', 5, '分行又改了');
    expect(planMerge(local, pkg({ findings: [newer] })).findings.conflicts).toEqual([{ kind: 'findings', key: 'f1', reason: 'localChange', local: verified, incoming: newer }]);
    expect(planMerge(local, pkg({ findings: [finding('f1', 'U1', 3, '分行版本')] })).findings.unchanged).toHaveLength(0);
    expect(planCounts(planMerge(local, pkg({ findings: [finding('f1', 'U1', 2, '更早')] }))).findings.stale).toBe(1);
    expect(planCounts(planMerge(local, pkg({ findings: [finding('f1', 'U1', 3, '分行版本')] }))).findings.stale).toBe(1);
    // A record made at head office and never exchanged: any other version of it is a conflict.
    const own: MergeState = { ...emptyMergeState(), findings: new Map([['f9', finding('f9', 'U1', 2, '总行')]]) };
    expect(planMerge(own, pkg({ findings: [finding('f9', 'U1', 3, '分行')] })).findings.conflicts[0]?.reason).toBe('localChange');
    expect(planMerge(own, pkg({ findings: [finding('f9', 'U1', 2, '总行')] })).findings.unchanged).toHaveLength(1);
  });

  it('keeping head office’s version or taking the branch’s is recorded, and the same package is quiet afterwards', () => {
    const imported = merge(emptyMergeState(), pkg({ findings: [finding('f1', 'U1', 3, 'a')] })).state;
    const hoVersion = { ...finding('f1', 'U1', 4, 'a'), notes: '总行已验收' };
    const local: MergeState = { ...imported, findings: new Map([['f1', hoVersion]]) };
    const branch = pkg({ findings: [finding('f1', 'U1', 4, 'b')] });
    const conflict = planMerge(local, branch).findings.conflicts[0]!;
    expect(conflict.reason).toBe('sameRev');
    const ctx = { at: '2026-05-02T01:00:00.000Z', actor: '王五', deviceId: 'dev-ho' };

    const kept = resolveConflict(conflict, 'keepLocal', ctx);
    if (!kept.ok) throw new Error(kept.error.code);
    expect(kept.value.record).toEqual({ ...hoVersion, rev: 5, updatedAt: ctx.at, updatedBy: '王五', deviceId: 'dev-ho' });
    expect(kept.value.history).toMatchObject({ entityType: 'finding', entityId: 'f1', actor: '王五', action: 'update', changes: [], reason: 'system:mergeKeptLocal' });
    const afterKeep = applyResolution(local, kept.value);
    expect(isNoOp(planMerge(afterKeep, branch))).toBe(true);
    expect(planCounts(planMerge(afterKeep, branch)).findings.stale).toBe(1);

    const taken = resolveConflict(conflict, 'takeIncoming', ctx);
    if (!taken.ok) throw new Error(taken.error.code);
    expect(taken.value.record).toMatchObject({ description: 'b', notes: '', rev: 5, updatedBy: '王五' });
    expect(taken.value.history?.changes).toEqual([
      { field: 'description', from: 'a', to: 'b' },
      { field: 'notes', from: '总行已验收', to: '' },
    ]);
    expect(isNoOp(planMerge(applyResolution(local, taken.value), branch))).toBe(true);

    // A strictly newer branch version is taken as it is.
    const newer = planMerge(local, pkg({ findings: [finding('f1', 'U1', 6, 'c')] })).findings.conflicts[0]!;
    const tookNewer = resolveConflict(newer, 'takeIncoming', ctx);
    expect(tookNewer.ok && tookNewer.value.record).toEqual(finding('f1', 'U1', 6, 'c'));
  });

  it('a code or ledger number already held under another id is an identity conflict', () => {
    const state = merge(emptyMergeState(), pkg({ orgUnits: [unit('U1')], findings: [finding('f1', 'U1', 1, 'x', 'U1-2026-0001')] })).state;
    const plan = planMerge(state, pkg({ orgUnits: [unit('U1', 1, '机构U1（新名）', 'other-id')], findings: [finding('f2', 'U1', 1, 'y', 'U1-2026-0001')] }));
    expect(plan.orgUnits.conflicts.map((c) => c.reason)).toEqual(['identity']);
    expect(plan.findings.conflicts.map((c) => [c.reason, c.local.id, c.incoming.id])).toEqual([['identity', 'f1', 'f2']]);
    const ctx = { at: AT, actor: '王五', deviceId: 'dev-ho' };
    expect(resolveConflict(plan.findings.conflicts[0]!, 'takeIncoming', ctx)).toMatchObject({ ok: false, error: { code: 'merge.identityTakeRefused', params: { ledgerNo: 'U1-2026-0001' } } });
    const unitTaken = resolveConflict(plan.orgUnits.conflicts[0]!, 'takeIncoming', ctx);
    expect(unitTaken.ok && unitTaken.value).toMatchObject({ record: { id: 'other-id', code: 'U1' }, replaces: 'unit-U1' });
  });

  it('the same unit entered on both sides under two ids is no conflict while they agree on it', () => {
    const state = merge(emptyMergeState(), pkg({ orgUnits: [unit('U1')] })).state;
    const plan = planMerge(state, pkg({ orgUnits: [unit('U1', 3, '机构U1', 'other-id')] }));
    expect(planCounts(plan).orgUnits).toEqual({ insert: 0, update: 0, unchanged: 1, stale: 0, conflict: 0 });
  });

  it('two versions under one key in one package: the second is a duplicate conflict', () => {
    const plan = planMerge(emptyMergeState(), pkg({ findings: [finding('f1', 'U1', 1, 'a'), finding('f1', 'U1', 1, 'a'), finding('f1', 'U1', 2, 'b')] }));
    expect(planCounts(plan).findings).toEqual({ insert: 1, update: 0, unchanged: 1, stale: 0, conflict: 1 });
    expect(plan.findings.conflicts[0]?.reason).toBe('duplicate');
  });

  it('history: new entries appended once; the same seq with another hash, or a wrong link, is a reported conflict; a gap is flagged', () => {
    const real = chain('dev-1', 6);
    const forked = chain('dev-1', 6, 'forked');
    const state = merge(emptyMergeState(), pkg({ history: real.slice(0, 3) })).state;
    const again = planMerge(state, pkg({ history: real.slice(0, 5) }));
    expect(again.history).toMatchObject({ append: real.slice(3, 5), unchanged: 3, conflicts: [], gaps: [] });
    const fork = planMerge(state, pkg({ history: forked.slice(1, 5) }));
    expect(fork.history.conflicts.map((c) => [c.seq, c.problem])).toEqual([[2, 'hash'], [3, 'hash'], [4, 'prevHash']]);
    expect(fork.history.append.map((e) => e.seq)).toEqual([5]);
    const gap = planMerge(state, pkg({ history: real.slice(4) }));
    expect(gap.history.gaps).toEqual([{ deviceId: 'dev-1', heldUpTo: 3, firstIncoming: 5 }]);
  });

  it('attachments are added once by sha256; counts per unit include answers through their inspection', () => {
    const plan = planMerge(emptyMergeState(), pkg({ inspections: [inspection('i1', 'U2')], answers: [answer('i1', 'A1')], attachments: [attachment(1), attachment(1), attachment(2)] }));
    expect(plan.attachments.add.map((a) => a.id)).toEqual([SHA(1), SHA(2)]);
    expect(plan.attachments.held).toBe(1);
    expect(plan.byUnit).toEqual([{ code: 'U2', counts: expect.objectContaining({ inspections: expect.objectContaining({ insert: 1 }), answers: expect.objectContaining({ insert: 1 }) }) }]);
  });
});

describe('a campaign: 18 demo branches, then later packages of 5', { timeout: 120_000 }, () => {
  let checklists: DemoChecklist[];
  let first: DemoBranch[];
  let later: DemoBranch[];
  const LATER = [0, 4, 7, 11, 17];

  beforeAll(async () => {
    checklists = await bundledChecklists();
    const options = { seed: 'merge-test', branches: 18, asOf: '2026-06-30', checklists };
    first = Array.from({ length: 18 }, (_, i) => demoBranch(options, i));
    later = LATER.map((i) => demoFollowUp(first[i]!, '2026-08-15'));
  });

  it('the follow-up is deterministic, continues the device’s chain and moves findings on', () => {
    expect(canonicalJson(demoFollowUp(first[0]!, '2026-08-15').data)).toBe(canonicalJson(later[0]!.data));
    const before = first[0]!.data;
    const after = later[0]!.data;
    expect(after.history.slice(0, before.history.length)).toEqual(before.history);
    expect(after.history.length).toBeGreaterThan(before.history.length);
    const moved = after.findings.filter((f, i) => f.rev > before.findings[i]!.rev);
    expect(moved.length).toBeGreaterThan(0);
    expect(after.findings.filter((f) => f.status === 'verified').length).toBeGreaterThan(before.findings.filter((f) => f.status === 'verified').length);
  });

  it('counts and statuses equal those computed directly from the packages', () => {
    let state = emptyMergeState();
    for (const b of first) {
      const { plan, state: next } = merge(state, b.data);
      // Branches share nothing: the first import of each inserts everything.
      expect(planCounts(plan).findings).toEqual({ insert: b.data.findings.length, update: 0, unchanged: 0, stale: 0, conflict: 0 });
      expect(plan.history.append).toHaveLength(b.data.history.length);
      state = next;
    }
    for (const [n, b] of later.entries()) {
      const old = first[LATER[n]!]!.data;
      const { plan, state: next } = merge(state, b.data);
      const changed = b.data.findings.filter((f, i) => canonicalJson(f) !== canonicalJson(old.findings[i])).length;
      expect(planCounts(plan)).toEqual({
        orgUnits: { insert: 0, update: 0, unchanged: old.orgUnits.length, stale: 0, conflict: 0 },
        inspections: { insert: 0, update: 0, unchanged: old.inspections.length, stale: 0, conflict: 0 },
        answers: { insert: 0, update: 0, unchanged: old.answers.length, stale: 0, conflict: 0 },
        findings: { insert: 0, update: changed, unchanged: old.findings.length - changed, stale: 0, conflict: 0 },
      });
      expect(plan.history).toMatchObject({ append: b.data.history.slice(old.history.length), unchanged: old.history.length, conflicts: [], gaps: [] });
      expect(plan.attachments.add).toEqual([]);
      state = next;
    }
    // The older packages again, after the newer ones: stale where the finding moved on, nothing written.
    for (const i of LATER) {
      const plan = planMerge(state, first[i]!.data);
      expect(applyPlan(state, plan).findings).toEqual(state.findings);
      expect(planCounts(plan).findings.conflict).toBe(0);
    }

    const latest = first.map((b, i) => (LATER.includes(i) ? later[LATER.indexOf(i)]! : b));
    const direct = latest.flatMap((b) => b.data.findings);
    expect(state.findings.size).toBe(direct.length);
    for (const f of direct) expect(state.findings.get(f.id)).toEqual(f);
    const byStatus = (list: Iterable<FindingRecord>): Record<string, number> => {
      const out: Record<string, number> = Object.fromEntries(FINDING_STATUSES.map((s) => [s, 0]));
      for (const f of list) if (f.deletedAt === null) out[f.status]! += 1;
      return out;
    };
    expect(byStatus(state.findings.values())).toEqual(byStatus(direct));
    expect(state.history.size).toBe(latest.reduce((n, b) => n + b.data.history.length, 0));
    expect(state.orgUnits.size).toBe(latest.reduce((n, b) => n + b.data.orgUnits.length, 0));
    expect(state.answers.size).toBe(latest.reduce((n, b) => n + b.data.answers.length, 0));
  });
});
