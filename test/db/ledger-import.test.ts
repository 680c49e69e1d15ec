// Head office's import (issue 6) on real packages exported by a branch database, and the way back: a
// preview writes nothing; confirming needs the fingerprint confirmed and every conflict decided, and
// writes everything or nothing; re-importing changes nothing; head office's verification travels back
// in a return package that the branch takes in with its own history entry.
import { describe, expect, it, vi } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { completeSetup } from '../../renderer/db/repos/settings';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { historyOf, verifyHistory } from '../../renderer/db/repos/history';
import { pendingReturns, recordLedgerExport, type LedgerExportRequest } from '../../renderer/db/repos/ledger-export';
import { runLedgerImport, type ImportDecisions, type ImportPackage, type KeptPlan, type PackageReport } from '../../renderer/db/repos/ledger-import';
import { ledgerExportHandlers } from '../../renderer/workers/ledger-export-handler';
import { ledgerImportHandlers } from '../../renderer/workers/ledger-import-handler';
import type { LedgerImportFile, LedgerImportJobOutput, LedgerPackageJobOutput } from '../../renderer/workers/jobs';
import { sha256Hex } from '../../renderer/core/hash';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import type { Result } from '../../renderer/core/result';
import { freshDb, withChecklist } from './helpers';
import { eachTestBranchDb, inspected, unwrap } from './finding-helpers';

const context = () => ({ signal: new AbortController().signal, progress: () => undefined });

let branch: XbDb;
eachTestBranchDb((db) => {
  branch = db;
});

async function headOffice(): Promise<XbDb> {
  const db = await freshDb();
  unwrap(await completeSetup(db, { role: 'head', inspectorName: '王五', orgUnit: { code: 'HQ', name: '总行', level: 'head', parentCode: null } }));
  await withChecklist(db);
  return db;
}

/** Exports a package from `db` as its page does (job, then the log row and synced revs once saved). */
async function exportPackage(db: XbDb, request: LedgerExportRequest = { kind: 'full' }): Promise<{ bytes: Uint8Array; pkg: ImportPackage }> {
  const [job] = ledgerExportHandlers(() => ({ db, release: () => undefined }));
  const out = unwrap((await job!.run({ request, includeAttachments: true, password: null, asOf: '2026-03-10', generator: 'test' }, context())) as Result<LedgerPackageJobOutput>);
  unwrap(await recordLedgerExport(db, { ...out.row, path: null }, out.synced));
  const opened = unwrap(await readLedgerPackage(out.bytes, { sha256: platformSha256, verify: platformEd25519Verify }));
  return { bytes: out.bytes, pkg: { fileName: out.fileName, packageSha256: opened.packageSha256, manifest: opened.manifest, data: opened.data, attachments: opened.attachments } };
}

const ctx = { actor: '王五' };
const accept = (report: PackageReport, resolutions: ImportDecisions[string]['resolutions'] = {}): ImportDecisions => ({ [report.packageSha256]: { trustKey: true, resolutions } });

async function counts(db: XbDb): Promise<Record<string, number>> {
  const names = ['orgUnits', 'inspections', 'answers', 'findings', 'history', 'attachments', 'trustedKeys', 'imports', 'syncedRevs', 'counters'];
  return Object.fromEntries(await Promise.all(names.map(async (n) => [n, await db.table(n).count()] as const)));
}

