import { describe, expect, it } from 'vitest';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { XbDb } from '../../renderer/db/db';
import { createDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { addManualFinding, bulkAssign, restoreFinding, transitionFinding, updateFinding, voidFinding } from '../../renderer/db/repos/findings';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { historyOf, verifyHistory } from '../../renderer/db/repos/history';
import { ledgerGaps } from '../../renderer/core/finding/ledger-no';
import { setUpBranch, withChecklist } from './helpers';
import { eachTestBranchDb, inspected, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

const manual = { orgUnitCode: 'BR01', description: '投诉登记簿缺页', category: '投诉', basis: '', severity: '一般' as const, dueDate: null, responsibleDept: '', responsiblePerson: '' };

describe('findings from verdicts', () => {
  it('words an undescribed finding as a failure, and keeps that wording in step with the verdict until someone writes one', async () => {
    const id = await inspected(db);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' }));
    const [f] = await db.findings.toArray();
    expect(f!.description).toBe('部分未达到检查要求：价目表公示');
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' }));
    expect((await db.findings.get(f!.id))!.description).toBe('未达到检查要求：价目表公示');
    unwrap(await updateFinding(db, f!.id, { description: '价目表为2024年版，未更新' }));
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' }));
    expect((await db.findings.get(f!.id))!).toMatchObject({ verdict: 'partial', description: '价目表为2024年版，未更新' });
    unwrap(await saveAnswer(db, id, 'M-PUB-02', { verdict: 'noncompliant', note: '投诉电话未公示' }));
    expect((await db.findings.where('[inspectionId+itemCode]').equals([id, 'M-PUB-02']).first())?.description).toBe('投诉电话未公示');
  });

  it('a 不符合 verdict creates a numbered finding from the item, in the same transaction as the answer', async () => {
    const id = await inspected(db);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' }));
    const [f] = await db.findings.toArray();
    expect(f).toMatchObject({
      ledgerNo: 'BR01-2026-0001',
      inspectionId: id,
      itemCode: 'M-PUB-01',
      orgUnitCode: 'BR01',
      source: 'verdict',
      verdict: 'noncompliant',
      description: '未达到检查要求：价目表公示',
      category: '公示',
      basis: '《银行保险机构消费者权益保护管理办法》第十条',
      severity: '一般',
      status: 'open',
      rev: 1,
      updatedBy: '张三',
      deletedAt: null,
    });
    const entries = await historyOf(db, 'finding', f!.id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: 'create', actor: '张三', entityType: 'finding' });
    expect((await verifyHistory(db)).verdicts).toMatchObject([{ ok: true }]);
  });

  it('a write that fails midway leaves neither the answer, the finding, their history nor a used number', async () => {
    const id = await inspected(db);
    const before = { history: await db.history.count(), counters: await db.counters.toArray() };
    const refuse = () => {
      throw new Error('disk full');
    };
    db.findings.hook('creating', refuse);
    await expect(saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' })).rejects.toThrow('disk full');
    db.findings.hook('creating').unsubscribe(refuse);
    expect(await db.answers.count()).toBe(0);
    expect(await db.findings.count()).toBe(0);
    expect(await db.history.count()).toBe(before.history);
    expect(await db.counters.toArray()).toEqual(before.counters);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' }));
    expect((await db.findings.toArray()).map((f) => f.ledgerNo)).toEqual(['BR01-2026-0001']);
  });

  it('partial ↔ noncompliant updates the finding; 符合 voids it while nobody has worked on it, and a new failure restores the same number', async () => {
    const id = await inspected(db);
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' });
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' });
    let [f] = await db.findings.toArray();
    expect(f).toMatchObject({ verdict: 'noncompliant', rev: 2 });
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'compliant' });
    [f] = await db.findings.toArray();
    expect(f!.deletedAt).not.toBeNull();
    expect(f!.ledgerNo).toBe('BR01-2026-0001');
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' });
    expect(await db.findings.toArray()).toMatchObject([{ ledgerNo: 'BR01-2026-0001', deletedAt: null, verdict: 'partial', verdictWithdrawn: false }]);
    const actions = (await historyOf(db, 'finding', f!.id)).map((e) => [e.action, e.reason]);
    expect(actions).toEqual([
      ['create', null],
      ['update', 'system:verdictChanged'],
      ['delete', 'system:verdictWithdrawn'],
      ['restore', 'system:verdictFailsAgain'],
    ]);
  });

  it('a finding somebody worked on is kept and flagged when the verdict changes to 符合', async () => {
    const id = await inspected(db);
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' });
    const f = (await db.findings.toArray())[0]!;
    unwrap(await updateFinding(db, f.id, { measures: '更换价目表' }));
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'compliant' });
    expect(await db.findings.get(f.id)).toMatchObject({ deletedAt: null, verdictWithdrawn: true, measures: '更换价目表' });
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'na' });
    expect((await db.findings.get(f.id))!.rev).toBe(3);
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'partial' });
    expect(await db.findings.get(f.id)).toMatchObject({ verdictWithdrawn: false, verdict: 'partial' });
  });

  it('a note save never brings back a finding a person voided', async () => {
    const id = await inspected(db);
    await saveAnswer(db, id, 'M-PUB-01', { verdict: 'noncompliant' });
    const f = (await db.findings.toArray())[0]!;
    unwrap(await voidFinding(db, f.id, '与手工登记的问题重复'));
    await saveAnswer(db, id, 'M-PUB-01', { note: '补充说明' });
    expect((await db.findings.get(f.id))!.deletedAt).not.toBeNull();
  });

  it('flags a repeat when the item failed in the previous inspection of the same unit', async () => {
    const first = await inspected(db, '2025-09-10');
    await saveAnswer(db, first, 'M-PUB-01', { verdict: 'noncompliant' });
    await saveAnswer(db, first, 'M-PUB-02', { verdict: 'partial' });
    const second = await inspected(db, '2026-03-02');
    await saveAnswer(db, second, 'M-PUB-01', { verdict: 'partial' });
    await saveAnswer(db, second, 'M-ZQ-01', { verdict: 'noncompliant' });
    const rows = await db.findings.toArray();
    const earlier = rows.find((r) => r.inspectionId === first && r.itemCode === 'M-PUB-01')!;
    expect(rows.find((r) => r.inspectionId === second && r.itemCode === 'M-PUB-01')).toMatchObject({ repeatOf: earlier.id, ledgerNo: 'BR01-2026-0001' });
    expect(rows.find((r) => r.inspectionId === second && r.itemCode === 'M-ZQ-01')!.repeatOf).toBeNull();
    // Numbered per year of the inspection: the 2025 inspection has its own sequence.
    expect(earlier.ledgerNo).toBe('BR01-2025-0001');
  });
});

