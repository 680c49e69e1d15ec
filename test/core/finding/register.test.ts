import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, filterFindings, registerFacets, registerSummary, sortFindings, type RegisterFilter } from '../../../renderer/core/finding/register';
import { aFinding } from './fixtures';

const today = '2026-03-20';
const rows = [
  aFinding({ id: 'a', ledgerNo: 'WD0001-2026-0001', category: '公示', severity: '一般', status: 'open', dueDate: '2026-03-10', description: '价目表未更新', measures: '' }),
  aFinding({ id: 'b', ledgerNo: 'WD0001-2026-0002', category: '双录', severity: '重大', status: 'in_progress', dueDate: '2026-03-25', measures: '补录双录并培训', repeatOf: 'x' }),
  aFinding({ id: 'c', ledgerNo: 'WD0002-2026-0001', orgUnitCode: 'WD0002', category: '投诉', severity: '较重', status: 'rectified', dueDate: '2026-03-01', checklistId: 'other' }),
  aFinding({ id: 'd', ledgerNo: 'WD0002-2026-0002', orgUnitCode: 'WD0002', category: '公示', status: 'open', dueDate: null, responsibleDept: '运营部', description: 'Fee list OUTDATED' }),
  aFinding({ id: 'e', ledgerNo: 'WD0001-2026-0003', deletedAt: '2026-03-05T00:00:00Z', dueDate: '2026-01-01' }),
];
const ids = (list: { id: string }[]) => list.map((r) => r.id);
const f = (over: Partial<RegisterFilter>) => ids(filterFindings(rows, { ...EMPTY_FILTER, ...over }, today));

describe('register filters', () => {
  it('hide voided findings unless asked', () => {
    expect(f({})).toEqual(['a', 'b', 'c', 'd']);
    expect(f({ includeVoided: true })).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('by unit, category, severity, status, checklist and repeat', () => {
    expect(f({ orgUnits: ['WD0002'] })).toEqual(['c', 'd']);
    expect(f({ categories: ['公示'] })).toEqual(['a', 'd']);
    expect(f({ severities: ['重大', '较重'] })).toEqual(['b', 'c']);
    expect(f({ statuses: ['open'] })).toEqual(['a', 'd']);
    expect(f({ checklists: ['other'] })).toEqual(['c']);
    expect(f({ repeat: 'repeat' })).toEqual(['b']);
    expect(f({ repeat: 'first' })).toEqual(['a', 'c', 'd']);
  });

  it('by overdue, due soon and due range', () => {
    expect(f({ due: 'overdue' })).toEqual(['a']);
    expect(f({ due: 'dueSoon' })).toEqual(['b']);
    expect(f({ due: 'open' })).toEqual(['a', 'b', 'd']);
    expect(f({ dueFrom: '2026-03-05', dueTo: '2026-03-31' })).toEqual(['a', 'b']);
    expect(f({ dueTo: '2026-03-05' })).toEqual(['c']);
  });

  it('by inspection date range; a finding added by hand has no inspection date and is outside any range', () => {
    const dated = [
      aFinding({ id: 'p', inspectionDate: '2026-02-28' }),
      aFinding({ id: 'q', inspectionDate: '2026-03-01' }),
      aFinding({ id: 'r', inspectionDate: '2026-03-31' }),
      aFinding({ id: 's', source: 'manual', inspectionId: null, inspectionDate: null }),
    ];
    const g = (over: Partial<RegisterFilter>) => ids(filterFindings(dated, { ...EMPTY_FILTER, ...over }, today));
    expect(g({})).toEqual(['p', 'q', 'r', 's']);
    expect(g({ inspectedFrom: '2026-03-01', inspectedTo: '2026-03-31' })).toEqual(['q', 'r']);
    expect(g({ inspectedFrom: '2026-03-01' })).toEqual(['q', 'r']);
    expect(g({ inspectedTo: '2026-03-01' })).toEqual(['p', 'q']);
  });

  it('full-text: every word, case-insensitive, in description, measures or ledger number', () => {
    expect(f({ text: '培训' })).toEqual(['b']);
    expect(f({ text: 'fee outdated' })).toEqual(['d']);
    expect(f({ text: 'fee 培训' })).toEqual([]);
    expect(f({ text: 'WD0002-2026-0001' })).toEqual(['c']);
  });
});

describe('register sorting', () => {
  it('by ledger number by default, by severity, by deadline with empty ones last', () => {
    expect(ids(sortFindings(rows, null))).toEqual(['a', 'b', 'e', 'c', 'd']);
    expect(ids(sortFindings(rows, { key: 'severity', order: 'desc' }))).toEqual(['b', 'c', 'a', 'e', 'd']);
    expect(ids(sortFindings(rows, { key: 'deadline', order: 'asc' }))).toEqual(['e', 'c', 'a', 'b', 'd']);
    expect(ids(sortFindings(rows, { key: 'deadline', order: 'desc' }))).toEqual(['b', 'a', 'c', 'e', 'd']);
  });

  it('Chinese text in collation order, ties by ledger number', () => {
    // Pinyin order: 公示 gōng, 双录 shuāng, 投诉 tóu.
    expect(ids(sortFindings(rows, { key: 'category', order: 'asc' }))).toEqual(['a', 'e', 'd', 'b', 'c']);
  });

  it('facets and summary', () => {
    expect(registerFacets(rows)).toEqual({ categories: ['公示', '双录', '投诉'], checklists: ['branch-onsite', 'other'] });
    expect(registerSummary(filterFindings(rows, EMPTY_FILTER, today), today)).toEqual({ total: 4, overdue: 1, dueSoon: 1, closed: 1 });
  });

  it('filters and sorts 100,000 rows (its speed is measured by the benchmarks, not here)', () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      aFinding({ id: `r${i}`, ledgerNo: `WD${String(i % 50).padStart(4, '0')}-2026-${String(i).padStart(5, '0')}`, description: `问题描述 ${i}`, dueDate: `2026-0${1 + (i % 9)}-1${i % 10}` }),
    );
    const sorted = sortFindings(many, { key: 'deadline', order: 'asc' });
    filterFindings(sorted, { ...EMPTY_FILTER, text: '描述 9999' }, today);
    const found = filterFindings(sorted, { ...EMPTY_FILTER, text: '描述 99999' }, today);
    expect(ids(found)).toEqual(['r99999']);
    expect(sorted.slice(0, 3).map((f) => f.dueDate)).toEqual([...sorted.map((f) => f.dueDate)].sort().slice(0, 3));
  });
});
