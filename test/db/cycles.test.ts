// Inspection cycles on the database: starting a follow-up (复查) from an earlier inspection, finding the
// previous inspection and its answers, and 屡查屡犯 — detected when a verdict creates a finding and
// corrected by hand, each correction in history.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { completeInspection, saveAnswer, startFollowUp } from '../../renderer/db/repos/inspections';
import { previousRoundOf, repeatSourceOf } from '../../renderer/db/repos/cycles';
import { addManualFinding, transitionFinding, updateFinding, voidFinding } from '../../renderer/db/repos/findings';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { historyOf, verifyHistory } from '../../renderer/db/repos/history';
import { importChecklist } from '../../renderer/db/repos/checklists';
import type { FindingRow } from '../../renderer/db/types';
import { miniV2 } from './helpers';
import { eachTestBranchDb, inspected, unwrap } from './finding-helpers';

let db: XbDb;
eachTestBranchDb((d) => {
  db = d;
});

async function installV2(): Promise<void> {
  unwrap(await importChecklist(db, { fileName: 'mini-2.0.json', checklist: miniV2, sha256: 'b'.repeat(64) }));
}

async function findingOf(inspectionId: string, itemCode: string): Promise<FindingRow> {
  const f = await db.findings.where('[inspectionId+itemCode]').equals([inspectionId, itemCode]).first();
  if (!f) throw new Error(`no finding for ${inspectionId}/${itemCode}`);
  return f;
}

