// The worker side of backup and restore (issue 5): the file is built from, or written into, the
// database by the worker itself. A restore is checked completely (hashes, every row's schema, the
// history chains) before its one transaction starts; a dry run stops there and describes the file.
import { SCHEMA_VERSION } from '../db/schema';
import { nowIso } from '../db/clock';
import { hasLocalData, readBackupSnapshot, restoreBackup } from '../db/repos/backup';
import { BACKUP_EXTENSION } from '../core/backup/format';
import { appError, err, ok, type Result } from '../core/result';
import { readBackupFile, writeBackupFile } from '../io/backup-file';
import { platformEnvelope } from '../platform/crypto';
import { BACKUP_JOB, RESTORE_JOB } from './jobs';
import { handle } from './serve-jobs';
import type { DbLease } from './ledger-export-handler';

const cancelled = (): Result<never> => err(appError('job.cancelled'));

const compactInstant = (iso: string): string => iso.slice(0, 16).replace(/[-:]/g, '').replace('T', '-');

export function backupHandlers(lease: DbLease) {
  const backup = handle(BACKUP_JOB, async (input, { signal, progress }) => {
    const { db, release } = lease();
    try {
      progress({ done: 0, phase: 'reading' });
      const snapshot = await readBackupSnapshot(db, (done, total) => progress({ done, total, phase: 'attachments' }));
      if (!snapshot.ok) return snapshot;
      if (signal.aborted) return cancelled();
      progress({ done: 0, phase: 'writing' });
      const createdAt = nowIso();
      const { settings } = snapshot.value;
      const file = await writeBackupFile(
        {
          tables: snapshot.value.tables,
          blobs: snapshot.value.blobs,
          schemaVersion: SCHEMA_VERSION,
          createdAt,
          createdBy: settings.inspectorName,
          deviceId: settings.deviceId,
          orgUnitCode: settings.orgUnitCode,
          generator: input.generator,
        },
        input.password === null ? null : { password: input.password, envelope: platformEnvelope() },
      );
      if (!file.ok) return file;
      if (signal.aborted) return cancelled();
      const bytes = new Uint8Array(file.value.byteLength);
      bytes.set(file.value);
      const counts = Object.fromEntries(Object.entries(snapshot.value.tables).map(([k, rows]) => [k, rows.length]));
      return ok({ bytes, fileName: `消保自查备份-${settings.orgUnitCode}-${compactInstant(createdAt)}.${BACKUP_EXTENSION}`, createdAt, counts });
    } finally {
      release();
    }
  });

  const restore = handle(RESTORE_JOB, async (input, { signal, progress }) => {
    const { db, release } = lease();
    try {
      progress({ done: 0, phase: 'checking' });
      const opened = await readBackupFile(input.bytes, {
        schemaVersion: SCHEMA_VERSION,
        ...(input.password === null ? {} : { password: input.password, envelope: platformEnvelope() }),
      });
      if (!opened.ok) return opened;
      if (signal.aborted) return cancelled();
      const { manifest } = opened.value;
      const describe = { createdAt: manifest.createdAt, createdBy: manifest.createdBy, orgUnitCode: manifest.orgUnitCode, counts: manifest.counts, hasLocalData: await hasLocalData(db) };
      if (input.dryRun) return ok({ ...describe, outcome: null });
      progress({ done: 0, phase: 'writing' });
      const restored = await restoreBackup(db, opened.value, { replace: input.replace, signal, onPhotos: (done, total) => progress({ done, total, phase: 'writing' }) });
      if (!restored.ok) return restored;
      const { newKey, fingerprint, previousFingerprint } = restored.value;
      return ok({ ...describe, outcome: { newKey, fingerprint, previousFingerprint } });
    } finally {
      release();
    }
  });

  return [backup, restore];
}
