import { describe, expect, it } from 'vitest';
import {
  ORG_CODE_PATTERN,
  ORG_LEVELS,
  orgLevelRank,
  parseOrgLevel,
  validateOrgUnit,
  normalizeOrgUnit,
} from '../../../renderer/core/org/model';
import type { OrgUnitInput } from '../../../renderer/core/org/model';

const HQ: OrgUnitInput = { code: 'HQ', name: '总行', level: 'head', parentCode: null };
const BJ: OrgUnitInput = { code: 'BJ01', name: '北京分行', level: 'branch', parentCode: 'HQ' };
const CY: OrgUnitInput = { code: 'BJ01-CY', name: '朝阳支行', level: 'subbranch', parentCode: 'BJ01' };
const OUTLET: OrgUnitInput = { code: 'BJ01_CY_001', name: '朝阳门网点', level: 'outlet', parentCode: 'BJ01-CY' };
const TREE = [HQ, BJ, CY, OUTLET];

const codes = (input: Parameters<typeof validateOrgUnit>[0], existing: OrgUnitInput[] = TREE, options = {}) =>
  validateOrgUnit(input, existing, options).map((p) => p.code);

describe('levels', () => {
  it('ranks 总行 > 分行 > 支行 > 网点', () => {
    expect(ORG_LEVELS.map(orgLevelRank)).toEqual([0, 1, 2, 3]);
  });

  it('reads levels in Chinese or English', () => {
    expect(['总行', '分行', '支行', '网点'].map(parseOrgLevel)).toEqual(['head', 'branch', 'subbranch', 'outlet']);
    expect(['head', ' Branch ', 'SUBBRANCH', 'sub-branch', 'Head  Office', 'outlet'].map(parseOrgLevel)).toEqual([
      'head',
      'branch',
      'subbranch',
      'subbranch',
      'head',
      'outlet',
    ]);
    expect(parseOrgLevel('分理处')).toBeNull();
    expect(parseOrgLevel('toString')).toBeNull();
    expect(parseOrgLevel('')).toBeNull();
  });
});

