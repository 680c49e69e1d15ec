// The demo campaign: deterministic, realistic enough to show every part of the workflow in each single
// branch package, and consistent the way the app's own data is (history replays to the records, the
// chain verifies, ledger numbers have no gaps, attachments are named by their sha256).
import { beforeAll, describe, expect, it } from 'vitest';
import { verifyChains } from '../../../renderer/core/audit/chain';
import { replay } from '../../../renderer/core/audit/replay';
import { canonicalJson } from '../../../renderer/core/canonical';
import {
  DEMO_ANSWER_FIELDS,
  DEMO_INSPECTION_FIELDS,
  DEMO_MAX_BRANCHES,
  demoBranch,
  demoHeadOffice,
  type DemoBranch,
  type DemoChecklist,
  type DemoOptions,
} from '../../../renderer/core/demo/campaign';
import { CITIES } from '../../../renderer/core/demo/names';
import { demoSheetRows } from '../../../renderer/core/demo/package-input';
import { ledgerGaps, parseLedgerNo } from '../../../renderer/core/finding/ledger-no';
import { isOverdue } from '../../../renderer/core/finding/overdue';
import { toHex } from '../../../renderer/core/hash';
import { ledgerDataSchema } from '../../../renderer/core/ledger/package';
import { sha256Sync } from '../../../renderer/core/sha256';
import { ANSWER_FIELDS, INSPECTION_FIELDS } from '../../../renderer/db/repos/inspections';
import { bundledChecklists } from '../ledger/fixtures';

let checklists: DemoChecklist[];
const options = (over: Partial<DemoOptions> = {}): DemoOptions => ({ seed: 'demo-test', branches: 3, asOf: '2026-06-30', checklists, ...over });

beforeAll(async () => {
  checklists = await bundledChecklists();
});

const fingerprint = (b: DemoBranch): string => canonicalJson({ ...b, device: { id: b.device.id, seed: toHex(b.device.seed) }, attachmentFiles: b.attachmentFiles.map((a) => toHex(a.bytes)) });

