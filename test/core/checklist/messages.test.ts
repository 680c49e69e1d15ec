import { describe, expect, it } from 'vitest';
import { CHECKLIST_PROBLEM_CODES, type ChecklistProblem } from '../../../renderer/core/checklist/problems';
import { describeChecklistProblem, enUS, formatChecklistProblem, zhCN } from '../../../renderer/core/checklist/messages';
import { badInputs } from './bad-inputs';

const LANGS = ['zh-CN', 'en-US'] as const;

function corpus(): ChecklistProblem[] {
  return badInputs.flatMap((b) => {
    const r = b.run();
    return r.ok ? [] : r.error;
  });
}

function placeholders(template: string): string[] {
  return [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!).sort();
}

describe('checklist problem messages', { timeout: 30_000 }, () => {
  const problems = corpus();

  it('the corpus produces every problem code', () => {
    const seen = new Set(problems.map((p) => p.code));
    expect(CHECKLIST_PROBLEM_CODES.filter((c) => !seen.has(c))).toEqual([]);
  });

  it.each(LANGS)('every problem reads as "path: reason" in %s, without raw zod English or unfilled placeholders', (lang) => {
    for (const p of problems) {
      const line = formatChecklistProblem(p, lang);
      const { location, reason } = describeChecklistProblem(p, lang);
      expect(reason.trim().length).toBeGreaterThan(3);
      expect(line).toBe(`${location}: ${reason}`);
      if (p.path !== '') expect(location.startsWith(p.path)).toBe(true);
      expect(line).not.toMatch(/\{\w+\}/);
      expect(line).not.toMatch(/Invalid input|Too big|Too small|Unrecognized key|received undefined|undefined|NaN|\[object/);
    }
  });

  it('Chinese messages are in Chinese', () => {
    for (const p of problems) expect(describeChecklistProblem(p, 'zh-CN').reason).toMatch(/[\u4e00-\u9fff]/);
  });

  it('both languages use the same placeholders for each message', () => {
    for (const code of CHECKLIST_PROBLEM_CODES) expect([code, placeholders(enUS.problems[code])]).toEqual([code, placeholders(zhCN.problems[code])]);
    for (const reason of Object.keys(zhCN.jsonReasons) as Array<keyof typeof zhCN.jsonReasons>) {
      expect([reason, placeholders(enUS.jsonReasons[reason])]).toEqual([reason, placeholders(zhCN.jsonReasons[reason])]);
    }
    expect(Object.keys(enUS.fields).sort()).toEqual(Object.keys(zhCN.fields).sort());
  });

  it('labels fields in the reader\'s language', () => {
    const p: ChecklistProblem = { path: 'sections[0].items[0].method', code: 'required', params: { field: 'method' }, where: null };
    expect(formatChecklistProblem(p, 'zh-CN')).toBe('sections[0].items[0].method: 缺少必填项“检查方法”');
    expect(formatChecklistProblem(p, 'en-US')).toBe('sections[0].items[0].method: The required field "method" is missing');
  });

  it('names the section, item and basis in the location', () => {
    const p: ChecklistProblem = {
      path: 'sections[0].items[2].basis[1].doc',
      code: 'unknownDocument',
      params: { doc: 'X' },
      where: { section: { index: 0, code: 'PUB' }, item: { index: 2, code: 'B-PUB-03' }, basis: 1 },
    };
    expect(describeChecklistProblem(p, 'zh-CN').location).toBe('sections[0].items[2].basis[1].doc (章节 PUB › 检查项 B-PUB-03 › 依据 2)');
    expect(describeChecklistProblem(p, 'en-US').location).toBe('sections[0].items[2].basis[1].doc (section PUB › item B-PUB-03 › basis 2)');
  });
});