describe('validateOrgUnit', () => {
  it('accepts a valid unit at every level', () => {
    expect(validateOrgUnit(HQ, [])).toEqual([]);
    expect(validateOrgUnit(OUTLET, [HQ, BJ, CY])).toEqual([]);
    expect(validateOrgUnit({ code: 'SH02', name: '上海分行', level: 'branch', parentCode: 'HQ' }, TREE)).toEqual([]);
    // A parent may skip levels: an outlet directly under a branch.
    expect(validateOrgUnit({ code: 'BJ01-900', name: '营业部', level: 'outlet', parentCode: 'BJ01' }, TREE)).toEqual([]);
  });

  it('checks the code: required, 2–32 of [A-Za-z0-9-_]', () => {
    expect(codes({ ...OUTLET, code: '' }, [])).toContain('org.codeRequired');
    expect(codes({ ...OUTLET, code: '   ' }, [])).toContain('org.codeRequired');
    for (const bad of ['A', 'a'.repeat(33), 'BJ 01', '北京01', 'BJ.01', 'BJ/01']) {
      const problems = validateOrgUnit({ ...HQ, code: bad }, []);
      expect(problems).toContainEqual({ code: 'org.codeInvalid', field: 'code', params: { value: bad, min: 2, max: 32 } });
    }
    for (const good of ['01', 'a'.repeat(32), 'BJ-01_x', '0000123']) {
      expect(ORG_CODE_PATTERN.test(good)).toBe(true);
      expect(validateOrgUnit({ ...HQ, code: good }, [])).toEqual([]);
    }
  });

  it('checks the name: 1–100 characters, no control characters', () => {
    expect(codes({ ...HQ, name: '  ' }, [])).toEqual(['org.nameRequired']);
    expect(codes({ ...HQ, name: '行'.repeat(100) }, [])).toEqual([]);
    expect(validateOrgUnit({ ...HQ, name: '行'.repeat(101) }, [])).toEqual([
      { code: 'org.nameTooLong', field: 'name', params: { max: 100, length: 101 } },
    ]);
    expect(codes({ ...HQ, name: '总\n行' }, [])).toEqual(['org.nameInvalid']);
  });

  it('checks the level', () => {
    expect(validateOrgUnit({ ...HQ, level: 'region' }, [])).toEqual([
      { code: 'org.levelInvalid', field: 'level', params: { value: 'region' } },
    ]);
    expect(codes({ ...HQ, level: '' }, [])).toEqual(['org.levelRequired']);
  });

  it('reports a duplicate code with the code', () => {
    expect(validateOrgUnit({ ...BJ, name: '另一个' }, TREE)).toEqual([
      { code: 'org.duplicateCode', field: 'code', params: { code: 'BJ01' } },
    ]);
    expect(codes({ ...BJ, code: ' BJ01 ' })).toEqual(['org.duplicateCode']);
  });

  it('requires the parent to exist and to rank higher', () => {
    expect(validateOrgUnit({ ...OUTLET, code: 'X1', parentCode: 'NOPE' }, TREE)).toEqual([
      { code: 'org.parentNotFound', field: 'parentCode', params: { parentCode: 'NOPE' } },
    ]);
    expect(validateOrgUnit({ code: 'X2', name: 'x', level: 'branch', parentCode: 'BJ01' }, TREE)).toEqual([
      { code: 'org.parentLevelNotHigher', field: 'parentCode', params: { parentCode: 'BJ01', parentLevel: 'branch', level: 'branch' } },
    ]);
    expect(codes({ code: 'X3', name: 'x', level: 'branch', parentCode: 'BJ01_CY_001' })).toEqual(['org.parentLevelNotHigher']);
    expect(codes({ code: 'X4', name: 'x', level: 'outlet', parentCode: 'X4' })).toEqual(['org.parentIsSelf']);
    expect(codes({ code: 'X5', name: 'x', level: 'head', parentCode: 'HQ' })).toEqual(['org.headHasParent']);
    expect(codes({ code: 'X6', name: 'x', level: 'outlet', parentCode: 'bad code' })).toEqual(['org.parentCodeInvalid']);
  });

  it('treats a blank parent as none and trims fields', () => {
    expect(validateOrgUnit({ code: ' SH ', name: ' 上海分行 ', level: 'branch', parentCode: '  ' }, TREE)).toEqual([]);
    expect(normalizeOrgUnit({ code: ' SH ', name: ' 上海 ', level: 'branch', parentCode: ' HQ ' })).toEqual({
      code: 'SH',
      name: '上海',
      level: 'branch',
      parentCode: 'HQ',
    });
  });

  it('allows an unknown parent for the own unit, but still checks a known one', () => {
    const own = { code: 'BJ01', name: '北京分行', level: 'branch' as const, parentCode: 'HQ' };
    expect(validateOrgUnit(own, [], { allowUnknownParent: true })).toEqual([]);
    expect(codes({ ...own, parentCode: 'BJ01-CY' }, [CY], { allowUnknownParent: true })).toEqual(['org.parentLevelNotHigher']);
  });

  it('lets a parent come from the same batch', () => {
    expect(codes(OUTLET, [HQ], { allowForwardParents: [BJ, CY, OUTLET] })).toEqual([]);
    expect(codes(OUTLET, [HQ], { allowForwardParents: [{ ...CY, level: 'outlet' }] })).toEqual(['org.parentLevelNotHigher']);
  });

  it('refuses a level change that would put a unit at or below its children', () => {
    const others = TREE.filter((u) => u.code !== 'BJ01-CY');
    expect(validateOrgUnit({ ...CY, level: 'outlet' }, others)).toEqual([
      { code: 'org.childLevelNotLower', field: 'level', params: { childCode: 'BJ01_CY_001', childLevel: 'outlet', level: 'outlet' } },
    ]);
    expect(validateOrgUnit({ ...CY, level: 'branch', parentCode: 'HQ' }, others)).toEqual([]);
  });
});
