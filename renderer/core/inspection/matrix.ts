// The matrix of checklist items × organisation units (机构总览 · 检查项矩阵): for one checklist id, each
// cell holds the worst verdict the units of a column gave an item in their latest inspection, and the
// number of open findings on that item there. Versions line up by item code (codes are stable across
// versions, ARCHITECTURE §4), so an item asked only in some versions still has exactly one row.
// Which inspection counts: per unit, the latest completed one with the checklist id (any version); a
// unit with only drafts counts its latest draft. Open findings count whichever inspection raised them:
// they are the current state, not a result of the latest round.
import type { Checklist, Verdict } from '../checklist/schema';
import { allItems } from '../checklist/items';
import { compareVersions } from '../checklist/versions';
import type { FindingFields } from '../finding/model';
import { isCompleted } from '../finding/overdue';
import type { OrgLevel } from '../org/model';
import { orgForest, type TreeUnit } from '../org/tree';
import { compareRounds, type Round } from './cycle';

/** Better to worse: a cell shows the worst verdict of its answers. */
export const VERDICT_SEVERITY: readonly Verdict[] = ['na', 'compliant', 'partial', 'noncompliant'];
const RANK = new Map<Verdict, number>(VERDICT_SEVERITY.map((v, i) => [v, i]));
const FAILING = RANK.get('partial') ?? 2;

export type MatrixVersion = { version: string; checklist: Checklist };
export type MatrixInspection = Round & { status: 'draft' | 'completed' };
export type MatrixAnswer = { inspectionId: string; itemCode: string; verdict: Verdict | null };
export type MatrixFinding = Pick<FindingFields, 'orgUnitCode' | 'itemCode' | 'checklistId' | 'status' | 'deletedAt'>;
export type MatrixUnit = TreeUnit & { name: string; level: OrgLevel };

export type MatrixRow = {
  code: string;
  /** From the newest installed version that has the item; null when no installed version has it. */
  requirement: string | null;
  section: string | null;
  /** The installed versions that have the item, newest first. */
  versions: string[];
  /** Columns whose worst verdict is 部分符合 or 不符合. */
  failing: number;
  /** Open findings on the item over all columns. */
  open: number;
};

export type MatrixColumn<U extends MatrixUnit> = {
  unit: U;
  /** Counted inspections of the column's units (the unit and, rolled up, those below it). */
  inspections: number;
  /** The newest date among them. */
  lastDate: string | null;
  /** Items whose worst verdict here is 部分符合 or 不符合. */
  failing: number;
  /** Open findings on the checklist's items here. */
  open: number;
};

export type MatrixCells = { worst: Int8Array; open: Uint32Array };

export type Matrix<U extends MatrixUnit> = {
  rows: MatrixRow[];
  columns: MatrixColumn<U>[];
  /** Per row, per column: the index of the worst verdict in VERDICT_SEVERITY (-1: none), and open findings. */
  cells: MatrixCells[];
  /** Counted inspections of units without a column at this level (above it, or not recorded). */
  unplaced: number;
};

export type MatrixInput<U extends MatrixUnit> = {
  checklistId: string;
  versions: readonly MatrixVersion[];
  units: readonly U[];
  /** Columns are the units of this level; units below one are rolled up into it. */
  level: OrgLevel;
  inspections: readonly MatrixInspection[];
  answers: readonly MatrixAnswer[];
  findings: readonly MatrixFinding[];
};

const isBetter = (a: MatrixInspection, b: MatrixInspection): boolean =>
  a.status !== b.status ? a.status === 'completed' : compareRounds(a, b) > 0;

/** The inspection that counts for each unit (see the head of this file), by unit code. */
export function latestPerUnit<T extends MatrixInspection>(inspections: readonly T[], checklistId: string): Map<string, T> {
  const out = new Map<string, T>();
  for (const i of inspections) {
    if (i.deletedAt !== null || i.checklistId !== checklistId) continue;
    const current = out.get(i.orgUnitCode);
    if (!current || isBetter(i, current)) out.set(i.orgUnitCode, i);
  }
  return out;
}

