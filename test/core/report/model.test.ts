import { describe, expect, it } from 'vitest';
import { buildReport, compareLedgerNos, type ReportAnswer, type ReportInput } from '../../../renderer/core/report/model';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import { aFinding } from '../finding/fixtures';
import { readRepoText } from '../helpers';

const checklist: Checklist = {
  format: 'xiaobao.checklist/1',
  id: 'mini',
  version: '1.0',
  title: '迷你检查表',
  issuer: '总行消费者权益保护部',
  effectiveFrom: '2026-01-01',
  documents: [{ key: 'DOC', title: '银行保险机构消费者权益保护管理办法' }],
  sections: [
    {
      code: 'PUB',
      title: '公示',
      titleEn: 'Disclosure',
      items: [
        { code: 'M-PUB-01', requirement: '价目表公示', basis: [{ doc: 'DOC', article: '第十条', verified: true }], method: '现场查看', severity: '一般' },
        { code: 'M-PUB-02', requirement: '投诉渠道公示', basis: [], method: '现场查看', severity: '较重' },
      ],
    },
    {
      code: 'ZQ',
      title: '双录',
      items: [
        { code: 'M-ZQ-01', requirement: '抽查双录', basis: [], method: '抽取近3个月10笔', severity: '较重', sample: true },
        { code: 'M-ZQ-02', requirement: '双录保存期限', basis: [], method: '查看系统', severity: '重大' },
      ],
    },
  ],
};

const answer = (itemCode: string, verdict: ReportAnswer['verdict'], over: Partial<ReportAnswer> = {}): ReportAnswer => ({
  itemCode,
  verdict,
  note: '',
  sampleSize: null,
  exceptions: null,
  attachments: [],
  ...over,
});

const input = (over: Partial<ReportInput> = {}): ReportInput => ({
  inspection: {
    id: 'i-1',
    checklistId: 'mini',
    checklistVersion: '1.0',
    checklistSha256: 'ab'.repeat(32),
    checklistTitle: '迷你检查表',
    orgUnitCode: 'WD0001',
    kind: 'self',
    inspectors: ['张三', '李四'],
    date: '2026-03-02',
    startedAt: '2026-03-02T01:00:00.000Z',
    finishedAt: '2026-03-02T06:00:00.000Z',
    status: 'completed',
  },
  checklist,
  answers: [
    answer('M-PUB-01', 'noncompliant', { note: '  价目表为2024版  ', attachments: ['a-photo'] }),
    answer('M-PUB-02', 'compliant'),
    answer('M-ZQ-01', 'partial', { sampleSize: 10, exceptions: 2, attachments: ['a-photo', 'a-list'] }),
  ],
  findings: [
    aFinding({ id: 'f-10', ledgerNo: 'WD0001-2026-0010', itemCode: 'M-ZQ-01', verdict: 'partial', severity: '较重', status: 'in_progress', dueDate: '2026-03-20', evidence: ['e-fix'] }),
    aFinding({ id: 'f-9', ledgerNo: 'WD0001-2026-0009', itemCode: 'M-PUB-01', description: '价目表未更新', repeatOf: 'f-old', measures: '更换价目表', dueDate: '2026-04-30' }),
    aFinding({ id: 'f-11', ledgerNo: 'WD0001-2026-0011', itemCode: 'M-PUB-02', deletedAt: '2026-03-02T02:00:00.000Z' }),
    aFinding({ id: 'f-other', ledgerNo: 'WD0001-2026-0001', inspectionId: 'i-0', itemCode: 'M-PUB-01' }),
  ],
  orgUnit: { code: 'WD0001', name: '城东支行' },
  asOf: '2026-03-25',
  ledgerNoOf: new Map([['f-old', 'WD0001-2025-0003']]),
  ...over,
});

