// Backup and restore of the whole local database (issue 5). A backup reads every table in one
// transaction; a restore writes every table in one transaction (its photos stored just before, a bounded
// number at a time), so it lands whole or not at all. The
// private key cannot leave the machine: restoring onto the same profile keeps the key in use, anywhere
// else a new key is made, and the caller tells the user head office must trust it again.
import type { XbDb } from '../db';
import type { Attachment, DeviceSettings } from '../types';
import { nowIso } from '../clock';
import { appError, err, ok, type AppError, type Result } from '../../core/result';
import { canonicalJson } from '../../core/canonical';
import { toBase64 } from '../../core/crypto/encoding';
import { keyFingerprint } from '../../core/crypto/fingerprint';
import { attachmentBlobPath, BACKUP_TABLES, thumbnailPath, type BackupBlobFile, type BackupTables, type OpenedBackup } from '../../core/backup/format';
import { platformSha256 } from '../../platform/crypto';
import { generateDeviceKey } from './settings';
import { LOCAL_TABLES } from '../schema';
import { classifyWriteError } from '../open';
import { BLOBS_PER_TRANSACTION, stageAttachments, unstageAttachments } from './attachment-staging';

export { DEFAULT_BACKUP_REMINDER_DAYS } from '../../core/backup/reminder';

const allTables = (db: XbDb) => BACKUP_TABLES.map((name) => db.table(name));
/** What a restore replaces: every backed-up table, and the local-only ones (caches of the old data) emptied. */
const restoredTables = (db: XbDb) => [...allTables(db), ...LOCAL_TABLES.map((name) => db.table(name))];

export type BackupSnapshot = { tables: BackupTables; blobs: BackupBlobFile[]; settings: DeviceSettings };

/** Every row of every table, and every attachment's bytes. Errors: setup.notDone. */
export async function readBackupSnapshot(db: XbDb, onBlob?: (done: number, total: number) => void): Promise<Result<BackupSnapshot>> {
  const read = await db.transaction('r', allTables(db), async () => {
    const settings = await db.settings.get('device');
    if (!settings) return null;
    return {
      settings,
      ui: await db.ui.toArray(),
      orgUnits: await db.orgUnits.toArray(),
      checklists: await db.checklists.toArray(),
      inspections: await db.inspections.toArray(),
      answers: await db.answers.toArray(),
      positions: await db.positions.toArray(),
      findings: await db.findings.toArray(),
      attachments: await db.attachments.toArray(),
      history: await db.history.orderBy('[deviceId+seq]').toArray(),
      counters: await db.counters.toArray(),
      prefs: await db.prefs.toArray(),
      exports: await db.exports.toArray(),
      trustedKeys: await db.trustedKeys.toArray(),
      imports: await db.imports.toArray(),
      syncedRevs: await db.syncedRevs.toArray(),
    };
  });
  if (read === null) return err(appError('setup.notDone'));
  const { privateKey: _privateKey, publicKey: _publicKey, ...portable } = read.settings;
  const blobs: BackupBlobFile[] = [];
  // Blob contents are read after the transaction: awaiting them inside would let it commit early.
  for (const [n, a] of read.attachments.entries()) {
    onBlob?.(n, read.attachments.length);
    blobs.push({ path: attachmentBlobPath(a.id), bytes: new Uint8Array(await a.blob.arrayBuffer()) });
    if (a.thumbnail) blobs.push({ path: thumbnailPath(a.id), bytes: new Uint8Array(await a.thumbnail.arrayBuffer()) });
  }
  const tables: BackupTables = {
    settings: [portable],
    ui: read.ui,
    orgUnits: read.orgUnits,
    checklists: read.checklists,
    inspections: read.inspections,
    answers: read.answers,
    positions: read.positions,
    findings: read.findings,
    attachments: read.attachments.map(({ blob: _blob, thumbnail, ...rest }) => ({ ...rest, hasThumbnail: thumbnail !== null, thumbnailMime: thumbnail?.type || null })),
    history: read.history,
    counters: read.counters,
    prefs: read.prefs,
    exports: read.exports,
    trustedKeys: read.trustedKeys,
    imports: read.imports.flatMap((row) => (row.id === undefined ? [] : [{ ...row, id: row.id }])),
    syncedRevs: read.syncedRevs,
  };
  return ok({ tables, blobs, settings: read.settings });
}

