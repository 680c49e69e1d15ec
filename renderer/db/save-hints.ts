// What the last answer saves found, kept in memory per database instance, so the next save can send in
// its first round trip the reads that would otherwise wait for an earlier read: the chain head (keyed by
// the device), the ledger counter and the repeat search (keyed by the inspection's unit and year), the
// history of the item's finding (keyed by the finding). Each round trip inside a save's strict
// transaction is time the person waits for "已保存".
//
// A hint is never trusted: the save reads, in the same round trip, what the hint stands for (the device
// settings, the inspection, the counter, the item's finding) and uses what it read ahead only when the
// hint matches; otherwise it reads again, as it would have without the hint. A wrong or stale hint
// (another window saved, a backup was restored, the transaction aborted) costs a round trip, never a
// wrong record. So hints need no invalidation; they are dropped only to bound memory.
import type { Dexie } from 'dexie';

export type InspectionHint = { orgUnitCode: string; date: string };

export type SaveHints = {
  /** The device whose chain the last save extended. */
  deviceId: string | undefined;
  /** Per inspection id: its unit and date (which key the ledger counter and the repeat search). */
  inspections: Map<string, InspectionHint>;
  /** Per answer (answerHintKey): the id of the item's finding, or null when it had none. */
  findings: Map<string, string | null>;
  /** Per ledger counter key: the value it was left at. */
  ledgerCounters: Map<string, number>;
  /** Per inspection id: the ids of the earlier inspections the repeat search asks, in its order. */
  repeatOrders: Map<string, readonly string[]>;
};

/** Beyond this many entries in one map it starts afresh: a session saves far fewer answers. */
const MAX_ENTRIES = 20_000;

const kept = new WeakMap<Dexie, SaveHints>();

export function saveHints(db: Dexie): SaveHints {
  let hints = kept.get(db);
  if (!hints) kept.set(db, (hints = { deviceId: undefined, inspections: new Map(), findings: new Map(), ledgerCounters: new Map(), repeatOrders: new Map() }));
  return hints;
}

export const answerHintKey = (inspectionId: string, itemCode: string): string => JSON.stringify([inspectionId, itemCode]);

/** map.set, starting the map afresh when it has grown past MAX_ENTRIES. */
export function remember<K, V>(map: Map<K, V>, key: K, value: V): void {
  if (map.size >= MAX_ENTRIES && !map.has(key)) map.clear();
  map.set(key, value);
}