/** A branch with one failing answer (so one finding) and a package of it. */
async function branchWithFinding(): Promise<{ findingId: string; first: ImportPackage }> {
  const id = await inspected(branch);
  unwrap(await saveAnswer(branch, id, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
  const [finding] = await branch.findings.toArray();
  const { pkg } = await exportPackage(branch);
  return { findingId: finding!.id, first: pkg };
}

describe('importing branch ledger packages at head office', () => {
  it('previews without writing, needs the fingerprint confirmed, then writes everything in one go', async () => {
    const ho = await headOffice();
    const { first, findingId } = await branchWithFinding();
    const before = await counts(ho);

    const [preview] = unwrap(await runLedgerImport(ho, [first], null, ctx));
    expect(preview).toMatchObject({ key: { kind: 'unknown' }, seqStatus: { kind: 'next' }, refusal: null, noOp: false, imported: false, orgUnit: { code: 'BR01' } });
    expect(preview!.counts.findings).toMatchObject({ insert: 1, update: 0, conflict: 0 });
    expect(preview!.counts.answers.insert).toBe(first.data.answers.length);
    expect(preview!.history.append).toBe(first.data.history.length);
    expect(preview!.byUnit.map((u) => u.code)).toContain('BR01');
    expect(await counts(ho)).toEqual(before);

    // Confirming without having compared the fingerprint is refused, and nothing is written.
    const untrusted = await runLedgerImport(ho, [first], { [first.packageSha256]: { trustKey: false, resolutions: {} } }, ctx);
    expect(!untrusted.ok && untrusted.error.code).toBe('import.changed');
    expect(await counts(ho)).toEqual(before);

    const [done] = unwrap(await runLedgerImport(ho, [first], accept(preview!), ctx));
    expect(done).toMatchObject({ imported: true, refusal: null });
    expect((await ho.findings.get(findingId))?.ledgerNo).toBe(first.data.findings[0]!.ledgerNo);
    expect(await ho.history.count()).toBe(first.data.history.length);
    expect(await ho.trustedKeys.get('BR01')).toMatchObject({ fingerprint: first.manifest.device.fingerprint, confirmedBy: '王五' });
    const [log] = await ho.imports.toArray();
    expect(log).toMatchObject({ packageSha256: first.packageSha256, orgUnitCode: 'BR01', seq: 1, importedBy: '王五', conflicts: 0 });
    expect(log!.counts['findings.insert']).toBe(1);
    expect((await verifyHistory(ho)).verdicts.every((v) => v.ok)).toBe(true);
    // The register sees it: localSeq stamped.
    expect((await ho.findings.get(findingId))!.localSeq).toBeGreaterThan(0);

    // The same package again: nothing changes, and the report says so.
    const after = await counts(ho);
    const [again] = unwrap(await runLedgerImport(ho, [first], null, ctx));
    expect(again).toMatchObject({ noOp: true, seqStatus: { kind: 'duplicate' }, key: { kind: 'trusted' } });
    unwrap(await runLedgerImport(ho, [first], accept(again!), ctx));
    expect(await counts(ho)).toEqual(after);
  });

  it('takes a newer package as updates, flags a gap, reports an older one as stale', async () => {
    const ho = await headOffice();
    const { first, findingId } = await branchWithFinding();
    unwrap(await runLedgerImport(ho, [first], accept(unwrap(await runLedgerImport(ho, [first], null, ctx))[0]!), ctx));

    unwrap(await updateFinding(branch, findingId, { measures: '更换价目表', responsiblePerson: '赵六', dueDate: '2026-04-01' }));
    const { pkg: second } = await exportPackage(branch, { kind: 'delta', sinceSeq: 1 });
    unwrap(await updateFinding(branch, findingId, { responsibleDept: '运营部' }));
    const { pkg: third } = await exportPackage(branch, { kind: 'delta', sinceSeq: 2 });

    // The third alone would leave history out (a delta after one head office lacks): refused with why.
    const [gap] = unwrap(await runLedgerImport(ho, [third], null, ctx));
    expect(gap!.warnings.map((w) => w.code)).toContain('import.seqGap');
    expect(gap!.refusal?.code).toBe('import.historyGap');

    // Both together, in any order given: seq order, all updates, one transaction.
    const reports = unwrap(await runLedgerImport(ho, [third, second], null, ctx));
    expect(reports.map((r) => r.seq)).toEqual([2, 3]);
    expect(reports.every((r) => r.refusal === null && r.counts.findings.update === 1)).toBe(true);
    unwrap(await runLedgerImport(ho, [third, second], Object.assign({}, ...reports.map((r) => accept(r))) as ImportDecisions, ctx));
    expect(await ho.findings.get(findingId)).toMatchObject({ measures: '更换价目表', responsibleDept: '运营部', rev: (await branch.findings.get(findingId))!.rev });

    // The second package again, after the third: older, nothing to take.
    const [older] = unwrap(await runLedgerImport(ho, [second], null, ctx));
    expect(older!.seqStatus?.kind).toBe('duplicate');
    expect(older!.noOp).toBe(true);
  });

  it('lists a conflict when head office changed the record too, and records the decision', async () => {
    const ho = await headOffice();
    const { first, findingId } = await branchWithFinding();
    unwrap(await runLedgerImport(ho, [first], accept(unwrap(await runLedgerImport(ho, [first], null, ctx))[0]!), ctx));
    unwrap(await updateFinding(ho, findingId, { notes: '总行：请附新价目表照片' }));
    unwrap(await updateFinding(branch, findingId, { measures: '更换价目表' }));
    const { pkg: second } = await exportPackage(branch, { kind: 'delta', sinceSeq: 1 });

    const [preview] = unwrap(await runLedgerImport(ho, [second], null, ctx));
    expect(preview!.conflicts).toHaveLength(1);
    const [c] = preview!.conflicts;
    expect(c).toMatchObject({ kind: 'findings', key: findingId, reason: 'sameRev', label: first.data.findings[0]!.ledgerNo });
    expect(c!.fields.map((f) => f.field).sort()).toEqual(['measures', 'notes']);

    const undecided = await runLedgerImport(ho, [second], accept(preview!), ctx);
    expect(!undecided.ok && undecided.error.code).toBe('import.changed');

    unwrap(await runLedgerImport(ho, [second], accept(preview!, { [c!.id]: 'takeIncoming' }), ctx));
    const stored = await ho.findings.get(findingId);
    expect(stored).toMatchObject({ measures: '更换价目表', notes: '' });
    expect(stored!.rev).toBe(3);
    const timeline = await historyOf(ho, 'finding', findingId);
    expect(timeline.at(-1)).toMatchObject({ reason: 'system:mergeTookIncoming', actor: '王五' });
    expect((await verifyHistory(ho)).verdicts.every((v) => v.ok)).toBe(true);
    // The decision is head office's write (its own entry, a rev past the one the branch sent): a return package would carry it.
    expect(await pendingReturns(ho)).toEqual(new Map([['BR01', 1]]));
  });

  it('refuses a package signed by another key than the one trusted for the unit', async () => {
    const ho = await headOffice();
    const { first } = await branchWithFinding();
    await ho.trustedKeys.add({ orgUnitCode: 'BR01', publicKey: `${'B'.repeat(43)}=`, fingerprint: 'BBBB', deviceId: 'other', firstSeen: '2026-03-01T00:00:00.000Z', confirmedBy: '王五', replaced: [] });
    const before = await counts(ho);
    const [r] = unwrap(await runLedgerImport(ho, [first], null, ctx));
    expect(r!.refusal).toMatchObject({ code: 'merge.keyMismatch', params: { code: 'BR01', expected: 'BBBB' } });
    const forced = await runLedgerImport(ho, [first], accept(r!), ctx);
    expect(!forced.ok && forced.error.code).toBe('import.changed');
    expect(await counts(ho)).toEqual(before);
  });

  it('goes through the worker job: unreadable files are reported beside the readable ones', async () => {
    const ho = await headOffice();
    const id = await inspected(branch);
    unwrap(await saveAnswer(branch, id, 'M-PUB-01', { verdict: 'noncompliant' }));
    const { bytes, pkg } = await exportPackage(branch);
    const damaged = Uint8Array.from(bytes);
    damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
    const [job] = ledgerImportHandlers(() => ({ db: ho, release: () => undefined }));
    const files = [
      { name: 'broken.xbledger', bytes: damaged },
      { name: 'empty.xbledger', bytes: new Uint8Array(0) },
      { name: pkg.fileName, bytes: Uint8Array.from(bytes) },
    ];
    const out = unwrap((await job!.run({ files, password: null, decisions: null, actor: '王五' }, context())) as Result<LedgerImportJobOutput>);
    expect(out.reports.map((r) => r.fileName)).toEqual([pkg.fileName]);
    expect(out.unreadable.map((u) => u.fileName)).toEqual(['broken.xbledger', 'empty.xbledger']);
    expect(out.unreadable.every((u) => u.error.code.length > 0)).toBe(true);
    // Confirming while a file is unreadable writes nothing.
    const refused = (await job!.run({ files, password: null, decisions: accept(out.reports[0]!), actor: '王五' }, context())) as Result<LedgerImportJobOutput>;
    expect(!refused.ok && refused.error.code).toBe('import.changed');
    expect(await ho.findings.count()).toBe(0);
    const done = unwrap((await job!.run({ files: [files[2]!], password: null, decisions: accept(out.reports[0]!), actor: '王五' }, context())) as Result<LedgerImportJobOutput>);
    expect(done.reports[0]!.imported).toBe(true);
    expect(await ho.findings.count()).toBe(1);
  });
  it('confirms with what the preview verified when the bytes are the same, and opens changed bytes again', async () => {
    const ho = await headOffice();
    const id = await inspected(branch);
    unwrap(await saveAnswer(branch, id, 'M-PUB-01', { verdict: 'noncompliant' }));
    const { bytes, pkg } = await exportPackage(branch);
    const [job] = ledgerImportHandlers(() => ({ db: ho, release: () => undefined }));
    const run = async (file: Uint8Array, decisions: ImportDecisions | null) =>
      (await job!.run({ files: [{ name: pkg.fileName, bytes: Uint8Array.from(file) }], password: null, decisions, actor: '王五' }, context())) as Result<LedgerImportJobOutput>;
    const verify = vi.spyOn(crypto.subtle, 'verify');
    try {
      const preview = unwrap(await run(bytes, null));
      expect(verify).toHaveBeenCalledTimes(1);
      // Other bytes under the same name: opened again, and refused as changed since the preview.
      const damaged = Uint8Array.from(bytes);
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      const refused = await run(damaged, accept(preview.reports[0]!));
      expect(!refused.ok && refused.error.code).toBe('import.changed');
      expect(await ho.findings.count()).toBe(0);
      // That attempt dropped what the preview kept: the same bytes are verified again, then written.
      const again = unwrap(await run(bytes, null));
      const calls = verify.mock.calls.length;
      const done = unwrap(await run(bytes, accept(again.reports[0]!)));
      expect(verify.mock.calls.length).toBe(calls);
      expect(done.reports[0]).toMatchObject({ imported: true, packageSha256: pkg.packageSha256 });
      expect(await ho.findings.count()).toBe(1);
      // A confirmation is not kept for a next one: re-importing opens the file again (and changes nothing).
      const twice = unwrap(await run(bytes, accept(again.reports[0]!)));
      expect(verify.mock.calls.length).toBeGreaterThan(calls);
      expect(twice.reports[0]?.noOp).toBe(true);
    } finally {
      verify.mockRestore();
    }
  });

  it('confirms by the SHA-256 the preview returned, without the bytes; refuses one it does not hold', async () => {
    const ho = await headOffice();
    const id = await inspected(branch);
    unwrap(await saveAnswer(branch, id, 'M-PUB-01', { verdict: 'noncompliant' }));
    const { bytes, pkg } = await exportPackage(branch);
    const [job] = ledgerImportHandlers(() => ({ db: ho, release: () => undefined }));
    const run = async (files: LedgerImportFile[], decisions: ImportDecisions | null, password: string | null = null) =>
      (await job!.run({ files, password, decisions, actor: '王五' }, context())) as Result<LedgerImportJobOutput>;
    const preview = unwrap(await run([{ name: pkg.fileName, bytes: Uint8Array.from(bytes) }], null));
    expect(preview.fileSha256).toEqual([await sha256Hex(bytes, platformSha256)]);
    const ref = { name: pkg.fileName, previewed: preview.fileSha256[0]! };
    // Another password than the preview's, or bytes the worker never opened: refused, nothing written.
    const otherPassword = await run([ref], accept(preview.reports[0]!), 'x');
    expect(!otherPassword.ok && otherPassword.error).toMatchObject({ code: 'import.changed', params: { file: pkg.fileName } });
    expect(await ho.findings.count()).toBe(0);
    // That attempt dropped what the preview kept: preview again, then confirm by reference.
    const again = unwrap(await run([{ name: pkg.fileName, bytes: Uint8Array.from(bytes) }], null));
    const unknown = await run([{ name: 'other.xbledger', previewed: '0'.repeat(64) }], accept(again.reports[0]!));
    expect(!unknown.ok && unknown.error.code).toBe('import.changed');
    expect(await ho.findings.count()).toBe(0);
    const third = unwrap(await run([{ name: pkg.fileName, bytes: Uint8Array.from(bytes) }], null));
    const done = unwrap(await run([ref], accept(third.reports[0]!)));
    expect(done.reports[0]).toMatchObject({ imported: true, packageSha256: pkg.packageSha256, fileName: pkg.fileName });
    // The preview's per-unit rows are not sent again with the confirmation's totals.
    expect(third.reports[0]!.byUnit.length).toBeGreaterThan(0);
    expect(Object.keys(third.reports[0]!.unitNames).length).toBeGreaterThan(0);
    expect(done.reports[0]).toMatchObject({ byUnit: [], unitNames: {}, counts: third.reports[0]!.counts });
    expect(await ho.findings.count()).toBe(1);
    // A confirmation is not kept for a next one.
    const twice = await run([ref], accept(third.reports[0]!));
    expect(!twice.ok && twice.error.code).toBe('import.changed');
  });
  it('confirms with the kept plan only while the database is the one the preview planned against', async () => {
    const ho = await headOffice();
    const { first, findingId } = await branchWithFinding();
    unwrap(await runLedgerImport(ho, [first], accept(unwrap(await runLedgerImport(ho, [first], null, ctx))[0]!), ctx));
    const previewKept = async (pkg: ImportPackage): Promise<{ report: PackageReport; kept: KeptPlan }> => {
      let kept: KeptPlan | null = null;
      const [report] = unwrap(await runLedgerImport(ho, [pkg], null, { ...ctx, onKept: (k) => void (kept = k) }));
      expect(report!.counts.findings).toMatchObject({ update: 1, conflict: 0 });
      return { report: report!, kept: kept! };
    };

    // The same package imported meanwhile (another confirmation): planned again, it changes nothing
    // (the kept plan would have added its history entries a second time).
    unwrap(await updateFinding(branch, findingId, { measures: '更换价目表' }));
    const { pkg: second } = await exportPackage(branch, { kind: 'delta', sinceSeq: 1 });
    const a = await previewKept(second);
    unwrap(await runLedgerImport(ho, [second], accept(a.report), ctx));
    const stored = await counts(ho);
    const [late] = unwrap(await runLedgerImport(ho, [second], accept(a.report), { ...ctx, kept: a.kept }));
    expect(late).toMatchObject({ noOp: true, imported: false, seqStatus: { kind: 'duplicate' } });
    expect(await counts(ho)).toEqual(stored);

    // Head office changes the finding after the preview: planned again, that is a conflict the preview
    // did not show, so nothing is written (the kept plan would have overwritten head office's change).
    unwrap(await updateFinding(branch, findingId, { responsibleDept: '运营部' }));
    const { pkg: third } = await exportPackage(branch, { kind: 'delta', sinceSeq: 2 });
    const b = await previewKept(third);
    unwrap(await updateFinding(ho, findingId, { notes: '总行：请附新价目表照片' }));
    const before = await counts(ho);
    const changed = await runLedgerImport(ho, [third], accept(b.report), { ...ctx, kept: b.kept });
    expect(!changed.ok && changed.error.code).toBe('import.changed');
    expect(await counts(ho)).toEqual(before);
    const kept = await ho.findings.get(findingId);
    expect(kept?.notes).toBe('总行：请附新价目表照片');
    expect(kept?.responsibleDept).not.toBe('运营部');
  });
});

describe('the verification round trip', () => {
  it('carries head office verification back; the branch records it in its own history', async () => {
    const ho = await headOffice();
    const { first, findingId } = await branchWithFinding();
    unwrap(await runLedgerImport(ho, [first], accept(unwrap(await runLedgerImport(ho, [first], null, ctx))[0]!), ctx));
    unwrap(await updateFinding(branch, findingId, { measures: '更换价目表', responsiblePerson: '赵六', dueDate: '2026-04-01', completionNote: '已更换并拍照' }));
    unwrap(await transitionFinding(branch, findingId, 'start', {}));
    unwrap(await transitionFinding(branch, findingId, 'submit', { completedAt: '2026-03-02', completionNote: '已更换并拍照' }));
    const { pkg: second } = await exportPackage(branch, { kind: 'delta', sinceSeq: 1 });
    unwrap(await runLedgerImport(ho, [second], accept(unwrap(await runLedgerImport(ho, [second], null, ctx))[0]!), ctx));
    expect((await ho.findings.get(findingId))?.status).toBe('rectified');
    // Imported findings are not head office's changes: nothing to return yet.
    expect(await pendingReturns(ho)).toEqual(new Map());

    unwrap(await transitionFinding(ho, findingId, 'verify', { verifier: '王五', verifiedAt: '2026-03-02', verificationNote: '现场核实' }));
    expect(await pendingReturns(ho)).toEqual(new Map([['BR01', 1]]));
    const { pkg: back } = await exportPackage(ho, { kind: 'return', unitCode: 'BR01' });
    expect(await pendingReturns(ho)).toEqual(new Map());
    expect(back.fileName).toMatch(/^验收反馈-BR01-20260310-\d{4}\.xbledger$/);
    expect(back.manifest.scope).toEqual({ kind: 'return', unitCode: 'BR01' });
    expect(back.data.findings.map((f) => f.id)).toEqual([findingId]);
    expect(back.data.history).toEqual([]);
    // Nothing new since: a second return package has nothing to carry.
    const [job] = ledgerExportHandlers(() => ({ db: ho, release: () => undefined }));
    const empty = (await job!.run({ request: { kind: 'return', unitCode: 'BR01' }, includeAttachments: false, password: null, asOf: '2026-03-10', generator: 'test' }, context())) as Result<LedgerPackageJobOutput>;
    expect(!empty.ok && empty.error.code).toBe('ledger.nothingToReturn');

    const [preview] = unwrap(await runLedgerImport(branch, [back], null, { actor: '张三' }));
    expect(preview).toMatchObject({ key: { kind: 'unknown' }, refusal: null, conflicts: [] });
    expect(preview!.counts.findings.update).toBe(1);
    unwrap(await runLedgerImport(branch, [back], accept(preview!), { actor: '张三' }));
    const local = await branch.findings.get(findingId);
    expect(local).toMatchObject({ status: 'verified', verification: { by: '王五', at: '2026-03-02', note: '现场核实' } });
    const last = (await historyOf(branch, 'finding', findingId)).at(-1);
    expect(last).toMatchObject({ reason: 'system:fromHeadOffice', actor: '张三', deviceId: (await branch.settings.get('device'))!.deviceId });
    expect(last!.changes.map((c) => c.field)).toContain('status');
    expect((await verifyHistory(branch)).verdicts.every((v) => v.ok)).toBe(true);

    // The branch's next package carries the verified finding and its entry; head office holds that
    // version already: no conflict, just the branch's history appended.
    const { pkg: third } = await exportPackage(branch, { kind: 'delta', sinceSeq: 2 });
    const [next] = unwrap(await runLedgerImport(ho, [third], null, ctx));
    expect(next).toMatchObject({ refusal: null, conflicts: [] });
    expect(next!.counts.findings).toMatchObject({ unchanged: 1, update: 0, conflict: 0 });
    expect(next!.history.append).toBe(1);
  });
});
