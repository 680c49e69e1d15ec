// The backup file (`*.xbbackup`, format xiaobao.backup/1): the whole local database in one zip, for a
// new laptop or a damaged profile (issue 5). backup.json lists every other file with its sha256 and the
// row count of every table; tables/<name>.json holds the rows; attachment bytes and thumbnails are
// files of their own. The device's private key never leaves the machine, so settings travel without
// it and a restore makes a new key. Restoring parses every row through the same schemas a ledger
// package uses and checks the history chains before anything is written.
import { z } from 'zod';
import { verifyChains } from '../audit/chain';
import { parseChecklist } from '../checklist/parse';
import type { Checklist } from '../checklist/schema';
import { canonicalJson } from '../canonical';
import { ORG_CODE_PATTERN } from '../org/model';
import { instantSchema, sha256HexSchema } from '../package/manifest';
import { entryPathProblem } from '../package/zip-guard';
import type { ZipCaps } from '../package/zip-guard';
import { appError, err, ok, type Result } from '../result';
import { utf8Decode, utf8Encode } from '../utf8';
import { sha256Sync } from '../sha256';
import { toHex } from '../hash';
import { answerRecord, attachmentRecord, findingRecord, historyRecord, inspectionRecord, orgUnitRecord } from '../ledger/records';
import { ledgerCountsSchema, ledgerScopeSchema } from '../ledger/package';

export const BACKUP_FORMAT = 'xiaobao.backup/1';
export const BACKUP_EXTENSION = 'xbbackup';
export const BACKUP_MANIFEST = 'backup.json';

export const BACKUP_CAPS: ZipCaps = {
  maxPackageBytes: 2047 * 1024 * 1024,
  maxEntries: 400_020,
  maxEntryBytes: 1024 * 1024 * 1024,
  maxTotalBytes: 2047 * 1024 * 1024,
  maxRatio: 500,
};

const shortText = z.string().max(200);

/** Settings as they travel: everything but the key pair, which is made anew on restore. */
export const backupSettingsSchema = z.strictObject({
  key: z.literal('device'),
  deviceId: z.string().min(1).max(100),
  role: z.enum(['branch', 'head']),
  orgUnitCode: z.string().regex(ORG_CODE_PATTERN),
  inspectorName: shortText,
  publicKeyRaw: z.string().max(100),
  fingerprint: z.string().max(100),
  createdAt: instantSchema,
  updatedAt: instantSchema,
  lastBackupAt: instantSchema.optional(),
  backupReminderDays: z.number().int().min(1).max(365).optional(),
  keyReplaced: z.strictObject({ previousFingerprint: z.string().max(100), at: instantSchema }).optional(),
});
export type BackupSettings = z.infer<typeof backupSettingsSchema>;

const storedChecklistSchema = z.strictObject({
  id: z.string().min(1).max(100),
  version: z.string().min(1).max(200),
  sha256: sha256HexSchema,
  source: z.enum(['bundled', 'imported']),
  fileName: z.string().max(300),
  loadedAt: instantSchema,
  checklist: z.unknown(),
  provenance: z
    .strictObject({
      issuer: z.strictObject({ code: z.string(), name: z.string(), level: z.enum(['head', 'branch', 'subbranch', 'outlet']) }),
      fingerprint: z.string().max(100),
      deviceId: z.string().max(100),
      exportedAt: z.string().max(40),
      exportedBy: shortText,
    })
    .optional(),
});

