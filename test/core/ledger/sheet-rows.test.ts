// A finding as a row of the 整改台账 sheet: the display decisions made once for every Excel view.
import { describe, expect, it } from 'vitest';
import { sheetRows, toSheetRow, type SheetContext } from '../../../renderer/core/ledger/sheet-rows';
import type { FindingRecord } from '../../../renderer/core/ledger/records';
import { aFinding } from '../finding/fixtures';

const context: SheetContext = {
  unitsByCode: new Map([['WD0001', { name: '人民路支行' }]]),
  inspectionsById: new Map([['i-1', { kind: 'superior' as const, checklistTitle: '网点消费者权益保护现场检查表', checklistVersion: '2026.1' }]]),
  asOf: '2026-05-01',
};

const finding = (over: Partial<FindingRecord> = {}): FindingRecord => aFinding(over);

describe('toSheetRow', () => {
  it('names the unit, the inspection kind and the checklist with its version, and keeps the record’s values', () => {
    const row = toSheetRow(finding({ dueDate: '2026-06-01', responsiblePerson: '李四', customerRemedy: 120.5 }), context);
    expect(row).toMatchObject({
      id: 'f-1',
      ledgerNo: 'WD0001-2026-0001',
      orgUnitName: '人民路支行',
      orgUnitCode: 'WD0001',
      inspectionKind: '上级检查',
      checklist: '网点消费者权益保护现场检查表 2026.1',
      itemCode: 'B-PUB-01',
      category: '公示',
      severity: '一般',
      repeat: false,
      dueDate: '2026-06-01',
      status: 'open',
      overdue: false,
      evidenceCount: 0,
      verifier: '',
      verificationVerdict: '',
      customerRemedy: 120.5,
      accountability: '',
      updatedAt: '2026-03-02T08:00:00.000Z',
    });
  });

  it('falls back to the checklist id for a finding whose inspection is not at hand, and to blanks for a manual one', () => {
    expect(toSheetRow(finding({ inspectionId: 'elsewhere' }), context)).toMatchObject({ inspectionKind: '', checklist: 'branch-onsite 2026.1' });
    const manual = toSheetRow(finding({ inspectionId: null, itemCode: null, checklistId: null, checklistVersion: null, source: 'manual', orgUnitCode: 'WD9999' }), context);
    expect(manual).toMatchObject({ inspectionKind: '', checklist: '', itemCode: '', orgUnitName: '' });
  });

  it('judges overdue at the as-of day, shows a long-term finding’s milestone as its deadline, and flags repeats', () => {
    expect(toSheetRow(finding({ dueDate: '2026-04-30' }), context).overdue).toBe(true);
    expect(toSheetRow(finding({ dueDate: '2026-05-01' }), context).overdue).toBe(false);
    expect(toSheetRow(finding({ dueDate: '2026-04-30', status: 'rectified', completedAt: '2026-04-29' }), context)).toMatchObject({ overdue: false, completedDate: '2026-04-29' });
    expect(toSheetRow(finding({ status: 'long_term', dueDate: '2026-03-01', milestoneDate: '2026-09-30' }), context)).toMatchObject({ dueDate: '2026-09-30', overdue: false });
    expect(toSheetRow(finding({ repeatOf: 'f-0' }), context).repeat).toBe(true);
  });

  it('says who verified and how, or why it was returned, and joins accountability without empty parts', () => {
    const verified = finding({ status: 'verified', verification: { by: '王五', at: '2026-04-10', note: '整改到位' } });
    expect(toSheetRow(verified, context)).toMatchObject({ verifier: '王五', verificationVerdict: '通过：整改到位' });
    expect(toSheetRow(finding({ status: 'verified', verification: { by: '王五', at: '2026-04-10', note: ' ' } }), context).verificationVerdict).toBe('通过');
    expect(toSheetRow(finding({ status: 'in_progress', lastReturn: { by: '王五', at: '2026-04-10', reason: '佐证不足' } }), context)).toMatchObject({ verifier: '', verificationVerdict: '退回：佐证不足' });
    expect(toSheetRow(finding({ accountability: { who: '张三', how: '', docNo: '消保〔2026〕3号' } }), context).accountability).toBe('张三；消保〔2026〕3号');
    expect(toSheetRow(finding({ evidence: ['a'.repeat(64), 'b'.repeat(64)] }), context).evidenceCount).toBe(2);
  });
});

describe('sheetRows', () => {
  it('lists live findings in ledger-number order and leaves voided ones out', () => {
    const rows = sheetRows(
      [
        finding({ id: 'c', ledgerNo: 'WD0001-2026-0003' }),
        finding({ id: 'a', ledgerNo: 'WD0001-2026-0001' }),
        finding({ id: 'v', ledgerNo: 'WD0001-2026-0002', deletedAt: '2026-03-02T09:00:00.000Z' }),
        finding({ id: 'b', ledgerNo: 'WD0001-2025-0009' }),
      ],
      context,
    );
    expect(rows.map((r) => r.id)).toEqual(['b', 'a', 'c']);
  });
});
