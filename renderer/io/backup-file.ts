// Backup files (`*.xbbackup`): the zip around core/backup/format's entries, optionally sealed with a
// password like a ledger package.
import { isSealed, open, seal, type EnvelopeDeps } from '../core/crypto/envelope';
import { BACKUP_CAPS, buildBackupEntries, openBackupEntries, type OpenedBackup } from '../core/backup/format';
import { appError, err, ok, type Result } from '../core/result';
import { unzipWithCaps, zipEntries } from './zip';

export async function writeBackupFile(
  input: Parameters<typeof buildBackupEntries>[0],
  protection: { password: string; envelope: EnvelopeDeps } | null,
): Promise<Result<Uint8Array>> {
  const zip = zipEntries(buildBackupEntries(input));
  if (protection === null) return ok(zip);
  return seal(zip, protection.password, protection.envelope);
}

/**
 * Errors: backup.passwordRequired, the envelope's (envelope.wrongPassword…), the zip's (package.notZip…),
 * and those of openBackupEntries.
 */
export async function readBackupFile(
  bytes: Uint8Array,
  options: { schemaVersion: number; password?: string; envelope?: EnvelopeDeps },
): Promise<Result<OpenedBackup & { sealed: boolean }>> {
  let zip = bytes;
  const sealed = isSealed(bytes);
  if (sealed) {
    if (options.password === undefined || options.envelope === undefined) return err(appError('backup.passwordRequired'));
    const opened = await open(bytes, options.password, options.envelope);
    if (!opened.ok) return opened;
    zip = opened.value;
  }
  const entries = unzipWithCaps(zip, BACKUP_CAPS);
  if (!entries.ok) return entries;
  const opened = openBackupEntries(entries.value, options.schemaVersion);
  return opened.ok ? ok({ ...opened.value, sealed }) : opened;
}
