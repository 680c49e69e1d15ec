// saveAnswer reads ahead from what earlier saves left as hints (renderer/db/save-hints.ts). A hint is
// never trusted: the same script of verdicts, notes, manual findings, edits, voids and numbers taken
// behind the counter's back leaves exactly the same records whether the hints are kept, cleared before
// every save, or filled with wrong values before every save.
import { afterEach, describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { setClockForTests } from '../../renderer/db/clock';
import { saveAnswer, startFollowUp } from '../../renderer/db/repos/inspections';
import { addManualFinding, updateFinding, voidFinding } from '../../renderer/db/repos/findings';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { verifyHistory } from '../../renderer/db/repos/history';
import { answerHintKey, saveHints, type SaveHints } from '../../renderer/db/save-hints';
import { formatLedgerNo, ledgerCounterKey } from '../../renderer/core/finding/ledger-no';
import type { Verdict } from '../../renderer/core/checklist/schema';
import { branchDb, inspected, manualClock, unwrap } from './finding-helpers';

type Mode = 'kept' | 'cleared' | 'wrong';

/** A small deterministic generator (mulberry32), so every run of the script makes the same choices. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ITEMS = ['M-PUB-01', 'M-PUB-02', 'M-ZQ-01'];
const VERDICTS: (Verdict | null)[] = ['noncompliant', 'partial', 'compliant', 'na', null];

/** Fills every hint with values that name other devices, units, years, counters and findings. */
function spoil(hints: SaveHints, random: () => number, inspections: readonly string[], findingIds: readonly string[]): void {
  const pick = <T,>(xs: readonly T[]): T | undefined => xs[Math.floor(random() * xs.length)];
  hints.deviceId = random() < 0.5 ? 'another-device' : undefined;
  for (const id of inspections) {
    hints.inspections.set(id, { orgUnitCode: pick(['BR01', 'WD0001', 'WD0002']) ?? 'BR01', date: pick(['2025-09-10', '2026-03-02', '2027-01-05']) ?? '2026-03-02' });
    hints.repeatOrders.set(id, inspections.filter(() => random() < 0.5));
    for (const item of ITEMS) hints.findings.set(answerHintKey(id, item), random() < 0.5 ? null : (pick(findingIds) ?? null));
  }
  for (const unit of ['BR01', 'WD0001']) for (const year of [2025, 2026]) hints.ledgerCounters.set(ledgerCounterKey(unit, year), Math.floor(random() * 6));
}

function clear(hints: SaveHints): void {
  hints.deviceId = undefined;
  hints.inspections.clear();
  hints.findings.clear();
  hints.ledgerCounters.clear();
  hints.repeatOrders.clear();
}

/** Runs the script on a fresh database with the hints as `mode` says; returns what it stored. */
async function run(mode: Mode): Promise<Record<string, unknown[]>> {
  const clock = manualClock();
  const db: XbDb = await branchDb();
  try {
    const random = prng(7);
    const spoiler = prng(11);
    unwrap(await addOrgUnit(db, { code: 'WD0001', name: '人民路网点', level: 'outlet', parentCode: 'BR01' }));
    const first = await inspected(db, '2025-09-10');
    const inspections = [first, await inspected(db, '2026-03-02'), await inspected(db, '2026-03-02', 'WD0001')];
    const followUp = unwrap(await startFollowUp(db, first, { date: '2026-03-05' })).id;
    inspections.push(followUp);
    for (let step = 0; step < 160; step++) {
      clock.advance(Math.floor(random() * 200_000));
      const inspectionId = inspections[Math.floor(random() * inspections.length)]!;
      const itemCode = ITEMS[Math.floor(random() * ITEMS.length)]!;
      const roll = random();
      const findings = await db.findings.toArray();
      if (roll < 0.04) {
        // A manual finding takes a number from the same counters, behind the hints' back.
        unwrap(await addManualFinding(db, { orgUnitCode: random() < 0.5 ? 'BR01' : 'WD0001', description: `手工问题 ${step}`, category: '公示', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' }));
      } else if (roll < 0.07) {
        // Numbers taken without the counter knowing (as a finding numbered on another device would be).
        const template = findings.find((f) => f.orgUnitCode === 'BR01');
        const counter = (await db.counters.get(ledgerCounterKey('BR01', 2026)))?.value ?? 0;
        for (const ahead of [1, 2]) {
          const ledgerNo = formatLedgerNo('BR01', 2026, counter + ahead);
          if (template && (await db.findings.where('ledgerNo').equals(ledgerNo).count()) === 0) await db.findings.put({ ...template, id: `foreign-${step}-${ahead}`, inspectionId: null, itemCode: null, ledgerNo });
        }
      } else if (roll < 0.12) {
        // Somebody works on a finding: a verdict withdrawn later flags it instead of voiding it.
        const live = findings.filter((f) => f.deletedAt === null && f.status !== 'verified' && !f.id.startsWith('foreign-'));
        const target = live[Math.floor(random() * live.length)];
        if (target) unwrap(await updateFinding(db, target.id, { responsibleDept: `部门 ${step}` }));
      } else if (roll < 0.14) {
        const live = findings.filter((f) => f.deletedAt === null && f.status !== 'verified' && !f.id.startsWith('foreign-'));
        const target = live[Math.floor(random() * live.length)];
        if (target) unwrap(await voidFinding(db, target.id, '录入错误'));
      } else {
        if (mode === 'cleared') clear(saveHints(db));
        if (mode === 'wrong') spoil(saveHints(db), spoiler, inspections, findings.map((f) => f.id));
        const patch = roll < 0.25 ? { note: `备注 ${step}` } : { verdict: VERDICTS[Math.floor(random() * VERDICTS.length)] ?? null };
        unwrap(await saveAnswer(db, inspectionId, itemCode, patch));
      }
    }
    expect((await verifyHistory(db)).verdicts.every((v) => v.ok)).toBe(true);
    const tables = ['answers', 'findings', 'history', 'counters', 'inspections'] as const;
    return Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await db.table(t).toArray()] as const)));
  } finally {
    db.close();
    clock.reset();
  }
}

