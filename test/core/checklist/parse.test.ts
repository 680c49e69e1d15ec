import { describe, expect, it } from 'vitest';
import { parseChecklist, parseChecklistText } from '../../../renderer/core/checklist/parse';
import { formatChecklistProblem } from '../../../renderer/core/checklist/messages';
import type { ChecklistProblem } from '../../../renderer/core/checklist/problems';
import { fixtureJson, fixtureText } from '../helpers';
import { badInputs } from './bad-inputs';

function problemsOf(r: ReturnType<typeof parseChecklist>): ChecklistProblem[] {
  if (r.ok) throw new Error('expected problems, got a checklist');
  return r.error;
}

describe('parseChecklistText', { timeout: 30_000 }, () => {
  it('reads a valid checklist', () => {
    const r = parseChecklistText(fixtureText('minimal.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.value.id).toBe('test-minimal');
    expect(r.value.sections.map((s) => s.code)).toEqual(['S1', 'S2']);
    expect(r.value.sections[0]!.items[1]!.basis[0]).toEqual({ doc: 'LAW-B', verified: false, note: '条号待核' });
  });

  it('strips a UTF-8 BOM', () => {
    expect(parseChecklistText(`\ufeff${fixtureText('minimal.json')}`).ok).toBe(true);
  });

  it('gives line and column of a syntax error', () => {
    const [p, ...rest] = problemsOf(parseChecklistText(fixtureText('missing-comma.json')));
    expect(rest).toEqual([]);
    expect(p).toMatchObject({ code: 'jsonSyntax', params: { line: 4, column: 3, reason: 'expectedCommaOrEndOfObject', char: '"' } });
    expect(formatChecklistProblem(p!, 'zh-CN')).toBe('整个文件: 第 4 行第 3 列有 JSON 格式错误：这里应是英文逗号“,”或“}”，实际是“"”（可能漏了逗号）');
    expect(formatChecklistProblem(p!, 'en-US')).toBe('(whole file): JSON error at line 4, column 3: expected "," or "}", found """ (a comma may be missing)');
  });

  it('names the item a syntax error is in', () => {
    const text = fixtureText('minimal.json').replace('"method": "抽查流水",', '"method": "抽查流水"');
    const [p] = problemsOf(parseChecklistText(text));
    expect(p!.path).toBe('sections[0].items[1]');
    expect(p!.where).toEqual({ section: { index: 0, code: null }, item: { index: 1, code: null } });
    expect(formatChecklistProblem(p!, 'zh-CN')).toMatch(/^sections\[0\]\.items\[1\] \(第 1 个章节 › 第 2 个检查项\): 第 \d+ 行/);
  });

  it('refuses a file over 5 MB before parsing it', () => {
    const big = `{"format": "xiaobao.checklist/1", "x": "${'网'.repeat(2 * 1024 * 1024)}"}`; // 6 MB of UTF-8
    const [p] = problemsOf(parseChecklistText(big));
    expect(p).toMatchObject({ code: 'tooLarge', params: { size: '6.0', limit: 5 } });
  });

  it('reports duplicate keys together with the other problems', () => {
    const text = fixtureText('minimal.json').replace('"severity": "一般",', '"severity": "一般", "severity": "高",');
    const ps = problemsOf(parseChecklistText(text));
    expect(ps.map((p) => p.code)).toEqual(['duplicateKey', 'badSeverity']);
    expect(ps[0]!.params).toMatchObject({ key: 'severity', line: 24 });
  });

  it('does not let __proto__ reach the schema or the prototype', () => {
    const text = '{"__proto__": {"polluted": true}, "format": "xiaobao.checklist/1"}';
    const ps = problemsOf(parseChecklistText(text));
    expect(ps.map((p) => [p.code, p.path])).toEqual([['forbiddenKey', '__proto__']]);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

describe('parseChecklist on broken input', { timeout: 30_000 }, () => {
  it.each(badInputs.map((b) => [b.name, b] as const))('%s', (_name, bad) => {
    const ps = problemsOf(bad.run());
    expect(ps.length).toBeGreaterThan(0);
    const codes = ps.map((p) => p.code);
    for (const c of bad.codes) expect(codes).toContain(c);
    if (bad.path !== undefined) expect(ps.find((p) => p.code === bad.codes[0])!.path).toBe(bad.path);
  });

  it('reports problems of shape and problems across the document in the same round', () => {
    const c = fixtureJson('minimal.json');
    const sections = c['sections'] as Array<Record<string, unknown>>;
    const items = sections[1]!['items'] as Array<Record<string, unknown>>;
    items[0]!['severity'] = '高';
    items[0]!['code'] = 'T-S1-01';
    items[0]!['basis'] = [{ doc: 'NOPE', verified: true }];
    const ps = problemsOf(parseChecklist(c));
    expect(ps.map((p) => [p.path, p.code])).toEqual([
      ['sections[1].items[0].severity', 'badSeverity'],
      ['sections[1].items[0].code', 'duplicateItemCode'],
      ['sections[1].items[0].basis[0].doc', 'unknownDocument'],
      ['sections[1].items[0].basis[0].verified', 'verifiedWithoutArticle'],
    ]);
  });

  it('reports every semantic problem at once', () => {
    const c = fixtureJson('minimal.json');
    const sections = c['sections'] as Array<Record<string, unknown>>;
    sections[1]!['code'] = 'S1';
    const item = (sections[1]!['items'] as Array<Record<string, unknown>>)[0]!;
    item['code'] = 'T-S1-01';
    item['basis'] = [{ doc: 'NOPE', verified: false }];
    c['effectiveFrom'] = '2026-13-01';
    const ps = problemsOf(parseChecklist(c));
    expect(ps.map((p) => p.code)).toEqual(['invalidDate', 'duplicateSectionCode', 'duplicateItemCode', 'unknownDocument']);
    expect(ps[2]!.params).toEqual({ code: 'T-S1-01', firstPath: 'sections[0].items[0]' });
    expect(ps[2]!.where).toEqual({ section: { index: 1, code: 'S1' }, item: { index: 0, code: 'T-S1-01' } });
  });

  it('suggests the intended key for a typo', () => {
    const [p] = problemsOf(parseChecklistText(fixtureText('typo-key.json')));
    expect(p).toMatchObject({ code: 'unknownKey', params: { key: 'requirment', suggestion: 'requirement' } });
    expect(formatChecklistProblem(p!, 'zh-CN')).toBe(
      'sections[0].items[0].requirment (章节 S1 › 检查项 T-01): 无法识别的字段“requirment”（本应用不会忽略未知字段，以免拼写错误导致内容丢失）。是否应为“requirement”？',
    );
  });

  it('says what the severity must be, in words', () => {
    const c = fixtureJson('minimal.json');
    ((c['sections'] as Array<Record<string, unknown>>)[0]!['items'] as Array<Record<string, unknown>>)[0]!['severity'] = '高';
    const [p] = problemsOf(parseChecklist(c));
    expect(formatChecklistProblem(p!, 'zh-CN')).toBe(
      'sections[0].items[0].severity (章节 S1 › 检查项 T-S1-01): 风险等级必须是“一般”“较重”“重大”之一，当前为“高”',
    );
  });

  it('caps the list and says how many more there are', () => {
    const bad = badInputs.find((b) => b.name === 'hundreds of problems')!;
    const ps = problemsOf(bad.run());
    expect(ps).toHaveLength(201);
    // 300 bad severities, and the same code on 300 items: 299 repeats, found in the same round.
    expect(ps[200]).toMatchObject({ code: 'moreProblems', params: { count: 300 + 299 - 200 } });
  });

  it('returns a checklist whose objects carry no unknown keys', () => {
    const r = parseChecklist(fixtureJson('minimal.json'));
    expect(r.ok && Object.keys(r.value).sort()).toEqual(
      ['documents', 'effectiveFrom', 'format', 'id', 'issuer', 'sections', 'title', 'titleEn', 'version'].sort(),
    );
  });
});
