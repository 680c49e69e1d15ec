// The hash chain over history entries: hash = hex(SHA-256(UTF-8(prevHash + canonical(entry without
// hash)))), the first prevHash is ''. Sealing is synchronous (core/sha256) so it can run inside the
// IndexedDB transaction that writes the change. verifyChain names the first entry that does not fit.
import { canonicalJson } from '../canonical';
import { sha256HexSync } from '../sha256';
import type { ChainHead, HistoryDraft, HistoryEntry } from './types';

export function entryHash(entry: Omit<HistoryEntry, 'hash'> & { hash?: string }): string {
  const { hash: _ignored, ...body } = entry;
  return sha256HexSync(body.prevHash + canonicalJson(body));
}

/** The next entry of `deviceId`'s chain after `head` (null: the chain is empty). */
export function sealEntry(draft: HistoryDraft, deviceId: string, head: ChainHead | null): HistoryEntry {
  if (head !== null && head.deviceId !== deviceId) throw new Error(`chain head of ${head.deviceId} used for ${deviceId}`);
  const body: Omit<HistoryEntry, 'hash'> = { ...draft, deviceId, seq: (head?.seq ?? 0) + 1, prevHash: head?.hash ?? '' };
  return { ...body, hash: entryHash(body) };
}

export const headOf = (entry: HistoryEntry): ChainHead => ({ deviceId: entry.deviceId, seq: entry.seq, hash: entry.hash });

export type ChainProblem =
  /** The entry belongs to another device's chain. */
  | 'device'
  /** seq is not the position in the chain: an entry before it was removed, inserted or moved. */
  | 'seq'
  /** prevHash is not the hash of the entry before: an entry before it was replaced or re-hashed. */
  | 'prevHash'
  /** The entry's own content does not give its hash: the entry was edited. */
  | 'hash'
  /** The recorded head says the chain is longer (a tail was removed) or ends differently. */
  | 'head';

export type ChainVerdict =
  | { ok: true; deviceId: string; count: number; head: ChainHead | null }
  | {
      ok: false;
      deviceId: string;
      count: number;
      /** Index in the list given; for 'head' it is the list length (the missing tail starts there). */
      index: number;
      /** seq of the entry found at `index`, or of the head when the tail is missing. */
      seq: number;
      problem: ChainProblem;
      entry: HistoryEntry | null;
    };

/**
 * Checks chains entry by entry, so a long history can be read page by page: push entries in stored
 * order (by device, then ascending seq), then finish. A device's chain starts at seq 1 after '', or, for
 * a part of a chain (a delta package), right after its anchor: the entry it continues. After a device's first broken entry the rest of
 * its chain is skipped: everything from there on is suspect.
 */
export function createChainVerifier(heads: readonly ChainHead[] = [], anchors: readonly ChainHead[] = []) {
  const verdicts: ChainVerdict[] = [];
  let deviceId: string | null = null;
  let index = 0;
  let base = 0;
  let prevHash = '';
  let last: HistoryEntry | null = null;
  let broken: ChainVerdict | null = null;

  const close = (): void => {
    if (deviceId === null) return;
    if (broken) verdicts.push({ ...broken, count: index });
    else {
      const head = heads.find((h) => h.deviceId === deviceId);
      if (head !== undefined && (last?.seq !== head.seq || last.hash !== head.hash)) {
        verdicts.push({ ok: false, deviceId, count: index, index, seq: head.seq, problem: 'head', entry: null });
      } else verdicts.push({ ok: true, deviceId, count: index, head: last ? headOf(last) : null });
    }
  };

  return {
    push(entry: HistoryEntry): void {
      if (entry.deviceId !== deviceId) {
        close();
        deviceId = entry.deviceId;
        index = 0;
        const anchor = anchors.find((a) => a.deviceId === entry.deviceId);
        base = anchor?.seq ?? 0;
        prevHash = anchor?.hash ?? '';
        last = null;
        broken = null;
      }
      const i = index++;
      if (broken) return;
      const fail = (problem: ChainProblem): ChainVerdict => ({ ok: false, deviceId: entry.deviceId, count: 0, index: i, seq: entry.seq, problem, entry });
      if (entry.seq !== base + i + 1) broken = fail('seq');
      else if (entry.prevHash !== prevHash) broken = fail('prevHash');
      else if (safeHash(entry) !== entry.hash) broken = fail('hash');
      else {
        prevHash = entry.hash;
        last = entry;
      }
    },
    /** One verdict per device seen or named in `heads`, sorted by device id. */
    finish(): ChainVerdict[] {
      close();
      deviceId = null;
      for (const h of heads) {
        if (!verdicts.some((v) => v.deviceId === h.deviceId)) verdicts.push({ ok: false, deviceId: h.deviceId, count: 0, index: 0, seq: h.seq, problem: 'head', entry: null });
      }
      return verdicts.sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : 0));
    },
  };
}

/**
 * Checks one device's chain, in stored order (ascending seq). With `head`, also that nothing was cut
 * off the end; `null` says the device has no recorded head, so any entry at all is suspect.
 */
export function verifyChain(deviceId: string, entries: readonly HistoryEntry[], head?: ChainHead | null): ChainVerdict {
  const foreign = entries.findIndex((e) => e.deviceId !== deviceId);
  const stranger = entries[foreign];
  if (stranger) return { ok: false, deviceId, count: entries.length, index: foreign, seq: stranger.seq, problem: 'device', entry: stranger };
  const last = entries[entries.length - 1];
  if (head === null && last) {
    const v = verifyChain(deviceId, entries);
    return v.ok ? { ok: false, deviceId, count: entries.length, index: entries.length, seq: last.seq, problem: 'head', entry: null } : v;
  }
  const verifier = createChainVerifier(head ? [head] : []);
  for (const e of entries) verifier.push(e);
  return verifier.finish()[0] ?? { ok: true, deviceId, count: 0, head: null };
}

/** Every device's chain in `entries` (any order); heads known for some devices are checked too. */
export function verifyChains(entries: readonly HistoryEntry[], heads: readonly ChainHead[] = [], anchors: readonly ChainHead[] = []): ChainVerdict[] {
  const sorted = [...entries].sort((a, b) => (a.deviceId < b.deviceId ? -1 : a.deviceId > b.deviceId ? 1 : a.seq - b.seq));
  const verifier = createChainVerifier(heads, anchors);
  for (const e of sorted) verifier.push(e);
  return verifier.finish();
}

function safeHash(entry: HistoryEntry): string | null {
  try {
    return entryHash(entry);
  } catch {
    return null;
  }
}
