import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { XbDb } from '../../renderer/db/db';
import { completeInspection, reopenInspection, saveAnswer } from '../../renderer/db/repos/inspections';
import { addManualFinding, restoreFinding, transitionFinding, updateFinding, voidFinding } from '../../renderer/db/repos/findings';
import { COALESCE_MS, historyOf, verifyHistory } from '../../renderer/db/repos/history';
import { replay } from '../../renderer/core/audit/replay';
import { TRANSITION_ACTIONS, type TransitionAction } from '../../renderer/core/finding/transitions';
import type { FindingPatch } from '../../renderer/core/finding/model';
import { branchDb, eachTestBranchDb, inspected, unwrap, type ManualClock } from './finding-helpers';

let db: XbDb;
let clock: ManualClock;
eachTestBranchDb((d, c) => {
  db = d;
  clock = c;
});

describe('history of answers and inspections', () => {
  it('records the inspection’s creation and its completion and reopening', async () => {
    const id = await inspected(db);
    unwrap(await completeInspection(db, id));
    unwrap(await reopenInspection(db, id));
    const entries = await historyOf(db, 'inspection', id);
    expect(entries.map((e) => [e.action, e.transition ?? ''])).toEqual([
      ['create', ''],
      ['transition', 'complete'],
      ['transition', 'reopen'],
    ]);
    expect(entries[1]!.changes.map((c) => c.field)).toEqual(['finishedAt', 'status']);
  });

  it('one entry per typing session of a note: saves within two minutes coalesce into the head', async () => {
    const id = await inspected(db);
    await saveAnswer(db, id, 'M-PUB-02', { verdict: 'compliant' });
    for (const note of ['投', '投诉电话', '投诉电话已公示']) {
      clock.advance(400);
      await saveAnswer(db, id, 'M-PUB-02', { note });
    }
    let entries = await historyOf(db, 'answer', `${id}/M-PUB-02`);
    expect(entries.map((e) => e.changes)).toEqual([
      [
        { field: 'verdict', from: null, to: 'compliant' },
        { field: 'note', from: null, to: '' },
        { field: 'sampleSize', from: null, to: null },
        { field: 'exceptions', from: null, to: null },
        { field: 'attachments', from: null, to: [] },
      ],
      [{ field: 'note', from: '', to: '投诉电话已公示' }],
    ]);
    // A pause longer than the window starts a new entry; so does a verdict in between.
    clock.advance(COALESCE_MS + 1);
    await saveAnswer(db, id, 'M-PUB-02', { note: '投诉电话已公示，监督电话缺失' });
    await saveAnswer(db, id, 'M-PUB-02', { verdict: 'partial' });
    await saveAnswer(db, id, 'M-PUB-02', { note: '监督电话缺失' });
    entries = await historyOf(db, 'answer', `${id}/M-PUB-02`);
    expect(entries).toHaveLength(5);
    expect((await verifyHistory(db)).verdicts).toMatchObject([{ ok: true }]);
  });
});

