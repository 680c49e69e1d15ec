// Row shapes stored in IndexedDB (ARCHITECTURE §5). Records that travel between machines carry
// the sync metadata of `Synced`; device-local rows (settings, ui state, cached checklists) do not.
import type { Checklist, Verdict } from '../core/checklist/schema';
import type { OrgLevel } from '../core/org/model';

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
};

/** Device-local: the item the inspector last looked at, so reopening returns there. */
export type Position = { inspectionId: string; itemCode: string; at: string };

export type AnswerRow = {
  inspectionId: string;
  itemCode: string;
  verdict: Verdict | null;
  note: string;
  sampleSize: number | null;
  exceptions: number | null;
  attachments: string[];
  rev: number;
  updatedAt: string;
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
};

export type UiState = { key: 'ui'; language: Language; lastRoute: string | null };
