// A finding to start core tests from: open, owned by nobody yet, from an inspection on 2026-03-02.
import { blankFinding, type Finding } from '../../../renderer/core/finding/model';

export function aFinding(over: Partial<Finding> = {}): Finding {
  return {
    id: 'f-1',
    rev: 1,
    updatedAt: '2026-03-02T08:00:00.000Z',
    updatedBy: '张三',
    deviceId: 'dev-1',
    ...blankFinding({ ledgerNo: 'WD0001-2026-0001', orgUnitCode: 'WD0001', source: 'verdict', description: '价目表未更新', category: '公示', basis: '《办法》第十条', severity: '一般' }),
    inspectionId: 'i-1',
    itemCode: 'B-PUB-01',
    checklistId: 'branch-onsite',
    checklistVersion: '2026.1',
    inspectionDate: '2026-03-02',
    verdict: 'noncompliant',
    ...over,
  };
}
