import { describe, expect, it } from 'vitest';
import { orgForest, placedSubtree, type TreeUnit } from '../../../renderer/core/org/tree';

const u = (code: string, parentCode: string | null): TreeUnit => ({ code, parentCode });
const codes = (list: readonly TreeUnit[]) => list.map((x) => x.code);

describe('orgForest', () => {
  it('places children below parents in code order, depth first', () => {
    const f = orgForest([u('WD02', 'SB01'), u('HQ', null), u('SB01', 'HQ'), u('WD01', 'SB01'), u('BR02', 'HQ')]);
    expect(codes(f.roots)).toEqual(['HQ']);
    expect(f.unassigned).toEqual([]);
    expect(codes(f.order)).toEqual(['HQ', 'BR02', 'SB01', 'WD01', 'WD02']);
    expect(codes(f.children.get('SB01') ?? [])).toEqual(['WD01', 'WD02']);
    expect(f.placedParent.get('WD01')).toBe('SB01');
    expect(f.placedParent.get('HQ')).toBeNull();
  });

  it('puts a unit whose parent is missing at the top of the unassigned group, with its own subtree', () => {
    const f = orgForest([u('HQ', null), u('LOST', 'GONE'), u('KID', 'LOST')]);
    expect(codes(f.unassigned)).toEqual(['LOST']);
    expect(codes(f.order)).toEqual(['HQ', 'LOST', 'KID']);
    expect(f.placedParent.get('KID')).toBe('LOST');
  });

  it('breaks a parentCode cycle once, keeping the rest of the cycle and its dependants below the entry', () => {
    // CYA → CYB → CYA, and CYC hangs below CYB; AAA hangs below the cycle too and sorts first.
    const f = orgForest([u('CYB', 'CYA'), u('CYA', 'CYB'), u('CYC', 'CYB'), u('AAA', 'CYC')]);
    expect(f.roots).toEqual([]);
    // Climbing from AAA: CYC, CYB, CYA, then CYB again: CYB is on the cycle and becomes the entry.
    expect(codes(f.unassigned)).toEqual(['CYB']);
    expect(codes(f.order)).toEqual(['CYB', 'CYA', 'CYC', 'AAA']);
    expect(f.placedParent.get('CYA')).toBe('CYB');
    expect(placedSubtree(f, 'CYB')).toEqual(['CYB', 'CYA', 'CYC', 'AAA']);
    expect(placedSubtree(f, 'CYA')).toEqual(['CYA']);
  });

  it('tolerates a unit that is its own parent, two cycles and repeated codes', () => {
    const f = orgForest([u('SELF', 'SELF'), u('X1', 'X2'), u('X2', 'X1'), u('Y1', 'Y2'), u('Y2', 'Y1'), u('X1', null)]);
    expect(codes(f.unassigned)).toEqual(['SELF', 'X1', 'Y1']);
    expect(codes(f.order)).toEqual(['SELF', 'X1', 'X2', 'Y1', 'Y2']);
    expect(f.order).toHaveLength(5);
  });

  it('handles a long chain without recursion limits', () => {
    const chain = Array.from({ length: 20_000 }, (_, i) => u(`U${String(i).padStart(5, '0')}`, i === 0 ? null : `U${String(i - 1).padStart(5, '0')}`));
    const f = orgForest(chain.slice().reverse());
    expect(f.order).toHaveLength(20_000);
    expect(f.order[19_999]?.code).toBe('U19999');
    expect(placedSubtree(f, 'U19990')).toHaveLength(10);
  });
});