/** Each table's rows; attachments without their bytes (files `attachments/<id>`, `thumbnails/<id>`). */
export const backupTableSchemas = {
  settings: z.array(backupSettingsSchema).max(1),
  ui: z.array(z.strictObject({ key: z.literal('ui'), language: z.enum(['zh-CN', 'en-US']), lastRoute: z.string().max(2000).nullable() })).max(1),
  orgUnits: z.array(orgUnitRecord),
  checklists: z.array(storedChecklistSchema),
  inspections: z.array(inspectionRecord),
  answers: z.array(answerRecord),
  positions: z.array(z.strictObject({ inspectionId: z.string().max(100), itemCode: shortText, at: instantSchema })),
  findings: z.array(findingRecord.extend({ localSeq: z.number().int().min(0) })),
  attachments: z.array(attachmentRecord.extend({ hasThumbnail: z.boolean(), thumbnailMime: z.string().max(100).nullable() })),
  history: z.array(historyRecord),
  counters: z.array(z.strictObject({ key: z.string().min(1).max(300), value: z.number().int(), deviceId: z.string().max(100).optional(), hash: z.string().max(64).optional() })),
  prefs: z.array(z.strictObject({ key: z.string().min(1).max(300), value: z.array(z.string().max(200)).max(500) })),
  exports: z.array(
    z.strictObject({
      seq: z.number().int().min(1),
      packageSha256: sha256HexSchema,
      fileName: z.string().max(300),
      path: z.string().max(4000).nullable(),
      exportedAt: instantSchema,
      exportedBy: shortText,
      scope: ledgerScopeSchema,
      chainHeads: z.array(z.strictObject({ deviceId: z.string().max(100), seq: z.number().int().min(0) })),
      auditHead: sha256HexSchema.nullable(),
      counts: ledgerCountsSchema,
      attachmentsIncluded: z.boolean(),
      sealed: z.boolean(),
    }),
  ),
  trustedKeys: z.array(
    z.strictObject({
      orgUnitCode: z.string().regex(ORG_CODE_PATTERN),
      publicKey: z.string().max(100),
      fingerprint: z.string().max(100),
      deviceId: z.string().max(100),
      firstSeen: instantSchema,
      confirmedBy: shortText,
      replaced: z.array(
        z.strictObject({ publicKey: z.string().max(100), fingerprint: z.string().max(100), deviceId: z.string().max(100), until: instantSchema, by: shortText, reason: z.string().max(2000) }),
      ),
    }),
  ),
  imports: z.array(
    z.strictObject({
      id: z.number().int().min(1),
      packageSha256: sha256HexSchema,
      orgUnitCode: z.string().regex(ORG_CODE_PATTERN),
      deviceId: z.string().max(100),
      seq: z.number().int().min(1),
      exportedAt: instantSchema,
      importedAt: instantSchema,
      importedBy: shortText,
      fileName: z.string().max(300),
      counts: z.record(z.string(), z.number().int().min(0)),
      conflicts: z.number().int().min(0),
    }),
  ),
  syncedRevs: z.array(z.strictObject({ key: z.string().min(1).max(400), rev: z.number().int().min(1) })),
} as const;

/** Tables a backup written by an older schema version does not have: they open as empty. */
const TABLE_SINCE: Partial<Record<keyof typeof backupTableSchemas, number>> = { syncedRevs: 5 };

export type BackupTableName = keyof typeof backupTableSchemas;

/**
 * Each table's primary key and unique indexes (db/schema.ts), as values a row is compared by: rows that
 * share one would make the restore's bulkAdd fail half-way, so such a backup is refused when opened.
 */
const UNIQUE_KEYS: { [K in BackupTableName]: ((row: z.infer<(typeof backupTableSchemas)[K]>[number]) => unknown)[] } = {
  settings: [(r) => r.key],
  ui: [(r) => r.key],
  orgUnits: [(r) => r.id, (r) => r.code],
  checklists: [(r) => [r.id, r.version]],
  inspections: [(r) => r.id],
  answers: [(r) => [r.inspectionId, r.itemCode]],
  positions: [(r) => r.inspectionId],
  findings: [(r) => r.id, (r) => r.ledgerNo],
  attachments: [(r) => r.id],
  history: [(r) => [r.deviceId, r.seq]],
  counters: [(r) => r.key],
  prefs: [(r) => r.key],
  exports: [(r) => r.seq],
  trustedKeys: [(r) => r.orgUnitCode],
  imports: [(r) => r.id],
  syncedRevs: [(r) => r.key],
};

