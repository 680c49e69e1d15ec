// A restore stores the backup's photos before its transaction, a bounded number of Blobs per
// transaction: Chromium keeps a file open for every Blob a transaction writes until it commits, and a
// national database's tens of thousands of photos (each with a thumbnail) in one transaction fail with
// "Failed to write blobs (IOError)" (issue 7). The restore must still land whole or not at all: a
// failure or a cancellation leaves the database exactly as it was, photos included, and a restore over
// existing data keeps no photo the backup lacks and gives shared photos the backup's details.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { attachToFinding } from '../../renderer/db/repos/attachments';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { readBackupSnapshot, restoreBackup } from '../../renderer/db/repos/backup';
import { BLOBS_PER_TRANSACTION } from '../../renderer/db/repos/attachment-staging';
import { writeBackupFile, readBackupFile } from '../../renderer/io/backup-file';
import { SCHEMA_VERSION } from '../../renderer/db/schema';
import { sha256Sync } from '../../renderer/core/sha256';
import { toHex } from '../../renderer/core/hash';
import { databaseFingerprint } from './db-fingerprint';
import { eachTestBranchDb, inspected, testPhoto as photo, unwrap } from './finding-helpers';
import { expectFailAndCancelWriteNothing, photoWatch, watchedDb, type PhotoWatch } from './write-watch';

let source: XbDb;
eachTestBranchDb((d) => {
  source = d;
});

/** The attachments table: each row with its Blobs as their bytes' SHA-256, by id. */
async function photos(db: XbDb): Promise<Record<string, unknown>[]> {
  const rows = await db.attachments.orderBy(':id').toArray();
  return Promise.all(
    rows.map(async ({ blob, thumbnail, ...row }) => ({
      ...row,
      blob: toHex(sha256Sync(new Uint8Array(await blob.arrayBuffer()))),
      thumbnail: thumbnail === null ? null : { type: thumbnail.type, sha256: toHex(sha256Sync(new Uint8Array(await thumbnail.arrayBuffer()))) },
    })),
  );
}

const target = (watch: PhotoWatch): Promise<XbDb> => watchedDb('restore-photos', photoWatch(watch));

describe("a restore's photos", () => {
  it('are stored a bounded number of Blobs per transaction, and a failed or cancelled restore leaves every photo as it was', async () => {
    const inspection = await inspected(source);
    unwrap(await saveAnswer(source, inspection, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
    const [finding] = await source.findings.toArray();
    const count = 14;
    unwrap(await attachToFinding(source, finding!.id, Array.from({ length: count }, (_, n) => ({ file: photo(n + 1) }))));
    const snapshot = unwrap(await readBackupSnapshot(source));
    const { settings } = snapshot;
    const file = unwrap(
      await writeBackupFile(
        { tables: snapshot.tables, blobs: snapshot.blobs, schemaVersion: SCHEMA_VERSION, createdAt: '2026-03-03T00:00:00.000Z', createdBy: settings.inspectorName, deviceId: settings.deviceId, orgUnitCode: settings.orgUnitCode, generator: 'test' },
        null,
      ),
    );
    const backup = unwrap(await readBackupFile(file, { schemaVersion: SCHEMA_VERSION }));
    const wanted = await photos(source);
    expect(wanted).toHaveLength(count);

    // The bound of 4 Blobs makes several transactions of 14 photos (half with a thumbnail), as the
    // default makes of a national database's.
    const perTransaction = 4;
    expect(BLOBS_PER_TRANSACTION).toBeLessThanOrEqual(500);
    const watch: PhotoWatch = { blobs: new Map(), failTable: null };
    const db = await target(watch);
    // This profile holds a photo the backup lacks and one of the backup's photos under another name.
    await db.attachments.bulkAdd([
      { ...photo(40), createdAt: '2026-01-01T00:00:00.000Z', createdBy: '李四', deviceId: 'dev-head' },
      { ...photo(2), name: '别名.jpg', createdAt: '2026-01-01T00:00:00.000Z', createdBy: '李四', deviceId: 'dev-head' },
    ]);
    const before = await databaseFingerprint(db);
    // Not told to replace what is there: refused before anything is stored.
    watch.blobs.clear();
    const refused = await restoreBackup(db, backup, { replace: false, blobsPerTransaction: perTransaction });
    expect(!refused.ok && refused.error.code).toBe('backup.notEmpty');
    expect(watch.blobs.size).toBe(0);
    expect(await databaseFingerprint(db)).toBe(before);

    // The transaction fails after the photos were stored, or the restore is cancelled while storing them:
    // the ones it stored are gone, the others untouched.
    await expectFailAndCancelWriteNothing(db, watch, 'backup.writeFailed', (signal) => restoreBackup(db, backup, { replace: true, blobsPerTransaction: perTransaction, ...(signal ? { signal } : {}) }));

    // Goes through: exactly the backup's photos, with its details, never more than the bound per transaction.
    watch.blobs.clear();
    const progress: number[] = [];
    unwrap(await restoreBackup(db, backup, { replace: true, blobsPerTransaction: perTransaction, onPhotos: (done, total) => progress.push(done / total) }));
    expect(Math.max(...watch.blobs.values())).toBeLessThanOrEqual(perTransaction);
    expect(watch.blobs.size).toBeGreaterThan(count / perTransaction);
    expect(progress.at(-1)).toBe(1);
    expect(await photos(db)).toEqual(wanted);
    expect(await db.findings.count()).toBe(await source.findings.count());

    // Again onto the same data: every photo is held with the same details, so none is written.
    watch.blobs.clear();
    unwrap(await restoreBackup(db, backup, { replace: true, blobsPerTransaction: perTransaction }));
    expect(watch.blobs.size).toBe(0);
    expect(await photos(db)).toEqual(wanted);
    db.close();
  });
});
