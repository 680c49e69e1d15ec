// The research rules every shipped checklist follows (regulatory-background.md §1–§7): an article is
// marked verified only where the research read it, no article is named that the research does not name,
// recalled [M] and proposed [P] content says so, and unconfirmed document numbers stay out of `number`.
import { expect } from 'vitest';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import { allItems } from '../../../renderer/core/checklist/items';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { readRepoText } from '../helpers';

export function shippedChecklist(file: string): Checklist {
  const r = parseChecklistText(readRepoText(`checklists/${file}`));
  if (!r.ok) throw new Error(JSON.stringify(r.error, null, 2));
  return r.value;
}

/** Articles the research marks as read ([R], or articles 7–12 of the 2022 办法 read in two full-text reprints). */
export const VERIFIED_ARTICLES: Record<string, readonly string[]> = {
  'CBIRC-2022-9': ['第七条', '第八条', '第九条', '第十条', '第十一条', '第十二条'],
  'PBOC-2020-5': ['第十五条'],
  PIPL: ['第十三条', '第十四条', '第二十三条', '第二十八条', '第二十九条', '第五十一条', '第五十五条'],
  CPL: ['第八条', '第九条', '第十条', '第十四条', '第二十六条', '第二十九条'],
};

/** Article numbers the research names at all, each verified or not; anything else would be invented. */
export const NAMED_ARTICLES: Record<string, readonly string[]> = {
  ...VERIFIED_ARTICLES,
  'CBIRC-2022-9': [...VERIFIED_ARTICLES['CBIRC-2022-9']!, '第二十四条'],
  // The 2019 annex's items as the reprints number them (§1.3, §1.4); its official text was never read.
  'ANNEX-2019': ['（一）第1项', '（一）第2项', '（一）第3项', '（二）第1项', '（二）第2项', '（三）第1项', '（三）第2项', '（三）第3项', ...[1, 2, 3, 4, 5].map((n) => `共性问题第${n}项`)],
};

/** Document numbers the research confirms; any other number belongs in the note, marked 待核. */
export const CONFIRMED_NUMBERS: Record<string, string> = {
  'CBIRC-2022-9': '银保监会令2022年第9号',
  'PBOC-2020-5': '中国人民银行令〔2020〕第5号',
  CBSS1000: 'CBSS1000',
  'GUIDANCE-2015': '国办发〔2015〕81号',
};

export function expectResearchRules(c: Checklist, recalledOrProposed: readonly string[]): void {
  const entries = allItems(c);
  for (const { item } of entries) {
    expect(item.requirementEn, item.code).toBeTruthy();
    expect(item.evidence, item.code).toBeTruthy();
    expect(typeof item.sample, item.code).toBe('boolean');
    // Items that sample records say so, and only those.
    expect([item.code, item.sample]).toEqual([item.code, /抽查|抽样|抽取/.test(item.method)]);
    for (const b of item.basis) {
      if (b.verified) expect(VERIFIED_ARTICLES[b.doc] ?? [], `${item.code} ${b.doc}`).toContain(b.article);
      if (b.article !== undefined) expect(NAMED_ARTICLES[b.doc] ?? [], `${item.code} ${b.doc}`).toContain(b.article);
    }
  }
  for (const s of c.sections) expect(s.titleEn, s.code).toBeTruthy();

  const listed = new Set(c.documents.map((d) => d.key));
  const cited = new Set(entries.flatMap((e) => e.item.basis.map((b) => b.doc)));
  expect([...cited].filter((d) => !listed.has(d))).toEqual([]);
  expect([...listed].filter((d) => !cited.has(d))).toEqual([]);
  for (const d of c.documents) {
    if (d.number !== undefined) expect(CONFIRMED_NUMBERS[d.key], d.key).toBe(d.number);
    expect(d.title).not.toMatch(/^《|》$/);
  }
  expect(JSON.stringify(c.documents.map((d) => d.number ?? ''))).not.toContain('194号');

  for (const code of recalledOrProposed) {
    const item = entries.find((e) => e.item.code === code)?.item;
    expect(item, code).toBeDefined();
    expect(item?.note, code).toMatch(/\[P\]|\[M\]/);
  }
  expect(c.description).toContain('verified: true');
  expect(c.description).toContain('条号待核');
}