/** The first key two rows of the table share, as text, or null. */
function duplicateKey<K extends BackupTableName>(name: K, rows: readonly z.infer<(typeof backupTableSchemas)[K]>[number][]): string | null {
  for (const [n, keyOf] of UNIQUE_KEYS[name].entries()) {
    const seen = new Set<string>();
    for (const row of rows) {
      const key = `${n}:${JSON.stringify(keyOf(row))}`;
      if (seen.has(key)) return key.slice(0, 120);
      seen.add(key);
    }
  }
  return null;
}
export const BACKUP_TABLES = Object.keys(backupTableSchemas) as BackupTableName[];
export type BackupTables = { [K in BackupTableName]: z.infer<(typeof backupTableSchemas)[K]> };

export const backupManifestSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  /** The database schema version the rows were read from. */
  schemaVersion: z.number().int().min(1),
  createdAt: instantSchema,
  createdBy: shortText,
  deviceId: z.string().max(100),
  orgUnitCode: z.string().max(40),
  generator: z.string().max(100),
  counts: z.record(z.string(), z.number().int().min(0)),
  files: z.array(z.strictObject({ path: z.string().min(1).max(255), size: z.number().int().min(0), sha256: sha256HexSchema })).max(BACKUP_CAPS.maxEntries),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export type BackupBlobFile = { path: string; bytes: Uint8Array };

export const tablePath = (name: BackupTableName): string => `tables/${name}.json`;
export const attachmentBlobPath = (id: string): string => `attachments/${id}`;
export const thumbnailPath = (id: string): string => `thumbnails/${id}`;

const hex = (bytes: Uint8Array): string => toHex(sha256Sync(bytes));

/** The zip's entries for a backup: the tables as JSON, the blobs, and backup.json listing them all. */
export function buildBackupEntries(input: {
  tables: BackupTables;
  blobs: BackupBlobFile[];
  schemaVersion: number;
  createdAt: string;
  createdBy: string;
  deviceId: string;
  orgUnitCode: string;
  generator: string;
}): Record<string, Uint8Array> {
  const entries: Record<string, Uint8Array> = {};
  for (const name of BACKUP_TABLES) entries[tablePath(name)] = utf8Encode(canonicalJson(input.tables[name]));
  for (const blob of input.blobs) entries[blob.path] = blob.bytes;
  const manifest: BackupManifest = {
    format: BACKUP_FORMAT,
    schemaVersion: input.schemaVersion,
    createdAt: input.createdAt,
    createdBy: input.createdBy,
    deviceId: input.deviceId,
    orgUnitCode: input.orgUnitCode,
    generator: input.generator,
    counts: Object.fromEntries(BACKUP_TABLES.map((name) => [name, input.tables[name].length])),
    files: Object.entries(entries)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, bytes]) => ({ path, size: bytes.byteLength, sha256: hex(bytes) })),
  };
  entries[BACKUP_MANIFEST] = utf8Encode(canonicalJson(manifest));
  return entries;
}

type StoredChecklistRow = BackupTables['checklists'][number];

export type OpenedBackup = {
  manifest: BackupManifest;
  tables: BackupTables;
  /** The checklists table with every checklist parsed (the table's own `checklist` is only `unknown`). */
  checklists: (Omit<StoredChecklistRow, 'checklist'> & { checklist: Checklist })[];
  /** Attachment bytes and thumbnails by attachment id. */
  blobs: Map<string, Uint8Array>;
  thumbnails: Map<string, Uint8Array>;
};

/**
 * A backup's entries → its verified content. Errors: backup.notBackup (no backup.json or another
 * format), backup.newer {version} (a newer release's database), backup.damaged {path} (a file missing,
 * changed or not listed), backup.badTable {table} (detail: where), backup.chainBroken {deviceId, seq}.
 */