describe('buildReport', () => {
  it('fills the cover from the inspection, the pinned checklist and the unit', () => {
    const r = buildReport(input());
    expect(r.cover).toEqual({
      orgUnitCode: 'WD0001',
      orgUnitName: '城东支行',
      checklistId: 'mini',
      checklistTitle: '迷你检查表',
      checklistVersion: '1.0',
      checklistIssuer: '总行消费者权益保护部',
      checklistEffectiveFrom: '2026-01-01',
      checklistSha256: 'ab'.repeat(32),
      kind: 'self',
      inspectors: ['张三', '李四'],
      date: '2026-03-02',
      startedAt: '2026-03-02T01:00:00.000Z',
      finishedAt: '2026-03-02T06:00:00.000Z',
      draft: false,
      asOf: '2026-03-25',
    });
  });

  it('marks a draft, and keeps a unit that is no longer listed by its code', () => {
    const base = input();
    const r = buildReport({ ...base, inspection: { ...base.inspection, status: 'draft', finishedAt: null }, orgUnit: null });
    expect(r.cover.draft).toBe(true);
    expect(r.cover.finishedAt).toBeNull();
    expect(r.cover.orgUnitName).toBeNull();
    expect(r.cover.orgUnitCode).toBe('WD0001');
  });

  it('states the scope: sections with their item and sample-item counts', () => {
    expect(buildReport(input()).scope).toEqual({
      sections: [
        { code: 'PUB', title: '公示', titleEn: 'Disclosure', items: 2, sampleItems: 0 },
        { code: 'ZQ', title: '双录', titleEn: null, items: 2, sampleItems: 1 },
      ],
      items: 4,
      documents: 1,
    });
  });

  it('counts items per verdict, overall and per section, and findings by severity, status, overdue and repeat', () => {
    const { summary } = buildReport(input());
    expect(summary.items).toEqual({ total: 4, answered: 3, unanswered: 1, compliant: 1, partial: 1, noncompliant: 1, na: 0, failed: 2 });
    expect(summary.sections).toEqual([
      { code: 'PUB', title: '公示', titleEn: 'Disclosure', total: 2, answered: 2, unanswered: 0, compliant: 1, partial: 0, noncompliant: 1, na: 0, failed: 1, findings: 1 },
      { code: 'ZQ', title: '双录', titleEn: null, total: 2, answered: 1, unanswered: 1, compliant: 0, partial: 1, noncompliant: 0, na: 0, failed: 1, findings: 1 },
    ]);
    expect(summary.findings).toEqual({
      total: 2,
      bySeverity: { 一般: 1, 较重: 1, 重大: 0 },
      byStatus: { open: 1, in_progress: 1, rectified: 0, verified: 0, long_term: 0 },
      overdue: 1,
      repeat: 1,
      verdictWithdrawn: 0,
    });
  });

  it('lists every item per section with its verdict, trimmed note, sample figures, evidence and live finding', () => {
    const { sections } = buildReport(input());
    expect(sections.map((s) => [s.code, s.items.map((i) => [i.code, i.verdict, i.ledgerNo])])).toEqual([
      ['PUB', [['M-PUB-01', 'noncompliant', 'WD0001-2026-0009'], ['M-PUB-02', 'compliant', null]]],
      ['ZQ', [['M-ZQ-01', 'partial', 'WD0001-2026-0010'], ['M-ZQ-02', null, null]]],
    ]);
    expect(sections[0]!.items[0]).toMatchObject({ note: '价目表为2024版', requirement: '价目表公示', severity: '一般', sample: false, attachments: ['a-photo'] });
    expect(sections[1]!.items[0]).toMatchObject({ sample: true, sampleSize: 10, exceptions: 2 });
    expect(sections[1]!.items[1]).toMatchObject({ verdict: null, note: '', attachments: [], sampleSize: null });
  });

  it('lists the live findings of this inspection in ledger order, voided ones and other inspections left out', () => {
    const { findings } = buildReport(input());
    expect(findings.map((f) => f.ledgerNo)).toEqual(['WD0001-2026-0009', 'WD0001-2026-0010']);
    expect(findings[0]).toMatchObject({
      itemCode: 'M-PUB-01',
      requirement: '价目表公示',
      description: '价目表未更新',
      basis: '《办法》第十条',
      severity: '一般',
      repeat: true,
      repeatOfLedgerNo: 'WD0001-2025-0003',
      measures: '更换价目表',
      status: 'open',
      deadline: '2026-04-30',
      overdue: false,
      overdueDays: null,
      evidence: [],
      answerAttachments: ['a-photo'],
    });
    expect(findings[1]).toMatchObject({ repeat: false, repeatOfLedgerNo: null, overdue: true, overdueDays: 5, evidence: ['e-fix'], answerAttachments: ['a-photo', 'a-list'] });
  });

  it('collects each attachment the findings show once, in order of appearance', () => {
    expect(buildReport(input()).attachmentIds).toEqual(['a-photo', 'a-list', 'e-fix']);
  });

  it('judges overdue as of the report date: long-term findings by their milestone, closed ones never', () => {
    const findings = [
      aFinding({ id: 'a', ledgerNo: 'WD0001-2026-0001', itemCode: 'M-PUB-01', status: 'long_term', dueDate: '2026-03-01', milestoneDate: '2026-06-30' }),
      aFinding({ id: 'b', ledgerNo: 'WD0001-2026-0002', itemCode: 'M-PUB-02', status: 'rectified', dueDate: '2026-03-01' }),
      aFinding({ id: 'c', ledgerNo: 'WD0001-2026-0003', itemCode: 'M-ZQ-01', dueDate: '2026-03-25' }),
      aFinding({ id: 'd', ledgerNo: 'WD0001-2026-0004', itemCode: 'M-ZQ-02', dueDate: null }),
    ].map((f) => ({ ...f, inspectionId: 'i-1' }));
    const r = buildReport(input({ findings }));
    expect(r.findings.map((f) => [f.ledgerNo, f.deadline, f.overdue])).toEqual([
      ['WD0001-2026-0001', '2026-06-30', false],
      ['WD0001-2026-0002', '2026-03-01', false],
      ['WD0001-2026-0003', '2026-03-25', false],
      ['WD0001-2026-0004', null, false],
    ]);
    expect(buildReport(input({ findings, asOf: '2026-03-26' })).summary.findings.overdue).toBe(1);
    expect(buildReport(input({ findings, asOf: '2026-07-01' })).summary.findings.overdue).toBe(2);
  });

  it('keeps a finding whose verdict was withdrawn, flagged and counted', () => {
    const findings = [aFinding({ id: 'w', inspectionId: 'i-1', itemCode: 'M-PUB-02', verdictWithdrawn: true })];
    const r = buildReport(input({ findings }));
    expect(r.findings.map((f) => f.verdictWithdrawn)).toEqual([true]);
    expect(r.summary.findings.verdictWithdrawn).toBe(1);
    expect(r.sections[0]!.items[1]!.ledgerNo).toBe('WD0001-2026-0001');
  });

  it('keeps a finding of an item the pinned checklist does not have, without a requirement or a section', () => {
    const findings = [aFinding({ id: 'x', inspectionId: 'i-1', itemCode: 'GONE-01' })];
    const r = buildReport(input({ findings }));
    expect(r.findings[0]).toMatchObject({ itemCode: 'GONE-01', requirement: null });
    expect(r.summary.findings.total).toBe(1);
    expect(r.summary.sections.map((s) => s.findings)).toEqual([0, 0]);
  });

  it('reports an inspection with no answers and no findings', () => {
    const r = buildReport(input({ answers: [], findings: [] }));
    expect(r.summary.items).toMatchObject({ total: 4, answered: 0, unanswered: 4 });
    expect(r.findings).toEqual([]);
    expect(r.attachmentIds).toEqual([]);
    expect(r.sections.flatMap((s) => s.items.map((i) => i.verdict))).toEqual([null, null, null, null]);
  });

  it('ignores answers to codes the checklist does not have', () => {
    const r = buildReport(input({ answers: [answer('NOT-THERE', 'noncompliant')], findings: [] }));
    expect(r.summary.items.answered).toBe(0);
  });

  it('covers the bundled on-site checklist: every section and item appears once', () => {
    const parsed = parseChecklistText(readRepoText('checklists/branch-onsite.json'));
    if (!parsed.ok) throw new Error('bundled checklist does not parse');
    const r = buildReport(input({ checklist: parsed.value, answers: [], findings: [] }));
    const codes = r.sections.flatMap((s) => s.items.map((i) => i.code));
    expect(new Set(codes).size).toBe(codes.length);
    expect(r.scope.items).toBe(codes.length);
    expect(r.scope.sections.reduce((n, s) => n + s.items, 0)).toBe(codes.length);
  });
});

describe('compareLedgerNos', () => {
  it('orders by unit, year and sequence as numbers', () => {
    const sorted = ['WD0001-2026-10000', 'WD0001-2026-0010', 'WD0001-2025-0099', 'WD0001-2026-0007', 'AB-1-2026-0001'].sort(compareLedgerNos);
    expect(sorted).toEqual(['AB-1-2026-0001', 'WD0001-2025-0099', 'WD0001-2026-0007', 'WD0001-2026-0010', 'WD0001-2026-10000']);
  });

  it('falls back to text order for numbers it cannot read', () => {
    expect(['b', 'a'].sort(compareLedgerNos)).toEqual(['a', 'b']);
  });
});
