// The branch ledger package from a real database (issue 5): the worker's package job reads the records,
// writes and signs the package, and checks it as head office will. Export → verify → parse gives exactly
// the stored records; a delta continues the chain of the package before it; exported history is frozen.
import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { XbDb } from '../../renderer/db/db';
import { attachToFinding, type NewAttachment } from '../../renderer/db/repos/attachments';
import { transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { saveAnswer } from '../../renderer/db/repos/inspections';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { historyOf, verifyHistory } from '../../renderer/db/repos/history';
import { findingPages, findingPagesByIds, pagedFindings, planLedgerExport, recordLedgerExport } from '../../renderer/db/repos/ledger-export';
import { ledgerWorkbookBytes } from '../../renderer/io/ledger-workbook';
import { toSheetRow } from '../../renderer/core/ledger/sheet-rows';
import type { FindingRow } from '../../renderer/db/types';
import { addManualFinding, voidFinding } from '../../renderer/db/repos/findings';
import { Workbook } from '@cj-tech-master/excelts';
import { findingsWorkbook, ledgerExportHandlers, readSheetContext } from '../../renderer/workers/ledger-export-handler';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { fromBase64 } from '../../renderer/core/crypto/encoding';
import { sha256Sync } from '../../renderer/core/sha256';
import { toHex } from '../../renderer/core/hash';
import type { JobProgress } from '../../renderer/workers/protocol';
import type { LedgerExcelJobOutput, LedgerPackageJobInput, LedgerPackageJobOutput } from '../../renderer/workers/jobs';
import type { Result } from '../../renderer/core/result';
import { eachTestBranchDb, inspected, unwrap, type ManualClock } from './finding-helpers';

let db: XbDb;
let clock: ManualClock;
eachTestBranchDb((d, c) => {
  db = d;
  clock = c;
});

const input = (over: Partial<LedgerPackageJobInput> = {}): LedgerPackageJobInput => ({
  request: { kind: 'full' },
  includeAttachments: true,
  password: null,
  asOf: '2026-03-10',
  generator: 'test',
  ...over,
});

async function runPackageJob(job: LedgerPackageJobInput, signal = new AbortController().signal): Promise<{ result: Result<LedgerPackageJobOutput>; phases: string[] }> {
  const [handler] = ledgerExportHandlers(() => ({ db, release: () => undefined }));
  const phases: string[] = [];
  const result = (await handler!.run(job, { signal, progress: (p: JobProgress) => void (phases.at(-1) !== p.phase && phases.push(p.phase)) })) as Result<LedgerPackageJobOutput>;
  return { result, phases };
}

const read = (bytes: Uint8Array, password?: string) =>
  readLedgerPackage(bytes, {
    sha256: platformSha256,
    verify: platformEd25519Verify,
    ...(password === undefined ? {} : { password, envelope: { subtle: crypto.subtle, randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) } }),
  });

const photoBytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4, 5]);
const photo = (): NewAttachment => ({
  id: toHex(sha256Sync(photoBytes)),
  sourceSha256: 'b'.repeat(64),
  name: '价目表.png',
  mime: 'image/png',
  size: photoBytes.byteLength,
  width: 20,
  height: 10,
  blob: new Blob([photoBytes], { type: 'image/png' }),
  thumbnail: null,
});


/** A branch with one inspection, two failed items (two findings), one finding worked on with evidence. */
async function someWork(): Promise<{ inspectionId: string; findingIds: string[] }> {
  const inspectionId = await inspected(db);
  unwrap(await saveAnswer(db, inspectionId, 'M-PUB-01', { verdict: 'noncompliant', note: '价目表为旧版' }));
  unwrap(await saveAnswer(db, inspectionId, 'M-PUB-02', { verdict: 'partial', note: '投诉电话字迹模糊' }));
  unwrap(await saveAnswer(db, inspectionId, 'M-ZQ-01', { verdict: 'compliant', sampleSize: 10, exceptions: 0 }));
  const findings = await db.findings.orderBy('ledgerNo').toArray();
  const first = findings[0]!;
  unwrap(await updateFinding(db, first.id, { measures: '更换价目表', responsiblePerson: '赵六', dueDate: '2026-03-05' }));
  unwrap(await attachToFinding(db, first.id, [{ file: photo() }]));
  unwrap(await transitionFinding(db, first.id, 'start', {}));
  return { inspectionId, findingIds: findings.map((f) => f.id) };
}

