import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { formatLedgerNo, ledgerCounterKey, ledgerGaps, parseLedgerNo } from '../../../renderer/core/finding/ledger-no';

describe('ledger numbers', () => {
  it('are 机构代码-年度-流水号 with a four-digit sequence', () => {
    expect(formatLedgerNo('WD0001', 2026, 7)).toBe('WD0001-2026-0007');
    expect(formatLedgerNo('WD0001', 2026, 12345)).toBe('WD0001-2026-12345');
    expect(() => formatLedgerNo('WD0001', 2026, 0)).toThrow();
    expect(ledgerCounterKey('WD0001', 2026)).toBe('ledger:WD0001:2026');
  });

  it('parse back, even when the unit code contains dashes', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_-]{1,31}$/), fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 99999 }), (code, year, seq) => {
        expect(parseLedgerNo(formatLedgerNo(code, year, seq))).toEqual({ orgUnitCode: code, year, seq });
      }),
    );
    expect(parseLedgerNo('BR-01-2026-0003')).toEqual({ orgUnitCode: 'BR-01', year: 2026, seq: 3 });
    expect(parseLedgerNo('WD0001-2026-0000')).toBeNull();
    expect(parseLedgerNo('WD0001-26-0001')).toBeNull();
  });

  it('reports missing and repeated numbers', () => {
    expect(ledgerGaps(['A-2026-0001', 'A-2026-0002', 'A-2026-0003'])).toEqual({ missing: [], duplicates: [], max: 3 });
    expect(ledgerGaps(['A-2026-0001', 'A-2026-0004', 'A-2026-0004'])).toEqual({ missing: [2, 3], duplicates: [4], max: 4 });
  });
});
