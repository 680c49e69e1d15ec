// The register's remembered filtering (features/findings/register-view.ts): whatever was remembered
// or narrowed from, the rows are filterFindings' over all the rows, in their order.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EMPTY_FILTER, filterFindings, registerSummary, type RegisterFilter } from '../../renderer/core/finding/register';
import { filteredRows, narrows, summaryOf } from '../../renderer/features/findings/register-view';
import { aFinding } from '../core/finding/fixtures';

const today = '2026-03-20';
const rows = Array.from({ length: 80 }, (_, i) =>
  aFinding({
    id: `r${i}`,
    ledgerNo: `WD${String(i % 4).padStart(4, '0')}-2026-${String(i).padStart(4, '0')}`,
    orgUnitCode: `WD${String(i % 4).padStart(4, '0')}`,
    description: ['价目表未更新', '双录缺失', 'Fee list outdated', '投诉未登记'][i % 4] ?? '',
    measures: i % 3 === 0 ? '补录并培训' : '',
    dueDate: `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
    deletedAt: i % 13 === 0 ? '2026-03-05T00:00:00Z' : null,
  }),
);

const UNIT_CHOICES: string[][] = [[], ['WD0001'], ['WD0002', 'WD0003']];
const DUE_CHOICES: RegisterFilter['due'][] = ['all', 'overdue', 'dueSoon', 'open'];
const filters = fc
  .record({
    text: fc.constantFrom('', '1', '10', 'wd0001', 'wd0001-2026-00', '双', '双录', '补录 培训', 'fee OUT', 'x'),
    orgUnits: fc.constantFrom(...UNIT_CHOICES),
    due: fc.constantFrom(...DUE_CHOICES),
    includeVoided: fc.boolean(),
  })
  .map((f): RegisterFilter => ({ ...EMPTY_FILTER, ...f }));

describe('filteredRows', () => {
  it('equals filterFindings over all rows for any sequence of filters', () => {
    fc.assert(
      fc.property(fc.array(filters, { minLength: 1, maxLength: 15 }), (sequence) => {
        const snapshot = rows.slice();
        for (const filter of sequence) {
          const got = filteredRows(snapshot, filter, today);
          expect(got.map((r) => r.id)).toEqual(filterFindings(rows, filter, today).map((r) => r.id));
          expect(summaryOf(got, today)).toEqual(registerSummary(got, today));
        }
      }),
    );
  });

  it('hands out the same array for the same rows and filter, a new one for new rows', () => {
    const snapshot = rows.slice();
    const a = filteredRows(snapshot, { ...EMPTY_FILTER, text: '双录' }, today);
    expect(filteredRows(snapshot, { ...EMPTY_FILTER, text: '双录' }, today)).toBe(a);
    expect(filteredRows(rows.slice(), { ...EMPTY_FILTER, text: '双录' }, today)).not.toBe(a);
  });

  it('narrows: only a longer search with every other filter the same', () => {
    expect(narrows({ ...EMPTY_FILTER, text: '1' }, { ...EMPTY_FILTER, text: '10' })).toBe(true);
    expect(narrows({ ...EMPTY_FILTER, text: '补录' }, { ...EMPTY_FILTER, text: '培训 补录并' })).toBe(true);
    expect(narrows({ ...EMPTY_FILTER, text: '10' }, { ...EMPTY_FILTER, text: '1' })).toBe(false);
    expect(narrows({ ...EMPTY_FILTER, text: '1' }, { ...EMPTY_FILTER, text: '10', includeVoided: true })).toBe(false);
    expect(narrows({ ...EMPTY_FILTER, orgUnits: ['A'] }, { ...EMPTY_FILTER, orgUnits: ['B'] })).toBe(false);
  });
});
