// `xiaobao consolidate`, run in-process through `run`: demo packages and a later package of one branch
// in, the consolidated 整改台账 and the summary out, with every number checked against the packages
// themselves; a tampered package and one signed by another key are refused while the rest go through.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ed25519FromSeed, nodeEd25519Verify, nodeSha256 } from '../../electron/cli/node-crypto';
import { xiaobao } from './cli-run';
import { toBase64 } from '../../renderer/core/crypto/encoding';
import { keyFingerprint } from '../../renderer/core/crypto/fingerprint';
import { demoBranch, type DemoBranch } from '../../renderer/core/demo/campaign';
import { demoFollowUp } from '../../renderer/core/demo/follow-up';
import { demoPackageInput, demoSheetRows } from '../../renderer/core/demo/package-input';
import { isOverdue } from '../../renderer/core/finding/overdue';
import type { FindingRecord } from '../../renderer/core/ledger/records';
import { readLedgerPackage, writeLedgerPackage } from '../../renderer/io/ledger-package';
import { ledgerWorkbookBytes } from '../../renderer/io/ledger-workbook';
import { readWorkbookRows } from '../../renderer/io/workbook';
import { bundledChecklists } from '../core/ledger/fixtures';

const SEED = 'consolidate-test';
const AS_OF = '2026-08-20';
let dir: string;


/** The branch's package after `later`, as its own device (or, with `seed`, another key) would sign it. */
async function laterPackage(branch: DemoBranch, later: DemoBranch, prev: string, seed: Uint8Array = branch.device.seed): Promise<Uint8Array> {
  const key = ed25519FromSeed(seed);
  const device = { id: branch.device.id, publicKey: toBase64(key.publicKey), fingerprint: await keyFingerprint(key.publicKey, nodeSha256) };
  const workbook = await ledgerWorkbookBytes(demoSheetRows(later), { asOf: later.asOf });
  if (!workbook.ok) throw new Error(workbook.error.code);
  const written = await writeLedgerPackage(demoPackageInput(later, { device, workbook: workbook.value, sha256: nodeSha256, sign: key.sign, generator: 'test' }, { seq: 2, prevPackageSha256: prev }));
  if (!written.ok) throw new Error(written.error.code);
  return written.value.bytes;
}

type Numbers = { findings: number; orgUnitsWithFindings: number; completed: number; orgUnitsCompleted: number; open: number; overdue: number; completionRate: number };

/** §7's definitions, counted here without core/ledger/summary. */
function countDirectly(findings: readonly FindingRecord[], asOf: string): Numbers {
  const live = findings.filter((f) => f.deletedAt === null);
  const done = live.filter((f) => f.status === 'rectified' || f.status === 'verified');
  return {
    findings: live.length,
    orgUnitsWithFindings: new Set(live.map((f) => f.orgUnitCode)).size,
    completed: done.length,
    orgUnitsCompleted: new Set(done.map((f) => f.orgUnitCode)).size,
    open: live.length - done.length,
    overdue: live.filter((f) => isOverdue(f, asOf)).length,
    completionRate: done.length / live.length,
  };
}

