import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { entryHash, headOf, sealEntry, verifyChain, verifyChains } from '../../../renderer/core/audit/chain';
import type { ChainHead, HistoryDraft, HistoryEntry, Json } from '../../../renderer/core/audit/types';
import { HISTORY_ACTIONS, HISTORY_ENTITY_TYPES } from '../../../renderer/core/audit/types';
import { canonicalJson } from '../../../renderer/core/canonical';

const DEVICE = 'dev-1';

const draftArb: fc.Arbitrary<HistoryDraft> = fc.record({
  entityType: fc.constantFrom(...HISTORY_ENTITY_TYPES),
  entityId: fc.string({ minLength: 1, maxLength: 12 }),
  at: fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }).map((ms) => new Date(ms).toISOString()),
  actor: fc.constantFrom('张三', '李四', 'Wang'),
  action: fc.constantFrom(...HISTORY_ACTIONS),
  changes: fc.array(fc.record({ field: fc.string({ maxLength: 10 }), from: fc.jsonValue() as fc.Arbitrary<Json>, to: fc.jsonValue() as fc.Arbitrary<Json> }), { maxLength: 4 }),
  reason: fc.option(fc.string({ maxLength: 20 }), { nil: null }),
});

function chainOf(drafts: HistoryDraft[]): { entries: HistoryEntry[]; head: ChainHead | null } {
  const entries: HistoryEntry[] = [];
  let head: ChainHead | null = null;
  for (const d of drafts) {
    const e = sealEntry(d, DEVICE, head);
    entries.push(e);
    head = headOf(e);
  }
  return { entries, head };
}

const same = (a: HistoryEntry | undefined, b: HistoryEntry | undefined) => a !== undefined && b !== undefined && canonicalJson(a) === canonicalJson(b);

function firstDifference(original: HistoryEntry[], mutated: HistoryEntry[]): number {
  let i = 0;
  while (i < mutated.length && same(original[i], mutated[i])) i++;
  return i;
}

describe('sealing', () => {
  it('hashes prevHash + canonical(entry without hash), the first prevHash being empty', () => {
    const { entries } = chainOf([
      { entityType: 'finding', entityId: 'f1', at: '2026-03-02T08:00:00.000Z', actor: '张三', action: 'create', changes: [{ field: 'description', from: null, to: '价目表未更新' }], reason: null },
      { entityType: 'finding', entityId: 'f1', at: '2026-03-02T09:00:00.000Z', actor: '张三', action: 'transition', transition: 'start', changes: [{ field: 'status', from: 'open', to: 'in_progress' }], reason: null },
    ]);
    const [first, second] = entries as [HistoryEntry, HistoryEntry];
    expect(first).toMatchObject({ deviceId: DEVICE, seq: 1, prevHash: '' });
    const { hash: _h, ...body } = first;
    expect(first.hash).toBe(createHash('sha256').update('' + canonicalJson(body), 'utf8').digest('hex'));
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    expect(entryHash(second)).toBe(second.hash);
    expect(verifyChain(DEVICE, entries, headOf(second))).toEqual({ ok: true, deviceId: DEVICE, count: 2, head: headOf(second) });
  });

  it('an empty chain with no head verifies; a head without entries does not', () => {
    expect(verifyChain(DEVICE, [], null)).toMatchObject({ ok: true, count: 0, head: null });
    expect(verifyChain(DEVICE, [], { deviceId: DEVICE, seq: 3, hash: 'x' })).toMatchObject({ ok: false, index: 0, problem: 'head' });
  });

  it('refuses to continue another device’s chain', () => {
    expect(() => sealEntry({ entityType: 'finding', entityId: 'x', at: '', actor: '', action: 'create', changes: [], reason: null }, 'dev-2', { deviceId: DEVICE, seq: 1, hash: 'h' })).toThrow();
  });
});

type Mutation =
  | { kind: 'edit'; index: number; field: 'actor' | 'reason' | 'at' | 'entityId' | 'changes' }
  | { kind: 'delete'; index: number }
  | { kind: 'insert'; index: number; copyOf: number }
  | { kind: 'swap'; a: number; b: number };