describe('verifying the chain in the database', () => {
  async function someHistory(): Promise<void> {
    const id = await inspected(db);
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' });
    const f = unwrap(await addManualFinding(db, { orgUnitCode: 'BR01', description: 'd', category: 'c', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' }));
    unwrap(await updateFinding(db, f.id, { notes: '备注' }));
  }

  it('passes an untouched chain and reports progress', async () => {
    await someHistory();
    const progress: number[] = [];
    const r = await verifyHistory(db, (checked) => progress.push(checked));
    expect(r.entries).toBe(await db.history.count());
    expect(r.verdicts).toMatchObject([{ ok: true, count: r.entries }]);
    expect(progress.at(-1)).toBe(r.entries);
  });

  it('names the first entry edited in the database', async () => {
    await someHistory();
    const third = (await db.history.orderBy(':id').toArray())[2]!;
    await db.history.put({ ...third, actor: '李四' });
    expect((await verifyHistory(db)).verdicts).toMatchObject([{ ok: false, index: 2, seq: 3, problem: 'hash' }]);
  });

  it('notices a removed last entry through the recorded head', async () => {
    await someHistory();
    const all = await db.history.orderBy(':id').toArray();
    const last = all.at(-1)!;
    await db.history.delete([last.deviceId, last.seq]);
    expect((await verifyHistory(db)).verdicts).toMatchObject([{ ok: false, index: all.length - 1, seq: last.seq, problem: 'head' }]);
  });

  it('reads long histories page by page', async () => {
    const f = unwrap(await addManualFinding(db, { orgUnitCode: 'BR01', description: 'd', category: 'c', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' }));
    for (let i = 0; i < 2100; i++) unwrap(await updateFinding(db, f.id, { notes: String(i) }));
    const r = await verifyHistory(db);
    expect(r.entries).toBeGreaterThan(2100);
    expect(r.verdicts).toMatchObject([{ ok: true }]);
  }, 60_000);
});

describe('why hashing is synchronous', () => {
  it('awaiting WebCrypto inside a transaction commits it early, leaving a change without its entry', async () => {
    let error: unknown = null;
    try {
      await db.transaction('rw', db.prefs, async () => {
        await db.prefs.put({ key: 'a', value: [] });
        await crypto.subtle.digest('SHA-256', new Uint8Array([1]));
        await db.prefs.put({ key: 'b', value: [] });
      });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ name: 'PrematureCommitError' });
    // The first write landed although the transaction "failed": exactly what history must never allow.
    expect(await db.prefs.get('a')).toBeDefined();
  });
});

type Op =
  | { kind: 'verdict'; item: number; verdict: 'compliant' | 'partial' | 'noncompliant' | 'na' | null }
  | { kind: 'manual' }
  | { kind: 'edit'; target: number; patch: FindingPatch }
  | { kind: 'transition'; target: number; action: TransitionAction }
  | { kind: 'void'; target: number }
  | { kind: 'restore'; target: number };

const ITEMS = ['M-PUB-01', 'M-PUB-02', 'M-ZQ-01'];
const text = fc.string({ minLength: 1, maxLength: 6 }).filter((s) => s.trim() !== '');
const opArb: fc.Arbitrary<Op> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('verdict' as const), item: fc.nat(2), verdict: fc.constantFrom('compliant' as const, 'partial' as const, 'noncompliant' as const, 'na' as const, null) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('manual' as const) }) },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('edit' as const),
      target: fc.nat(),
      patch: fc.record({ measures: text, responsiblePerson: text, dueDate: fc.constantFrom('2026-03-01', '2026-04-01'), notes: fc.string({ maxLength: 4 }) }, { requiredKeys: [] }),
    }),
  },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('transition' as const), target: fc.nat(), action: fc.constantFrom(...TRANSITION_ACTIONS) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('void' as const), target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('restore' as const), target: fc.nat() }) },
);
const input = { reason: '不充分', completedAt: '2026-03-02', completionNote: '说明', verifier: '王五', verifiedAt: '2026-03-02', plan: '计划', milestoneDate: '2026-06-30' };

describe('replaying the database’s history rebuilds its findings', () => {
  it('after any sequence of verdicts, edits, transitions, voids and restores (200 random sequences)', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 12 }), async (ops) => {
        await db.delete();
        db = await branchDb();
        const inspection = await inspected(db);
        for (const op of ops) {
          const ids = (await db.findings.orderBy('ledgerNo').primaryKeys()) as string[];
          const target = 'target' in op ? ids[op.target % Math.max(ids.length, 1)] : undefined;
          if (op.kind === 'verdict') await saveAnswer(db, inspection, ITEMS[op.item]!, { verdict: op.verdict });
          else if (op.kind === 'manual') await addManualFinding(db, { orgUnitCode: 'BR01', description: '手工问题', category: '其他', basis: '', severity: '较重', dueDate: null, responsibleDept: '', responsiblePerson: '' });
          else if (!target) continue;
          else if (op.kind === 'edit') await updateFinding(db, target, op.patch);
          else if (op.kind === 'transition') await transitionFinding(db, target, op.action, input);
          else if (op.kind === 'void') await voidFinding(db, target, '作废');
          else await restoreFinding(db, target, '恢复');
        }
        const stored = Object.fromEntries((await db.findings.toArray()).map(({ localSeq: _local, ...f }) => [f.id, f]));
        const rebuilt = Object.fromEntries(replay(await db.history.orderBy(':id').toArray(), 'finding'));
        expect(rebuilt).toEqual(stored);
        expect((await verifyHistory(db)).verdicts.every((v) => v.ok)).toBe(true);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
