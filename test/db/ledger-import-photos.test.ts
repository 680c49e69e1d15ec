// A confirmation stores the packages' photos before its transaction, BLOBS_PER_TRANSACTION at a
// time: Chromium keeps a file open for every Blob a transaction writes until it commits, and a national
// batch's tens of thousands of photos in one transaction failed with "Failed to write blobs (IOError)"
// once the open-file limit was reached (issue 7, measured at full scale). If the transaction then fails,
// or the user cancels, exactly the photos it stored are taken out again.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { runLedgerImport, type ImportPackage, type KeptPlan } from '../../renderer/db/repos/ledger-import';
import { BLOBS_PER_TRANSACTION } from '../../renderer/db/repos/attachment-staging';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { unwrap } from './finding-helpers';
import { ACTOR, demoPackages, trustAll } from './import-campaign';
import { expectFailAndCancelWriteNothing, photoWatch, watchedDb, type PhotoWatch } from './write-watch';

const headOffice = (watch: PhotoWatch): Promise<XbDb> => watchedDb('photos', photoWatch(watch));

describe("a confirmation's photos", { timeout: 300_000 }, () => {
  it('are stored a bounded number per transaction, counted per package, and taken out again when the import fails or is cancelled', async () => {
    const demo = await demoPackages('photos', 2);
    const packages: ImportPackage[] = [];
    for (const [n, p] of demo.packages.entries()) {
      const opened = unwrap(await readLedgerPackage(p.bytes, { sha256: platformSha256, verify: platformEd25519Verify }));
      packages.push({ fileName: `${n + 1}.xbledger`, packageSha256: opened.packageSha256, manifest: opened.manifest, data: opened.data, attachments: opened.attachments });
    }
    const photoIds = new Set(packages.flatMap((p) => [...p.attachments.keys()]));
    // The demo's photos are a few dozen: a bound of 5 makes several transactions of them, as a national
    // batch's tens of thousands make of the default.
    const perTransaction = 5;
    expect(photoIds.size).toBeGreaterThan(3 * perTransaction);
    expect(BLOBS_PER_TRANSACTION).toBeLessThanOrEqual(500);

    for (const kept of [true, false]) {
      const watch: PhotoWatch = { blobs: new Map(), failTable: null };
      const db = await headOffice(watch);
      let plan: KeptPlan | null = null;
      const preview = unwrap(await runLedgerImport(db, packages, null, { actor: ACTOR, onKept: (k) => void (plan = k) }));
      expect(await db.attachments.count()).toBe(0);

      // The transaction fails after the photos were stored, or the user cancels while they are stored
      // (after the second transaction of photos): none is left.
      await expectFailAndCancelWriteNothing(db, watch, 'import.writeFailed', (signal) =>
        runLedgerImport(db, packages, trustAll(preview), { actor: ACTOR, kept: kept ? plan : null, photosPerTransaction: perTransaction, ...(signal ? { signal } : {}) }),
      );

      // Goes through: every photo stored, never more than the bound in one transaction.
      watch.blobs.clear();
      const reports = unwrap(await runLedgerImport(db, packages, trustAll(preview), { actor: ACTOR, kept: kept ? plan : null, photosPerTransaction: perTransaction }));
      expect(reports.map((r) => r.imported)).toEqual([true, true]);
      expect(watch.blobs.size).toBeGreaterThanOrEqual(Math.ceil(photoIds.size / perTransaction));
      expect(Math.max(...watch.blobs.values())).toBeLessThanOrEqual(perTransaction);
      expect(new Set(await db.attachments.toCollection().primaryKeys())).toEqual(photoIds);
      // Each photo counted once, for the first package that brought it, in the report and the import log.
      expect(reports.reduce((n, r) => n + r.attachments.add, 0)).toBe(photoIds.size);
      const log = await db.imports.toArray();
      expect(log.reduce((n, r) => n + (r.counts['attachments.add'] ?? 0), 0)).toBe(photoIds.size);
      db.close();
    }
  });
});
