// The findings an export of the 整改台账 reads, a page at a time, and what each row needs besides its
// finding. Kept apart from the package code (ledger-export.ts) so the export's reader worker
// (workers/sheet-rows.worker.ts) loads only this and the database.
import type { XbDb } from '../db';
import type { FindingRow } from '../types';
import type { InspectionRecord, OrgUnitRecord } from '../../core/ledger/records';
import type { SheetContext } from '../../core/ledger/sheet-rows';

/**
 * Every finding in ledger-number order, read a page at a time (each page its own short transaction).
 * The next page is asked for as soon as a page arrives, so the database reads it while the consumer
 * (the workbook writer) works on the current one. A small first page gets the consumer going sooner.
 */
export async function* pagedFindings(db: XbDb, pageSize = 2000, firstPageSize = pageSize): AsyncGenerator<FindingRow> {
  const read = (after: string | null, size: number): Promise<FindingRow[]> => (after === null ? db.findings.orderBy('ledgerNo').limit(size).toArray() : db.findings.where('ledgerNo').above(after).limit(size).toArray());
  let size = Math.max(1, firstPageSize);
  let next: Promise<FindingRow[]> | null = read(null, size);
  while (next !== null) {
    const page: FindingRow[] = await next;
    const last = page.at(-1);
    const full = page.length === size;
    size = pageSize;
    next = last === undefined || !full ? null : read(last.ledgerNo, size);
    // A consumer that stops early never awaits the page read ahead: its failure is nobody's to report.
    next?.catch(() => undefined);
    for (const f of page) yield f;
  }
}

/** The findings with these ids, in the order given, read a page at a time; ids no longer stored are skipped. */
export async function* findingsByIds(db: XbDb, ids: readonly string[], pageSize = 2000, firstPageSize = pageSize): AsyncGenerator<FindingRow> {
  for (let i = 0, size = Math.max(1, firstPageSize); i < ids.length; i += size, size = pageSize) {
    for (const f of await db.findings.bulkGet(ids.slice(i, i + size))) if (f) yield f;
  }
}

/** Which findings an export of the 整改台账 takes: every one in ledger-number order, or these, in this order. */
export type FindingSource = { kind: 'all' } | { kind: 'ids'; ids: readonly string[] };

/** The findings of `source`, paged (voided ones included: the sheet leaves them out). */
export const sourceFindings = (db: XbDb, source: FindingSource, firstPageSize?: number): AsyncGenerator<FindingRow> =>
  source.kind === 'all' ? pagedFindings(db, 2000, firstPageSize) : findingsByIds(db, source.ids, 2000, firstPageSize);

/** What every 整改台账 row needs besides its finding: unit names and inspections, read in one transaction. */
export async function readSheetContext(db: XbDb, asOf: string): Promise<SheetContext> {
  const [orgUnits, inspections] = await db.transaction('r', [db.orgUnits, db.inspections], () => Promise.all([db.orgUnits.toArray(), db.inspections.toArray()]));
  return sheetContextOf({ orgUnits, inspections }, asOf);
}

export const sheetContextOf = (data: { orgUnits: readonly OrgUnitRecord[]; inspections: readonly InspectionRecord[] }, asOf: string): SheetContext => ({
  unitsByCode: new Map(data.orgUnits.map((u) => [u.code, u])),
  inspectionsById: new Map(data.inspections.map((i) => [i.id, i])),
  asOf,
});
