import { describe, expect, it } from 'vitest';
import { allItems, basisLabel, findEntry, findItem, itemCodes } from '../../../renderer/core/checklist/items';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { fixtureText } from '../helpers';

function minimal(): Checklist {
  const r = parseChecklistText(fixtureText('minimal.json'));
  if (!r.ok) throw new Error('fixture does not parse');
  return r.value;
}

describe('checklist helpers', () => {
  const c = minimal();

  it('allItems flattens in order with section and positions', () => {
    const all = allItems(c);
    expect(all.map((e) => [e.item.code, e.section.code, e.sectionIndex, e.itemIndex, e.position])).toEqual([
      ['T-S1-01', 'S1', 0, 0, 0],
      ['T-S1-02', 'S1', 0, 1, 1],
      ['T-S2-01', 'S2', 1, 0, 2],
    ]);
    expect(itemCodes(c)).toEqual(['T-S1-01', 'T-S1-02', 'T-S2-01']);
  });

  it('findItem and findEntry look items up by code', () => {
    expect(findItem(c, 'T-S1-02')?.severity).toBe('重大');
    expect(findItem(c, 'nope')).toBeUndefined();
    expect(findItem(c, 'constructor')).toBeUndefined();
    expect(findEntry(c, 'T-S2-01')?.section.code).toBe('S2');
  });

  it('basisLabel shows the title in 《》 with the article and the verification state', () => {
    expect(basisLabel({ doc: 'LAW-A', article: '第十条', verified: true }, c.documents)).toEqual({
      text: '《测试法规甲》第十条',
      title: '测试法规甲',
      number: '测试令2024年第1号',
      article: '第十条',
      unverified: false,
      documentKnown: true,
    });
    expect(basisLabel({ doc: 'LAW-B', verified: false }, c.documents)).toMatchObject({ text: '《测试法规乙》', article: null, unverified: true });
    expect(basisLabel({ doc: 'LAW-B', article: '第二十四条', verified: false }, c.documents)).toMatchObject({
      text: '《测试法规乙》第二十四条',
      unverified: true,
    });
    expect(basisLabel({ doc: 'GONE', article: '第一条', verified: true }, c.documents)).toMatchObject({ text: 'GONE第一条', documentKnown: false });
    expect(basisLabel({ doc: 'X', verified: false }, [{ key: 'X', title: '《已带书名号》' }]).text).toBe('《已带书名号》');
  });
});
