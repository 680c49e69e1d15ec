// Row shapes stored in IndexedDB (ARCHITECTURE §5). Records that travel between machines carry
// the sync metadata of `Synced`; device-local rows (settings, ui state, cached checklists) do not.
import type { Checklist } from '../core/checklist/schema';
import type { Answer } from '../core/inspection/answer';
import type { OrgLevel } from '../core/org/model';
import type { Finding } from '../core/finding/model';
import type { HistoryEntry } from '../core/audit/types';
import type { LedgerCounts, LedgerScope } from '../core/ledger/package';
import type { TrustedKey } from '../core/ledger/import-check';

export type Synced = {
  id: string;
  rev: number;
  updatedAt: string;
  updatedBy: string;
  deviceId: string;
  deletedAt: string | null;
};

export type OrgUnit = Synced & {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
};

export type ChecklistSource = 'bundled' | 'imported';

export type StoredChecklist = {
  id: string;
  version: string;
  sha256: string;
  source: ChecklistSource;
  fileName: string;
  loadedAt: string;
  checklist: Checklist;
  /** Set when the checklist came in a signed package: who issued it, with the verified key fingerprint. */
  provenance?: ChecklistProvenance;
};

export type ChecklistProvenance = {
  issuer: { code: string; name: string; level: OrgLevel };
  fingerprint: string;
  deviceId: string;
  exportedAt: string;
  exportedBy: string;
};

export const INSPECTION_KINDS = ['self', 'superior', 'audit', 'regulator'] as const;
export type InspectionKind = (typeof INSPECTION_KINDS)[number];
export type InspectionStatus = 'draft' | 'completed';

export type Inspection = Synced & {
  checklistId: string;
  checklistVersion: string;
  checklistSha256: string;
  checklistTitle: string;
  orgUnitCode: string;
  kind: InspectionKind;
  inspectors: string[];
  date: string;
  startedAt: string;
  finishedAt: string | null;
  status: InspectionStatus;
  /**
   * The earlier inspection this one was started from (复查): its verdicts are the hints shown at each
   * item. Absent on inspections recorded before cycles existed, which read like null: the previous one
   * is then the most recent earlier inspection of the same unit and checklist (core/inspection/cycle.ts).
   */
  previousInspectionId?: string | null;
};

/** Device-local: the item the inspector last looked at, so reopening returns there. */
export type Position = { inspectionId: string; itemCode: string; at: string };

/** The core answer plus what the database keeps with it: evidence and who wrote it on which device. */
export type AnswerRow = Answer & {
  attachments: string[];
  updatedBy: string;
  deviceId: string;
};

export type Role = 'branch' | 'head';
export type Language = 'zh-CN' | 'en-US';

export type DeviceSettings = {
  key: 'device';
  deviceId: string;
  role: Role;
  orgUnitCode: string;
  inspectorName: string;
  /** Ed25519 key pair; the private key is non-extractable and never leaves IndexedDB. */
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  publicKeyRaw: string;
  fingerprint: string;
  createdAt: string;
  updatedAt: string;
  /** When a backup was last saved (the reminder counts from here). */
  lastBackupAt?: string;
  /** Remind after this many days without a backup; default DEFAULT_BACKUP_REMINDER_DAYS. */
  backupReminderDays?: number;
  /** Set when a restore made a new key: shown until the user says head office has been told. */
  keyReplaced?: { previousFingerprint: string; at: string };
};

export type UiState = { key: 'ui'; language: Language; lastRoute: string | null };

/** A finding as stored: the synced record plus localSeq, a device-local change counter (never exported). */
export type FindingRow = Finding & { localSeq: number };

/**
 * Evidence, stored once per content: the id is the sha256 of the stored bytes (a scaled image or the
 * file as picked); sourceSha256 is that of the file as picked, so attaching the same photo again finds it
 * before scaling it again.
 */
export type Attachment = {
  id: string;
  sourceSha256: string;
  name: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  blob: Blob;
  thumbnail: Blob | null;
  createdAt: string;
  createdBy: string;
  deviceId: string;
};

export type HistoryRow = HistoryEntry;

/** Ledger counters (`ledger:<unit>:<year>`), the findings change counter and the history chain head. */
export type CounterRow = { key: string; value: number; deviceId?: string; hash?: string };

/** Device-local preferences, e.g. the register's columns per inspector. */
export type PrefRow = { key: string; value: string[] };

/** One ledger package this device exported: what the next package chains to and a delta starts from. */
export type LedgerExportRow = {
  /** Per device, strictly increasing (manifest.seq). */
  seq: number;
  /** sha256 of the package's zip: the next package's prevPackageSha256. */
  packageSha256: string;
  fileName: string;
  /** Where the desktop saved it; null in the browser (a download). */
  path: string | null;
  exportedAt: string;
  exportedBy: string;
  scope: LedgerScope;
  /** The last history entry of every chain the package held or had already sent: a delta starts after these. */
  chainHeads: { deviceId: string; seq: number }[];
  auditHead: string | null;
  counts: LedgerCounts;
  attachmentsIncluded: boolean;
  sealed: boolean;
};

/** Head office: the key trusted for a unit's packages, and the keys it replaced (re-enrolment, with why). */
export type TrustedKeyRow = TrustedKey & {
  firstSeen: string;
  confirmedBy: string;
  replaced: { publicKey: string; fingerprint: string; deviceId: string; until: string; by: string; reason: string }[];
};

/** Head office: one imported package (ARCHITECTURE §5 imports). */
export type ImportRow = {
  id?: number;
  packageSha256: string;
  orgUnitCode: string;
  deviceId: string;
  seq: number;
  exportedAt: string;
  importedAt: string;
  importedBy: string;
  fileName: string;
  counts: Record<string, number>;
  conflicts: number;
};

/** The rev a record this device wrote had when it was last sent away (key: core/ledger/merge recordKey). */
export type SyncedRevRow = { key: string; rev: number };

/**
 * One column of the register cache: every value, or (for repeating primitives) the distinct values and
 * each row's index into them.
 */
export type RegisterCacheColumn = { values: unknown[] } | { dict: unknown[]; codes: Uint16Array | Uint32Array };

/**
 * The register cache (db/register-cache.ts), local only: `epoch` is made once per database and goes
 * away with a restore (which clears the table), so a store that read the database before a restore
 * never writes what it held after it; `meta` says which findings the chunks hold (every finding stored
 * with a localSeq up to `watermark`, at that version), `chunk:N` holds rows in ledger-number order.
 */
export type RegisterCacheRow =
  | { key: 'epoch'; epoch: string }
  | { key: 'meta'; format: number; fields: string[]; epoch: string; watermark: number; count: number; chunks: number }
  | { key: `chunk:${string}`; epoch: string; n: number; rows: number; columns: RegisterCacheColumn[] };
