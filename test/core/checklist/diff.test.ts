import { describe, expect, it } from 'vitest';
import { diffChecklists, isEmptyDiff } from '../../../renderer/core/checklist/diff';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { fixtureJson } from '../helpers';
import { shippedChecklist } from './research-rules';

const base = (): Checklist => fixtureJson('minimal.json') as unknown as Checklist;

describe('diffChecklists', () => {
  it('finds nothing between a checklist and itself, whatever the item order', () => {
    const a = base();
    const b = base();
    b.sections[0]!.items.reverse();
    const d = diffChecklists(a, b);
    expect(isEmptyDiff(d)).toBe(true);
    expect(d.unchanged).toBe(3);
  });

  it('lines items up by code: added, removed, and changed field by field', () => {
    const a = base();
    const b = base();
    const [first, second] = b.sections[0]!.items;
    first!.severity = '重大';
    first!.basis = [{ doc: 'LAW-A', article: '第十一条', verified: false }];
    b.sections[0]!.items = [first!];
    b.sections[1]!.items.push({ ...second!, code: 'T-S2-02' });
    // Moving an item to another section is a change of the item.
    b.sections[1]!.items.push({ ...structuredClone(a.sections[0]!.items[1]!) });
    const d = diffChecklists(a, b);
    expect(d.added.map((r) => [r.code, r.sectionCode])).toEqual([['T-S2-02', 'S2']]);
    expect(d.removed).toEqual([]);
    expect(d.changed.map((c) => [c.code, c.changes.map((f) => f.field)])).toEqual([
      ['T-S1-01', ['basis', 'severity']],
      ['T-S1-02', ['section']],
    ]);
    expect(d.changed[0]!.changes[1]).toEqual({ field: 'severity', from: '一般', to: '重大' });
    expect(d.changed[1]!.changes[0]).toEqual({ field: 'section', from: 'S1', to: 'S2' });
    expect(d.unchanged).toBe(1);

    const back = diffChecklists(b, a);
    expect(back.removed.map((r) => r.code)).toEqual(['T-S2-02']);
  });

  it('treats an absent optional field like a removed one, and reports details and documents', () => {
    const a = base();
    const b = base();
    delete b.sections[1]!.items[0]!.note;
    b.version = '1.1';
    b.title = '测试清单（修订）';
    b.documents[1] = { ...b.documents[1]!, number: '测试令2024年第2号' };
    b.documents.push({ key: 'LAW-C', title: '测试法规丙' });
    const d = diffChecklists(a, b);
    expect(d.changed).toEqual([expect.objectContaining({ code: 'T-S2-01', changes: [{ field: 'note', from: '[P] 建议项', to: undefined }] })]);
    expect(d.meta).toEqual([{ field: 'title', from: '测试清单', to: '测试清单（修订）' }]);
    expect(d.documents.added.map((x) => x.key)).toEqual(['LAW-C']);
    expect(d.documents.changed.map((x) => x.key)).toEqual(['LAW-B']);
  });

  it('shows the 2026.2 correction of the shipped on-site checklist as one changed item', () => {
    const now = shippedChecklist('branch-onsite.json');
    const before = structuredClone(now);
    before.version = '2026.1';
    const fee = before.sections.find((s) => s.code === 'FEE')!.items.find((i) => i.code === 'B-FEE-02')!;
    fee.requirement = '贷款不存贷挂钩、不以贷收费、不转嫁成本';
    const d = diffChecklists(before, now);
    expect(d.changed.map((c) => c.code)).toEqual(['B-FEE-02']);
    expect(d.unchanged).toBe(32);
  });
});