describe('demo campaign', () => {
  it('is the same for the same seed, differs for another, and a branch does not depend on how many there are', () => {
    const a = demoBranch(options(), 1);
    expect(fingerprint(demoBranch(options(), 1))).toBe(fingerprint(a));
    expect(fingerprint(demoBranch(options({ branches: 9 }), 1))).toBe(fingerprint(a));
    const other = demoBranch(options({ seed: 'another' }), 1);
    expect(other.device.id).not.toBe(a.device.id);
    expect(toHex(other.device.seed)).not.toBe(toHex(a.device.seed));
    expect(a.device.seed).toHaveLength(32);
    expect(a.device.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('builds a branch with its outlets under the head office, with distinct cities for every branch up to the maximum', () => {
    const b = demoBranch(options(), 0);
    expect(b.unit).toMatchObject({ code: '101000', level: 'branch', parentCode: '100000' });
    expect(b.unit.name).toMatch(/^\p{Script=Han}+分行$/u);
    expect(b.outlets.length).toBeGreaterThanOrEqual(3);
    expect(b.outlets.length).toBeLessThanOrEqual(6);
    for (const [j, o] of b.outlets.entries()) expect(o).toMatchObject({ code: `101${String(j + 1).padStart(3, '0')}`, level: 'outlet', parentCode: '101000' });
    expect(b.outlets[0]!.name).toBe(`${b.unit.name}营业部`);
    expect(demoHeadOffice('demo-test')).toMatchObject({ code: '100000', level: 'head', name: expect.stringMatching(/银行总行$/) });
    expect(new Set(CITIES).size).toBeGreaterThanOrEqual(DEMO_MAX_BRANCHES);
    expect(demoBranch(options({ branches: DEMO_MAX_BRANCHES }), DEMO_MAX_BRANCHES - 1).unit.code).toBe(`${100 + DEMO_MAX_BRANCHES}000`);
  });

  it('refuses options it cannot honour', () => {
    expect(() => demoBranch(options({ branches: 0 }), 0)).toThrow(RangeError);
    expect(() => demoBranch(options({ branches: DEMO_MAX_BRANCHES + 1 }), 0)).toThrow(RangeError);
    expect(() => demoBranch(options(), 3)).toThrow(RangeError);
    expect(() => demoBranch(options({ asOf: '2026-02-30' }), 0)).toThrow(RangeError);
    expect(() => demoBranch(options({ checklists: [] }), 0)).toThrow(RangeError);
  });
});

describe('each demo branch', () => {
  const seeds = ['demo-test', 'xiaobao', '7'];
  let branches: DemoBranch[];
  beforeAll(() => {
    branches = seeds.flatMap((seed) => [0, 1].map((i) => demoBranch(options({ seed }), i)));
  });

  it('is valid ledger data', () => {
    for (const b of branches) expect(ledgerDataSchema.safeParse(b.data).success).toBe(true);
  });

  it('has findings in every state, a tombstone, one returned once, some overdue and some repeats of earlier findings', () => {
    for (const b of branches) {
      const live = b.data.findings.filter((f) => f.deletedAt === null);
      expect(new Set(live.map((f) => f.status)), b.unit.name).toEqual(new Set(['open', 'in_progress', 'rectified', 'verified', 'long_term']));
      const voided = b.data.findings.filter((f) => f.deletedAt !== null);
      expect(voided.length).toBeGreaterThanOrEqual(1);
      expect(b.data.history.some((e) => e.entityType === 'finding' && e.action === 'delete' && e.reason === 'system:verdictWithdrawn')).toBe(true);
      expect(b.data.history.some((e) => e.transition === 'return' && e.reason !== null)).toBe(true);
      expect(live.some((f) => f.lastReturn !== null)).toBe(true);
      expect(live.filter((f) => isOverdue(f, b.asOf)).length).toBeGreaterThanOrEqual(1);
      const repeats = live.filter((f) => f.repeatOf !== null);
      expect(repeats.length).toBeGreaterThanOrEqual(1);
      for (const f of repeats) {
        const earlier = b.data.findings.find((g) => g.id === f.repeatOf)!;
        expect(earlier).toMatchObject({ orgUnitCode: f.orgUnitCode, itemCode: f.itemCode, checklistId: f.checklistId, deletedAt: null });
        expect(earlier.inspectionDate! < f.inspectionDate!).toBe(true);
      }
      // The Excel view shows the live findings, flagged as the app judges them.
      const rows = demoSheetRows(b);
      expect(rows.map((r) => r.id)).toEqual(live.map((f) => f.id));
      expect(rows.filter((r) => r.overdue).map((r) => r.id)).toEqual(live.filter((f) => isOverdue(f, b.asOf)).map((f) => f.id));
      expect(rows.filter((r) => r.repeat)).toHaveLength(repeats.length);
    }
  });

  it('numbers findings per unit and year from 0001 without gaps or duplicates', () => {
    for (const b of branches) {
      const byUnitYear = new Map<string, string[]>();
      for (const f of b.data.findings) {
        const parsed = parseLedgerNo(f.ledgerNo)!;
        expect(parsed.orgUnitCode).toBe(f.orgUnitCode);
        expect(parsed.year).toBe(Number(f.inspectionDate!.slice(0, 4)));
        const key = `${parsed.orgUnitCode}-${parsed.year}`;
        byUnitYear.set(key, [...(byUnitYear.get(key) ?? []), f.ledgerNo]);
      }
      for (const [key, nos] of byUnitYear) {
        expect(ledgerGaps(nos), key).toEqual({ missing: [], duplicates: [], max: nos.length });
        expect(nos).toContain(`${key}-0001`);
      }
    }
  });

  it('has history that verifies as one chain and replays to exactly the findings, answers and inspections', () => {
    for (const b of branches) {
      const verdicts = verifyChains(b.data.history);
      expect(verdicts).toEqual([{ ok: true, deviceId: b.device.id, count: b.data.history.length, head: { deviceId: b.device.id, seq: b.data.history.length, hash: b.auditHead } }]);
      const findings = replay(b.data.history, 'finding');
      expect(findings.size).toBe(b.data.findings.length);
      for (const f of b.data.findings) expect(findings.get(f.id)).toEqual(f);
      const answers = replay(b.data.history, 'answer');
      expect(answers.size).toBe(b.data.answers.length);
      for (const a of b.data.answers) {
        const { inspectionId, itemCode, ...rest } = a;
        expect(answers.get(`${inspectionId}/${itemCode}`)).toEqual({ id: `${inspectionId}/${itemCode}`, ...rest });
      }
      const inspections = replay(b.data.history, 'inspection');
      for (const i of b.data.inspections) {
        const replayed = inspections.get(i.id)!;
        for (const field of DEMO_INSPECTION_FIELDS) expect(replayed[field], field).toEqual(i[field]);
      }
    }
  });

  it('records answers and inspections with the fields the app’s repositories record', () => {
    expect([...DEMO_ANSWER_FIELDS]).toEqual([...ANSWER_FIELDS]);
    expect([...DEMO_INSPECTION_FIELDS]).toEqual([...INSPECTION_FIELDS]);
  });

  it('happens in time order, on or before the as-of day, and leaves only the latest inspection under way', () => {
    for (const b of branches) {
      const times = b.data.history.map((e) => e.at);
      expect(times).toEqual([...times].sort());
      expect(times.at(-1)! < b.exportedAt).toBe(true);
      expect(b.exportedAt.startsWith(b.asOf)).toBe(true);
      const drafts = b.data.inspections.filter((i) => i.status === 'draft');
      expect(drafts).toHaveLength(1);
      expect(drafts[0]!.date).toBe([...b.data.inspections].map((i) => i.date).sort().at(-1));
      for (const f of b.data.findings) {
        if (f.completedAt !== null) expect(f.completedAt <= b.asOf).toBe(true);
        if (f.verification !== null) expect(f.verification.at >= (f.completedAt ?? '')).toBe(true);
      }
    }
  });

  it('stores small PNG photos named by their sha256, every one referenced and every reference present', () => {
    for (const b of branches) {
      expect(b.attachmentFiles.length).toBeGreaterThanOrEqual(1);
      for (const { record, bytes } of b.attachmentFiles) {
        expect(record.id).toBe(toHex(sha256Sync(bytes)));
        expect(record.size).toBe(bytes.length);
        expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
        expect(record.mime).toBe('image/png');
      }
      const ids = new Set(b.attachmentFiles.map((a) => a.record.id));
      const refs = [...b.data.findings.flatMap((f) => f.evidence), ...b.data.answers.flatMap((a) => a.attachments)];
      expect(new Set(refs)).toEqual(ids);
    }
  });

  it('uses the checklists it was given, pinned by their fingerprints', () => {
    for (const b of branches) {
      const used = b.checklists.map((c) => c.id).sort();
      expect(used).toEqual(['branch-onsite', 'consumer-rights', 'infringement-campaign-2019']);
      for (const c of b.checklists) expect(c.sha256).toBe(checklists.find((d) => d.checklist.id === c.id)!.sha256);
      const branchLevel = b.data.inspections.filter((i) => i.orgUnitCode === b.unit.code);
      expect(branchLevel.map((i) => i.checklistId)).toEqual(['consumer-rights']);
    }
  });
});

// 36 outlets: more first-cycle inspections than the default window has weekdays.
describe('a demo campaign at scale (--outlets, --failure-rate)', { timeout: 30_000 }, () => {
  let big: DemoBranch;
  beforeAll(() => {
    big = demoBranch(options({ outlets: 36, failureRate: 0.3 }), 1);
  });

  it('is deterministic, and giving the outlet count the seed would draw changes nothing else', () => {
    // The chain's head hashes every entry, and the entries replay to every record (checked below).
    const again = demoBranch(options({ outlets: 36, failureRate: 0.3 }), 1);
    expect(again.auditHead).toBe(big.auditHead);
    expect(again.attachmentFiles.map((a) => a.record.id)).toEqual(big.attachmentFiles.map((a) => a.record.id));
    expect(demoBranch(options({ outlets: 36, failureRate: 0.31 }), 1).auditHead).not.toBe(big.auditHead);
    const plain = demoBranch(options(), 2);
    expect(fingerprint(demoBranch(options({ outlets: plain.outlets.length }), 2))).toBe(fingerprint(plain));
  });

  it('inspects every outlet twice, one inspection a day on weekdays, every first cycle before any second', () => {
    expect(big.outlets.map((o) => o.code)).toEqual(Array.from({ length: 36 }, (_, j) => `102${String(j + 1).padStart(3, '0')}`));
    const atOutlets = big.data.inspections.filter((i) => i.orgUnitCode !== big.unit.code);
    const routine = atOutlets.filter((i) => i.checklistId === 'branch-onsite');
    expect(routine).toHaveLength(72);
    const days = big.data.inspections.map((i) => i.date);
    expect(new Set(days).size).toBe(days.length);
    for (const d of days) expect(new Date(`${d}T00:00:00Z`).getUTCDay() % 6).not.toBe(0);
    for (const o of big.outlets) {
      const [first, second] = routine.filter((i) => i.orgUnitCode === o.code).map((i) => i.date).sort();
      expect(first! < second!).toBe(true);
    }
    const lastFirstCycle = routine.map((i) => i.date).sort()[35]!;
    expect(routine.map((i) => i.date).sort()[36]! > lastFirstCycle).toBe(true);
    // Set up before anything happened, history in time order, and still one chain that replays.
    expect(big.unit.updatedAt.slice(0, 10) < days.sort()[0]!).toBe(true);
    const times = big.data.history.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(verifyChains(big.data.history)[0]).toMatchObject({ ok: true, count: big.data.history.length });
    const findings = replay(big.data.history, 'finding');
    for (const f of big.data.findings) expect(findings.get(f.id)).toEqual(f);
    expect(ledgerDataSchema.safeParse(big.data).success).toBe(true);
  });

  it('fails about the share of answers asked for', () => {
    const failing = (b: DemoBranch): number => b.data.answers.filter((a) => a.verdict === 'partial' || a.verdict === 'noncompliant').length / b.data.answers.length;
    // Repeats of earlier failures come on top of the rate, so the share is a little higher.
    expect(failing(big)).toBeGreaterThan(0.28);
    expect(failing(big)).toBeLessThan(0.4);
    expect(failing(demoBranch(options(), 1))).toBeLessThan(0.2);
    expect(big.data.findings.length).toBeGreaterThan(big.data.inspections.length * 8);
  });

  it('refuses outlet counts and rates it cannot honour', () => {
    for (const outlets of [0, 1000, 2.5]) expect(() => demoBranch(options({ outlets }), 0)).toThrow(RangeError);
    for (const failureRate of [-0.1, 0.95, Number.NaN]) expect(() => demoBranch(options({ failureRate }), 0)).toThrow(RangeError);
  });
});
