// The history table: appending to this device's hash chain inside the caller's transaction, reading a
// record's timeline, and verifying every chain page by page. Entries are never changed or removed, with
// one exception stated in appendHistory: a burst of typing into the same answer coalesces into the head.
import type { Table } from 'dexie';
import type { XbDb } from '../db';
import type { CounterRow, HistoryRow } from '../types';
import { createChainVerifier, sealEntry, type ChainVerdict } from '../../core/audit/chain';
import type { ChainHead, HistoryChange, HistoryDraft, HistoryEntityType, HistoryEntry } from '../../core/audit/types';

export type HistoryTables = { history: Table<HistoryRow, [string, number]>; counters: Table<CounterRow, string> };

const HEAD_KEY = 'historyHead';
/** Entries up to this seq went out in a ledger package: head office holds their hashes, so they never change. */
const FROZEN_KEY = 'historyFrozen';

/** Consecutive saves of these answer fields by the same person within this window form one entry. */
export const COALESCE_MS = 120_000;
export const COALESCED_ANSWER_FIELDS: readonly string[] = ['note', 'sampleSize', 'exceptions'];

export function readHead(t: HistoryTables, deviceId: string): Promise<ChainHead | null> {
  return t.counters.get(`${HEAD_KEY}:${deviceId}`).then((row) => (row && row.hash !== undefined ? { deviceId, seq: row.value, hash: row.hash } : null));
}

/**
 * Writes entries sealed one after another on one chain (each following the one before it), and the
 * chain's head once: the last of them. Inside the caller's transaction over history and counters.
 */
export async function writeEntries(t: HistoryTables, entries: readonly HistoryEntry[]): Promise<void> {
  const last = entries[entries.length - 1];
  if (!last) return;
  // All requests in one round trip: they commit together or not at all either way.
  await Promise.all([...entries.map((e) => t.history.put(e)), t.counters.put({ key: `${HEAD_KEY}:${last.deviceId}`, value: last.seq, deviceId: last.deviceId, hash: last.hash })]);
}

/**
 * Appends one entry to `deviceId`'s chain. Must run inside a read-write transaction over the tables
 * being changed plus history and counters: the change and its entry commit together or not at all.
 * Nothing here awaits anything but IndexedDB (the hash is synchronous), so the transaction stays open.
 *
 * Coalescing (answers only): when the head of the chain is an update of the same answer by the same
 * person, touching only note/sample fields, less than COALESCE_MS ago, and this draft is the same kind of
 * update, the head is re-sealed to go from the first value to the latest one. Only the head can change
 * this way, so no later entry's prevHash is affected. A note saved 400 ms after each burst of typing thus
 * yields one entry per writing session (until a pause of two minutes, a verdict, or another record's
 * change), going from the text before to the text after. An entry that has gone out in a ledger
 * package (freezeHistory) is never re-sealed: the next save starts a new entry.
 *
 * `knownHead`, when given, is the chain's head as the caller knows it in this same transaction (the
 * entry it appended just before, or a head it read), and saves reading it again.
 */
export async function appendHistory(t: HistoryTables, deviceId: string, draft: HistoryDraft, knownHead?: ChainHead | null): Promise<HistoryEntry> {
  const head = knownHead === undefined ? await readHead(t, deviceId) : knownHead;
  const entry = await nextEntry(t, deviceId, draft, head);
  await writeEntries(t, [entry]);
  return entry;
}

/**
 * The entry appendHistory writes for `draft` after `head`, sealed but not written (coalesced into the
 * head when it qualifies): a caller appending several entries in one transaction writes them with
 * writeEntries. A promise chain of the table's own promises, not an async function: Dexie keeps its
 * transaction across its own promises, and each extra native await in between is a risk of losing it.
 */
export function nextEntry(t: HistoryTables, deviceId: string, draft: HistoryDraft, head: ChainHead | null): Promise<HistoryEntry> {
  if (head === null || !coalescible(draft)) return Promise.resolve(sealEntry(draft, deviceId, head));
  return Promise.all([t.history.get([deviceId, head.seq]), t.counters.get(`${FROZEN_KEY}:${deviceId}`)]).then(([last, frozenRow]) => {
    const frozen = frozenRow?.value ?? 0;
    if (last && last.seq > frozen && coalescible(last) && last.entityId === draft.entityId && last.actor === draft.actor && Date.parse(draft.at) - Date.parse(last.at) <= COALESCE_MS) {
      return sealEntry({ ...draft, changes: mergeChanges(last.changes, draft.changes) }, deviceId, last.seq > 1 ? { deviceId, seq: last.seq - 1, hash: last.prevHash } : null);
    }
    return sealEntry(draft, deviceId, head);
  });
}

/** Marks the chain up to `seq` as exported (inside the caller's transaction over counters). */
export async function freezeHistory(t: Pick<HistoryTables, 'counters'>, deviceId: string, seq: number): Promise<void> {
  const key = `${FROZEN_KEY}:${deviceId}`;
  const current = (await t.counters.get(key))?.value ?? 0;
  if (seq > current) await t.counters.put({ key, value: seq, deviceId });
}

function coalescible(e: Pick<HistoryEntry, 'entityType' | 'action' | 'changes' | 'reason'>): boolean {
  return e.entityType === 'answer' && e.action === 'update' && e.reason === null && e.changes.length > 0 && e.changes.every((c) => COALESCED_ANSWER_FIELDS.includes(c.field));
}

function mergeChanges(first: HistoryChange[], then: HistoryChange[]): HistoryChange[] {
  const out = new Map(first.map((c) => [c.field, c]));
  for (const c of then) out.set(c.field, { field: c.field, from: out.get(c.field)?.from ?? c.from, to: c.to });
  return [...out.values()];
}

/** A record's entries, oldest first (across devices: by time, then device and seq). */
export async function historyOf(db: XbDb, entityType: HistoryEntityType, entityId: string): Promise<HistoryRow[]> {
  const rows = await db.history.where('[entityType+entityId]').equals([entityType, entityId]).toArray();
  return rows.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.seq - b.seq));
}

export type HistoryVerification = { verdicts: ChainVerdict[]; entries: number };

const PAGE = 2000;

/**
 * Reads every chain in key order (device, then seq) a page at a time and checks it against the heads
 * recorded in counters. Reports progress as entries checked so far.
 */
export async function verifyHistory(db: XbDb, onProgress?: (checked: number, total: number) => void): Promise<HistoryVerification> {
  const heads = (await db.counters.where('key').startsWith(`${HEAD_KEY}:`).toArray())
    .filter((r): r is CounterRow & { deviceId: string; hash: string } => r.deviceId !== undefined && r.hash !== undefined)
    .map((r) => ({ deviceId: r.deviceId, seq: r.value, hash: r.hash }));
  const total = await db.history.count();
  const verifier = createChainVerifier(heads);
  let checked = 0;
  let after: [string, number] | null = null;
  for (;;) {
    const page: HistoryRow[] = await (after === null ? db.history.orderBy(':id') : db.history.where(':id').above(after)).limit(PAGE).toArray();
    for (const e of page) verifier.push(e);
    checked += page.length;
    onProgress?.(checked, total);
    const last = page[page.length - 1];
    if (!last || page.length < PAGE) break;
    after = [last.deviceId, last.seq];
  }
  return { verdicts: verifier.finish(), entries: checked };
}

