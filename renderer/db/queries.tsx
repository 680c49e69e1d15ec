// Named live-query hooks: the only way components read the database (STYLE §6). Each returns
// `undefined` while loading.
import { createContext, useContext, type ReactNode } from 'react';
import { useLiveQuery } from 'dexie-react-hooks';
import type { XbDb } from './db';

export type { XbDb, PreviousRound };
import type { AnswerRow, Attachment, DeviceSettings, FindingRow, HistoryRow, ImportRow, Inspection, LedgerExportRow, OrgUnit, Position, StoredChecklist, TrustedKeyRow, UiState } from './types';
import { importLog } from './repos/ledger-import';
import { pendingReturns } from './repos/ledger-export';
import { getSettings, getUiState } from './repos/settings';
import { checklistUsage } from './repos/checklists';
import { historyOf } from './repos/history';
import { previousRoundOf, type PreviousRound } from './repos/cycles';
import { useFindingSnapshot, type FindingSnapshot } from './finding-store';
import { useLiveOrgUnits, useLiveUnitLabel } from './org-unit-store';
import { inspectedChecklists, matrixSource, type MatrixSource } from './repos/matrix';
import type { HistoryEntityType } from '../core/audit/types';

const DbContext = createContext<XbDb | null>(null);

export function DbProvider({ db, children }: { db: XbDb; children: ReactNode }) {
  return <DbContext.Provider value={db}>{children}</DbContext.Provider>;
}

/** The open database, to pass to repository functions. */
export function useDb(): XbDb {
  const db = useContext(DbContext);
  if (!db) throw new Error('useDb outside DbProvider');
  return db;
}

/** null once loaded when first-start setup has not been done. */
export function useSettings(): DeviceSettings | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await getSettings(db)) ?? null, [db]);
}

export function useUiState(): UiState | undefined {
  const db = useDb();
  return useLiveQuery(() => getUiState(db), [db]);
}

/** The live (not deleted) units by code, shared by every component (org-unit-store.ts); undefined until first read. */
export function useOrgUnits(): OrgUnit[] | undefined {
  return useLiveOrgUnits(useDb());
}

/** "name（code）" of the unit with this code (the code alone while unknown); renders only when that label changes. */
export function useUnitLabel(code: string | undefined): string | undefined {
  return useLiveUnitLabel(useDb(), code);
}

export function useChecklists(): StoredChecklist[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.checklists.toArray(), [db]);
}

export function useChecklist(id: string | undefined, version: string | undefined): StoredChecklist | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (id && version ? ((await db.checklists.get([id, version])) ?? null) : null), [db, id, version]);
}

/** How many inspections pin each checklist version, keyed `id@version` (see usageKey). */
export function useChecklistUsage(): Map<string, number> | undefined {
  const db = useDb();
  return useLiveQuery(() => checklistUsage(db), [db]);
}

export function useInspections(): Inspection[] | undefined {
  const db = useDb();
  return useLiveQuery(
    async () => (await db.inspections.orderBy('updatedAt').reverse().toArray()).filter((i) => i.deletedAt === null),
    [db],
  );
}

export function useInspection(id: string | undefined): Inspection | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (id ? ((await db.inspections.get(id)) ?? null) : null), [db, id]);
}

export function useAnswers(inspectionId: string | undefined): AnswerRow[] | undefined {
  const db = useDb();
  return useLiveQuery(
    async () => (inspectionId ? db.answers.where('inspectionId').equals(inspectionId).toArray() : []),
    [db, inspectionId],
  );
}

/** Answers of every inspection, for the progress column of the inspection list. */
export function useAllAnswerCounts(): Map<string, AnswerRow[]> | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const byInspection = new Map<string, AnswerRow[]>();
    await db.answers.each((a) => {
      const list = byInspection.get(a.inspectionId);
      if (list) list.push(a);
      else byInspection.set(a.inspectionId, [a]);
    });
    return byInspection;
  }, [db]);
}

export function usePosition(inspectionId: string | undefined): Position | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (inspectionId ? ((await db.positions.get(inspectionId)) ?? null) : null), [db, inspectionId]);
}

/** Every finding, tombstones included, loaded page by page and then kept current (db/finding-store.ts). */
export function useFindingRows(): FindingSnapshot {
  return useFindingSnapshot(useDb());
}

