// Issue 8, campaign 4 (history). Random sequences of what an inspector does — verdicts, notes typed in
// bursts and after pauses, sample counts, evidence, manual findings, edits, every transition, voiding,
// restoring, bulk assignment, completing, reopening and following up inspections — run through the
// real repositories on IndexedDB. After each sequence, replaying the history table rebuilds the current
// records; then every kind of tampering with a stored entry (edit, deletion, insertion, reordering) is
// tried on it and verifyHistory must name a broken chain, and a rewrite that re-seals the rest of the
// chain must still contradict the head the device had sent away before it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sealEntry, verifyChain } from '../../renderer/core/audit/chain';
import { replay, type ReplayedRecord } from '../../renderer/core/audit/replay';
import type { ChainHead, HistoryEntry } from '../../renderer/core/audit/types';
import { canonicalJson } from '../../renderer/core/canonical';
import type { FindingPatch } from '../../renderer/core/finding/model';
import { TRANSITION_ACTIONS, type TransitionAction } from '../../renderer/core/finding/transitions';
import type { XbDb } from '../../renderer/db/db';
import { attachToAnswer, attachToFinding, detachFromFinding, type NewAttachment } from '../../renderer/db/repos/attachments';
import { addManualFinding, bulkAssign, restoreFinding, transitionFinding, updateFinding, voidFinding } from '../../renderer/db/repos/findings';
import { readHead, verifyHistory } from '../../renderer/db/repos/history';
import { ANSWER_FIELDS, completeInspection, INSPECTION_FIELDS, reopenInspection, saveAnswer, startFollowUp } from '../../renderer/db/repos/inspections';
import type { HistoryRow } from '../../renderer/db/types';
import { bump, reportCampaign, soakSeed, soakTimeout, soakTrials, tally } from '../soak/campaign';
import { branchDb, inspected, manualClock } from './finding-helpers';

const SEQUENCES = soakTrials({ quick: 100, full: 1000 });
const SEED = soakSeed(20260816);
const ITEMS = ['M-PUB-01', 'M-PUB-02', 'M-ZQ-01'] as const;

type Op =
  | { kind: 'verdict'; inspection: number; item: number; verdict: 'compliant' | 'partial' | 'noncompliant' | 'na' | null }
  | { kind: 'note'; inspection: number; item: number; note: string }
  | { kind: 'sample'; inspection: number; size: number; exceptions: number }
  | { kind: 'pause' }
  | { kind: 'answerPhoto'; inspection: number; item: number; photo: number }
  | { kind: 'manual'; description: string }
  | { kind: 'edit'; target: number; patch: FindingPatch }
  | { kind: 'transition'; target: number; action: TransitionAction }
  | { kind: 'evidence'; target: number; photo: number; detach: boolean }
  | { kind: 'void'; target: number }
  | { kind: 'restore'; target: number }
  | { kind: 'bulk'; targets: number[]; person: string }
  | { kind: 'complete'; inspection: number }
  | { kind: 'reopen'; inspection: number }
  | { kind: 'followUp'; inspection: number };

const text = fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '');
const inspection = fc.nat(3);
const item = fc.nat(ITEMS.length - 1);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('verdict' as const), inspection, item, verdict: fc.constantFrom('compliant' as const, 'partial' as const, 'noncompliant' as const, 'na' as const, null) }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('note' as const), inspection, item, note: fc.string({ maxLength: 12 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('sample' as const), inspection, size: fc.integer({ min: 1, max: 20 }), exceptions: fc.nat(3) }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'pause' as const }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('answerPhoto' as const), inspection, item, photo: fc.nat(2) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('manual' as const), description: text }) },
  {
    weight: 4,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      target: fc.nat(),
      patch: fc.record(
        {
          measures: text,
          responsiblePerson: text,
          responsibleDept: fc.string({ maxLength: 6 }),
          dueDate: fc.constantFrom('2026-03-01', '2026-04-01', null),
          severity: fc.constantFrom('一般' as const, '较重' as const, '重大' as const),
          customerRemedy: fc.option(fc.integer({ min: 0, max: 100_000 }).map((c) => c / 100), { nil: null }),
          notes: fc.string({ maxLength: 6 }),
        },
        { requiredKeys: [] },
      ),
    }),
  },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('transition' as const), target: fc.nat(), action: fc.constantFrom(...TRANSITION_ACTIONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('evidence' as const), target: fc.nat(), photo: fc.nat(2), detach: fc.boolean() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('bulk' as const), targets: fc.array(fc.nat(), { maxLength: 3 }), person: text }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('complete' as const), inspection }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('reopen' as const), inspection }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('followUp' as const), inspection }) },
);

