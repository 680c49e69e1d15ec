import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { compareVersions, newestOf } from '../../../renderer/core/checklist/versions';

describe('compareVersions', () => {
  it.each([
    ['2026.1', '2026.2'],
    ['2026.2', '2026.10'],
    ['2025.12', '2026.1'],
    ['1.9', '1.10.0'],
    ['2026.1', '2026.1.1'],
    ['2026.beta', '2026.1'],
    ['1.01', '1.1'],
  ])('%s is older than %s', (a, b) => {
    expect(compareVersions(a, b)).toBeLessThan(0);
    expect(compareVersions(b, a)).toBeGreaterThan(0);
  });

  it('is a total order that only ties on equal text', () => {
    const version = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._+-]{0,8}$/);
    fc.assert(
      fc.property(version, version, version, (a, b, c) => {
        expect(Math.sign(compareVersions(a, b)) + Math.sign(compareVersions(b, a))).toBe(0);
        expect(compareVersions(a, b) === 0).toBe(a === b);
        if (compareVersions(a, b) < 0 && compareVersions(b, c) < 0) expect(compareVersions(a, c)).toBeLessThan(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('finds the newest version', () => {
    expect(newestOf([{ version: '2026.2' }, { version: '2026.10' }, { version: '2026.9' }])).toEqual({ version: '2026.10' });
    expect(newestOf([])).toBeUndefined();
  });
});
