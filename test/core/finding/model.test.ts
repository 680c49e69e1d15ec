import { describe, expect, it } from 'vitest';
import { creationChanges, diffFields, editFinding, FINDING_FIELDS, validateFinding } from '../../../renderer/core/finding/model';
import { findingFromVerdict, manualFinding } from '../../../renderer/core/finding/create';
import { aFinding } from './fixtures';

describe('editing a finding', () => {
  it('records exactly the fields that changed, trimmed', () => {
    const r = editFinding(aFinding(), { measures: ' 更换价目表 ', description: '价目表未更新', customerRemedy: 120.5 });
    expect(r.ok && r.changes).toEqual([
      { field: 'measures', from: '', to: '更换价目表' },
      { field: 'customerRemedy', from: null, to: 120.5 },
    ]);
  });

  it('compares nested values by content', () => {
    const f = aFinding({ accountability: { who: '柜员甲', how: '通报批评', docNo: '' } });
    const r = editFinding(f, { accountability: { who: '柜员甲', how: '通报批评', docNo: '' } });
    expect(r.ok && r.changes).toEqual([]);
    const r2 = editFinding(f, { accountability: { who: '柜员甲', how: '通报批评', docNo: '城东〔2026〕3号' } });
    expect(r2.ok && r2.changes).toEqual([
      { field: 'accountability', from: { who: '柜员甲', how: '通报批评', docNo: '' }, to: { who: '柜员甲', how: '通报批评', docNo: '城东〔2026〕3号' } },
    ]);
  });

  it('refuses a blank description, bad dates and amounts, over-long text and a finding that repeats itself', () => {
    const r = editFinding(aFinding(), { description: '  ', dueDate: '2026-02-30', customerRemedy: 1.005, notes: 'x'.repeat(2001), repeatOf: 'f-1' });
    expect(r.ok ? [] : r.problems.map((p) => `${p.field}:${p.code}`)).toEqual([
      'description:descriptionBlank',
      'notes:tooLong',
      'dueDate:dateInvalid',
      'customerRemedy:remedyInvalid',
      'repeatOf:repeatOfSelf',
    ]);
    expect(validateFinding({ ...aFinding(), customerRemedy: -1 })).toEqual([{ field: 'customerRemedy', code: 'remedyInvalid' }]);
  });

  it('locks verified and voided findings', () => {
    expect(editFinding(aFinding({ status: 'verified' }), { notes: 'x' })).toEqual({ ok: false, problems: [{ field: 'status', code: 'locked' }] });
    expect(editFinding(aFinding({ deletedAt: '2026-03-03T00:00:00Z' }), { notes: 'x' })).toMatchObject({ ok: false, problems: [{ code: 'deleted' }] });
  });

  it('ignores attempts to change status or numbering through an edit', () => {
    const r = editFinding(aFinding(), { status: 'verified', ledgerNo: 'X' } as never);
    expect(r.ok && r.changes).toEqual([]);
  });

  it('a creation records every field from null', () => {
    const f = aFinding();
    const changes = creationChanges(f);
    expect(changes.map((c) => c.field)).toEqual([...FINDING_FIELDS]);
    expect(changes.every((c) => c.from === null)).toBe(true);
    expect(diffFields(f, { ...f, severity: '重大' })).toEqual([{ field: 'severity', from: '一般', to: '重大' }]);
  });
});

describe('new findings', () => {
  const item = { code: 'B-PUB-01', requirement: '价目表公示', basis: [{ doc: 'D', article: '第十条', verified: true }, { doc: 'X', verified: false }], method: 'm', severity: '较重' as const };
  const section = { code: 'PUB', title: '公示', items: [item] };
  const src = {
    inspection: { id: 'i-1', orgUnitCode: 'WD0001', checklistId: 'branch-onsite', checklistVersion: '2026.1', date: '2026-03-02' },
    item,
    section,
    documents: [{ key: 'D', title: '银行保险机构消费者权益保护管理办法' }],
    verdict: 'partial' as const,
    note: '',
  };

  it('from a verdict take category, basis and severity from the item', () => {
    const f = findingFromVerdict(src, 'WD0001-2026-0001', null);
    expect(f).toMatchObject({
      ledgerNo: 'WD0001-2026-0001',
      source: 'verdict',
      description: '部分未达到检查要求：价目表公示',
      category: '公示',
      basis: '《银行保险机构消费者权益保护管理办法》第十条；X',
      severity: '较重',
      status: 'open',
      verdict: 'partial',
      itemCode: 'B-PUB-01',
      inspectionDate: '2026-03-02',
    });
    expect(findingFromVerdict({ ...src, note: ' 价目表为2025版 ' }, 'n', 'f-0')).toMatchObject({ description: '价目表为2025版', repeatOf: 'f-0' });
  });

  it('by hand carry what the inspector typed', () => {
    const f = manualFinding({ orgUnitCode: 'WD0001', description: ' 投诉登记簿缺页 ', category: '投诉', basis: '', severity: '一般', dueDate: '2026-04-01', responsibleDept: '运营部', responsiblePerson: '' }, 'WD0001-2026-0002');
    expect(f).toMatchObject({ source: 'manual', description: '投诉登记簿缺页', inspectionId: null, itemCode: null, dueDate: '2026-04-01', responsibleDept: '运营部' });
  });
});
