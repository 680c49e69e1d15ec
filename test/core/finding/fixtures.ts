// A finding to start core tests from: open, owned by nobody yet, from an inspection on 2026-03-02.
import type { DashboardUnit } from '../../../renderer/core/finding/dashboard';
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

/**
 * The dashboard tests' units: 总行 H; 分行 B1 (支行 S11 with 网点 O111; 网点 O12) and B2 (网点 O21); 支行 S9
 * whose superior is not recorded (a branch device).
 */
export const DASHBOARD_UNITS: DashboardUnit[] = [
  { code: 'H', level: 'head', parentCode: null },
  { code: 'B1', level: 'branch', parentCode: 'H' },
  { code: 'S11', level: 'subbranch', parentCode: 'B1' },
  { code: 'O111', level: 'outlet', parentCode: 'S11' },
  { code: 'O12', level: 'outlet', parentCode: 'B1' },
  { code: 'B2', level: 'branch', parentCode: 'H' },
  { code: 'O21', level: 'outlet', parentCode: 'B2' },
  { code: 'S9', level: 'subbranch', parentCode: null },
];
