// Confirming a batch sends a package's writes before the previous package's have finished (issue 7: so
// IndexedDB writes one package while the next is built); the batch is still one transaction. Wherever a
// write fails, in the kept plan's path or when planning again, the caller is told import.writeFailed and
// the database is as it was; a batch that goes through stamps every finding with its own localSeq, in
// import order, and leaves the counter at the last one.
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { runLedgerImport, type ImportPackage, type KeptPlan } from '../../renderer/db/repos/ledger-import';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { databaseFingerprint } from './db-fingerprint';
import { unwrap } from './finding-helpers';
import { ACTOR, demoPackages, trustAll } from './import-campaign';
import { quotaExceeded, watchedDb, writeWatch } from './write-watch';

/** Fails the `failAt`-th write as a full disk does; counts the writes either way. */
type Fault = { failAt: number | null; writes: number };

const headOffice = (fault: Fault): Promise<XbDb> => watchedDb('batch', writeWatch('batch-fault', () => (++fault.writes === fault.failAt ? quotaExceeded() : null)));

/** Previews the batch; confirms it with the kept plan, or (keptPlan false) by planning again. */
async function confirm(db: XbDb, packages: readonly ImportPackage[], keptPlan: boolean, fault: Fault, failAt: number | null) {
  let kept: KeptPlan | null = null;
  const reports = unwrap(await runLedgerImport(db, packages, null, { actor: ACTOR, onKept: (k) => void (kept = k) }));
  fault.writes = 0;
  fault.failAt = failAt;
  const result = await runLedgerImport(db, packages, trustAll(reports), { actor: ACTOR, kept: keptPlan ? kept : null });
  fault.failAt = null;
  return result;
}

describe('confirming a batch of packages', { timeout: 600_000 }, () => {
  it('writes everything or nothing wherever a write fails, and stamps the findings in order', async () => {
    const demo = await demoPackages('batch-writes', 3);
    const packages: ImportPackage[] = [];
    for (const [n, p] of demo.packages.entries()) {
      const opened = unwrap(await readLedgerPackage(p.bytes, { sha256: platformSha256, verify: platformEd25519Verify }));
      packages.push({ fileName: `${n + 1}.xbledger`, packageSha256: opened.packageSha256, manifest: opened.manifest, data: opened.data, attachments: opened.attachments });
    }

    for (const keptPlan of [true, false]) {
      // Every write of a confirmation that goes through, counted.
      const fault: Fault = { failAt: null, writes: 0 };
      const clean = await headOffice(fault);
      const reports = unwrap(await confirm(clean, packages, keptPlan, fault, null));
      expect(reports.map((r) => r.imported)).toEqual([true, true, true]);
      const span = fault.writes;
      expect(span).toBeGreaterThan(packages.length * 4);
      // Each finding stamped once per write, in import order: a finding a later package updates moves up.
      const findings = await clean.findings.orderBy('localSeq').toArray();
      const written = reports.reduce((n, r) => n + r.counts.findings.insert + r.counts.findings.update, 0);
      expect(findings.length).toBeGreaterThan(0);
      expect(new Set(findings.map((f) => f.localSeq)).size).toBe(findings.length);
      expect(findings.at(-1)?.localSeq).toBe(written);
      expect((await clean.counters.get('findings:localSeq'))?.value).toBe(written);
      const lastPackageOf = new Map(packages.flatMap((p, n) => p.data.findings.map((f): [string, number] => [f.id, n])));
      const order = findings.map((f) => lastPackageOf.get(f.id) ?? -1);
      expect(order).toEqual([...order].sort((a, b) => a - b));
      clean.close();

      for (let failAt = 1; failAt <= span; failAt++) {
        const f: Fault = { failAt: null, writes: 0 };
        const db = await headOffice(f);
        const before = await databaseFingerprint(db);
        const result = await confirm(db, packages, keptPlan, f, failAt);
        expect(!result.ok && result.error.code, `${keptPlan ? 'kept plan' : 'planned again'}, write ${failAt} of ${span} failed`).toBe('import.writeFailed');
        expect(await databaseFingerprint(db)).toBe(before);
        // And the same database then takes the batch whole.
        unwrap(await confirm(db, packages, keptPlan, f, null));
        expect((await db.findings.count()) > 0 && (await databaseFingerprint(db)) !== before).toBe(true);
        db.close();
      }
    }
  });
});
