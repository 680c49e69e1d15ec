// The other two shipped checklists (regulatory-background.md §7A and §7C), and what all three share:
// they validate, have the sections and item counts the issue names, follow the research rules, and
// carry distinct ids with pinned fingerprints.
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { allItems } from '../../../renderer/core/checklist/items';
import { checklistFingerprint } from '../../../renderer/core/checklist/fingerprint';
import { nodeSha256 } from '../helpers';
import { expectResearchRules, shippedChecklist } from './research-rules';

/** Pinned like branch-onsite's: changing a shipped checklist's content needs a new version. */
const GOLDEN: Record<string, string> = {
  'infringement-campaign-2019.json': '78fb36287bfa5d5cbaca964f0343f03ae0fb9969184d506bf2a962301dbd3996',
  'consumer-rights.json': '0f0fe7a2dc19a3d1fc52546b742d92a8fc55508bef7b485277062ced78140144',
};

describe('checklists/infringement-campaign-2019.json (§7A)', () => {
  const c = shippedChecklist('infringement-campaign-2019.json');
  const entries = allItems(c);

  it('covers the five banking aspects of the 2019 annex plus the common issues, with at least 26 items', () => {
    expect(c.sections.map((s) => s.title)).toEqual(['产品设计', '营销宣传', '产品销售', '内部管理', '与第三方机构合作', '银行业和保险业共性问题']);
    expect(entries.length).toBeGreaterThanOrEqual(26);
    expect(c.sections.map((s) => [s.code, s.items.length])).toEqual([['PD', 3], ['MK', 4], ['SL', 7], ['IM', 5], ['TP', 4], ['CM', 5]]);
    for (const e of entries) expect(e.item.code.startsWith(`A-${e.section.code}-`)).toBe(true);
  });

  it('follows the research rules', () => {
    // IM-01/02/03 and TP-01/02/03 fill aspects whose annex items were not found (§1.3); SL-06/07 sit in an aspect the sources do not state.
    expectResearchRules(c, ['A-IM-01', 'A-IM-02', 'A-IM-03', 'A-TP-01', 'A-TP-02', 'A-TP-03', 'A-SL-06', 'A-SL-07']);
  });

  it('never marks an annex item as verified: its official text was not read', () => {
    const annex = entries.flatMap((e) => e.item.basis).filter((b) => b.doc === 'ANNEX-2019');
    expect(annex.length).toBeGreaterThanOrEqual(20);
    expect(annex.filter((b) => b.verified)).toEqual([]);
  });

  it('does not present 银保监办发〔2019〕194号 as the notice\'s number, and says it is unconfirmed', () => {
    const notice = c.documents.find((d) => d.key === 'NOTICE-2019')!;
    expect(notice.title).toBe('中国银保监会办公厅关于开展银行保险机构侵害消费者权益乱象整治工作的通知');
    expect(notice.number).toBeUndefined();
    expect(notice.note).toMatch(/194号.*未经证实/);
    expect(c.description).toContain('文号未经证实');
  });

  it('lists every cited document with its full title', () => {
    expect(c.documents.map((d) => d.key)).toEqual(['NOTICE-2019', 'ANNEX-2019', 'CBIRC-2022-9', 'PIPL', 'QBZ-SGK-2012', 'PRICE-2014']);
    for (const d of c.documents) expect(d.title.length).toBeGreaterThan(6);
  });
});

describe('checklists/consumer-rights.json (§7C)', () => {
  const c = shippedChecklist('consumer-rights.json');
  const entries = allItems(c);

  it('has the eight rights of the 2022 办法 plus the mechanism items, with at least 31 items', () => {
    expect(c.sections.map((s) => s.title)).toEqual([
      '工作机制与管理要求',
      '知情权',
      '自主选择权',
      '公平交易权',
      '财产安全权',
      '依法求偿权',
      '受教育权',
      '受尊重权',
      '信息安全权',
    ]);
    expect(entries.length).toBeGreaterThanOrEqual(31);
    for (const s of c.sections) expect(s.items.length, s.code).toBeGreaterThanOrEqual(2);
  });

  it('follows the research rules', () => {
    expectResearchRules(c, ['C-GOV-01', 'C-GOV-03', 'C-FAIR-04', 'C-PROP-02', 'C-PROP-03', 'C-CLM-01', 'C-CLM-02', 'C-CLM-03', 'C-EDU-02', 'C-INFO-05']);
  });

  it('cites 第二十四条 only as unverified, and no article for the rights chapters beyond 第十二条', () => {
    for (const b of entries.flatMap((e) => e.item.basis).filter((x) => x.doc === 'CBIRC-2022-9')) {
      if (b.article === '第二十四条') expect(b.verified).toBe(false);
      else if (b.article !== undefined) expect(['第七条', '第八条', '第九条', '第十条', '第十一条', '第十二条']).toContain(b.article);
    }
  });
});

describe('every shipped checklist', () => {
  const files = readdirSync(resolve(import.meta.dirname, '../../../checklists')).filter((f) => f.endsWith('.json') && f !== 'checklist.schema.json');

  it('is one of the three, with a distinct id', () => {
    expect(files.sort()).toEqual(['branch-onsite.json', 'consumer-rights.json', 'infringement-campaign-2019.json']);
    const ids = files.map((f) => shippedChecklist(f).id);
    expect(new Set(ids).size).toBe(3);
    for (const f of files) expect(shippedChecklist(f).id).toBe(f.replace(/\.json$/, ''));
  });

  it.each(Object.entries(GOLDEN))('%s has its pinned fingerprint', async (file, fp) => {
    expect(await checklistFingerprint(shippedChecklist(file), nodeSha256)).toBe(fp);
  });
});