/** What a tamperer does to the stored chain; positions are taken modulo the chain's length. */
type Tamper =
  | { kind: 'edit'; at: number; field: number }
  | { kind: 'delete'; at: number }
  | { kind: 'insert'; at: number }
  | { kind: 'reorder'; at: number; with: number }
  | { kind: 'reseal'; at: number; field: number };
const tamperArb = fc.tuple(fc.nat(), fc.nat(), fc.nat());
const sequenceArb = fc.record({ ops: fc.array(opArb, { minLength: 5, maxLength: 60, size: 'max' }), tamper: tamperArb });

const transitionInput = { reason: '不充分', completedAt: '2026-03-02', completionNote: '已整改', verifier: '王五', verifiedAt: '2026-03-02', plan: '分阶段整改', milestoneDate: '2026-06-30' };

const photo = (n: number): NewAttachment => {
  const id = String(n + 1).repeat(64);
  return { id, sourceSha256: `src-${n}`, name: `${n}.jpg`, mime: 'image/jpeg', size: 3, width: 4, height: 3, blob: new Blob([new Uint8Array([n, 1, 2])], { type: 'image/jpeg' }), thumbnail: null };
};

async function runOps(db: XbDb, ops: readonly Op[], clock: ReturnType<typeof manualClock>): Promise<void> {
  const first = await inspected(db);
  for (const op of ops) {
    const inspections = (await db.inspections.toArray()).sort((x, y) => (x.startedAt < y.startedAt ? -1 : 1)).map((i) => i.id);
    const insp = 'inspection' in op ? (inspections[op.inspection % inspections.length] ?? first) : first;
    const ids = (await db.findings.orderBy('ledgerNo').primaryKeys()) as string[];
    const target = 'target' in op ? ids[op.target % Math.max(ids.length, 1)] : undefined;
    // Refusals (a completed inspection, a transition not allowed…) are part of the sequence: they must write nothing.
    switch (op.kind) {
      case 'verdict':
        await saveAnswer(db, insp, ITEMS[op.item]!, { verdict: op.verdict });
        break;
      case 'note':
        await saveAnswer(db, insp, ITEMS[op.item]!, { note: op.note });
        break;
      case 'sample':
        await saveAnswer(db, insp, 'M-ZQ-01', { sampleSize: op.size, exceptions: Math.min(op.exceptions, op.size) });
        break;
      case 'pause':
        clock.advance(3 * 60_000);
        break;
      case 'answerPhoto':
        await attachToAnswer(db, insp, ITEMS[op.item]!, [{ file: photo(op.photo) }]);
        break;
      case 'manual':
        await addManualFinding(db, { orgUnitCode: 'BR01', description: op.description, category: '其他', basis: '', severity: '较重', dueDate: null, responsibleDept: '', responsiblePerson: '' });
        break;
      case 'bulk':
        await bulkAssign(db, op.targets.map((t) => ids[t % Math.max(ids.length, 1)]).filter((id): id is string => id !== undefined), { responsiblePerson: op.person });
        break;
      case 'complete':
        await completeInspection(db, insp);
        break;
      case 'reopen':
        await reopenInspection(db, insp);
        break;
      case 'followUp':
        await startFollowUp(db, insp, { date: '2026-03-02' });
        break;
      default:
        if (target === undefined) break;
        if (op.kind === 'edit') await updateFinding(db, target, op.patch);
        else if (op.kind === 'transition') await transitionFinding(db, target, op.action, transitionInput);
        else if (op.kind === 'evidence') await (op.detach ? detachFromFinding(db, target, photo(op.photo).id) : attachToFinding(db, target, [{ file: photo(op.photo) }]));
        else if (op.kind === 'void') await voidFinding(db, target, '重复录入');
        else await restoreFinding(db, target, '误作废');
    }
  }
}

