// The shipped on-site branch checklist (regulatory-background.md §7B). Besides parsing, these tests hold
// the research rules: article numbers only where the research gives them, `verified: true` only for
// the articles the research read, recalled [M] and proposed [P] content labelled as such.
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../renderer/core/checklist/items';
import { checklistFingerprint } from '../../../renderer/core/checklist/fingerprint';
import { nodeSha256 } from '../helpers';
import { expectResearchRules, shippedChecklist } from './research-rules';

const EXPECTED_ITEMS = [
  ...['01', '02', '03', '04', '05', '06'].map((n) => `B-PUB-${n}`),
  ...['01', '02', '03', '04', '05', '06'].map((n) => `B-ZQ-${n}`),
  'B-FEE-01', 'B-FEE-02', 'B-FEE-03',
  'B-CHO-01', 'B-CHO-02', 'B-CHO-03',
  'B-CMP-01', 'B-CMP-02', 'B-CMP-03',
  'B-AGE-01', 'B-AGE-02', 'B-AGE-03', 'B-AGE-04', 'B-AGE-05',
  'B-PI-01', 'B-PI-02', 'B-PI-03',
  'B-EDU-01', 'B-EDU-02',
  'B-CASH-01',
  'B-STF-01',
];

/** Items whose §7B source column includes M (recalled) or P (our proposal). */
const RECALLED_OR_PROPOSED = [
  'B-PUB-01', 'B-PUB-03', 'B-PUB-04', 'B-PUB-06', 'B-ZQ-03', 'B-FEE-03', 'B-CMP-01', 'B-CMP-02', 'B-CMP-03',
  'B-AGE-03', 'B-PI-01', 'B-PI-02', 'B-EDU-01', 'B-EDU-02', 'B-CASH-01', 'B-STF-01',
];

/**
 * The fingerprint an inspection pins. If you changed the checklist's content, also bump its `version`
 * (devices that already stored this version keep their copy and report a conflict), then update this value.
 */
const GOLDEN_FINGERPRINT = '9627bf56b0f8f7daea5484bb05f7f6371ff842e8268b6b26ac609e4c8125fd4e';

describe('checklists/branch-onsite.json', () => {
  const c = shippedChecklist('branch-onsite.json');
  const entries = allItems(c);

  it('is the 2026.2 on-site branch checklist', () => {
    expect(c).toMatchObject({ id: 'branch-onsite', version: '2026.2', issuer: '总行消费者权益保护部', effectiveFrom: '2026-01-01' });
    expect(c.title).toBe('网点消费者权益保护现场检查表');
    expect(c.titleEn).toBeTruthy();
  });

  it('has all 33 items of §7B, in order, in the expected sections', () => {
    expect(entries).toHaveLength(33);
    expect(entries.map((e) => e.item.code)).toEqual(EXPECTED_ITEMS);
    expect(c.sections.map((s) => s.code)).toEqual(['PUB', 'ZQ', 'FEE', 'CHO', 'CMP', 'AGE', 'PI', 'EDU', 'CASH', 'STF']);
    for (const e of entries) expect(e.item.code.startsWith(`B-${e.section.code}-`)).toBe(true);
  });

  it('follows the research rules: verified and named articles, [M]/[P] notes, sampling, documents', () => {
    expectResearchRules(c, RECALLED_OR_PROPOSED);
  });

  it('completes the "seven prohibitions" on lending in 2026.2 (B-FEE-02 with B-CHO-03)', () => {
    const fee = entries.find((e) => e.item.code === 'B-FEE-02')!.item.requirement;
    for (const rule of ['以贷转存', '存贷挂钩', '以贷收费', '浮利分费', '一浮到顶', '转嫁成本']) expect(fee).toContain(rule);
    expect(entries.find((e) => e.item.code === 'B-CHO-03')!.item.requirement).toContain('搭售');
  });

  it('keeps 第二十四条 (exam-preparation source) unverified', () => {
    const art24 = entries.flatMap((e) => e.item.basis).filter((b) => b.article === '第二十四条');
    expect(art24.length).toBeGreaterThan(0);
    for (const b of art24) expect(b.verified).toBe(false);
  });

  it('gives document numbers only where the research confirms them', () => {
    const numbered = Object.fromEntries(c.documents.filter((d) => d.number !== undefined).map((d) => [d.key, d.number]));
    expect(numbered).toEqual({
      'CBIRC-2022-9': '银保监会令2022年第9号',
      'PBOC-2020-5': '中国人民银行令〔2020〕第5号',
      CBSS1000: 'CBSS1000',
    });
    const notes = c.documents.map((d) => d.note ?? '').join('\n');
    expect(notes).toContain('银监发〔2012〕3号'); // recalled number: in a note, never as `number`
    expect(notes).toContain('银保监会令2020年第3号');
  });

  it('has the pinned fingerprint', async () => {
    expect(await checklistFingerprint(c, nodeSha256)).toBe(GOLDEN_FINGERPRINT);
  });
});
