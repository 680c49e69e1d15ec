// Organisation units (机构, ARCHITECTURE §5): levels, the input shape, and the rules a unit must satisfy
// against the units already known. This module is the org surface the rest of the app imports from.
import type { OrgRowProblem } from './rows';

export const ORG_LEVELS = ['head', 'branch', 'subbranch', 'outlet'] as const;
export type OrgLevel = (typeof ORG_LEVELS)[number];

export const isOrgLevel = (value: string): value is OrgLevel => (ORG_LEVELS as readonly string[]).includes(value);

/** 0 for 总行 … 3 for 网点: a parent's rank is always strictly smaller than its child's. */
export const orgLevelRank = (level: OrgLevel): number => ORG_LEVELS.indexOf(level);

// What people type in a level column: the Chinese names, our codes, and the English names.
const LEVEL_WORDS: Record<string, OrgLevel> = {
  总行: 'head',
  分行: 'branch',
  支行: 'subbranch',
  网点: 'outlet',
  营业网点: 'outlet',
  head: 'head',
  'head office': 'head',
  branch: 'branch',
  subbranch: 'subbranch',
  'sub-branch': 'subbranch',
  'sub branch': 'subbranch',
  outlet: 'outlet',
};

/** Reads a level written in Chinese or English (case and surrounding spaces ignored); null if unknown. */
export function parseOrgLevel(text: string): OrgLevel | null {
  const key = text.trim().toLowerCase().replace(/\s+/g, ' ');
  return Object.hasOwn(LEVEL_WORDS, key) ? (LEVEL_WORDS[key] ?? null) : null;
}

export type OrgUnitInput = {
  /** 机构代码: the bank's own code; ledger numbers start with it. */
  code: string;
  name: string;
  level: OrgLevel;
  /** null for the top of the known tree (the head office, or the own unit when its parent is not recorded). */
  parentCode: string | null;
};

/** A unit as it arrives from a form or a file, before its level is known to be valid. */
export type OrgUnitDraft = Omit<OrgUnitInput, 'level'> & { level: string };

export const ORG_CODE_MIN = 2;
export const ORG_CODE_MAX = 32;
export const ORG_NAME_MAX = 100;
export const ORG_CODE_PATTERN = /^[A-Za-z0-9_-]{2,32}$/;
// Line breaks and other control characters come from pasted cells and break lists and ledgers.
const hasControlChar = (text: string): boolean =>
  [...text].some((c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f;
  });

export const ORG_PROBLEM_CODES = [
  'org.codeRequired',
  'org.codeInvalid',
  'org.nameRequired',
  'org.nameTooLong',
  'org.nameInvalid',
  'org.levelRequired',
  'org.levelInvalid',
  'org.duplicateCode',
  'org.headHasParent',
  'org.parentIsSelf',
  'org.parentCodeInvalid',
  'org.parentNotFound',
  'org.parentLevelNotHigher',
  'org.childLevelNotLower',
  'org.import.empty',
  'org.import.missingColumn',
  'org.import.duplicateColumn',
  'org.import.duplicateInFile',
  'org.import.tooManyRows',
] as const;
export type OrgProblemCode = (typeof ORG_PROBLEM_CODES)[number];

export type OrgField = 'code' | 'name' | 'level' | 'parentCode';
export type OrgProblemParams = Record<string, string | number>;

/** One broken rule; `field` names the form field to mark. */
export type OrgProblem = { code: OrgProblemCode; field: OrgField; params: OrgProblemParams };

export type ValidateOrgOptions = {
  /** The parent may be a unit not recorded here: the own unit at first start, whose superior is unknown. */
  allowUnknownParent?: boolean;
  /** Units arriving in the same batch (an import file): a parent may be among them though not saved yet. */
  allowForwardParents?: readonly OrgUnitDraft[];
};

/** Trims code, name and parent, and turns a blank parent into null: the form in which units are checked and saved. */
export function normalizeOrgUnit(unit: OrgUnitInput): OrgUnitInput;
export function normalizeOrgUnit(unit: OrgUnitDraft): OrgUnitDraft;
export function normalizeOrgUnit(unit: OrgUnitDraft): OrgUnitDraft {
  const parent = unit.parentCode?.trim() ?? '';
  return { ...unit, code: unit.code.trim(), name: unit.name.trim(), parentCode: parent === '' ? null : parent };
}

/** Lookups built once per batch, so validating a file of n units against m units stays O(n + m). */
export type OrgIndex = {
  byCode: ReadonlyMap<string, OrgUnitDraft>;
  childrenOf: ReadonlyMap<string, readonly OrgUnitDraft[]>;
  forward: ReadonlyMap<string, OrgUnitDraft>;
};

export function buildOrgIndex(existing: readonly OrgUnitDraft[], forward: readonly OrgUnitDraft[] = []): OrgIndex {
  const byCode = new Map<string, OrgUnitDraft>();
  const childrenOf = new Map<string, OrgUnitDraft[]>();
  for (const raw of existing) {
    const unit = normalizeOrgUnit(raw);
    if (!byCode.has(unit.code)) byCode.set(unit.code, unit);
    if (unit.parentCode !== null) {
      const siblings = childrenOf.get(unit.parentCode);
      if (siblings) siblings.push(unit);
      else childrenOf.set(unit.parentCode, [unit]);
    }
  }
  const forwardByCode = new Map<string, OrgUnitDraft>();
  for (const raw of forward) {
    const unit = normalizeOrgUnit(raw);
    if (!forwardByCode.has(unit.code)) forwardByCode.set(unit.code, unit);
  }
  return { byCode, childrenOf, forward: forwardByCode };
}