describe('starting a follow-up from an earlier inspection', () => {
  it('copies the unit, checklist, kind and inspectors, leaves every verdict empty and links the earlier one', async () => {
    const first = await inspected(db, '2025-09-10');
    await saveAnswer(db, first, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' });
    await saveAnswer(db, first, 'M-PUB-02', { verdict: 'compliant' });
    unwrap(await completeInspection(db, first));

    const next = unwrap(await startFollowUp(db, first, { date: '2026-03-02' }));
    expect(next).toMatchObject({
      orgUnitCode: 'BR01',
      checklistId: 'mini',
      checklistVersion: '1.0',
      kind: 'self',
      inspectors: ['张三'],
      date: '2026-03-02',
      status: 'draft',
      finishedAt: null,
      previousInspectionId: first,
    });
    expect(next.id).not.toBe(first);
    expect(await db.answers.where('inspectionId').equals(next.id).count()).toBe(0);
    expect(await db.findings.where('inspectionId').equals(next.id).count()).toBe(0);
    // The link is part of the record's history like every other field.
    const [created] = await historyOf(db, 'inspection', next.id);
    expect(created!.changes).toContainEqual({ field: 'previousInspectionId', from: null, to: first });
    expect((await verifyHistory(db)).verdicts.every((v) => v.ok)).toBe(true);
  });

  it('takes the newest installed version of the checklist unless told otherwise, and other kind or inspectors when given', async () => {
    const first = await inspected(db, '2025-09-10');
    await installV2();
    expect(unwrap(await startFollowUp(db, first, { date: '2026-03-02' })).checklistVersion).toBe('2.0');
    const older = unwrap(await startFollowUp(db, first, { date: '2026-03-03', checklistVersion: '1.0', kind: 'audit', inspectors: ['李四', ' 王五 '] }));
    expect(older).toMatchObject({ checklistVersion: '1.0', kind: 'audit', inspectors: ['李四', '王五'], previousInspectionId: first });
  });

  it('refuses an unknown earlier inspection or a version of the checklist that is not installed', async () => {
    const first = await inspected(db, '2025-09-10');
    expect(await startFollowUp(db, 'nope', { date: '2026-03-02' })).toMatchObject({ ok: false, error: { code: 'inspection.notFound' } });
    expect(await startFollowUp(db, first, { date: '2026-03-02', checklistVersion: '9.9' })).toMatchObject({ ok: false, error: { code: 'inspection.checklistMissing' } });
    expect(await db.inspections.count()).toBe(1);
  });
});

describe('the previous inspection', () => {
  it('is the linked one when there is a link, else the most recent earlier one of the same unit and checklist', async () => {
    unwrap(await addOrgUnit(db, { code: 'WD0001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' }));
    const oldest = await inspected(db, '2025-03-01');
    const middle = await inspected(db, '2025-09-10');
    await inspected(db, '2025-12-01', 'WD0001');
    const later = await inspected(db, '2026-06-01');
    const current = await inspected(db, '2026-03-02');
    expect((await previousRoundOf(db, current))?.inspection.id).toBe(middle);
    expect(await previousRoundOf(db, oldest)).toBeNull();
    // Later inspections are never "previous"; a follow-up of the oldest one shows the oldest one.
    expect((await previousRoundOf(db, later))?.inspection.id).toBe(current);
    const followUp = unwrap(await startFollowUp(db, oldest, { date: '2026-03-05' }));
    expect((await previousRoundOf(db, followUp.id))?.inspection.id).toBe(oldest);
  });

  it('carries answers and findings by item code into a newer checklist version, leaving out voided inspections', async () => {
    const first = await inspected(db, '2025-09-10');
    await saveAnswer(db, first, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' });
    await saveAnswer(db, first, 'M-PUB-02', { verdict: 'partial' });
    const voided = await inspected(db, '2025-10-01');
    await db.inspections.update(voided, { deletedAt: '2025-10-02T00:00:00.000Z' });
    await installV2();
    const next = unwrap(await startFollowUp(db, first, { date: '2026-03-02' }));
    const round = (await previousRoundOf(db, next.id))!;
    expect(round.inspection.id).toBe(first);
    expect(round.answers.get('M-PUB-01')).toMatchObject({ verdict: 'noncompliant', note: '价目表为旧版' });
    expect(round.findings.get('M-PUB-01')).toMatchObject({ ledgerNo: 'BR01-2025-0001' });
    // M-PUB-02 is not in version 2.0: its answer is there, but no item of the new version asks for it.
    expect(round.answers.has('M-PUB-03')).toBe(false);
  });
});

describe('屡查屡犯 detected when a verdict creates a finding', () => {
  it('links the finding of the same item in the previous inspection, across checklist versions', async () => {
    const first = await inspected(db, '2025-09-10');
    await saveAnswer(db, first, 'M-PUB-01', { verdict: 'noncompliant' });
    await installV2();
    const next = unwrap(await startFollowUp(db, first, { date: '2026-03-02' }));
    await saveAnswer(db, next.id, 'M-PUB-01', { verdict: 'partial' });
    await saveAnswer(db, next.id, 'M-PUB-03', { verdict: 'noncompliant' });
    expect((await findingOf(next.id, 'M-PUB-01')).repeatOf).toBe((await findingOf(first, 'M-PUB-01')).id);
    expect((await findingOf(next.id, 'M-PUB-03')).repeatOf).toBeNull();
  });

  it('does not count a voided earlier finding, and then looks further back', async () => {
    const oldest = await inspected(db, '2025-03-01');
    await saveAnswer(db, oldest, 'M-PUB-02', { verdict: 'partial' });
    const previous = await inspected(db, '2025-09-10');
    await saveAnswer(db, previous, 'M-PUB-01', { verdict: 'noncompliant' });
    await saveAnswer(db, previous, 'M-PUB-02', { verdict: 'noncompliant' });
    unwrap(await voidFinding(db, (await findingOf(previous, 'M-PUB-01')).id, '误判：价目表实为最新版'));
    unwrap(await voidFinding(db, (await findingOf(previous, 'M-PUB-02')).id, '与手工登记的问题重复'));
    const current = await inspected(db, '2026-03-02');
    await saveAnswer(db, current, 'M-PUB-01', { verdict: 'noncompliant' });
    await saveAnswer(db, current, 'M-PUB-02', { verdict: 'noncompliant' });
    expect((await findingOf(current, 'M-PUB-01')).repeatOf).toBeNull();
    // The item failed before the voided one, and that finding stands.
    expect((await findingOf(current, 'M-PUB-02')).repeatOf).toBe((await findingOf(oldest, 'M-PUB-02')).id);
  });

  it('prefers the linked previous inspection’s finding over a more recent one', async () => {
    const base = await inspected(db, '2025-03-01');
    await saveAnswer(db, base, 'M-PUB-01', { verdict: 'partial' });
    const recent = await inspected(db, '2025-09-10');
    await saveAnswer(db, recent, 'M-PUB-01', { verdict: 'noncompliant' });
    const next = unwrap(await startFollowUp(db, base, { date: '2026-03-02' }));
    const inspection = (await db.inspections.get(next.id))!;
    expect((await repeatSourceOf(db, inspection, 'M-PUB-01'))?.id).toBe((await findingOf(base, 'M-PUB-01')).id);
    await saveAnswer(db, next.id, 'M-PUB-01', { verdict: 'noncompliant' });
    expect((await findingOf(next.id, 'M-PUB-01')).repeatOf).toBe((await findingOf(base, 'M-PUB-01')).id);
  });
});

describe('屡查屡犯 corrected by hand', () => {
  async function twoRounds(): Promise<{ first: string; earlier: FindingRow; repeat: FindingRow; current: string }> {
    const first = await inspected(db, '2025-09-10');
    await saveAnswer(db, first, 'M-PUB-01', { verdict: 'noncompliant' });
    await saveAnswer(db, first, 'M-PUB-02', { verdict: 'partial' });
    const current = await inspected(db, '2026-03-02');
    await saveAnswer(db, current, 'M-PUB-01', { verdict: 'noncompliant' });
    return { first, earlier: await findingOf(first, 'M-PUB-01'), repeat: await findingOf(current, 'M-PUB-01'), current };
  }

  it('unmarking and re-linking each write one history entry with the field from and to', async () => {
    const { first, earlier, repeat } = await twoRounds();
    expect(repeat.repeatOf).toBe(earlier.id);
    unwrap(await updateFinding(db, repeat.id, { repeatOf: null }, repeat.rev));
    // Another item's finding of the same unit may be named too (the same problem under a different item).
    const other = await findingOf(first, 'M-PUB-02');
    unwrap(await updateFinding(db, repeat.id, { repeatOf: other.id }));
    expect((await db.findings.get(repeat.id))!.repeatOf).toBe(other.id);
    const entries = await historyOf(db, 'finding', repeat.id);
    expect(entries.slice(1).map((e) => [e.action, e.changes])).toEqual([
      ['update', [{ field: 'repeatOf', from: earlier.id, to: null }]],
      ['update', [{ field: 'repeatOf', from: null, to: other.id }]],
    ]);
    expect((await verifyHistory(db)).verdicts.every((v) => v.ok)).toBe(true);
  });

  it('refuses a link to itself, a later, a voided or another unit’s finding, or one that would go round in a circle', async () => {
    const { first, earlier, repeat, current } = await twoRounds();
    unwrap(await addOrgUnit(db, { code: 'WD0001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' }));
    const elsewhere = unwrap(await addManualFinding(db, { orgUnitCode: 'WD0001', description: '投诉登记簿缺页', category: '投诉', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' }));
    const later = await inspected(db, '2026-09-01');
    await saveAnswer(db, later, 'M-PUB-02', { verdict: 'noncompliant' });
    const laterFinding = await findingOf(later, 'M-PUB-02');
    await saveAnswer(db, current, 'M-PUB-02', { verdict: 'partial' });
    const sameInspection = await findingOf(current, 'M-PUB-02');
    const firstPartial = await findingOf(first, 'M-PUB-02');
    unwrap(await voidFinding(db, firstPartial.id, '误判'));

    const problem = async (target: string) => {
      const r = await updateFinding(db, repeat.id, { repeatOf: target });
      return r.ok ? null : r.error.problems?.[0]?.code;
    };
    expect(await problem(repeat.id)).toBe('repeatOfSelf');
    expect(await problem(laterFinding.id)).toBe('repeatOfLater');
    expect(await problem(sameInspection.id)).toBe('repeatOfLater');
    expect(await problem(firstPartial.id)).toBe('repeatOfMissing');
    expect(await problem('no-such-finding')).toBe('repeatOfMissing');
    expect(await problem(elsewhere.id)).toBe('repeatOfOtherUnit');
    // The earlier finding may not in turn repeat the one that repeats it.
    expect(await updateFinding(db, earlier.id, { repeatOf: repeat.id })).toMatchObject({ ok: false, error: { problems: [{ code: 'repeatOfLater' }] } });
    const sameDay = await inspected(db, '2026-03-02');
    await saveAnswer(db, sameDay, 'M-PUB-01', { verdict: 'noncompliant' });
    const twin = await findingOf(sameDay, 'M-PUB-01');
    expect(twin.repeatOf).toBe(repeat.id);
    expect(await updateFinding(db, repeat.id, { repeatOf: twin.id })).toMatchObject({ ok: false, error: { problems: [{ code: 'repeatOfCycle' }] } });
    expect((await db.findings.get(repeat.id))!.repeatOf).toBe(earlier.id);
  });

  it('is locked with the rest of a verified finding', async () => {
    const { repeat } = await twoRounds();
    unwrap(await updateFinding(db, repeat.id, { responsiblePerson: '赵六', dueDate: '2026-04-01', measures: '更换价目表' }));
    unwrap(await transitionFinding(db, repeat.id, 'start', {}));
    unwrap(await transitionFinding(db, repeat.id, 'submit', { completedAt: '2026-03-02', completionNote: '已更换' }));
    unwrap(await transitionFinding(db, repeat.id, 'verify', { verifier: '王五', verifiedAt: '2026-03-02' }));
    expect(await updateFinding(db, repeat.id, { repeatOf: null })).toMatchObject({ ok: false, error: { code: 'finding.locked' } });
  });
});
