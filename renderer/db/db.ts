// The Dexie database: opened once per page, strict durability so an acknowledged save survives a
// crash (ARCHITECTURE §5). Only db/repos and db/queries use this module.
import { Dexie, type EntityTable, type Table } from 'dexie';
import { declareSchema, DB_NAME } from './schema';
import type { AnswerRow, Attachment, CounterRow, DeviceSettings, FindingRow, HistoryRow, ImportRow, Inspection, LedgerExportRow, OrgUnit, Position, PrefRow, RegisterCacheRow, StoredChecklist, SyncedRevRow, TrustedKeyRow, UiState } from './types';

export type XbDb = Dexie & {
  settings: Table<DeviceSettings, 'device'>;
  ui: Table<UiState, 'ui'>;
  orgUnits: EntityTable<OrgUnit, 'id'>;
  checklists: Table<StoredChecklist, [string, string]>;
  inspections: EntityTable<Inspection, 'id'>;
  answers: Table<AnswerRow, [string, string]>;
  positions: Table<Position, string>;
  findings: EntityTable<FindingRow, 'id'>;
  attachments: EntityTable<Attachment, 'id'>;
  history: Table<HistoryRow, [string, number]>;
  counters: Table<CounterRow, string>;
  prefs: Table<PrefRow, string>;
  exports: Table<LedgerExportRow, number>;
  trustedKeys: Table<TrustedKeyRow, string>;
  imports: Table<ImportRow, number>;
  syncedRevs: Table<SyncedRevRow, string>;
  registerCache: Table<RegisterCacheRow, string>;
};

export type DbOptions = {
  name?: string;
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  /** Migration tests only: open as an older release did. */
  schemaVersion?: number;
};

export function createDb(options: DbOptions = {}): XbDb {
  const db = new Dexie(options.name ?? DB_NAME, {
    chromeTransactionDurability: 'strict',
    ...(options.indexedDB ? { indexedDB: options.indexedDB } : {}),
    ...(options.IDBKeyRange ? { IDBKeyRange: options.IDBKeyRange } : {}),
  }) as XbDb;
  declareSchema(db, options.schemaVersion);
  return db;
}
