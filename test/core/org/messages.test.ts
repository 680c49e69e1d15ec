import { describe, expect, it } from 'vitest';
import { ORG_LEVEL_LABELS, ORG_MESSAGES, ORG_PROBLEM_CODES, formatOrgProblem, orgLevelLabel } from '../../../renderer/core/org/model';
import type { OrgLang } from '../../../renderer/core/org/model';
import { parseOrgRows } from '../../../renderer/core/org/rows';

const LANGS: OrgLang[] = ['zh-CN', 'en-US'];

describe('org messages', () => {
  it('has a message in both languages for every problem code, and nothing else', () => {
    for (const lang of LANGS) {
      expect(Object.keys(ORG_MESSAGES[lang].problems).sort()).toEqual([...ORG_PROBLEM_CODES].sort());
      for (const code of ORG_PROBLEM_CODES) expect(ORG_MESSAGES[lang].problems[code].trim()).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    const names = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of ORG_PROBLEM_CODES) {
      expect(names(ORG_MESSAGES['en-US'].problems[code]), code).toEqual(names(ORG_MESSAGES['zh-CN'].problems[code]));
    }
  });

  it('labels the levels 总行/分行/支行/网点', () => {
    expect(Object.values(ORG_LEVEL_LABELS).map((l) => l['zh-CN'])).toEqual(['总行', '分行', '支行', '网点']);
    expect(orgLevelLabel('subbranch', 'en-US')).toBe('Sub-branch');
  });

  it('formats a form problem, translating levels', () => {
    const p = { code: 'org.parentLevelNotHigher', field: 'parentCode', params: { parentCode: 'B4', parentLevel: 'outlet', level: 'branch' } } as const;
    expect(formatOrgProblem(p, 'zh-CN')).toBe('上级机构“B4”是网点，层级必须高于本机构（分行）');
    expect(formatOrgProblem(p, 'en-US')).toBe('The parent unit “B4” (level: Outlet) must rank above this unit (level: Branch)');
  });

  it('puts the row and column in front of a file problem', () => {
    const parsed = parseOrgRows([['机构代码', '机构名称', '层级', '上级机构代码'], ['HQ', '', '总行', '']], []);
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.error.map((p) => formatOrgProblem(p, 'zh-CN'))).toEqual(['第 2 行“机构名称”列：请填写机构名称']);
    expect(parsed.error.map((p) => formatOrgProblem(p, 'en-US'))).toEqual(['Row 2, column “机构名称”: Enter the unit name']);
    expect(formatOrgProblem({ row: 1, column: '', code: 'org.import.missingColumn', params: { field: 'parentCode' } }, 'zh-CN')).toBe(
      '第 1 行：缺少“上级机构代码”列',
    );
    expect(formatOrgProblem({ row: 0, column: '', code: 'org.import.empty', params: {} }, 'en-US')).toBe('The file has no units in it');
  });

  it('leaves no placeholder unfilled for the problems the rules produce', () => {
    const parsed = parseOrgRows(
      [
        ['code', 'name', 'level', 'parent', 'code'],
        ['x', '行'.repeat(101), 'zz', 'x'],
      ],
      [],
    );
    const again = parseOrgRows(
      [
        ['code', 'name', 'level', 'parent'],
        ['HQ', 'h', 'head', 'P'],
        ['B1', 'b', 'branch', 'B1'],
        ['B2', 'b', 'branch', 'B1'],
        ['B2', 'b', 'branch', 'a b'],
        ['B3', '', '', 'NOPE'],
      ],
      [{ code: 'HQ', name: 'h', level: 'head', parentCode: null }],
    );
    const all = [...(parsed.ok ? [] : parsed.error), ...(again.ok ? [] : again.error)];
    expect(all.length).toBeGreaterThan(8);
    for (const lang of LANGS) for (const p of all) expect(formatOrgProblem(p, lang)).not.toMatch(/\{\w+\}/);
  });
});