export function useFinding(id: string | null | undefined): FindingRow | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (id ? ((await db.findings.get(id)) ?? null) : null), [db, id]);
}

/** The findings of one inspection, by item code (tombstones included: the runner shows them as voided). */
export function useInspectionFindings(inspectionId: string | undefined): Map<string, FindingRow> | undefined {
  const db = useDb();
  return useLiveQuery(async () => {
    const rows = inspectionId ? await db.findings.where('inspectionId').equals(inspectionId).toArray() : [];
    return new Map(rows.flatMap((f) => (f.itemCode === null ? [] : [[f.itemCode, f] as const])));
  }, [db, inspectionId]);
}

/** The previous inspection of the series with its answers and findings by item code; null for a first one. */
export function usePreviousRound(inspectionId: string | undefined): PreviousRound | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (inspectionId ? previousRoundOf(db, inspectionId) : null), [db, inspectionId]);
}

/** A unit's findings, tombstones included: the earlier findings a 屡查屡犯 link may name. */
export function useUnitFindings(orgUnitCode: string | undefined): FindingRow[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => (orgUnitCode ? db.findings.where('orgUnitCode').equals(orgUnitCode).toArray() : []), [db, orgUnitCode]);
}

/** The findings of one inspection as a list, tombstones included (the report leaves them out itself). */
export function useInspectionFindingList(inspectionId: string | undefined): FindingRow[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => (inspectionId ? db.findings.where('inspectionId').equals(inspectionId).toArray() : []), [db, inspectionId]);
}

/** The ledger numbers of the findings with these ids, by id (missing ones left out): names the finding a repeat repeats. */
export function useLedgerNos(ids: readonly string[]): Map<string, string> | undefined {
  const db = useDb();
  const key = [...new Set(ids)].sort().join(',');
  return useLiveQuery(async () => {
    const rows = await db.findings.bulkGet(key === '' ? [] : key.split(','));
    return new Map(rows.flatMap((f) => (f ? [[f.id, f.ledgerNo] as const] : [])));
  }, [db, key]);
}

/** A record's history, oldest first. */
export function useHistory(entityType: HistoryEntityType, entityId: string | null | undefined): HistoryRow[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => (entityId ? historyOf(db, entityType, entityId) : []), [db, entityType, entityId]);
}

/** The attachments with these ids, in the order given (missing ones left out). */
export function useAttachments(ids: readonly string[]): Attachment[] | undefined {
  const db = useDb();
  const key = ids.join(',');
  return useLiveQuery(async () => (await db.attachments.bulkGet(key === '' ? [] : key.split(','))).filter((a): a is Attachment => a !== undefined), [db, key]);
}

export function usePref(key: string): string[] | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await db.prefs.get(key))?.value ?? null, [db, key]);
}

/** The packages imported here, newest first. */
export function useImportLog(): ImportRow[] | undefined {
  const db = useDb();
  return useLiveQuery(() => importLog(db), [db]);
}

/** The keys trusted for each unit's packages, by unit code. */
export function useTrustedKeys(): TrustedKeyRow[] | undefined {
  const db = useDb();
  return useLiveQuery(() => db.trustedKeys.orderBy('orgUnitCode').toArray(), [db]);
}

/** Per unit below this one: how many findings changed here a return package would carry. */
export function usePendingReturns(): Map<string, number> | undefined {
  const db = useDb();
  return useLiveQuery(() => pendingReturns(db), [db]);
}

/** The ledger packages this device exported, newest first. */
export function useLedgerExports(): LedgerExportRow[] | undefined {
  const db = useDb();
  return useLiveQuery(async () => (await db.exports.orderBy('seq').toArray()).reverse(), [db]);
}

/** What the item × unit matrix needs for one checklist id (repos/matrix.ts); null when none is chosen. */
export function useMatrixSource(checklistId: string | null): MatrixSource | null | undefined {
  const db = useDb();
  return useLiveQuery(async () => (checklistId ? matrixSource(db, checklistId) : null), [db, checklistId]);
}

/** The checklist ids inspections use, with a title for each (repos/matrix.ts). */
export function useInspectedChecklists(): { id: string; title: string }[] | undefined {
  const db = useDb();
  return useLiveQuery(() => inspectedChecklists(db), [db]);
}
