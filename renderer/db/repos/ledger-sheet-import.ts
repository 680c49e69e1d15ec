// An edited 整改台账 workbook applied to the findings (issue 6 item 8): the rows are matched to stored
// findings by ID or 台账编号, core/ledger/sheet-import.ts decides every row, and either every change is
// written in one transaction, through the same writeFinding as a person's edit (rev + 1, localSeq, one
// history entry per finding), or nothing is. A preview runs the same steps without writing.
import type { XbDb } from '../db';
import type { FindingRow } from '../types';
import { nowIso } from '../clock';
import { todayLocal } from '../today';
import { currentActor } from './actor';
import { findingWriteTables, writeFinding } from './findings';
import { appError, err, ok, type Result } from '../../core/result';
import type { FindingStatus } from '../../core/finding/model';
import { createSheetImportPlanner, EXCEL_IMPORT_REASON, MAX_LISTED_PROBLEMS, type ParsedLedgerSheets, type SheetImportProblem } from '../../core/ledger/sheet-import';

export type SheetImportChange = { sheet: string; row: number; ledgerNo: string; fields: string[]; from: FindingStatus; to: FindingStatus };

export type SheetImportOutcome = {
  /** Non-blank data rows in the file. */
  rowCount: number;
  updated: number;
  unchanged: number;
  /** At most MAX_LISTED_PROBLEMS of problemCount. */
  problems: SheetImportProblem[];
  problemCount: number;
  badRows: number;
  /** The findings that change, at most MAX_LISTED_PROBLEMS of `updated`, in row order. */
  changes: SheetImportChange[];
  /** True when the changes were written (a commit run with no problem). */
  committed: boolean;
};

export type SheetImportOptions = {
  /** Write when there is no problem; false: a preview that writes nothing. */
  commit: boolean;
  signal?: AbortSignal;
  onProgress?: (done: number, total: number, phase: 'checking' | 'writing') => void;
};

const PAGE = 2000;
const PROGRESS_EVERY = 250;

class Cancelled extends Error {}

/**
 * Errors: setup.notDone, job.cancelled. Row problems are not errors: they are in the outcome, which then
 * says nothing was committed.
 */
export async function importLedgerSheet(db: XbDb, parsed: ParsedLedgerSheets, options: SheetImportOptions): Promise<Result<SheetImportOutcome>> {
  const { commit, signal, onProgress } = options;
  const tables = findingWriteTables(db);
  const work = async (): Promise<Result<SheetImportOutcome>> => {
    const actor = await currentActor(db);
    if (!actor.ok) return actor;
    const at = nowIso();

    const byId = new Map<string, FindingRow>();
    const byLedgerNo = new Map<string, FindingRow>();
    const keep = (f: FindingRow | undefined): void => {
      if (!f) return;
      byId.set(f.id, f);
      byLedgerNo.set(f.ledgerNo, f);
    };
    const ids = [...new Set(parsed.rows.map((r) => r.id).filter((id) => id !== ''))];
    const ledgerNos = [...new Set(parsed.rows.map((r) => r.ledgerNo).filter((no) => no !== ''))];
    for (let i = 0; i < ids.length; i += PAGE) (await db.findings.bulkGet(ids.slice(i, i + PAGE))).forEach(keep);
    for (let i = 0; i < ledgerNos.length; i += PAGE) (await db.findings.where('ledgerNo').anyOf(ledgerNos.slice(i, i + PAGE)).toArray()).forEach(keep);

    const planner = createSheetImportPlanner(parsed, { byId, byLedgerNo }, { today: todayLocal(), actor: actor.value.inspectorName });
    const total = parsed.rows.length;
    for (const [n, row] of parsed.rows.entries()) {
      if (signal?.aborted) throw new Cancelled();
      if (n % PROGRESS_EVERY === 0) onProgress?.(n, total, 'checking');
      planner.add(row);
    }
    const plan = planner.result();
    const outcome: SheetImportOutcome = {
      rowCount: plan.rowCount,
      updated: plan.updates.length,
      unchanged: plan.unchanged,
      problems: plan.problems,
      problemCount: plan.problemCount,
      badRows: plan.badRows,
      changes: plan.updates.slice(0, MAX_LISTED_PROBLEMS).map((u) => ({
        sheet: u.sheet,
        row: u.row,
        ledgerNo: u.current.ledgerNo,
        fields: u.changes.map((c) => c.field),
        from: u.current.status,
        to: u.next.status,
      })),
      committed: false,
    };
    if (!commit || plan.problemCount > 0 || plan.updates.length === 0) return ok(outcome);

    const ctx = { actor: actor.value, at };
    for (const [n, u] of plan.updates.entries()) {
      // Throwing aborts the transaction: a cancelled import leaves nothing behind.
      if (signal?.aborted) throw new Cancelled();
      if (n % PROGRESS_EVERY === 0) onProgress?.(n, plan.updates.length, 'writing');
      await writeFinding(db, ctx, u.current.id, byId.get(u.current.id), u.next, {
        action: u.transition === null ? 'update' : 'transition',
        ...(u.transition === null ? {} : { transition: u.transition }),
        changes: u.changes,
        reason: EXCEL_IMPORT_REASON,
      });
    }
    return ok({ ...outcome, committed: true });
  };
  try {
    return await (commit ? db.transaction('rw', tables, work) : db.transaction('r', tables, work));
  } catch (error) {
    if (error instanceof Cancelled) return err(appError('job.cancelled'));
    throw error;
  }
}
