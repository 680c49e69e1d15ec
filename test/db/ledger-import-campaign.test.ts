// Issue 6's campaign through the real import (db/repos/ledger-import on IndexedDB): 18 demo branches
// as signed packages, then later packages of 5 of them. Head office's tables must then hold exactly
// what the packages say — every finding at its latest version, every history entry once — and the
// second round must update without a conflict.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { ed25519FromSeed, nodeEd25519Verify, nodeSha256 } from '../../electron/cli/node-crypto';
import { toBase64 } from '../../renderer/core/crypto/encoding';
import { keyFingerprint } from '../../renderer/core/crypto/fingerprint';
import { demoBranch, type DemoBranch } from '../../renderer/core/demo/campaign';
import { demoFollowUp } from '../../renderer/core/demo/follow-up';
import { demoPackageInput } from '../../renderer/core/demo/package-input';
import { readLedgerPackage, writeLedgerPackage } from '../../renderer/io/ledger-package';
import { readHeldKeys, readMergeState, runLedgerImport, type ImportDecisions, type ImportPackage, type KeptPlan, type PackageReport } from '../../renderer/db/repos/ledger-import';
import { completeSetup } from '../../renderer/db/repos/settings';
import { verifyHistory } from '../../renderer/db/repos/history';
import { bundledChecklists } from '../core/ledger/fixtures';
import { freshDb } from './helpers';
import { manualClock, unwrap } from './finding-helpers';
import { databaseFingerprint } from './db-fingerprint';

const LATER = [0, 4, 7, 11, 17];

async function packageOf(branch: DemoBranch, sequence: { seq: number; prevPackageSha256: string | null }): Promise<ImportPackage> {
  const key = ed25519FromSeed(branch.device.seed);
  const device = { id: branch.device.id, publicKey: toBase64(key.publicKey), fingerprint: await keyFingerprint(key.publicKey, nodeSha256) };
  // The workbook is the human view; the import reads ledger.json, so a placeholder keeps the test quick.
  const written = unwrap(await writeLedgerPackage(demoPackageInput(branch, { device, workbook: new Uint8Array([0x50, 0x4b]), sha256: nodeSha256, sign: key.sign, generator: 'test' }, sequence)));
  const opened = unwrap(await readLedgerPackage(written.bytes, { sha256: nodeSha256, verify: nodeEd25519Verify }));
  return { fileName: `${branch.unit.code}-${sequence.seq}.xbledger`, packageSha256: opened.packageSha256, manifest: opened.manifest, data: opened.data, attachments: opened.attachments };
}

const trustAll = (reports: { packageSha256: string }[]): ImportDecisions => Object.fromEntries(reports.map((r) => [r.packageSha256, { trustKey: true, resolutions: {} }]));