function mutate(entries: HistoryEntry[], m: Mutation): HistoryEntry[] {
  const out = entries.map((e) => structuredClone(e));
  switch (m.kind) {
    case 'edit': {
      const e = out[m.index]!;
      if (m.field === 'changes') e.changes = [...e.changes, { field: 'x', from: null, to: 1 }];
      else if (m.field === 'reason') e.reason = `${e.reason ?? ''}!`;
      else e[m.field] = `${e[m.field]}!`;
      return out;
    }
    case 'delete':
      out.splice(m.index, 1);
      return out;
    case 'insert':
      out.splice(m.index, 0, structuredClone(entries[m.copyOf]!));
      return out;
    case 'swap':
      [out[m.a], out[m.b]] = [out[m.b]!, out[m.a]!];
      return out;
  }
}

describe('tampering is detected and the first broken entry named', () => {
  const scenario = fc.array(draftArb, { minLength: 2, maxLength: 12 }).chain((drafts) => {
    const n = drafts.length;
    const mutation: fc.Arbitrary<Mutation> = fc.oneof(
      fc.record({ kind: fc.constant('edit' as const), index: fc.nat(n - 1), field: fc.constantFrom('actor' as const, 'reason' as const, 'at' as const, 'entityId' as const, 'changes' as const) }),
      fc.record({ kind: fc.constant('delete' as const), index: fc.nat(n - 1) }),
      fc.record({ kind: fc.constant('insert' as const), index: fc.nat(n), copyOf: fc.nat(n - 1) }),
      fc.tuple(fc.nat(n - 1), fc.nat(n - 1)).filter(([a, b]) => a !== b).map(([a, b]) => ({ kind: 'swap' as const, a: Math.min(a, b), b: Math.max(a, b) })),
    );
    return fc.tuple(fc.constant(drafts), mutation);
  });

  it('edit, deletion, insertion or reordering of any entry', () => {
    fc.assert(
      fc.property(scenario, ([drafts, m]) => {
        const { entries, head } = chainOf(drafts);
        const tampered = mutate(entries, m);
        const verdict = verifyChain(DEVICE, tampered, head);
        expect(verdict.ok).toBe(false);
        if (verdict.ok) return;
        // Everything before the named entry is genuine; the named one is where the list departs from it.
        expect(verdict.index).toBe(firstDifference(entries, tampered));
      }),
      { numRuns: 500 },
    );
  });

  it('an edited entry whose hash was recomputed breaks the link to the next one', () => {
    fc.assert(
      fc.property(fc.array(draftArb, { minLength: 1, maxLength: 10 }), fc.nat(), (drafts, k) => {
        const { entries, head } = chainOf(drafts);
        const i = k % entries.length;
        const forged = entries.map((e) => structuredClone(e));
        forged[i]!.actor = `${forged[i]!.actor}（伪造）`;
        forged[i]!.hash = entryHash(forged[i]!);
        const verdict = verifyChain(DEVICE, forged, head);
        expect(verdict).toMatchObject({ ok: false, index: i + 1, problem: i + 1 < entries.length ? 'prevHash' : 'head' });
      }),
      { numRuns: 200 },
    );
  });

  it('checks every device’s chain separately', () => {
    const a = chainOf([{ entityType: 'finding', entityId: 'a', at: '2026-01-01T00:00:00.000Z', actor: 'A', action: 'create', changes: [], reason: null }]);
    const other = sealEntry({ entityType: 'finding', entityId: 'b', at: '2026-01-01T00:00:00.000Z', actor: 'B', action: 'create', changes: [], reason: null }, 'dev-2', null);
    const verdicts = verifyChains([other, ...a.entries], [a.head!]);
    expect(verdicts.map((v) => [v.deviceId, v.ok])).toEqual([
      ['dev-1', true],
      ['dev-2', true],
    ]);
    const broken = verifyChains([{ ...other, actor: 'C' }, ...a.entries], [a.head!]);
    expect(broken[1]).toMatchObject({ ok: false, deviceId: 'dev-2', index: 0, problem: 'hash' });
  });
});
