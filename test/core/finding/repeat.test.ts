import { describe, expect, it } from 'vitest';
import { repeatCandidates, repeatLinkProblem, type RepeatRef } from '../../../renderer/core/finding/repeat';

const f = (id: string, extra: Partial<RepeatRef> = {}): RepeatRef => ({
  id,
  ledgerNo: `WD01-2026-${id.padStart(4, '0')}`,
  orgUnitCode: 'WD01',
  inspectionId: `i-${id}`,
  checklistId: 'branch-onsite',
  itemCode: 'B-PUB-01',
  inspectionDate: '2026-03-02',
  repeatOf: null,
  deletedAt: null,
  ...extra,
});

const byId = (...rows: RepeatRef[]) => new Map(rows.map((r) => [r.id, r]));

describe('repeatLinkProblem', () => {
  const self = f('9', { inspectionDate: '2026-05-12' });

  it('accepts a live, earlier finding of the same unit, whatever its item', () => {
    expect(repeatLinkProblem(self, '1', byId(f('1', { inspectionDate: '2025-11-03' })))).toBeNull();
    expect(repeatLinkProblem(self, '2', byId(f('2', { itemCode: 'B-CMP-02' })))).toBeNull();
    // A finding added by hand has no inspection date: it cannot be placed in time, so it is not refused.
    expect(repeatLinkProblem(self, '3', byId(f('3', { inspectionId: null, inspectionDate: null, itemCode: null })))).toBeNull();
  });

  it('refuses itself, a missing or voided one, another unit’s, a later one and one of the same inspection', () => {
    expect(repeatLinkProblem(self, '9', byId(self))).toBe('repeatOfSelf');
    expect(repeatLinkProblem(self, '1', byId())).toBe('repeatOfMissing');
    expect(repeatLinkProblem(self, '1', byId(f('1', { deletedAt: '2026-01-01T00:00:00.000Z' })))).toBe('repeatOfMissing');
    expect(repeatLinkProblem(self, '1', byId(f('1', { orgUnitCode: 'WD02' })))).toBe('repeatOfOtherUnit');
    expect(repeatLinkProblem(self, '1', byId(f('1', { inspectionDate: '2026-06-01' })))).toBe('repeatOfLater');
    expect(repeatLinkProblem(self, '1', byId(f('1', { inspectionId: self.inspectionId, itemCode: 'B-PUB-02' })))).toBe('repeatOfLater');
  });

  it('refuses a link that would come round to the finding through the earlier one’s own links', () => {
    const one = f('1', { repeatOf: '2' });
    const two = f('2', { repeatOf: '9' });
    expect(repeatLinkProblem(self, '1', byId(one, two, self))).toBe('repeatOfCycle');
    // A circle that does not pass through the finding (bad data from elsewhere) ends the walk.
    expect(repeatLinkProblem(self, '1', byId(f('1', { repeatOf: '2' }), f('2', { repeatOf: '1' })))).toBeNull();
  });
});

describe('repeatCandidates', () => {
  it('lists the same item first, then newest first, and leaves out what may not be linked', () => {
    const self = f('9', { inspectionDate: '2026-05-12' });
    const rows = [
      self,
      f('1', { inspectionDate: '2025-03-01' }),
      f('2', { inspectionDate: '2025-11-03', itemCode: 'B-CMP-02' }),
      f('3', { inspectionDate: '2025-09-10' }),
      f('4', { inspectionDate: '2026-06-01' }),
      f('5', { inspectionDate: '2025-12-01', deletedAt: '2025-12-02T00:00:00.000Z' }),
      f('6', { inspectionDate: '2025-12-01', checklistId: 'complaints' }),
      f('7', { inspectionId: null, inspectionDate: null, itemCode: null }),
    ];
    expect(repeatCandidates(self, rows).map((r) => r.id)).toEqual(['3', '1', '6', '2', '7']);
  });
});