describe('head office imports 18 demo branches, then later packages of 5', { timeout: 300_000 }, () => {
  let first: ImportPackage[];
  let later: ImportPackage[];
  let expected: DemoBranch[];

  beforeAll(async () => {
    const checklists = await bundledChecklists();
    const options = { seed: 'import-campaign', branches: 18, asOf: '2026-06-30', checklists };
    const branches = Array.from({ length: 18 }, (_, i) => demoBranch(options, i));
    first = await Promise.all(branches.map((b) => packageOf(b, { seq: 1, prevPackageSha256: null })));
    const follow = LATER.map((i) => demoFollowUp(branches[i]!, '2026-08-15'));
    later = await Promise.all(follow.map((b, n) => packageOf(b, { seq: 2, prevPackageSha256: first[LATER[n]!]!.packageSha256 })));
    expected = branches.map((b, i) => follow[LATER.indexOf(i)] ?? b);
  });

  it('holds exactly the latest version of every record, every history entry once, and verifies', async () => {
    const ho = await freshDb();
    unwrap(await completeSetup(ho, { role: 'head', inspectorName: '王五', orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));

    const preview = unwrap(await runLedgerImport(ho, first, null, { actor: '王五' }));
    expect(preview.every((r) => r.refusal === null && r.key.kind === 'unknown' && r.conflicts.length === 0)).toBe(true);
    expect(await ho.findings.count()).toBe(0);
    const done = unwrap(await runLedgerImport(ho, first, trustAll(preview), { actor: '王五' }));
    // The preview said exactly what confirming did (it planned independent packages without writing them).
    expect(done.map((r) => ({ ...r, imported: false }))).toEqual(preview);

    // Looking findings and photos up only under the keys held reads the very same records.
    const own = (await ho.settings.get('device'))!.deviceId;
    const held = await readHeldKeys(ho);
    expect(held.findingIds.size).toBe(await ho.findings.count());
    for (const p of later) expect(await readMergeState(ho, p.data, own, held)).toEqual(await readMergeState(ho, p.data, own));

    const round2 = unwrap(await runLedgerImport(ho, later, null, { actor: '王五' }));
    expect(round2.every((r) => r.refusal === null && r.key.kind === 'trusted' && r.seqStatus?.kind === 'next' && r.conflicts.length === 0)).toBe(true);
    expect(round2.reduce((n, r) => n + r.counts.findings.update, 0)).toBeGreaterThan(0);
    const done2 = unwrap(await runLedgerImport(ho, later, trustAll(round2), { actor: '王五' }));
    expect(done2.map((r) => ({ ...r, imported: false }))).toEqual(round2);

    const findings = expected.flatMap((b) => b.data.findings);
    const stored = await ho.findings.toArray();
    expect(stored).toHaveLength(findings.length);
    const byId = new Map(stored.map((f) => [f.id, f]));
    for (const f of findings) expect({ ...byId.get(f.id), localSeq: 0 }).toEqual({ ...f, localSeq: 0 });
    const statuses = (rows: { status: string; deletedAt: string | null }[]) => rows.reduce<Record<string, number>>((acc, f) => ({ ...acc, [f.deletedAt === null ? f.status : 'voided']: (acc[f.deletedAt === null ? f.status : 'voided'] ?? 0) + 1 }), {});
    expect(statuses(stored)).toEqual(statuses(findings));
    expect(await ho.history.count()).toBe(expected.reduce((n, b) => n + b.data.history.length, 0));
    expect(await ho.inspections.count()).toBe(expected.reduce((n, b) => n + b.data.inspections.length, 0));
    expect(await ho.answers.count()).toBe(expected.reduce((n, b) => n + b.data.answers.length, 0));
    expect(await ho.imports.count()).toBe(23);
    expect(await ho.trustedKeys.count()).toBe(18);
    expect((await verifyHistory(ho)).verdicts.every((v) => v.ok)).toBe(true);

    // Everything again, in one batch: nothing changes.
    const again = unwrap(await runLedgerImport(ho, [...later, ...first], null, { actor: '王五' }));
    expect(again.every((r) => r.noOp)).toBe(true);
  });

  it('plans a later package against what an earlier one of the same batch wrote', async () => {
    // Both rounds in one transaction: the keys held grow as each package is written, so the second
    // packages update the findings the first ones inserted, exactly as in two separate imports.
    const ho = await freshDb();
    unwrap(await completeSetup(ho, { role: 'head', inspectorName: '王五', orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));
    const batch = [...first, ...later];
    const preview = unwrap(await runLedgerImport(ho, batch, null, { actor: '王五' }));
    const done = unwrap(await runLedgerImport(ho, batch, trustAll(preview), { actor: '王五' }));
    // A second package inserts only the findings its first did not hold; it finds the others.
    const seen = (reports: PackageReport[]) => Object.fromEntries(reports.filter((r) => r.seq === 2).map((r) => [r.orgUnit.code, { insert: r.counts.findings.insert, found: r.counts.findings.update + r.counts.findings.unchanged + r.counts.findings.stale }]));
    const expectedSeen = Object.fromEntries(
      later.map((p, n) => {
        const before = new Set(first[LATER[n]!]!.data.findings.map((f) => f.id));
        const insert = p.data.findings.filter((f) => !before.has(f.id)).length;
        return [p.manifest.orgUnit.code, { insert, found: p.data.findings.length - insert }];
      }),
    );
    expect(Object.values(expectedSeen).every((c) => c.found > 0)).toBe(true);
    expect(seen(done)).toEqual(expectedSeen);
    const stored = new Map((await ho.findings.toArray()).map((f) => [f.id, f]));
    const findings = expected.flatMap((b) => b.data.findings);
    expect(stored.size).toBe(findings.length);
    for (const f of findings) expect({ ...stored.get(f.id), localSeq: 0 }).toEqual({ ...f, localSeq: 0 });
    expect(await ho.history.count()).toBe(expected.reduce((n, b) => n + b.data.history.length, 0));
  });

  it('confirms with the plans its preview kept, storing exactly what planning again stores', async () => {
    // Both rounds in one batch, so later packages are planned against what earlier ones would write:
    // by the preview's dry run, and by confirming after writing them.
    const batch = [...first, ...later];
    const importOnce = async (useKept: boolean) => {
      const clock = manualClock();
      const ho = await freshDb();
      try {
        unwrap(await completeSetup(ho, { role: 'head', inspectorName: '王五', orgUnit: { code: '100000', name: '总行', level: 'head', parentCode: null } }));
        let kept: KeptPlan | null = null;
        const preview = unwrap(await runLedgerImport(ho, batch, null, { actor: '王五', onKept: (k) => void (kept = k) }));
        expect(await ho.findings.count()).toBe(0);
        // Planning a package starts by reading the unit's trusted key.
        const planning = vi.spyOn(ho.trustedKeys, 'get');
        const done = unwrap(await runLedgerImport(ho, batch, trustAll(preview), { actor: '王五', kept: useKept ? kept : null }));
        const planned = planning.mock.calls.length;
        planning.mockRestore();
        return { preview, done, planned, fingerprint: await databaseFingerprint(ho, ['settings']) };
      } finally {
        ho.close();
        clock.reset();
      }
    };
    const again = await importOnce(false);
    const kept = await importOnce(true);
    expect(again.planned).toBe(batch.length);
    expect(kept.planned).toBe(0);
    expect(kept.fingerprint).toBe(again.fingerprint);
    expect(kept.done).toEqual(again.done);
    // The dry run showed exactly what confirming did, the packages planned against earlier ones included.
    expect(again.done.map((r) => ({ ...r, imported: false }))).toEqual(again.preview);
    expect(again.preview.filter((r) => r.seq === 2).every((r) => r.counts.findings.update > 0 && r.seqStatus?.kind === 'next' && r.key.kind === 'trusted')).toBe(true);
  });
});