describe('ledger numbers', () => {
  it('are gap-free per unit and year across verdicts and hand-added findings', async () => {
    unwrap(await addOrgUnit(db, { code: 'WD0001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' }));
    const a = await inspected(db);
    const b = await inspected(db, '2026-03-03', 'WD0001');
    await saveAnswer(db, a, 'M-PUB-01', { verdict: 'partial' });
    await saveAnswer(db, b, 'M-PUB-01', { verdict: 'partial' });
    unwrap(await addManualFinding(db, manual));
    await saveAnswer(db, a, 'M-PUB-02', { verdict: 'noncompliant' });
    await saveAnswer(db, b, 'M-ZQ-01', { verdict: 'noncompliant' });
    const numbers = (await db.findings.toArray()).map((f) => f.ledgerNo).sort();
    expect(numbers).toEqual(['BR01-2026-0001', 'BR01-2026-0002', 'BR01-2026-0003', 'WD0001-2026-0001', 'WD0001-2026-0002']);
  });

  it('stay unique and gap-free when two windows save at the same time', async () => {
    // Two connections to one database, as two tabs or windows of the app would have.
    const factory = new IDBFactory();
    const one = createDb({ name: 'two-tabs', indexedDB: factory, IDBKeyRange });
    unwrap(await openDb(one, { onBlocked: () => undefined, onVersionChange: () => undefined }));
    await setUpBranch(one);
    await withChecklist(one);
    const two = createDb({ name: 'two-tabs', indexedDB: factory, IDBKeyRange });
    unwrap(await openDb(two, { onBlocked: () => undefined, onVersionChange: () => undefined }));
    const inspections = await Promise.all([inspected(one), inspected(two), inspected(one)]);
    const writes = inspections.flatMap((id, k) =>
      ['M-PUB-01', 'M-PUB-02', 'M-ZQ-01'].flatMap((code) => [
        saveAnswer(k % 2 === 0 ? one : two, id, code, { verdict: 'noncompliant' }),
        addManualFinding(k % 2 === 0 ? two : one, manual),
      ]),
    );
    const results = await Promise.all(writes);
    expect(results.every((r) => r.ok)).toBe(true);
    const numbers = (await one.findings.toArray()).map((f) => f.ledgerNo);
    expect(numbers).toHaveLength(18);
    expect(ledgerGaps(numbers)).toEqual({ missing: [], duplicates: [], max: 18 });
    expect((await verifyHistory(one)).verdicts).toMatchObject([{ ok: true }]);
    one.close();
    two.close();
  });
});

