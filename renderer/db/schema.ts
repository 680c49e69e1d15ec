// Every Dexie version ever released stays here, append-only (STYLE §4). A version that changes data
// gets a file in db/migrations/ and a test that seeds version N−1 and checks version N.
import type { Dexie } from 'dexie';
import { migrate0002 } from './migrations/0002-findings';

export { DB_NAME } from './db-name';
export const SCHEMA_VERSION = 7;

/**
 * Tables that only speed this device up: never in a backup or a ledger package, cleared by a restore
 * (repos/backup.ts) together with every backed-up table.
 */
export const LOCAL_TABLES = ['registerCache'] as const;

/** `upTo` below SCHEMA_VERSION opens the database as an older release did: for migration tests only. */
export function declareSchema(db: Dexie, upTo: number = SCHEMA_VERSION): void {
  db.version(1).stores({
    settings: 'key',
    ui: 'key',
    orgUnits: 'id, &code, parentCode, level, updatedAt',
    checklists: '[id+version], id, sha256, source',
    inspections: 'id, status, orgUnitCode, checklistId, updatedAt, date',
    answers: '[inspectionId+itemCode], inspectionId, updatedAt',
    positions: 'inspectionId',
  });
  if (upTo < 2) return;
  // Findings, their evidence, the hash-chained history and the counters behind ledger numbers.
  // localSeq is a device-local change counter: the register loads everything once, then only rows
  // whose localSeq moved past the last one it saw.
  db.version(2)
    .stores({
      findings: 'id, &ledgerNo, localSeq, orgUnitCode, inspectionId, [inspectionId+itemCode], [orgUnitCode+itemCode]',
      attachments: 'id, sourceSha256',
      history: '[deviceId+seq], [entityType+entityId], at',
      counters: 'key',
      prefs: 'key',
    })
    .upgrade(migrate0002);
  if (upTo < 3) return;
  // The ledger packages this device exported (issue 5): their seq, hash and chain heads, so the next
  // package can name its predecessor and a delta knows where to start. A new table: no data changes.
  db.version(3).stores({ exports: '&seq, exportedAt' });
  if (upTo < 4) return;
  // Head office (issue 6): the key trusted for each unit and the log of imported packages. New tables only.
  db.version(4).stores({ trustedKeys: '&orgUnitCode, fingerprint', imports: '++id, packageSha256, orgUnitCode, [deviceId+seq], importedAt' });
  if (upTo < 5) return;
  // The rev each record this device wrote had when it went to the other side (a ledger or return
  // package), keyed by core/ledger/merge's recordKey: the merge tells a local change from an exchanged
  // one by it. Records last written by another device need no row (their rev is the exchanged one).
  db.version(5).stores({ syncedRevs: '&key' });
  if (upTo < 6) return;
  // The register cache (db/register-cache.ts): every finding as the register's store last held it, in a
  // few big columnar records, so a start reads tens of records instead of one per finding. Local only
  // (LOCAL_TABLES), rebuilt from the findings table whenever it does not match it. A new table: no data changes.
  // It trusts that every write of a finding moves its localSeq: a later migration that rewrites findings
  // without doing so must clear this table in its upgrade (or bump register-cache.ts's CACHE_FORMAT).
  db.version(6).stores({ registerCache: 'key' });
  if (upTo < 7) return;
  // Fewer indexes (issue 7): every put writes one entry per index, and at head office answers, findings
  // and history are put by the hundred thousand (an import, a restore). answers.inspectionId,
  // findings.inspectionId and findings.orgUnitCode are the first part of a compound key that stays
  // ([inspectionId+itemCode], [orgUnitCode+itemCode]): Dexie answers where('inspectionId') from it (a
  // virtual index), so no query changes. answers.updatedAt, history.at, inspections.status and
  // inspections.date were never queried (a verdict's save puts its inspection too). Only indexes are
  // dropped: no data changes, and a backup of an older version restores as before.
  db.version(7).stores({
    inspections: 'id, orgUnitCode, checklistId, updatedAt',
    answers: '[inspectionId+itemCode]',
    findings: 'id, &ledgerNo, localSeq, [inspectionId+itemCode], [orgUnitCode+itemCode]',
    history: '[deviceId+seq], [entityType+entityId]',
  });
}
