// History entries (ARCHITECTURE §5): append-only, one hash chain per device. Each entry says which
// record changed, who changed it and when, every field from what to what, and why.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export type HistoryChange = { field: string; from: Json; to: Json };

export const HISTORY_ACTIONS = ['create', 'update', 'transition', 'delete', 'restore'] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

export const HISTORY_ENTITY_TYPES = ['finding', 'answer', 'inspection'] as const;
export type HistoryEntityType = (typeof HISTORY_ENTITY_TYPES)[number];

export type HistoryEntry = {
  deviceId: string;
  /** 1-based position in the device's chain. */
  seq: number;
  entityType: HistoryEntityType;
  entityId: string;
  /** ISO timestamp. */
  at: string;
  /** The inspector's name as set on the device. */
  actor: string;
  action: HistoryAction;
  /** For action 'transition': which one (start, submit, return, …). */
  transition?: string;
  changes: HistoryChange[];
  reason: string | null;
  prevHash: string;
  hash: string;
};

/** What a writer supplies; the chain adds deviceId, seq, prevHash and hash. */
export type HistoryDraft = Omit<HistoryEntry, 'deviceId' | 'seq' | 'prevHash' | 'hash'>;

/** The last entry of a device's chain, kept beside it so a removed tail is detected too. */
export type ChainHead = { deviceId: string; seq: number; hash: string };
