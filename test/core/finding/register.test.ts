import { describe, expect, it } from 'vitest';
import { EMPTY_FILTER, facetLists, filterFindings, registerFacets, registerSummary, sortFindings, type RegisterFilter } from '../../../renderer/core/finding/register';
import { dueInfo } from '../../../renderer/core/finding/overdue';
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

describe('register derivations over many rows', () => {
  const many = Array.from({ length: 60 }, (_, i) =>
    aFinding({
      id: `m${i}`,
      ledgerNo: `WD0001-2026-${String((i * 37) % 60).padStart(4, '0')}`,
      status: (['open', 'in_progress', 'rectified', 'verified', 'long_term'] as const)[i % 5],
      dueDate: i % 7 === 0 ? null : `2026-03-${String(1 + (i % 28)).padStart(2, '0')}`,
      milestoneDate: i % 5 === 4 && i % 3 === 0 ? '2026-04-02' : null,
      deletedAt: i % 11 === 0 ? '2026-03-05T00:00:00Z' : null,
    }),
  );

  it('sorting rows already in ledger-number order gives what sorting them from any order gives', () => {
    const inOrder = sortFindings(many, null);
    expect(ids(sortFindings(inOrder, null))).toEqual(ids(inOrder));
    expect(ids(sortFindings(inOrder, { key: 'ledgerNo', order: 'desc' }))).toEqual(ids(sortFindings(many, { key: 'ledgerNo', order: 'desc' })));
    expect(ids(sortFindings(inOrder, { key: 'ledgerNo', order: 'desc' }))).toEqual(ids(inOrder).reverse());
    expect(sortFindings(inOrder, null)).not.toBe(inOrder);
  });

  it('the due counts and filters match dueInfo row by row, for any day', () => {
    for (const day of ['2026-02-20', '2026-03-01', '2026-03-10', '2026-03-24', '2026-04-30']) {
      const states = many.map((r) => dueInfo(r, day).state);
      const want = { total: many.length, overdue: 0, dueSoon: 0, closed: 0 };
      for (const s of states) if (s === 'overdue' || s === 'dueSoon' || s === 'closed') want[s]++;
      expect(registerSummary(many, day)).toEqual(want);
      const pick = (keep: (s: string) => boolean) => many.filter((_, i) => keep(states[i] ?? '')).map((r) => r.id);
      const g = (due: RegisterFilter['due']) => ids(filterFindings(many, { ...EMPTY_FILTER, due, includeVoided: true }, day));
      expect(g('overdue')).toEqual(pick((s) => s === 'overdue'));
      expect(g('dueSoon')).toEqual(pick((s) => s === 'dueSoon'));
      expect(g('open')).toEqual(pick((s) => s !== 'closed'));
    }
  });

  it('facets come from the distinct values, the same from lists as from rows', () => {
    expect(facetLists(['双录', '公示', '双录'], ['b', 'a', 'b'])).toEqual(registerFacets([aFinding({ category: '双录', checklistId: 'b' }), aFinding({ category: '公示', checklistId: 'a' })]));
  });
});