/** The rules on a unit's own fields, needing no other unit. */
export function checkOrgFields(unit: OrgUnitDraft): OrgProblem[] {
  const problems: OrgProblem[] = [];
  if (unit.code === '') problems.push({ code: 'org.codeRequired', field: 'code', params: {} });
  else if (!ORG_CODE_PATTERN.test(unit.code)) {
    problems.push({ code: 'org.codeInvalid', field: 'code', params: { value: unit.code, min: ORG_CODE_MIN, max: ORG_CODE_MAX } });
  }
  if (unit.name === '') problems.push({ code: 'org.nameRequired', field: 'name', params: {} });
  else if (unit.name.length > ORG_NAME_MAX) {
    problems.push({ code: 'org.nameTooLong', field: 'name', params: { max: ORG_NAME_MAX, length: unit.name.length } });
  } else if (hasControlChar(unit.name)) problems.push({ code: 'org.nameInvalid', field: 'name', params: {} });
  if (unit.level === '') problems.push({ code: 'org.levelRequired', field: 'level', params: {} });
  else if (!isOrgLevel(unit.level)) problems.push({ code: 'org.levelInvalid', field: 'level', params: { value: unit.level } });
  return problems;
}

/**
 * The rules between a unit and the others: parent exists and ranks higher, children rank lower. Because
 * every parent ranks strictly higher than its child, a chain of parents can never loop back.
 */
export function checkOrgRelations(unit: OrgUnitDraft, index: OrgIndex, options: ValidateOrgOptions = {}): OrgProblem[] {
  const problems: OrgProblem[] = [];
  const level = isOrgLevel(unit.level) ? unit.level : null;
  const parentCode = unit.parentCode;
  if (parentCode !== null) {
    if (level === 'head') {
      problems.push({ code: 'org.headHasParent', field: 'parentCode', params: { parentCode } });
    } else if (parentCode === unit.code) {
      problems.push({ code: 'org.parentIsSelf', field: 'parentCode', params: { code: unit.code } });
    } else if (!ORG_CODE_PATTERN.test(parentCode)) {
      problems.push({ code: 'org.parentCodeInvalid', field: 'parentCode', params: { value: parentCode } });
    } else {
      const parent = index.byCode.get(parentCode) ?? index.forward.get(parentCode);
      if (parent === undefined) {
        if (!options.allowUnknownParent) problems.push({ code: 'org.parentNotFound', field: 'parentCode', params: { parentCode } });
      } else if (level !== null && isOrgLevel(parent.level) && orgLevelRank(parent.level) >= orgLevelRank(level)) {
        problems.push({
          code: 'org.parentLevelNotHigher',
          field: 'parentCode',
          params: { parentCode, parentLevel: parent.level, level },
        });
      }
    }
  }
  if (level !== null) {
    for (const child of index.childrenOf.get(unit.code) ?? []) {
      if (isOrgLevel(child.level) && orgLevelRank(child.level) <= orgLevelRank(level)) {
        problems.push({ code: 'org.childLevelNotLower', field: 'level', params: { childCode: child.code, childLevel: child.level, level } });
      }
    }
  }
  return problems;
}

/**
 * Every problem with a unit about to be added or changed. `existing` are the other live units: leave the unit
 * being edited out of it, or its own code counts as a duplicate. Fields are compared after trimming.
 */
export function validateOrgUnit(input: OrgUnitDraft, existing: readonly OrgUnitInput[], options: ValidateOrgOptions = {}): OrgProblem[] {
  const unit = normalizeOrgUnit(input);
  const index = buildOrgIndex(existing, options.allowForwardParents);
  const problems = checkOrgFields(unit);
  if (unit.code !== '' && index.byCode.has(unit.code)) {
    problems.push({ code: 'org.duplicateCode', field: 'code', params: { code: unit.code } });
  }
  return [...problems, ...checkOrgRelations(unit, index, options)];
}

/** What formatOrgProblem accepts: a form problem, or a file problem with its row and column. */
export type AnyOrgProblem = OrgProblem | OrgRowProblem;
// The words live in messages.ts; they are re-exported here so the org surface is one import.
export { ORG_LEVEL_LABELS, ORG_MESSAGES, formatOrgProblem, orgLevelLabel, type OrgLang } from './messages';

/** The codes of `roots` and of every unit below them (a cycle in the tree cannot loop). */
export function unitsWithin(roots: readonly string[], units: readonly { code: string; parentCode: string | null }[]): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units) {
    if (u.parentCode === null) continue;
    const list = children.get(u.parentCode);
    if (list) list.push(u.code);
    else children.set(u.parentCode, [u.code]);
  }
  const out = new Set<string>();
  const stack = [...roots];
  for (let code = stack.pop(); code !== undefined; code = stack.pop()) {
    if (out.has(code)) continue;
    out.add(code);
    stack.push(...(children.get(code) ?? []));
  }
  return out;
}