describe('xiaobao consolidate', { timeout: 180_000 }, () => {
  let branches: DemoBranch[];
  let later: DemoBranch;
  let demoFiles: string[];
  let laterFile: string;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xiaobao-consolidate-'));
    const demo = await xiaobao('demo', '--branches', '3', '--out', join(dir, 'in'), '--seed', SEED);
    expect(demo.code, demo.err.join('\n')).toBe(0);
    demoFiles = ['101000', '102000', '103000'].map((code) => join(dir, 'in', `整改台账-${code}-20260630-0001.xbledger`));
    const checklists = await bundledChecklists();
    branches = [0, 1, 2].map((i) => demoBranch({ seed: SEED, branches: 3, asOf: '2026-06-30', checklists }, i));
    const first = await readLedgerPackage(new Uint8Array(readFileSync(demoFiles[1]!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!first.ok) throw new Error(first.error.code);
    // The rebuilt branch is the one in the file: same device, same records.
    expect(first.value.manifest.device.id).toBe(branches[1]!.device.id);
    expect(first.value.data.findings).toEqual(branches[1]!.data.findings);
    later = demoFollowUp(branches[1]!, '2026-08-15');
    laterFile = join(dir, 'in', '整改台账-102000-20260815-0002.xbledger');
    writeFileSync(laterFile, await laterPackage(branches[1]!, later, first.value.packageSha256));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('merges a folder of packages, the later one of a branch over its first, and --json has §7’s numbers', async () => {
    const out = join(dir, 'all.xlsx');
    const r = await xiaobao('consolidate', join(dir, 'in'), '--xlsx', out, '--json', '--as-of', AS_OF);
    expect(r.code, r.err.join('\n')).toBe(0);
    const report = JSON.parse(r.out.join('\n')) as { packages: unknown; summary: Numbers; statement: string };
    expect(Object.keys(report)).toEqual(['packages', 'summary', 'statement']);
    expect(report.packages).toEqual({ accepted: 4, rejected: [] });
    const latest = [branches[0]!, later, branches[2]!].flatMap((b) => b.data.findings);
    const expected = countDirectly(latest, AS_OF);
    expect(Object.keys(report.summary)).toEqual(['findings', 'orgUnitsWithFindings', 'completed', 'orgUnitsCompleted', 'open', 'overdue', 'completionRate']);
    expect(report.summary).toEqual(expected);
    // The later package moved findings on: the consolidation is not simply the first packages.
    expect(report.summary.completed).toBeGreaterThan(countDirectly(branches.flatMap((b) => b.data.findings), AS_OF).completed);
    expect(report.statement).toMatch(new RegExp(`^本次自查共发现问题${expected.findings}个，涉及${expected.orgUnitsWithFindings}家网点机构，主要集中在.+方面。截至2026年8月20日，已完成整改问题${expected.completed}个，涉及网点${expected.orgUnitsCompleted}家，整改完成率[\\d.]+%；尚未完成整改问题${expected.open}个，其中逾期${expected.overdue}个。$`));
    expect(r.err.at(-1)).toBe('共 4 个台账包，接受 4 个，拒绝 0 个；冲突 0 处。');

    // The workbook read back: one row per live finding, with the later package's states.
    const sheets = await readWorkbookRows(new Uint8Array(readFileSync(out)));
    if (!sheets.ok) throw new Error(sheets.error.code);
    const ledger = sheets.value.sheets.find((s) => s.name === '整改台账')!;
    const live = latest.filter((f) => f.deletedAt === null).sort((a, b) => (a.ledgerNo < b.ledgerNo ? -1 : 1));
    expect(ledger.rows).toHaveLength(live.length + 1);
    expect(ledger.rows.slice(1).map((row) => row.at(-1))).toEqual(live.map((f) => f.id));
    const statusColumn = ledger.rows[0]!.indexOf('整改状态');
    const labels: Record<string, string> = { open: '待整改', in_progress: '整改中', rectified: '已整改待验收', verified: '已验收', long_term: '长期整改' };
    expect(ledger.rows.slice(1).map((row) => row[statusColumn])).toEqual(live.map((f) => labels[f.status]));
  });

  it('gives the same numbers whatever order the files are named in, and --summary prints the statement', async () => {
    const a = await xiaobao('consolidate', laterFile, ...demoFiles.slice().reverse(), '--xlsx', join(dir, 'b.xlsx'), '--json', '--as-of', AS_OF);
    const b = await xiaobao('consolidate', ...demoFiles, laterFile, '--xlsx', join(dir, 'c.xlsx'), '--json', '--as-of', AS_OF);
    expect(a.out).toEqual(b.out);
    expect(readFileSync(join(dir, 'b.xlsx')).length).toBeGreaterThan(0);
    const text = await xiaobao('consolidate', ...demoFiles, laterFile, '--xlsx', join(dir, 'd.xlsx'), '--summary', '--as-of', AS_OF);
    expect(text.code).toBe(0);
    expect(text.out.slice(0, 4).map((l) => l.slice(l.lastIndexOf('/') + 1))).toEqual([
      expect.stringMatching(/^整改台账-101000-20260630-0001\.xbledger: 已接受 — 101000 \p{Script=Han}+分行，设备序号 1：问题新增 \d+、更新 0、未变 0、过期 0、冲突 0$/u),
      expect.stringMatching(/^整改台账-102000-20260630-0001\.xbledger: 已接受 — 102000 .+，设备序号 1：问题新增 \d+、/u),
      expect.stringMatching(/^整改台账-102000-20260815-0002\.xbledger: 已接受 — 102000 .+，设备序号 2：问题新增 0、更新 [1-9]\d*、未变 \d+、过期 0、冲突 0$/u),
      expect.stringMatching(/^整改台账-103000-20260630-0001\.xbledger: 已接受/u),
    ]);
    expect(text.out[4]).toBe((JSON.parse(a.out.join('\n')) as { statement: string }).statement);
    const en = await xiaobao('consolidate', ...demoFiles, '--xlsx', join(dir, 'e.xlsx'), '--summary', '--lang', 'en-US', '--as-of', AS_OF);
    expect(en.out.at(-1)).toMatch(/^This self-inspection found \d+ issues at \d+ units, mainly in .+\. As of August 20, 2026, /);
  });

  it('refuses a tampered package and one signed by another key for a known unit, merges the rest, and exits 2', async () => {
    const entries = unzipSync(readFileSync(demoFiles[0]!));
    const data = entries['ledger.json']!.slice();
    data[Math.floor(data.length / 2)]! ^= 0x20;
    const tampered = join(dir, 'tampered.xbledger');
    writeFileSync(tampered, zipSync({ ...entries, 'ledger.json': data }));
    const otherKey = join(dir, 'other-key.xbledger');
    const first = await readLedgerPackage(new Uint8Array(readFileSync(demoFiles[1]!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!first.ok) throw new Error(first.error.code);
    writeFileSync(otherKey, await laterPackage(branches[1]!, later, first.value.packageSha256, new Uint8Array(32).fill(7)));

    const out = join(dir, 'partial.xlsx');
    const r = await xiaobao('consolidate', tampered, demoFiles[1]!, otherKey, demoFiles[2]!, '--xlsx', out, '--json', '--as-of', AS_OF);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out.join('\n')) as { packages: { accepted: number; rejected: { file: string; reason: string }[] }; summary: Numbers };
    expect(report.packages.accepted).toBe(2);
    expect(report.packages.rejected).toEqual([
      { file: tampered, reason: '数据包中的 ledger.json 与签名时的内容不一致（可能被篡改），已拒绝。' },
      { file: otherKey, reason: expect.stringMatching(/^机构 102000 的台账包由另一把密钥签名（指纹 [0-9A-F ]+），与该机构已登记的密钥（指纹 [0-9A-F ]+）不符，已拒绝。/) },
    ]);
    expect(report.summary).toEqual(countDirectly([branches[1]!, branches[2]!].flatMap((b) => b.data.findings), AS_OF));
    const sheets = await readWorkbookRows(new Uint8Array(readFileSync(out)));
    if (!sheets.ok) throw new Error(sheets.error.code);
    expect(sheets.value.sheets[0]!.rows).toHaveLength(report.summary.findings + 1);

    const plain = await xiaobao('consolidate', tampered, demoFiles[2]!, '--xlsx', out, '--as-of', AS_OF);
    expect(plain.code).toBe(2);
    expect(plain.out).toContain(`${tampered}: 数据包中的 ledger.json 与签名时的内容不一致（可能被篡改），已拒绝。`);
    expect(plain.err.at(-1)).toBe('共 2 个台账包，接受 1 个，拒绝 1 个；冲突 0 处。');
  });

  it('skips the same package named twice, and refuses one that does not follow the package before it', async () => {
    const forked = join(dir, 'forked.xbledger');
    writeFileSync(forked, await laterPackage(branches[1]!, later, 'f'.repeat(64)));
    const copy = join(dir, 'copy.xbledger');
    writeFileSync(copy, readFileSync(demoFiles[2]!));
    const r = await xiaobao('consolidate', demoFiles[1]!, forked, demoFiles[2]!, copy, '--xlsx', join(dir, 'seq.xlsx'), '--json', '--as-of', AS_OF);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out.join('\n')) as { packages: { accepted: number; rejected: { file: string; reason: string }[] }; summary: Numbers };
    expect(report.packages.accepted).toBe(2);
    expect(report.packages.rejected).toEqual([{ file: forked, reason: expect.stringMatching(/^该台账包（序号 2）声明的上一个包与总行已导入的不符/) }]);
    expect(r.err.some((line) => line.endsWith('与已合并的另一个文件是同一个台账包，已跳过。'))).toBe(true);
    expect(report.summary).toEqual(countDirectly([branches[1]!, branches[2]!].flatMap((b) => b.data.findings), AS_OF));
  });

  it('refuses a package its own key signed after cutting the history’s tail: its findings are newer than their history', async () => {
    const own = later.data.history.filter((e) => e.deviceId === later.device.id);
    const lastFinding = own.map((e) => e.entityType).lastIndexOf('finding');
    expect(lastFinding).toBeGreaterThan(0);
    const cut = new Set(own.slice(lastFinding));
    // The audit head recomputed to the new last entry, as someone holding the key would.
    const auditHead = own[lastFinding - 1]!.hash;
    const cutLater: DemoBranch = { ...later, auditHead, data: { ...later.data, history: later.data.history.filter((e) => !cut.has(e)) } };
    const first = await readLedgerPackage(new Uint8Array(readFileSync(demoFiles[1]!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!first.ok) throw new Error(first.error.code);
    const cutFile = join(dir, 'cut-tail.xbledger');
    writeFileSync(cutFile, await laterPackage(branches[1]!, cutLater, first.value.packageSha256));
    // Signed by the branch's key over a chain consistent in itself: the signature and chain checks pass.
    const verify = await xiaobao('ledger', 'verify', cutFile);
    expect(verify.code, verify.out.concat(verify.err).join('\n')).toBe(0);

    const r = await xiaobao('consolidate', demoFiles[1]!, cutFile, '--xlsx', join(dir, 'cut.xlsx'), '--json', '--as-of', AS_OF);
    expect(r.code).toBe(2);
    const report = JSON.parse(r.out.join('\n')) as { packages: { accepted: number; rejected: { file: string; reason: string }[] } };
    expect(report.packages.accepted).toBe(1);
    expect(report.packages.rejected).toEqual([{ file: cutFile, reason: expect.stringMatching(/^台账包中有 \d+ 个问题（如 102\d{3}-\d{4}-\d{4}）的当前内容在修改记录中找不到对应的修改/) }]);
  });

  it('asks for packages and --xlsx, and checks --as-of', async () => {
    expect(await xiaobao('consolidate', '--xlsx', join(dir, 'x.xlsx'))).toMatchObject({ code: 2, err: expect.arrayContaining(['请至少指定一个台账包文件或目录']) });
    expect(await xiaobao('consolidate', demoFiles[0]!)).toMatchObject({ code: 2, err: expect.arrayContaining(['请用 --xlsx 指定汇总整改台账的输出文件']) });
    expect((await xiaobao('consolidate', demoFiles[0]!, '--xlsx', join(dir, 'x.xlsx'), '--as-of', '2026-02-30')).code).toBe(2);
  });
});
