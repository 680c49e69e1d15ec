import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ORG_LEVELS } from '../../../renderer/core/org/model';
import type { OrgLevel, OrgUnitInput } from '../../../renderer/core/org/model';
import { ORG_IMPORT_MAX_ROWS, parseOrgRows } from '../../../renderer/core/org/rows';
import type { OrgRowProblem } from '../../../renderer/core/org/rows';

const ZH_HEADER = ['机构代码', '机构名称', '层级', '上级机构代码'];
const EN_HEADER = ['code', 'name', 'level', 'parent'];
const ZH_LEVEL: Record<OrgLevel, string> = { head: '总行', branch: '分行', subbranch: '支行', outlet: '网点' };

const units = (rows: string[][], existing: OrgUnitInput[] = []): OrgUnitInput[] => {
  const result = parseOrgRows(rows, existing);
  if (!result.ok) throw new Error(JSON.stringify(result.error));
  return result.value.units;
};
const problems = (rows: string[][], existing: OrgUnitInput[] = []): OrgRowProblem[] => {
  const result = parseOrgRows(rows, existing);
  if (result.ok) throw new Error('expected problems');
  return result.error;
};

describe('parseOrgRows', () => {
  it('reads Chinese headers and levels', () => {
    expect(
      units([
        ZH_HEADER,
        ['HQ', '总行', '总行', ''],
        ['BJ01', '北京分行', '分行', 'HQ'],
        ['BJ01-01', '朝阳支行', '支行', 'BJ01'],
      ]),
    ).toEqual([
      { code: 'HQ', name: '总行', level: 'head', parentCode: null },
      { code: 'BJ01', name: '北京分行', level: 'branch', parentCode: 'HQ' },
      { code: 'BJ01-01', name: '朝阳支行', level: 'subbranch', parentCode: 'BJ01' },
    ]);
  });

  it('reads English headers in any order, marked headers, extra columns and blank rows', () => {
    expect(
      units([
        [],
        ['', ''],
        ['Parent', '备注', 'Level', 'Name', 'CODE'],
        ['', 'ignored', 'head', 'Head office', 'HQ'],
        ['', '', '', '', ''],
        ['HQ', '', 'Outlet', ' Outlet 1 ', ' O1 '],
      ]),
    ).toEqual([
      { code: 'HQ', name: 'Head office', level: 'head', parentCode: null },
      { code: 'O1', name: 'Outlet 1', level: 'outlet', parentCode: 'HQ' },
    ]);
    expect(units([['机构代码*', '机构名称（必填）', ' 层级 ', 'parent_code'], ['HQ', '总行', '总行', '']])).toHaveLength(1);
  });

  it('accepts parents that appear later in the file, and parents already recorded', () => {
    expect(
      units(
        [EN_HEADER, ['O1', '网点一', '网点', 'S1'], ['S1', '支行一', '支行', 'BJ01']],
        [{ code: 'BJ01', name: '北京分行', level: 'branch', parentCode: null }],
      ).map((u) => u.code),
    ).toEqual(['O1', 'S1']);
  });

  it('reports every bad row with its row number and column as written', () => {
    expect(
      problems([
        ['机构代码', '机构名称', '层级', '上级机构代码'],
        ['HQ', '总行', '总行', ''],
        ['B 1', '', '分理处', 'HQ'],
        ['B2', '分行二', '分行', 'NOPE'],
        ['B3', '分行三', '网点', 'B4'],
        ['B4', '网点四', '网点', 'HQ'],
      ]),
    ).toEqual([
      { row: 3, column: '机构代码', code: 'org.codeInvalid', params: { value: 'B 1', min: 2, max: 32 } },
      { row: 3, column: '机构名称', code: 'org.nameRequired', params: {} },
      { row: 3, column: '层级', code: 'org.levelInvalid', params: { value: '分理处' } },
      { row: 4, column: '上级机构代码', code: 'org.parentNotFound', params: { parentCode: 'NOPE' } },
      {
        row: 5,
        column: '上级机构代码',
        code: 'org.parentLevelNotHigher',
        params: { parentCode: 'B4', parentLevel: 'outlet', level: 'outlet' },
      },
    ]);
  });

  it('reports duplicates within the file and against recorded units', () => {
    expect(
      problems(
        [EN_HEADER, ['HQ', 'a', 'head', ''], ['B1', 'b', 'branch', 'HQ'], ['B1', 'c', 'branch', 'HQ'], ['B1', 'd', 'branch', 'HQ']],
        [{ code: 'HQ', name: '总行', level: 'head', parentCode: null }],
      ),
    ).toEqual([
      { row: 2, column: 'code', code: 'org.duplicateCode', params: { code: 'HQ' } },
      { row: 4, column: 'code', code: 'org.import.duplicateInFile', params: { code: 'B1', firstRow: 3 } },
      { row: 5, column: 'code', code: 'org.import.duplicateInFile', params: { code: 'B1', firstRow: 3 } },
    ]);
  });

  it('reports missing and repeated columns against the header row', () => {
    expect(problems([['备注'], ['x', 'y']])).toEqual([
      { row: 1, column: '', code: 'org.import.missingColumn', params: { field: 'code' } },
      { row: 1, column: '', code: 'org.import.missingColumn', params: { field: 'name' } },
      { row: 1, column: '', code: 'org.import.missingColumn', params: { field: 'level' } },
      { row: 1, column: '', code: 'org.import.missingColumn', params: { field: 'parentCode' } },
    ]);
    expect(problems([[...ZH_HEADER, 'code']])).toEqual([
      { row: 1, column: 'code', code: 'org.import.duplicateColumn', params: { field: 'code' } },
    ]);
  });

  it('reports an empty file or a header without rows', () => {
    expect(problems([])).toEqual([{ row: 0, column: '', code: 'org.import.empty', params: {} }]);
    expect(problems([[''], []])).toEqual([{ row: 0, column: '', code: 'org.import.empty', params: {} }]);
    expect(problems([ZH_HEADER, ['', '']])).toEqual([{ row: 1, column: '', code: 'org.import.empty', params: {} }]);
  });

  it('caps the number of rows', () => {
    const rows = [EN_HEADER, ...Array.from({ length: ORG_IMPORT_MAX_ROWS + 1 }, (_, i) => [`U${i}`, 'n', 'head', ''])];
    expect(problems(rows)).toEqual([{ row: 0, column: '', code: 'org.import.tooManyRows', params: { max: ORG_IMPORT_MAX_ROWS } }]);
  });

  it('validates a file at the cap quickly', () => {
    const rows = [
      EN_HEADER,
      ['HQ', '总行', 'head', ''],
      ...Array.from({ length: ORG_IMPORT_MAX_ROWS - 1 }, (_, i) => [`O${i}`, `网点${i}`, 'outlet', 'HQ']),
    ];
    const existing = Array.from({ length: 5_000 }, (_, i): OrgUnitInput => ({ code: `E${i}`, name: 'e', level: 'outlet', parentCode: null }));
    expect(units(rows, existing)).toHaveLength(ORG_IMPORT_MAX_ROWS);
  });
});

