import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fitWithin } from '../../renderer/core/image-fit';

describe('fitWithin', () => {
  it('scales the long edge to the limit, keeps the ratio, never enlarges', () => {
    expect(fitWithin(4032, 3024, 2000)).toEqual({ width: 2000, height: 1500, scaled: true });
    expect(fitWithin(3024, 4032, 2000)).toEqual({ width: 1500, height: 2000, scaled: true });
    expect(fitWithin(2000, 10, 2000)).toEqual({ width: 2000, height: 10, scaled: false });
    expect(fitWithin(800, 600, 2000)).toEqual({ width: 800, height: 600, scaled: false });
    expect(fitWithin(100000, 1, 2000)).toEqual({ width: 2000, height: 1, scaled: true });
  });

  it('always fits and stays within a pixel of the original ratio', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20000 }), fc.integer({ min: 1, max: 20000 }), (w, h) => {
        const r = fitWithin(w, h, 2000);
        expect(Math.max(r.width, r.height)).toBeLessThanOrEqual(2000);
        expect(Math.min(r.width, r.height)).toBeGreaterThanOrEqual(1);
        if (r.scaled) expect(Math.abs(r.width * h - r.height * w)).toBeLessThanOrEqual(Math.max(w, h));
      }),
    );
  });
});