export function openBackupEntries(entries: Record<string, Uint8Array>, currentSchemaVersion: number): Result<OpenedBackup> {
  const manifestBytes = entries[BACKUP_MANIFEST];
  const text = manifestBytes === undefined ? null : utf8Decode(manifestBytes);
  let raw: unknown;
  try {
    raw = text === null ? null : (JSON.parse(text) as unknown);
  } catch {
    raw = null;
  }
  const parsed = backupManifestSchema.safeParse(raw);
  if (!parsed.success) return err(appError('backup.notBackup'));
  const manifest = parsed.data;
  if (manifest.schemaVersion > currentSchemaVersion) return err(appError('backup.newer', { version: manifest.schemaVersion }));

  const listed = new Set<string>();
  for (const f of manifest.files) {
    const bytes = entries[f.path];
    if (entryPathProblem(f.path) !== null || bytes === undefined || bytes.byteLength !== f.size || hex(bytes) !== f.sha256) return err(appError('backup.damaged', { path: f.path.slice(0, 80) }));
    listed.add(f.path);
  }
  for (const path of Object.keys(entries)) if (path !== BACKUP_MANIFEST && !listed.has(path)) return err(appError('backup.damaged', { path: path.slice(0, 80) }));

  const tables: Partial<Record<BackupTableName, unknown>> = {};
  for (const name of BACKUP_TABLES) {
    const bytes = entries[tablePath(name)] ?? (manifest.schemaVersion < (TABLE_SINCE[name] ?? 0) ? utf8Encode('[]') : undefined);
    if (bytes === undefined) return err(appError('backup.damaged', { path: tablePath(name) }));
    let rows: unknown;
    try {
      rows = JSON.parse(utf8Decode(bytes) ?? '') as unknown;
    } catch (e) {
      return err(appError('backup.badTable', { table: name }, String(e)));
    }
    const checked = backupTableSchemas[name].safeParse(rows);
    if (!checked.success) {
      const first = checked.error.issues[0];
      return err(appError('backup.badTable', { table: name }, first ? `${first.path.join('.')}: ${first.message}` : 'schema'));
    }
    tables[name] = checked.data;
  }
  const content = tables as BackupTables;
  for (const name of BACKUP_TABLES) {
    const duplicate = duplicateKey(name, content[name]);
    if (duplicate !== null) return err(appError('backup.badTable', { table: name }, `${duplicate}: the same key twice`));
  }

  const checklists: OpenedBackup['checklists'] = [];
  for (const stored of content.checklists) {
    const c = parseChecklist(stored.checklist);
    if (!c.ok) return err(appError('backup.badTable', { table: 'checklists' }, `${stored.id} ${stored.version}`));
    checklists.push({ ...stored, checklist: c.value });
  }

  const heads = content.counters.flatMap((c) => (c.key.startsWith('historyHead:') && c.hash !== undefined ? [{ deviceId: c.key.slice('historyHead:'.length), seq: c.value, hash: c.hash }] : []));
  for (const verdict of verifyChains(content.history, heads)) {
    if (!verdict.ok) return err(appError('backup.chainBroken', { deviceId: verdict.deviceId, seq: verdict.seq }));
  }

  const blobs = new Map<string, Uint8Array>();
  const thumbnails = new Map<string, Uint8Array>();
  for (const a of content.attachments) {
    const bytes = entries[attachmentBlobPath(a.id)];
    if (bytes === undefined || hex(bytes) !== a.id) return err(appError('backup.damaged', { path: attachmentBlobPath(a.id) }));
    blobs.set(a.id, bytes);
    if (a.hasThumbnail) {
      const thumb = entries[thumbnailPath(a.id)];
      if (thumb === undefined) return err(appError('backup.damaged', { path: thumbnailPath(a.id) }));
      thumbnails.set(a.id, thumb);
    }
  }
  return ok({ manifest, tables: content, checklists, blobs, thumbnails });
}
