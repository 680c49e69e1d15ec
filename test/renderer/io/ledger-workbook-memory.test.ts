// Issue 5: a 100,000-finding 整改台账 stays under 600 MB peak memory. The writer streams: rows come from a
// generator (as the export job pages them out of the database) and the finished file is collected as
// the app collects it. The process's resident memory is sampled while it writes; the figures are
// printed so a regression shows its size, and the bound is far below the 1.7 GB an in-memory
// workbook of this size needs (ARCHITECTURE §9).
import { describe, expect, it } from 'vitest';
import type { LedgerSheetRow } from '../../../renderer/io/ledger-workbook';
import { ledgerWorkbookBytes } from '../../../renderer/io/ledger-workbook';
import { FINDING_STATUSES } from '../../../renderer/core/finding/model';

const ROWS = 100_000;
const MB = 1024 * 1024;

function* rows(): Generator<LedgerSheetRow> {
  for (let i = 1; i <= ROWS; i++) {
    yield {
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      ledgerNo: `BR${String(i % 500).padStart(4, '0')}-2026-${String(i).padStart(4, '0')}`,
      orgUnitName: `城东支行第${i % 500}网点`,
      orgUnitCode: `BR${String(i % 500).padStart(4, '0')}`,
      inspectionKind: '自查',
      checklist: '网点消费者权益保护现场检查表 2026.2',
      itemCode: `B-PUB-${String((i % 30) + 1).padStart(2, '0')}`,
      category: ['信息公示', '营销宣传', '个人信息保护', '投诉处理'][i % 4]!,
      description: `营业厅服务价格公示牌未更新为总行最新版本，现场核对发现第${i}项收费标准与价目表不一致`,
      basis: '《银行保险机构消费者权益保护管理办法》第十条；《商业银行服务价格管理办法》第十七条',
      severity: (['一般', '较重', '重大'] as const)[i % 3]!,
      repeat: i % 7 === 0,
      rootCause: '总行价目表更新后网点未及时替换，缺少版本核对机制',
      correction: '当场更换为最新版价目表',
      measures: '建立价目表版本核对台账，每月由运营主管核对一次并留痕',
      responsibleDept: '运营管理部',
      responsiblePerson: '赵六',
      dueDate: '2026-12-31',
      status: FINDING_STATUSES[i % FINDING_STATUSES.length]!,
      overdue: i % 9 === 0,
      completedDate: i % 5 === 3 ? '2026-11-20' : null,
      completionNote: '',
      evidenceCount: i % 4,
      verifier: i % 5 === 3 ? '王五' : '',
      verificationVerdict: i % 5 === 3 ? '通过' : '',
      customerRemedy: i % 11 === 0 ? 35.5 : null,
      accountability: i % 13 === 0 ? '张三；通报批评；川银消保〔2026〕12号' : '',
      notes: '',
      updatedAt: '2026-11-29T02:03:04.567Z',
    };
  }
}

describe('the 整改台账 of 100,000 findings', () => {
  it('is written with flat memory, well under 600 MB peak', async () => {
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const sample = (): void => {
      peak = Math.max(peak, process.memoryUsage().rss);
    };
    const timer = setInterval(sample, 20);
    let result: Awaited<ReturnType<typeof ledgerWorkbookBytes>>;
    try {
      result = await ledgerWorkbookBytes(rows(), { asOf: '2026-11-30', onProgress: sample });
    } finally {
      clearInterval(timer);
    }
    sample();
    if (!result.ok) throw new Error(result.error.code);
    const size = result.value.byteLength;
    console.warn(`100,000-row ledger: ${(size / MB).toFixed(1)} MB file, RSS ${(baseline / MB).toFixed(0)} → peak ${(peak / MB).toFixed(0)} MB`);
    expect(size).toBeGreaterThan(5 * MB);
    expect(peak - baseline).toBeLessThan(400 * MB);
    expect(peak).toBeLessThan(600 * MB);
  }, 600_000);
});
