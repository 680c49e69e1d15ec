// Rebuilding records from their history: every entry's changes are applied in chain order. Because
// each write of a record appends exactly one entry, the record's rev is the number of its entries and
// its updatedAt/updatedBy/deviceId are those of the last one. Used to prove that history is complete
// (test/core/audit, test/db/history).
import type { HistoryEntityType, HistoryEntry, Json } from './types';

export type ReplayedRecord = { [field: string]: Json } & { id: string; rev: number; updatedAt: string; updatedBy: string; deviceId: string };

export function replay(entries: Iterable<HistoryEntry>, entityType: HistoryEntityType): Map<string, ReplayedRecord> {
  const out = new Map<string, ReplayedRecord>();
  for (const entry of entries) {
    if (entry.entityType !== entityType) continue;
    const state = out.get(entry.entityId) ?? { id: entry.entityId, rev: 0, updatedAt: '', updatedBy: '', deviceId: '' };
    for (const change of entry.changes) state[change.field] = change.to;
    state.rev += 1;
    state.updatedAt = entry.at;
    state.updatedBy = entry.actor;
    state.deviceId = entry.deviceId;
    out.set(entry.entityId, state);
  }
  return out;
}