const pick = <T extends object>(record: T, fields: readonly (keyof T & string)[]): Record<string, unknown> => Object.fromEntries(fields.map((f) => [f, record[f]]));

/**
 * Where replaying the history differs from the stored records. Findings are rebuilt exactly (rev,
 * time and author included: one entry per write). Answers and inspections are rebuilt field by field:
 * their rev also counts saves that history folds together (a burst of typing is one entry) or records
 * on the answer rather than on its inspection.
 */
async function replayDifferences(db: XbDb): Promise<string[]> {
  const entries = await db.history.orderBy(':id').toArray();
  const problems: string[] = [];
  const findings = replay(entries, 'finding');
  const stored = await db.findings.toArray();
  if (findings.size !== stored.length) problems.push(`findings: ${findings.size} replayed, ${stored.length} stored`);
  for (const { localSeq: _local, ...f } of stored) {
    const replayed = findings.get(f.id);
    if (replayed === undefined || canonicalJson(replayed) !== canonicalJson(f)) problems.push(`finding ${f.id} differs`);
  }
  const answers = replay(entries, 'answer');
  const storedAnswers = await db.answers.toArray();
  if (answers.size !== storedAnswers.length) problems.push(`answers: ${answers.size} replayed, ${storedAnswers.length} stored`);
  for (const a of storedAnswers) {
    const r: ReplayedRecord | undefined = answers.get(`${a.inspectionId}/${a.itemCode}`);
    if (!r || JSON.stringify(pick(r, ANSWER_FIELDS)) !== JSON.stringify(pick(a, ANSWER_FIELDS))) problems.push(`answer ${a.inspectionId}/${a.itemCode} differs`);
  }
  const inspections = replay(entries, 'inspection');
  const storedInspections = await db.inspections.toArray();
  if (inspections.size !== storedInspections.length) problems.push(`inspections: ${inspections.size} replayed, ${storedInspections.length} stored`);
  for (const i of storedInspections) {
    const r = inspections.get(i.id);
    if (!r || JSON.stringify(pick(r, INSPECTION_FIELDS)) !== JSON.stringify(pick({ ...i, previousInspectionId: i.previousInspectionId ?? null }, INSPECTION_FIELDS))) problems.push(`inspection ${i.id} differs`);
  }
  return problems;
}

/** One field of an entry made different, as an editor with database access would. */
function edited(e: HistoryEntry, field: number): HistoryEntry {
  switch (field % 6) {
    case 0:
      return { ...e, actor: `${e.actor}改` };
    case 1:
      return { ...e, at: new Date(Date.parse(e.at) - 86_400_000).toISOString() };
    case 2:
      return { ...e, reason: e.reason === null ? '补录' : null };
    case 3:
      return e.changes.length > 0 ? { ...e, changes: e.changes.map((c, i) => (i === 0 ? { ...c, to: JSON.stringify(c.to) === '"已篡改"' ? '已改' : '已篡改' } : c)) } : { ...e, changes: [{ field: 'note', from: null, to: '补' }] };
    case 4:
      return { ...e, entityId: `${e.entityId}x` };
    default:
      return { ...e, hash: e.hash.replace(/^./, (c) => (c === '0' ? '1' : '0')) };
  }
}