/** One row per item code: the newest version's items in its order, then items only older versions have. */
export function lineUpItems(versions: readonly MatrixVersion[]): MatrixRow[] {
  const rows = new Map<string, MatrixRow>();
  const newestFirst = [...versions].sort((a, b) => compareVersions(b.version, a.version));
  for (const v of newestFirst) {
    for (const { item, section } of allItems(v.checklist)) {
      const row = rows.get(item.code);
      if (row) {
        if (!row.versions.includes(v.version)) row.versions.push(v.version);
      } else rows.set(item.code, { code: item.code, requirement: item.requirement, section: section.title, versions: [v.version], failing: 0, open: 0 });
    }
  }
  return [...rows.values()];
}

export function buildMatrix<U extends MatrixUnit>(input: MatrixInput<U>): Matrix<U> {
  const forest = orgForest(input.units);
  // Parents come before children in `order`, so one walk finds every unit's column.
  const columnOf = new Map<string, number>();
  const columns: MatrixColumn<U>[] = [];
  for (const u of forest.order) {
    if (u.level === input.level) {
      columnOf.set(u.code, columns.length);
      columns.push({ unit: u, inspections: 0, lastDate: null, failing: 0, open: 0 });
    } else {
      const parent = forest.placedParent.get(u.code);
      const col = parent ? columnOf.get(parent) : undefined;
      if (col !== undefined) columnOf.set(u.code, col);
    }
  }

  const rows = lineUpItems(input.versions);
  const rowOf = new Map(rows.map((r, i) => [r.code, i]));
  const cells: MatrixCells[] = rows.map(() => ({ worst: new Int8Array(columns.length).fill(-1), open: new Uint32Array(columns.length) }));
  // Codes no installed version has (an inspection pinned to a version not installed here) get a row too.
  const rowFor = (code: string): MatrixCells => {
    let index = rowOf.get(code);
    if (index === undefined) {
      index = rows.length;
      rowOf.set(code, index);
      rows.push({ code, requirement: null, section: null, versions: [], failing: 0, open: 0 });
      cells.push({ worst: new Int8Array(columns.length).fill(-1), open: new Uint32Array(columns.length) });
    }
    return cells[index] as MatrixCells;
  };

  const chosen = latestPerUnit(input.inspections, input.checklistId);
  const columnOfInspection = new Map<string, number>();
  let unplaced = 0;
  for (const i of chosen.values()) {
    const col = columnOf.get(i.orgUnitCode);
    const column = col === undefined ? undefined : columns[col];
    if (col === undefined || column === undefined) {
      unplaced += 1;
      continue;
    }
    columnOfInspection.set(i.id, col);
    column.inspections += 1;
    if (column.lastDate === null || i.date > column.lastDate) column.lastDate = i.date;
  }

  for (const a of input.answers) {
    if (a.verdict === null) continue;
    const col = columnOfInspection.get(a.inspectionId);
    const rank = RANK.get(a.verdict);
    if (col === undefined || rank === undefined) continue;
    const row = rowFor(a.itemCode);
    if (rank > (row.worst[col] ?? -1)) row.worst[col] = rank;
  }

  for (const f of input.findings) {
    if (f.deletedAt !== null || isCompleted(f) || f.checklistId !== input.checklistId || f.itemCode === null) continue;
    const col = columnOf.get(f.orgUnitCode);
    if (col === undefined) continue;
    const row = rowFor(f.itemCode);
    row.open[col] = (row.open[col] ?? 0) + 1;
  }

  rows.forEach((r, i) => {
    const c = cells[i];
    if (!c) return;
    columns.forEach((column, col) => {
      const open = c.open[col] ?? 0;
      if ((c.worst[col] ?? -1) >= FAILING) {
        r.failing += 1;
        column.failing += 1;
      }
      r.open += open;
      column.open += open;
    });
  });
  return { rows, columns, cells, unplaced };
}

export type MatrixCell = { worst: Verdict | null; open: number };

export function matrixCell<U extends MatrixUnit>(m: Matrix<U>, row: number, col: number): MatrixCell {
  const c = m.cells[row];
  const rank = c?.worst[col] ?? -1;
  return { worst: rank < 0 ? null : (VERDICT_SEVERITY[rank] ?? null), open: c?.open[col] ?? 0 };
}