/** A random valid tree: every unit's parent is an earlier unit of strictly higher rank. */
const validTree = fc
  .array(fc.tuple(fc.integer({ min: 1, max: 3 }), fc.nat()), { minLength: 0, maxLength: 40 })
  .map((specs) => {
    const tree: OrgUnitInput[] = [{ code: 'U0', name: '总行', level: 'head', parentCode: null }];
    specs.forEach(([rank, pick], i) => {
      const candidates = tree.filter((u) => ORG_LEVELS.indexOf(u.level) < rank);
      const parent = candidates[pick % candidates.length]!;
      tree.push({ code: `U${i + 1}`, name: `机构${i + 1}`, level: ORG_LEVELS[rank]!, parentCode: parent.code });
    });
    return tree;
  });

describe('parseOrgRows properties', () => {
  it('accepts any valid tree in any row order, with either header language', () => {
    fc.assert(
      fc.property(validTree.chain((tree) => fc.tuple(fc.constant(tree), fc.shuffledSubarray(tree, { minLength: tree.length }))), fc.boolean(), ([tree, shuffled], zh) => {
        const body = shuffled.map((u) => [u.code, u.name, zh ? ZH_LEVEL[u.level] : u.level, u.parentCode ?? '']);
        const parsed = units([zh ? ZH_HEADER : EN_HEADER, ...body]);
        expect(parsed).toEqual(shuffled);
        expect(new Set(parsed.map((u) => u.code))).toEqual(new Set(tree.map((u) => u.code)));
      }),
      { numRuns: 200 },
    );
  });

  it('rejects the whole file when any one row is broken, and names that row', () => {
    fc.assert(
      fc.property(validTree, fc.nat(), (tree, pick) => {
        const body = tree.map((u) => [u.code, u.name, u.level, u.parentCode ?? '']);
        const broken = pick % body.length;
        body[broken] = [body[broken]![0]!, '', body[broken]![2]!, body[broken]![3]!];
        const found = problems([EN_HEADER, ...body]);
        expect(found).toEqual([{ row: broken + 2, column: 'name', code: 'org.nameRequired', params: {} }]);
      }),
      { numRuns: 100 },
    );
  });
});