describe('answer saves with hints', () => {
  afterEach(() => setClockForTests(null));

  it('store the same records whether the hints are kept, cleared or wrong before every save', async () => {
    const kept = await run('kept');
    // The script exercised what the hints cover: new, changed, voided, flagged and repeated findings.
    const findings = kept.findings as { repeatOf: string | null; deletedAt: string | null; verdictWithdrawn: boolean; ledgerNo: string }[];
    expect(findings.filter((f) => f.repeatOf !== null).length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.deletedAt !== null).length).toBeGreaterThan(0);
    expect(findings.filter((f) => f.verdictWithdrawn).length).toBeGreaterThan(0);
    expect(new Set(findings.map((f) => f.ledgerNo)).size).toBe(findings.length);
    expect(await run('cleared')).toEqual(kept);
    expect(await run('wrong')).toEqual(kept);
  }, 120_000);

  it('find the repeated finding when the hints put the inspection in another unit', async () => {
    const clock = manualClock();
    const db = await branchDb();
    try {
      const first = await inspected(db, '2025-09-10');
      unwrap(await saveAnswer(db, first, 'M-PUB-01', { verdict: 'noncompliant' }));
      const earlier = await db.findings.where('[inspectionId+itemCode]').equals([first, 'M-PUB-01']).first();
      const second = await inspected(db, '2026-03-02');
      // The hints say the second inspection is an outlet's, whose inspections the save then reads ahead.
      saveHints(db).inspections.set(second, { orgUnitCode: 'WD0001', date: '2026-03-02' });
      saveHints(db).findings.set(answerHintKey(second, 'M-PUB-01'), null);
      unwrap(await saveAnswer(db, second, 'M-PUB-01', { verdict: 'noncompliant' }));
      const repeated = await db.findings.where('[inspectionId+itemCode]').equals([second, 'M-PUB-01']).first();
      expect(repeated?.repeatOf).toBe(earlier?.id);
      expect(repeated?.ledgerNo).toBe('BR01-2026-0001');
    } finally {
      db.close();
      clock.reset();
    }
  });
});