describe('ledger package export', () => {
  it('export → verify → parse gives exactly the stored records, signed by this device', async () => {
    await someWork();
    const { result, phases } = await runPackageJob(input());
    const out = unwrap(result);
    expect(phases).toEqual(['reading', 'workbook', 'attachments', 'signing', 'checking']);
    expect(out.fileName).toBe('整改台账-BR01-20260310-0001.xbledger');

    const opened = unwrap(await read(out.bytes));
    const { data, manifest } = opened;
    expect(manifest).toMatchObject({ format: 'xiaobao.ledger/1', seq: 1, prevPackageSha256: null, scope: { kind: 'full' }, orgUnit: { code: 'BR01', name: '城东分行' } });
    const stripped = (await db.findings.toArray()).map(({ localSeq: _l, ...f }) => f).sort((a, b) => (a.ledgerNo < b.ledgerNo ? -1 : 1));
    expect(data.findings).toEqual(stripped);
    expect(data.inspections).toEqual(await db.inspections.toArray());
    expect(data.answers).toEqual(expect.arrayContaining(await db.answers.toArray()));
    expect(data.answers).toHaveLength(await db.answers.count());
    expect(data.history).toEqual(await db.history.orderBy('[deviceId+seq]').toArray());
    expect(data.orgUnits.map((u) => u.code)).toEqual(['BR01']);
    expect(data.attachments.map((a) => a.id)).toEqual([photo().id]);
    expect([...opened.attachments.values()][0]).toEqual(photoBytes);
    const head = (await verifyHistory(db)).verdicts[0]!;
    expect(head.ok && manifest.auditHead === head.head?.hash).toBe(true);

    // Plain Node crypto verifies the signature from the manifest's own public key.
    const entries = unzipSync(out.bytes);
    const raw = fromBase64(manifest.device.publicKey)!;
    const spki = Buffer.concat([Buffer.from('302a300506032b6570032100', 'hex'), Buffer.from(raw)]);
    const key = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    expect(nodeVerify(null, entries['manifest.json']!, key, entries['manifest.sig']!)).toBe(true);
    expect(nodeVerify(null, Buffer.concat([entries['manifest.json']!, Buffer.from(' ')]), key, entries['manifest.sig']!)).toBe(false);
  });

  it('chains packages: seq and previous hash, and a delta holds only what changed since, anchored to it', async () => {
    const { findingIds } = await someWork();
    const first = unwrap((await runPackageJob(input())).result);
    unwrap(await recordLedgerExport(db, { ...first.row, path: null }));

    clock.advance(3 * 60_000);
    unwrap(await updateFinding(db, findingIds[1]!, { responsibleDept: '运营管理部' }));
    const delta = unwrap((await runPackageJob(input({ request: { kind: 'delta', sinceSeq: 1 }, includeAttachments: false }))).result);
    const opened = unwrap(await read(delta.bytes));
    expect(opened.manifest).toMatchObject({ seq: 2, prevPackageSha256: first.row.packageSha256, scope: { kind: 'delta', sinceSeq: 1 }, attachmentsIncluded: false });
    expect(opened.data.findings.map((f) => f.id)).toEqual([findingIds[1]]);
    expect(opened.data.inspections).toHaveLength(1);
    expect(opened.data.history).toHaveLength(1);
    const segment = opened.manifest.chains[0]!;
    // The delta continues exactly where the first package's chain ended.
    expect(segment.after).toEqual({ seq: first.row.chainHeads[0]!.seq, hash: first.row.auditHead });
    expect(delta.fileName).toBe('整改台账-BR01-20260310-0002.xbledger');
  });

  it('never re-seals a history entry that went out in a package', async () => {
    const id = await inspected(db);
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { verdict: 'compliant' }));
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { note: '已核' }));
    const before = await historyOf(db, 'answer', `${id}/M-PUB-01`);
    unwrap((await runPackageJob(input())).result);
    // Within the coalescing window, a further note edit would normally rewrite the head entry.
    unwrap(await saveAnswer(db, id, 'M-PUB-01', { note: '已核，价目表为最新版' }));
    const after = await historyOf(db, 'answer', `${id}/M-PUB-01`);
    expect(after).toHaveLength(before.length + 1);
    expect(after.slice(0, before.length)).toEqual(before);
    expect((await verifyHistory(db)).verdicts.every((v) => v.ok)).toBe(true);
  });

  it('protects the package with a password: the right one opens it, a wrong one says so', async () => {
    await someWork();
    const out = unwrap((await runPackageJob(input({ password: '分行台账2026' }))).result);
    expect(out.row.sealed).toBe(true);
    expect(unwrap(await read(out.bytes, '分行台账2026')).manifest.seq).toBe(1);
    const wrong = await read(out.bytes, '分行台账2025');
    expect(!wrong.ok && wrong.error.code).toBe('envelope.wrongPassword');
    const none = await read(out.bytes);
    expect(!none.ok && none.error.code).toBe('ledger.passwordRequired');
  }, 30_000);

  it('refuses records of a unit outside this one, naming it', async () => {
    unwrap(await addOrgUnit(db, { code: 'BR02', name: '城西分行', level: 'branch', parentCode: null }));
    await inspected(db, '2026-03-02', 'BR02');
    const plan = await planLedgerExport(db, { kind: 'full' });
    expect(!plan.ok && plan.error).toMatchObject({ code: 'ledger.foreignRecords', params: { code: 'BR02', own: 'BR01' } });
  });

  it('stops when cancelled and gives no file', async () => {
    await someWork();
    const controller = new AbortController();
    controller.abort();
    const { result } = await runPackageJob(input(), controller.signal);
    expect(!result.ok && result.error.code).toBe('job.cancelled');
  });

  it('refuses a delta from a package it never exported, and a seq recorded twice', async () => {
    const plan = await planLedgerExport(db, { kind: 'delta', sinceSeq: 7 });
    expect(!plan.ok && plan.error.code).toBe('ledger.sinceUnknown');
    await someWork();
    const out = unwrap((await runPackageJob(input())).result);
    unwrap(await recordLedgerExport(db, { ...out.row, path: null }));
    const again = await recordLedgerExport(db, { ...out.row, path: null });
    expect(!again.ok && again.error.code).toBe('ledger.seqTaken');
  });

  it('writes the Excel ledger from findings paged out in ledger-number order, voided ones left out', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push(unwrap(await addManualFinding(db, { orgUnitCode: 'BR01', description: `问题${i + 1}`, category: '公示', basis: '', severity: '一般', dueDate: null, responsibleDept: '', responsiblePerson: '' })).id);
    }
    unwrap(await voidFinding(db, ids[3]!, '重复登记'));
    const paged: string[] = [];
    for await (const f of pagedFindings(db, 2)) paged.push(f.ledgerNo);
    expect(paged).toEqual((await db.findings.orderBy('ledgerNo').toArray()).map((f) => f.ledgerNo));
    expect(paged).toHaveLength(7);
    // Pages that end exactly at the last finding, pages of one, and a reader that stops early.
    for (const size of [1, 7, 8]) {
      const again: string[] = [];
      for await (const f of pagedFindings(db, size)) again.push(f.ledgerNo);
      expect(again).toEqual(paged);
    }
    const firstThree: string[] = [];
    for await (const f of pagedFindings(db, 2)) {
      firstThree.push(f.ledgerNo);
      if (firstThree.length === 3) break;
    }
    expect(firstThree).toEqual(paged.slice(0, 3));

    const [, excel] = ledgerExportHandlers(() => ({ db, release: () => undefined }));
    const out = unwrap((await excel!.run({ asOf: '2026-03-10', title: '整改台账' }, { signal: new AbortController().signal, progress: () => undefined })) as Result<LedgerExcelJobOutput>);
    expect(out.rows).toBe(6);
    const book = new Workbook();
    await book.xlsx.load(out.bytes);
    const sheet = book.getWorksheet('整改台账')!;
    const descriptions = [2, 3, 4, 5, 6, 7].map((r) => sheet.getRow(r).getCell(9).value);
    expect(descriptions).toEqual(['问题1', '问题2', '问题3', '问题5', '问题6', '问题7']);
    expect(sheet.getRow(8).getCell(9).value ?? null).toBeNull();
  });

  it('pages start small and grow by a quarter; the Excel job writes the same cells as mapping the findings one at a time', async () => {
    // Findings of an inspection (检查类型 and checklist columns) and manual ones, one worked on, one voided.
    const { findingIds } = await someWork();
    const manual: string[] = [];
    for (let i = 0; i < 9; i++) {
      manual.push(unwrap(await addManualFinding(db, { orgUnitCode: 'BR01', description: `问题${i + 1}`, category: i % 2 ? '公示' : '', basis: '', severity: '一般', dueDate: i < 4 ? '2026-03-01' : null, responsibleDept: '', responsiblePerson: '' })).id);
    }
    unwrap(await voidFinding(db, manual[2]!, '重复登记'));
    const all = await db.findings.orderBy('ledgerNo').toArray();
    expect(all).toHaveLength(11);

    for (const [firstPage, pageSize, sizes] of [[1, 4, [1, 2, 3, 4, 1]], [3, 5, [3, 4, 4]], [250, 2000, [11]], [11, 11, [11]], [2, 3, [2, 3, 3, 3]], [1, 100, [1, 2, 3, 4, 1]]] as const) {
      const pages: FindingRow[][] = [];
      for await (const page of findingPages(db, { firstPage, pageSize })) pages.push(page);
      expect(pages.map((p) => p.length)).toEqual(sizes);
      expect(pages.flat()).toEqual(all);
    }
    // A page that ends exactly at the last finding is followed by one empty read, never by an empty page.
    const exact: number[] = [];
    for await (const page of findingPages(db, { firstPage: 1, pageSize: 2 })) exact.push(page.length);
    expect(exact).toEqual([1, 2, 2, 2, 2, 2]);

    // The workbook the job writes from pages, against the same rows mapped and written one at a time.
    const asOf = '2026-03-10';
    const context = await readSheetContext(db, asOf);
    async function* oneAtATime(findings: readonly FindingRow[]) {
      for (const f of findings) if (f.deletedAt === null) yield toSheetRow(f, context);
    }
    const sheetsOf = (bytes: Uint8Array): Record<string, string> =>
      // Everything but the document properties, which hold the time the workbook was made.
      Object.fromEntries(Object.entries(unzipSync(bytes)).filter(([name]) => !name.startsWith('docProps/')).map(([name, data]) => [name, new TextDecoder().decode(data)]));
    const job = { signal: new AbortController().signal, progress: () => undefined };
    const [, excel] = ledgerExportHandlers(() => ({ db, release: () => undefined }));
    const out = unwrap((await excel!.run({ asOf, title: '整改台账' }, job)) as Result<LedgerExcelJobOutput>);
    expect(out.rows).toBe(10);
    const before = unwrap(await ledgerWorkbookBytes(oneAtATime(all), { asOf, title: '整改台账' }));
    expect(sheetsOf(out.bytes)).toEqual(sheetsOf(before));
    expect(Object.keys(sheetsOf(out.bytes))).toContain('xl/worksheets/sheet1.xml');

    // The register's export (ids in the register's order, read a page at a time by id), the same way.
    const ids = [...manual].reverse().concat(findingIds);
    const byIds = unwrap(await findingsWorkbook(db, findingPagesByIds(db, ids, 3), { asOf, title: '登记簿', total: ids.length }, job));
    const inOrder = (await db.findings.bulkGet(ids)).filter((f): f is FindingRow => f !== undefined);
    const beforeByIds = unwrap(await ledgerWorkbookBytes(oneAtATime(inOrder), { asOf, title: '登记簿' }));
    expect(byIds.rows).toBe(10);
    expect(sheetsOf(byIds.bytes)).toEqual(sheetsOf(beforeByIds));
  });
});