export async function markBackedUp(db: XbDb, at: string): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const s = await db.settings.get('device');
    if (s) await db.settings.put({ ...s, lastBackupAt: at });
  });
}

export async function setBackupReminderDays(db: XbDb, days: number): Promise<Result<true>> {
  if (!Number.isInteger(days) || days < 1 || days > 365) return err(appError('backup.reminderDays'));
  return db.transaction('rw', db.settings, async () => {
    const s = await db.settings.get('device');
    if (!s) return err(appError('setup.notDone'));
    await db.settings.put({ ...s, backupReminderDays: days });
    return ok(true as const);
  });
}

/** The user has told head office about the new key: the notice goes away. */
export async function acknowledgeKeyReplaced(db: XbDb): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const s = await db.settings.get('device');
    if (s?.keyReplaced) {
      const { keyReplaced: _done, ...rest } = s;
      await db.settings.put(rest);
    }
  });
}

/** True when the database holds anything a restore would overwrite (`stagedPhotos`: photos the restore itself stored). */
export async function hasLocalData(db: XbDb, stagedPhotos = 0): Promise<boolean> {
  const [settings, inspections, findings, attachments] = await Promise.all([db.settings.count(), db.inspections.count(), db.findings.count(), db.attachments.count()]);
  return settings + inspections + findings > 0 || attachments > stagedPhotos;
}

export type RestoreOutcome = {
  /** A new key was made: head office must trust this fingerprint before it accepts packages again. */
  newKey: boolean;
  fingerprint: string;
  previousFingerprint: string;
  counts: Record<string, number>;
};

type BackupAttachment = BackupTables['attachments'][number];

/** Whether a stored photo's row is the backup's, but for its Blobs' bytes (the same: ids are SHA-256 of them). */
function sameAttachment(stored: Attachment, saved: BackupAttachment, thumbnailBytes: Uint8Array | undefined): boolean {
  const { blob: _blob, thumbnail, ...row } = stored;
  const { hasThumbnail, thumbnailMime, ...wanted } = saved;
  if (canonicalJson(row) !== canonicalJson(wanted)) return false;
  if (thumbnail === null) return !hasThumbnail;
  return hasThumbnail && thumbnail.type === (thumbnailMime || '') && thumbnail.size === (thumbnailBytes?.byteLength ?? 0);
}

export type RestoreOptions = {
  replace: boolean;
  signal?: AbortSignal;
  /** Photos done and their total, while they are stored ahead of the restore's transaction. */
  onPhotos?: (done: number, total: number) => void;
  /** Default BLOBS_PER_TRANSACTION (tests use fewer). */
  blobsPerTransaction?: number;
};

/**
 * Replaces the whole database with the backup. Refused with backup.notEmpty when the database holds data
 * and `replace` is not set; backup.newer for a newer release's backup (checked on opening). The key pair
 * is the one in use when this profile already belongs to the backed-up device, otherwise a new one.
 * The photos the database lacks are stored first, a bounded number per transaction (a national
 * database's tens of thousands in one transaction exhaust the open-file limit: attachment-staging.ts),
 * then everything else in one transaction, which also deletes the photos the backup does not have. So a
 * restore lands whole or not at all: if it fails (backup.writeFailed) or is cancelled (job.cancelled), the
 * photos it stored are taken out again and the database is as it was.
 */
