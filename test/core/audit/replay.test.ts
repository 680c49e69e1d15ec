// Replaying history rebuilds the findings exactly: every write goes through the same pure functions
// the repositories use (create, edit, transition, void, restore) and appends one sealed entry.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { headOf, sealEntry, verifyChain } from '../../../renderer/core/audit/chain';
import { replay } from '../../../renderer/core/audit/replay';
import type { ChainHead, HistoryChange, HistoryEntry } from '../../../renderer/core/audit/types';
import { creationChanges, diffFields, editFinding, fieldsOf, type Finding, type FindingFields, type FindingPatch } from '../../../renderer/core/finding/model';
import { applyTransition, TRANSITION_ACTIONS, type TransitionAction } from '../../../renderer/core/finding/transitions';
import { manualFinding } from '../../../renderer/core/finding/create';
import { formatLedgerNo } from '../../../renderer/core/finding/ledger-no';

type Op =
  | { kind: 'create'; description: string }
  | { kind: 'edit'; target: number; patch: FindingPatch }
  | { kind: 'transition'; target: number; action: TransitionAction }
  | { kind: 'void'; target: number }
  | { kind: 'restore'; target: number };

const text = fc.string({ maxLength: 8 });
const patchArb: fc.Arbitrary<FindingPatch> = fc.record(
  {
    description: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== ''),
    measures: text,
    rootCause: text,
    responsibleDept: text,
    responsiblePerson: fc.string({ minLength: 1, maxLength: 5 }).filter((s) => s.trim() !== ''),
    dueDate: fc.option(fc.constantFrom('2026-03-01', '2026-04-15', '2026-12-31'), { nil: null }),
    severity: fc.constantFrom('一般' as const, '较重' as const, '重大' as const),
    customerRemedy: fc.option(fc.integer({ min: 0, max: 1_000_000 }).map((c) => c / 100), { nil: null }),
    accountability: fc.record({ who: text, how: text, docNo: text }),
    notes: text,
  },
  { requiredKeys: [] },
);
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant('create' as const), description: fc.string({ minLength: 1, maxLength: 8 }).filter((s) => s.trim() !== '') }),
  fc.record({ kind: fc.constant('edit' as const), target: fc.nat(), patch: patchArb }),
  fc.record({ kind: fc.constant('transition' as const), target: fc.nat(), action: fc.constantFrom(...TRANSITION_ACTIONS) }),
  fc.record({ kind: fc.constant('void' as const), target: fc.nat() }),
  fc.record({ kind: fc.constant('restore' as const), target: fc.nat() }),
);

const DEVICE = 'dev-1';
const input = { reason: '不充分', completedAt: '2026-03-10', completionNote: '说明', verifier: '王五', verifiedAt: '2026-03-11', plan: '计划', milestoneDate: '2026-06-30' };

function run(ops: Op[]): { findings: Map<string, Finding>; entries: HistoryEntry[]; head: ChainHead | null } {
  const findings = new Map<string, Finding>();
  const entries: HistoryEntry[] = [];
  let head: ChainHead | null = null;
  let clock = Date.parse('2026-03-02T00:00:00Z');
  const write = (id: string, fields: FindingFields, action: HistoryEntry['action'], changes: HistoryChange[], extra: { transition?: string; reason?: string | null } = {}) => {
    const at = new Date((clock += 60_000)).toISOString();
    const e = sealEntry({ entityType: 'finding', entityId: id, at, actor: '张三', action, changes, reason: extra.reason ?? null, ...(extra.transition ? { transition: extra.transition } : {}) }, DEVICE, head);
    entries.push(e);
    head = headOf(e);
    const rev = (findings.get(id)?.rev ?? 0) + 1;
    findings.set(id, { id, rev, updatedAt: at, updatedBy: '张三', deviceId: DEVICE, ...fields });
  };
  for (const op of ops) {
    const ids = [...findings.keys()];
    const pick = (n: number) => findings.get(ids[n % Math.max(ids.length, 1)] ?? '');
    if (op.kind === 'create') {
      const id = `f${ids.length + 1}`;
      const fields = manualFinding({ orgUnitCode: 'WD0001', description: op.description, category: '公示', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' }, formatLedgerNo('WD0001', 2026, ids.length + 1));
      write(id, fields, 'create', creationChanges(fields));
      continue;
    }
    const f = pick(op.target);
    if (!f) continue;
    if (op.kind === 'edit') {
      const r = editFinding(f, op.patch);
      if (r.ok && r.changes.length > 0) write(f.id, r.next, 'update', r.changes);
    } else if (op.kind === 'transition') {
      const r = applyTransition(f, op.action, input, { today: '2026-03-20', actor: '张三' });
      if (r.ok) write(f.id, r.value.next, 'transition', r.value.changes, { transition: op.action, reason: r.value.reason });
    } else if (op.kind === 'void' && f.deletedAt === null) {
      const next = { ...fieldsOf(f), deletedAt: new Date(clock).toISOString() };
      write(f.id, next, 'delete', diffFields(f, next), { reason: '重复录入' });
    } else if (op.kind === 'restore' && f.deletedAt !== null) {
      const next = { ...fieldsOf(f), deletedAt: null };
      write(f.id, next, 'restore', diffFields(f, next), { reason: '误删' });
    }
  }
  return { findings, entries, head };
}

describe('history is complete', () => {
  it('replaying any sequence of edits rebuilds every finding exactly (200 random sequences)', () => {
    fc.assert(
      fc.property(fc.array(opArb, { minLength: 1, maxLength: 40 }), (ops) => {
        const { findings, entries, head } = run([{ kind: 'create', description: '起始问题' }, ...ops]);
        expect(verifyChain(DEVICE, entries, head).ok).toBe(true);
        const rebuilt = replay(entries, 'finding');
        expect(Object.fromEntries(rebuilt)).toEqual(Object.fromEntries(findings));
      }),
      { numRuns: 200 },
    );
  });
});