describe('history campaign', { timeout: soakTimeout(300_000) }, () => {
  it(`replays ${SEQUENCES} random edit sequences exactly and detects every tampering with an entry`, async () => {
    const started = performance.now();
    const samples = fc.sample(sequenceArb, { numRuns: SEQUENCES, seed: SEED });
    const failures: string[] = [];
    const failed = new Set<number>();
    const detected = new Map<string, number>();
    let entries = 0;
    let ops = 0;

    for (const [n, { ops: sequence, tamper }] of samples.entries()) {
      const fail = (why: string) => {
        failed.add(n);
        if (failures.length < 20) failures.push(`#${n}: ${why} after ${JSON.stringify(sequence)}`);
      };
      const clock = manualClock();
      const db = await branchDb();
      try {
        await runOps(db, sequence, clock);
        ops += sequence.length;
        for (const problem of await replayDifferences(db)) fail(problem);
        const original = await db.history.orderBy(':id').toArray();
        entries += original.length;
        const deviceId = original[0]!.deviceId;
        const head = (await readHead(db, deviceId))!;
        if (!(await verifyHistory(db)).verdicts.every((v) => v.ok)) fail('the untouched chain does not verify');

        const [a, b, field] = tamper;
        const tampers: Tamper[] = [
          { kind: 'edit', at: a, field },
          { kind: 'delete', at: b },
          { kind: 'insert', at: a + b },
          ...(original.length > 1 ? [{ kind: 'reorder' as const, at: a, with: b }] : []),
          { kind: 'reseal', at: b, field },
        ];
        for (const t of tampers) {
          const caught = await tamperAndCheck(db, original, head, t);
          if (caught) bump(detected, t.kind);
          else fail(`${t.kind} at ${JSON.stringify(t)} not detected (${original.length} entries)`);
          // Back to the genuine chain before the next tampering.
          await db.history.clear();
          await db.history.bulkPut(original);
          await db.counters.put({ key: `historyHead:${deviceId}`, value: head.seq, deviceId, hash: head.hash });
        }
        if (!(await verifyHistory(db)).verdicts.every((v) => v.ok)) fail('the restored chain does not verify');
      } finally {
        db.close();
        clock.reset();
      }
    }

    reportCampaign({
      campaign: 'History',
      trials: samples.length,
      required: 1000,
      failures: failed.size,
      notes: `${ops} operations, ${entries} entries replayed; tamperings detected: ${tally(detected)}; seed ${SEED}`,
      seconds: (performance.now() - started) / 1000,
    });
    expect(failures).toEqual([]);
  });
});

/** Applies one tampering to the stored chain and says whether it was caught. */
async function tamperAndCheck(db: XbDb, original: readonly HistoryRow[], head: ChainHead, t: Tamper): Promise<boolean> {
  const n = original.length;
  const deviceId = head.deviceId;
  const at = t.at % n;
  if (t.kind === 'reseal') {
    // A rewrite from entry `at` on, every later entry re-sealed and the head moved: consistent in itself,
    // so the device's own check cannot see it; what can is the head recorded when the chain last left the
    // device (a ledger package's audit head, held by head office). That anchor is the genuine last entry.
    let prev: ChainHead | null = at === 0 ? null : { deviceId, seq: at, hash: original[at - 1]!.hash };
    const rewritten: HistoryEntry[] = original.slice(0, at);
    for (const [i, e] of original.slice(at).entries()) {
      const { deviceId: _d, seq: _s, prevHash: _p, hash: _h, ...draft } = i === 0 ? edited(e, t.field % 5) : e;
      const sealed = sealEntry(draft, deviceId, prev);
      rewritten.push(sealed);
      prev = { deviceId, seq: sealed.seq, hash: sealed.hash };
    }
    await db.history.bulkPut(rewritten);
    await db.counters.put({ key: `historyHead:${deviceId}`, value: prev!.seq, deviceId, hash: prev!.hash });
    const locally = (await verifyHistory(db)).verdicts.every((v) => v.ok);
    const stored = await db.history.orderBy(':id').toArray();
    return locally && !verifyChain(deviceId, stored.slice(0, head.seq), head).ok;
  }
  if (t.kind === 'edit') await db.history.put(edited(original[at]!, t.field));
  else if (t.kind === 'delete') await db.history.delete([deviceId, original[at]!.seq]);
  else if (t.kind === 'insert') {
    // A forged entry sealed onto the one before it; the entries after it move up one place.
    const slot = t.at % (n + 1);
    const base = original[Math.min(slot, n - 1)]!;
    const forged = sealEntry({ entityType: base.entityType, entityId: base.entityId, at: base.at, actor: base.actor, action: 'update', changes: [{ field: 'note', from: null, to: '伪造' }], reason: null }, deviceId, slot === 0 ? null : { deviceId, seq: slot, hash: original[slot - 1]!.hash });
    await db.history.bulkPut([forged, ...original.slice(slot).map((e) => ({ ...e, seq: e.seq + 1 }))]);
  } else {
    const other = t.with % n === at ? (at + 1) % n : t.with % n;
    const [x, y] = [original[at]!, original[other]!];
    await db.history.bulkPut([
      { ...y, seq: x.seq },
      { ...x, seq: y.seq },
    ]);
  }
  return (await verifyHistory(db)).verdicts.some((v) => !v.ok);
}
