// The demo's seeded generator: reproducible, independent per fork, and within the bounds it promises.
import { describe, expect, it } from 'vitest';
import { createPrng } from '../../../renderer/core/demo/prng';

const take = (seed: string, n: number): number[] => {
  const rng = createPrng(seed);
  return Array.from({ length: n }, () => rng.next());
};

describe('demo PRNG', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(take('a', 50)).toEqual(take('a', 50));
    expect(take('a', 50)).not.toEqual(take('b', 50));
    for (const x of take('a', 1000)) expect(x >= 0 && x < 1).toBe(true);
  });

  it('forks streams that depend on the label and the seed, not on how much was drawn before', () => {
    const a = createPrng('s');
    const b = createPrng('s');
    for (let i = 0; i < 17; i++) b.next();
    expect(a.fork('x').bytes(32)).toEqual(b.fork('x').bytes(32));
    expect(a.fork('x').bytes(32)).not.toEqual(a.fork('y').bytes(32));
  });

  it('keeps int within its bounds and reaches both ends; shuffles are permutations; uuids have the v4 shape', () => {
    const rng = createPrng('bounds');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(rng.int(3, 7));
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    expect(() => rng.int(5, 4)).toThrow(RangeError);
    const items = Array.from({ length: 30 }, (_, i) => i);
    const shuffled = rng.shuffle(items);
    expect([...shuffled].sort((x, y) => x - y)).toEqual(items);
    expect(shuffled).not.toEqual(items);
    expect(rng.uuid()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rng.bytes(5)).toHaveLength(5);
    const mean = take('mean', 10_000).reduce((s, x) => s + x, 0) / 10_000;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.02);
  });
});
