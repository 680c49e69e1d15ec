// Every Dexie version ever released stays here, append-only (STYLE §4). A version that changes data
// gets a file in db/migrations/ and a test that seeds version N−1 and checks version N.
import type { Dexie } from 'dexie';

export const DB_NAME = 'xiaobao';
export const SCHEMA_VERSION = 1;

export function declareSchema(db: Dexie): void {
  db.version(1).stores({
    settings: 'key',
    ui: 'key',
    orgUnits: 'id, &code, parentCode, level, updatedAt',
    checklists: '[id+version], id, sha256, source',
    inspections: 'id, status, orgUnitCode, checklistId, updatedAt, date',
    answers: '[inspectionId+itemCode], inspectionId, updatedAt',
    positions: 'inspectionId',
  });
}