export async function restoreBackup(db: XbDb, backup: OpenedBackup, options: RestoreOptions): Promise<Result<RestoreOutcome>> {
  const saved = backup.tables.settings[0];
  if (!saved) return err(appError('backup.badTable', { table: 'settings' }));
  if (!options.replace && (await hasLocalData(db))) return err(appError('backup.notEmpty'));
  const current = await db.settings.get('device');
  let keys: Pick<DeviceSettings, 'privateKey' | 'publicKey' | 'publicKeyRaw' | 'fingerprint'>;
  let newKey = false;
  if (current && current.deviceId === saved.deviceId) {
    keys = { privateKey: current.privateKey, publicKey: current.publicKey, publicKeyRaw: current.publicKeyRaw, fingerprint: current.fingerprint };
  } else {
    // Made before the transaction: WebCrypto's promises would let an IndexedDB transaction commit early.
    const key = await generateDeviceKey();
    if (!key.ok) return key;
    keys = { privateKey: key.value.privateKey, publicKey: key.value.publicKey, publicKeyRaw: toBase64(key.value.raw), fingerprint: await keyFingerprint(key.value.raw, platformSha256) };
    newKey = true;
  }
  const t = backup.tables;
  const blobOf = (bytes: Uint8Array | undefined, type: string): Blob => new Blob([(bytes ?? new Uint8Array()) as Uint8Array<ArrayBuffer>], { type });
  const rowOf = ({ hasThumbnail, thumbnailMime, ...a }: BackupAttachment): Attachment => ({
    ...a,
    blob: blobOf(backup.blobs.get(a.id), a.mime),
    thumbnail: hasThumbnail ? blobOf(backup.thumbnails.get(a.id), thumbnailMime ?? 'image/jpeg') : null,
  });
  const at = nowIso();
  const settings: DeviceSettings = { ...saved, ...keys, ...(newKey ? { updatedAt: at, keyReplaced: { previousFingerprint: saved.fingerprint, at } } : {}) };

  // Photos held already whose row differs from the backup's (a name, a date): rewritten in the
  // transaction. Their bytes are the same, and a profile rarely holds many photos of another's backup.
  const differing: BackupAttachment[] = [];
  let staged: string[] | null = null;
  try {
    staged = await stageAttachments(db, t.attachments, {
      idOf: (a) => a.id,
      rowOf,
      blobsOf: (a) => (a.hasThumbnail ? 2 : 1),
      onHeld: (a, stored) => {
        if (!sameAttachment(stored, a, backup.thumbnails.get(a.id))) differing.push(a);
      },
      onProgress: (done) => options.onPhotos?.(done, t.attachments.length),
      signal: options.signal,
      perTransaction: options.blobsPerTransaction ?? BLOBS_PER_TRANSACTION,
    });
    if (staged === null) return err(appError('job.cancelled'));
    const stagedIds = staged;
    const wanted = new Set(t.attachments.map((a) => a.id));
    return await db.transaction('rw', restoredTables(db), async () => {
      // Checked again: something may have been saved meanwhile. The photos just stored do not count.
      if (!options.replace && (await hasLocalData(db, stagedIds.length))) throw new RestoreRefused(appError('backup.notEmpty'));
      if (options.signal?.aborted) throw new RestoreRefused(appError('job.cancelled'));
      for (const table of restoredTables(db)) if (table.name !== 'attachments') await table.clear();
      const held = await db.attachments.toCollection().primaryKeys();
      await db.attachments.bulkDelete(held.filter((id) => !wanted.has(id)));
      if (differing.length > 0) await db.attachments.bulkPut(differing.map(rowOf));
      await db.settings.put(settings);
      await db.ui.bulkPut(t.ui);
      await db.orgUnits.bulkAdd(t.orgUnits);
      await db.checklists.bulkAdd(backup.checklists);
      await db.inspections.bulkAdd(t.inspections);
      await db.answers.bulkAdd(t.answers);
      await db.positions.bulkAdd(t.positions);
      await db.findings.bulkAdd(t.findings);
      await db.history.bulkAdd(t.history);
      await db.counters.bulkAdd(t.counters);
      await db.prefs.bulkAdd(t.prefs);
      await db.exports.bulkAdd(t.exports);
      await db.trustedKeys.bulkAdd(t.trustedKeys);
      await db.imports.bulkAdd(t.imports);
      await db.syncedRevs.bulkAdd(t.syncedRevs);
      return ok({ newKey, fingerprint: keys.fingerprint, previousFingerprint: saved.fingerprint, counts: backup.manifest.counts });
    });
  } catch (e) {
    if (staged !== null) await unstageAttachments(db, staged);
    if (e instanceof RestoreRefused) return err(e.error);
    const cause = classifyWriteError(e);
    return err(appError('backup.writeFailed', undefined, cause.detail));
  }
}

/** Thrown inside the restore's transaction to abort it with this error. */
class RestoreRefused extends Error {
  constructor(readonly error: AppError) {
    super(error.code);
  }
}