describe('editing and moving a finding', () => {
  async function aFinding(): Promise<string> {
    return unwrap(await addManualFinding(db, manual)).id;
  }

  it('records every change with its fields, and refuses a stale form', async () => {
    const id = await aFinding();
    const r = unwrap(await updateFinding(db, id, { measures: '补齐登记簿并每日核对', responsiblePerson: '赵六', dueDate: '2026-03-31' }, 1));
    expect(r.rev).toBe(2);
    const last = (await historyOf(db, 'finding', id)).at(-1)!;
    expect(last).toMatchObject({ action: 'update', reason: null });
    expect(last.changes).toEqual([
      { field: 'measures', from: '', to: '补齐登记簿并每日核对' },
      { field: 'responsiblePerson', from: '', to: '赵六' },
      { field: 'dueDate', from: null, to: '2026-03-31' },
    ]);
    expect(await updateFinding(db, id, { notes: 'x' }, 1)).toMatchObject({ ok: false, error: { code: 'finding.changedElsewhere' } });
    expect(await updateFinding(db, id, { description: ' ' })).toMatchObject({ ok: false, error: { code: 'finding.invalid', problems: [{ field: 'description', code: 'descriptionBlank' }] } });
    // A save that changes nothing writes nothing.
    const entries = await db.history.count();
    unwrap(await updateFinding(db, id, { measures: '补齐登记簿并每日核对' }));
    expect(await db.history.count()).toBe(entries);
  });

  it('goes 整改中 → 已整改待验收 → 退回 → 已整改待验收 → 已验收, each step in history', async () => {
    const id = await aFinding();
    expect(await transitionFinding(db, id, 'start', {})).toMatchObject({
      ok: false,
      error: { code: 'transition.requirements', requirements: [{ requirement: 'responsiblePerson' }, { requirement: 'dueDate' }] },
    });
    unwrap(await updateFinding(db, id, { responsiblePerson: '赵六', dueDate: '2026-03-31', measures: '补齐登记簿' }));
    unwrap(await transitionFinding(db, id, 'start', {}));
    unwrap(await transitionFinding(db, id, 'submit', { completedAt: '2026-03-02', completionNote: '已补齐' }));
    expect(await transitionFinding(db, id, 'return', {})).toMatchObject({ ok: false, error: { code: 'transition.requirements' } });
    unwrap(await transitionFinding(db, id, 'return', { reason: '缺少签字' }));
    unwrap(await transitionFinding(db, id, 'submit', { completedAt: '2026-03-02' }));
    const done = unwrap(await transitionFinding(db, id, 'verify', { verifier: '王五', verifiedAt: '2026-03-02' }));
    expect(done).toMatchObject({ status: 'verified', verification: { by: '王五', at: '2026-03-02' }, lastReturn: { by: '张三', reason: '缺少签字' } });
    expect(await transitionFinding(db, id, 'verify', { verifier: '王五', verifiedAt: '2026-03-02' })).toMatchObject({ ok: false, error: { code: 'transition.notAllowed' } });
    expect(await updateFinding(db, id, { notes: '改' })).toMatchObject({ ok: false, error: { code: 'finding.locked' } });
    const steps = (await historyOf(db, 'finding', id)).map((e) => [e.action, e.transition ?? '', e.reason]);
    expect(steps).toEqual([
      ['create', '', null],
      ['update', '', null],
      ['transition', 'start', null],
      ['transition', 'submit', null],
      ['transition', 'return', '缺少签字'],
      ['transition', 'submit', null],
      ['transition', 'verify', null],
    ]);
  });

  it('voiding is a tombstone with a reason; restoring brings it back with its number', async () => {
    const id = await aFinding();
    expect(await voidFinding(db, id, '  ')).toMatchObject({ ok: false, error: { code: 'finding.reasonRequired' } });
    const voided = unwrap(await voidFinding(db, id, '重复登记'));
    expect(voided.deletedAt).not.toBeNull();
    expect(await db.findings.count()).toBe(1);
    expect(await transitionFinding(db, id, 'start', {})).toMatchObject({ ok: false, error: { code: 'finding.deleted' } });
    const back = unwrap(await restoreFinding(db, id, '误操作'));
    expect(back).toMatchObject({ deletedAt: null, ledgerNo: 'BR01-2026-0001' });
    expect((await historyOf(db, 'finding', id)).map((e) => [e.action, e.reason])).toEqual([
      ['create', null],
      ['delete', '重复登记'],
      ['restore', '误操作'],
    ]);
  });

  it('bulk assignment writes one entry per changed finding and skips verified ones', async () => {
    const ids = [await aFinding(), await aFinding(), await aFinding()];
    unwrap(await updateFinding(db, ids[2]!, { responsiblePerson: '赵六', dueDate: '2026-03-10', measures: 'm', completionNote: 'n' }));
    unwrap(await transitionFinding(db, ids[2]!, 'submit', { completedAt: '2026-03-02' }));
    unwrap(await transitionFinding(db, ids[2]!, 'verify', { verifier: '王五', verifiedAt: '2026-03-02' }));
    expect(await bulkAssign(db, ids, { dueDate: '2026-13-01' })).toMatchObject({ ok: false, error: { code: 'finding.invalid' } });
    const before = await db.history.count();
    const r = unwrap(await bulkAssign(db, ids, { responsibleDept: '运营管理部', responsiblePerson: '钱七', dueDate: '2026-04-30' }));
    expect(r).toEqual({ changed: 2, unchanged: 0, skipped: 1 });
    expect(await db.history.count()).toBe(before + 2);
    expect(await db.findings.get(ids[0]!)).toMatchObject({ responsibleDept: '运营管理部', responsiblePerson: '钱七', dueDate: '2026-04-30', rev: 2 });
    expect((await db.findings.get(ids[2]!))!.responsiblePerson).toBe('赵六');
    expect(unwrap(await bulkAssign(db, ids, { dueDate: '2026-04-30' }))).toEqual({ changed: 0, unchanged: 2, skipped: 1 });
    // The same finding named twice (found by the history campaign): one write, one entry.
    const twice = await db.history.count();
    expect(unwrap(await bulkAssign(db, [ids[0]!, ids[0]!], { responsiblePerson: '孙八' }))).toEqual({ changed: 1, unchanged: 0, skipped: 0 });
    expect(await db.history.count()).toBe(twice + 1);
    expect((await db.findings.get(ids[0]!))!.rev).toBe(3);
  });

  it('stamps a rising localSeq on every write, the register’s change feed', async () => {
    const a = await aFinding();
    const b = await aFinding();
    unwrap(await updateFinding(db, a, { notes: '1' }));
    const rows = await db.findings.orderBy('localSeq').toArray();
    expect(rows.map((r) => [r.id, r.localSeq])).toEqual([
      [b, 2],
      [a, 3],
    ]);
  });
});
