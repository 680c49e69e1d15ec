// The shipped on-site branch checklist (regulatory-background.md §7B). Besides parsing, these tests hold
// the research rules: article numbers only where the research gives them, `verified: true` only for
// the articles the research read, recalled [M] and proposed [P] content labelled as such.
import { describe, expect, it } from 'vitest';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import { allItems } from '../../../renderer/core/checklist/items';
import { checklistFingerprint } from '../../../renderer/core/checklist/fingerprint';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { nodeSha256, readRepoText } from '../helpers';

function shipped(): Checklist {
  const r = parseChecklistText(readRepoText('checklists/branch-onsite.json'));
  if (!r.ok) throw new Error(JSON.stringify(r.error, null, 2));
  return r.value;
}

/** Articles the research marks as read ([R], or articles 7–12 of the 2022 办法 read in two full-text reprints). */
const VERIFIED_ARTICLES: Record<string, readonly string[]> = {
  'CBIRC-2022-9': ['第七条', '第八条', '第九条', '第十条', '第十一条', '第十二条'],
  'PBOC-2020-5': ['第十五条'],
  PIPL: ['第十三条', '第十四条', '第二十三条', '第二十八条', '第二十九条', '第五十一条', '第五十五条'],
  CPL: ['第八条', '第九条', '第十条', '第十四条', '第二十六条', '第二十九条'],
};

/** Article numbers the research names at all; anything else would be invented. */
const NAMED_ARTICLES: Record<string, readonly string[]> = {
  ...VERIFIED_ARTICLES,
  'CBIRC-2022-9': [...VERIFIED_ARTICLES['CBIRC-2022-9']!, '第二十四条'],
};

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
 * (devices that already stored 2026.1 keep their copy and report a conflict), then update this value.
 */
const GOLDEN_FINGERPRINT = 'b7115c1d1d3e1cfb1cde6458d91ca34495d4665afda728f4666e3da86a318783';

describe('checklists/branch-onsite.json', () => {
  const c = shipped();
  const entries = allItems(c);

  it('is the 2026.1 on-site branch checklist', () => {
    expect(c).toMatchObject({ id: 'branch-onsite', version: '2026.1', issuer: '总行消费者权益保护部', effectiveFrom: '2026-01-01' });
    expect(c.title).toBe('网点消费者权益保护现场检查表');
    expect(c.titleEn).toBeTruthy();
  });

  it('has all 33 items of §7B, in order, in the expected sections', () => {
    expect(entries).toHaveLength(33);
    expect(entries.map((e) => e.item.code)).toEqual(EXPECTED_ITEMS);
    expect(c.sections.map((s) => s.code)).toEqual(['PUB', 'ZQ', 'FEE', 'CHO', 'CMP', 'AGE', 'PI', 'EDU', 'CASH', 'STF']);
    for (const e of entries) expect(e.item.code.startsWith(`B-${e.section.code}-`)).toBe(true);
  });

  it('gives every item an English gloss, a method, evidence and titles in both languages', () => {
    for (const { item } of entries) {
      expect(item.requirementEn, item.code).toBeTruthy();
      expect(item.evidence, item.code).toBeTruthy();
      expect(typeof item.sample, item.code).toBe('boolean');
    }
    for (const s of c.sections) expect(s.titleEn, s.code).toBeTruthy();
  });

  it('marks as sampling exactly the items whose method samples records', () => {
    for (const { item } of entries) expect([item.code, item.sample]).toEqual([item.code, /抽查|抽样|抽取/.test(item.method)]);
  });

  it('verifies only articles the research read, and names no article the research does not', () => {
    for (const { item } of entries) {
      for (const b of item.basis) {
        if (b.verified) expect(VERIFIED_ARTICLES[b.doc] ?? [], `${item.code} ${b.doc}`).toContain(b.article);
        if (b.article !== undefined) expect(NAMED_ARTICLES[b.doc] ?? [], `${item.code} ${b.doc}`).toContain(b.article);
      }
    }
  });

  it('keeps 第二十四条 (exam-preparation source) unverified', () => {
    const art24 = entries.flatMap((e) => e.item.basis).filter((b) => b.article === '第二十四条');
    expect(art24.length).toBeGreaterThan(0);
    for (const b of art24) expect(b.verified).toBe(false);
  });

  it('cites only listed documents, and lists only cited documents', () => {
    const listed = new Set(c.documents.map((d) => d.key));
    const cited = new Set(entries.flatMap((e) => e.item.basis.map((b) => b.doc)));
    for (const doc of cited) expect(listed).toContain(doc);
    for (const doc of listed) expect(cited).toContain(doc);
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

  it('labels recalled [M] and proposed [P] content in the item note', () => {
    for (const code of RECALLED_OR_PROPOSED) {
      const item = entries.find((e) => e.item.code === code)!.item;
      expect(item.note, code).toMatch(/\[P\]|\[M\]/);
    }
  });

  it('documents its verification rule', () => {
    expect(c.description).toContain('verified: true');
    expect(c.description).toContain('条号待核');
  });

  it('has the pinned fingerprint', async () => {
    expect(await checklistFingerprint(c, nodeSha256)).toBe(GOLDEN_FINGERPRINT);
  });
});
