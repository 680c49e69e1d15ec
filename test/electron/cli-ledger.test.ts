// `xiaobao ledger verify|inspect` and `xiaobao demo`, run in-process through `run` with Node's files in
// a temporary folder and the console captured. (cli.test.ts runs the built executable.)
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../electron/cli/messages';
import { ed25519FromSeed, nodeEd25519Verify, nodeEnvelope, nodeSha256 } from '../../electron/cli/node-crypto';
import { repoRoot, xiaobao } from './cli-run';
import { keyFingerprint } from '../../renderer/core/crypto/fingerprint';
import { toBase64 } from '../../renderer/core/crypto/encoding';
import { readLedgerPackage, writeLedgerPackage } from '../../renderer/io/ledger-package';
import { readWorkbookRows } from '../../renderer/io/workbook';

let dir: string;


const packagesIn = (folder: string): string[] => readdirSync(folder).filter((n) => n.endsWith('.xbledger')).sort().map((n) => join(folder, n));

/** A copy of `file` with one byte of one entry changed and the zip rebuilt around it. */
function tampered(file: string, entry: string, name: string): string {
  const entries = unzipSync(readFileSync(file));
  const bytes = entries[entry]!.slice();
  bytes[Math.floor(bytes.length / 2)]! ^= 0x20;
  const path = join(dir, name);
  writeFileSync(path, zipSync({ ...entries, [entry]: bytes }));
  return path;
}

describe('xiaobao demo, ledger verify and ledger inspect', { timeout: 120_000 }, () => {
  let demo: string[];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'xiaobao-ledger-'));
    const r = await xiaobao('demo', '--branches', '2', '--out', join(dir, 'a'), '--seed', 'cli-test');
    expect(r.code, r.err.join('\n')).toBe(0);
    demo = packagesIn(join(dir, 'a'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('demo writes one signed package per branch, named by unit, day and seq, and says what it wrote', async () => {
    expect(demo.map((p) => p.slice(p.lastIndexOf('/') + 1))).toEqual(['整改台账-101000-20260630-0001.xbledger', '整改台账-102000-20260630-0001.xbledger']);
    const again = await xiaobao('demo', '--branches', '2', '--out', join(dir, 'a'), '--seed', 'cli-test');
    expect(again.out).toHaveLength(2);
    expect(again.out[0]).toMatch(new RegExp(`^已写入 ${demo[0]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}（\\p{Script=Han}+分行，问题 \\d+ 个，\\d+ KB）$`, 'u'));
    expect(again.err.at(-1)).toMatch(/^共写入 2 个台账包，合计 [\d.]+ MB（种子 cli-test，截至 2026-06-30）。$/);
    // Rewriting over existing files leaves no temporary files behind.
    expect(readdirSync(join(dir, 'a')).sort()).toEqual(demo.map((p) => p.slice(p.lastIndexOf('/') + 1)));
  });

  it('demo is deterministic: the same seed gives byte-identical files, another seed other files', async () => {
    expect((await xiaobao('demo', '--branches', '2', '--out', join(dir, 'b'), '--seed', 'cli-test')).code).toBe(0);
    const b = packagesIn(join(dir, 'b'));
    expect(b.map((p) => readFileSync(p).equals(readFileSync(demo[b.indexOf(p)]!)))).toEqual([true, true]);
    expect((await xiaobao('demo', '--branches', '1', '--out', join(dir, 'c'), '--seed', 'other')).code).toBe(0);
    expect(readFileSync(packagesIn(join(dir, 'c'))[0]!).equals(readFileSync(demo[0]!))).toBe(false);
  });

  it('demo at scale: --outlets, --failure-rate and --checklists shape the campaign, the same arguments give the same bytes', async () => {
    const checklists = join(dir, 'one-checklist');
    mkdirSync(checklists);
    copyFileSync(join(repoRoot, 'checklists/consumer-rights.json'), join(checklists, 'consumer-rights.json'));
    const args = ['demo', '--branches', '1', '--seed', 'cli-test', '--outlets', '8', '--failure-rate', '0.5', '--checklists', checklists];
    expect((await xiaobao(...args, '--out', join(dir, 'big'))).code).toBe(0);
    expect((await xiaobao(...args, '--out', join(dir, 'big-again'))).code).toBe(0);
    const [file] = packagesIn(join(dir, 'big'));
    expect(readFileSync(file!).equals(readFileSync(packagesIn(join(dir, 'big-again'))[0]!))).toBe(true);
    const pkg = await readLedgerPackage(new Uint8Array(readFileSync(file!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!pkg.ok) throw new Error(pkg.error.code);
    const { data, manifest } = pkg.value;
    expect(data.orgUnits.filter((u) => u.level === 'outlet')).toHaveLength(8);
    expect(manifest.checklists.map((c) => c.id)).toEqual(['consumer-rights']);
    expect(data.inspections).toHaveLength(16);
    const failing = data.answers.filter((a) => a.verdict === 'partial' || a.verdict === 'noncompliant').length;
    expect(failing / data.answers.length).toBeGreaterThan(0.4);
    // The defaults stay as they were: the same seed without the options writes the same first package.
    expect((await xiaobao('demo', '--branches', '1', '--seed', 'cli-test', '--out', join(dir, 'plain'))).code).toBe(0);
    expect(readFileSync(packagesIn(join(dir, 'plain'))[0]!).equals(readFileSync(demo[0]!))).toBe(true);
  });

  it('demo packages are valid, carry a readable Excel view of their findings, and are signed by the seed’s key', async () => {
    const r = await xiaobao('ledger', 'verify', ...demo);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(2);
    for (const [i, line] of r.out.entries()) {
      expect(line).toMatch(new RegExp(`^.+: 有效 — 10${i + 1}000 \\p{Script=Han}+分行，设备序号 1，问题 \\d+ 个（另有作废 \\d+ 个），修改记录 \\d+ 条，密钥指纹 [0-9A-F]{4}( [0-9A-F]{4}){7}$`, 'u'));
    }
    expect(r.err).toEqual(['共校验 2 个台账包，全部有效。']);

    const pkg = await readLedgerPackage(new Uint8Array(readFileSync(demo[0]!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!pkg.ok) throw new Error(pkg.error.code);
    const sheets = await readWorkbookRows(pkg.value.workbook);
    if (!sheets.ok) throw new Error(sheets.error.code);
    const ledger = sheets.value.sheets.find((s) => s.name === '整改台账')!;
    const live = pkg.value.data.findings.filter((f) => f.deletedAt === null);
    expect(ledger.rows[0]!.slice(0, 3)).toEqual(['序号', '台账编号', '机构名称']);
    expect(ledger.rows.slice(1).map((row) => row[1])).toEqual(live.map((f) => f.ledgerNo));
    expect(sheets.value.sheets.map((s) => s.name)).toEqual(['整改台账', '汇总']);
  });

  it('verify names ledger.json when it was changed inside the zip, and exits 1', async () => {
    const bad = tampered(demo[0]!, 'ledger.json', 'tampered.xbledger');
    const r = await xiaobao('ledger', 'verify', demo[1]!, bad);
    expect(r.code).toBe(1);
    expect(r.out[0]).toContain(': 有效 — ');
    expect(r.out[1]).toBe(`${bad}: 数据包中的 ledger.json 与签名时的内容不一致（可能被篡改），已拒绝。`);
    expect(r.err).toEqual(['共校验 2 个台账包，其中 1 个无效。']);
    const en = await xiaobao('ledger', 'verify', '--lang', 'en-US', bad);
    expect(en.code).toBe(1);
    expect(en.out[0]).toMatch(new RegExp(`^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: .*ledger\\.json`));
    expect(en.out[0]).not.toContain('数据包');
  });

  it('verify says a truncated or missing file cannot be read, and an edited Excel view or photo is named too', async () => {
    const bytes = readFileSync(demo[0]!);
    const cut = join(dir, 'cut.xbledger');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    const missing = join(dir, 'nowhere.xbledger');
    const r = await xiaobao('ledger', 'verify', cut, missing);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([`${cut}: 数据包已损坏，无法解压，未导入。`, `${missing}: 无法读取文件 nowhere.xbledger。请确认文件存在且未被其他程序占用。`]);
    const entries = Object.keys(unzipSync(bytes));
    const photo = entries.find((p) => p.startsWith('attachments/'))!;
    const xlsx = await xiaobao('ledger', 'verify', tampered(demo[0]!, '整改台账.xlsx', 'x.xbledger'), tampered(demo[0]!, photo, 'p.xbledger'));
    expect(xlsx.out[0]).toContain('数据包中的 整改台账.xlsx 与签名时的内容不一致');
    expect(xlsx.out[1]).toContain(`数据包中的 ${photo} 与签名时的内容不一致`);
  });

  it('verify --json prints one object with a verdict per file', async () => {
    const bad = tampered(demo[1]!, 'manifest.json', 'm.xbledger');
    const r = await xiaobao('ledger', 'verify', '--json', demo[0]!, bad);
    expect(r.code).toBe(1);
    expect(r.out).toHaveLength(1);
    const report = JSON.parse(r.out[0]!) as { valid: number; invalid: number; files: Record<string, unknown>[] };
    expect(report).toMatchObject({ valid: 1, invalid: 1 });
    expect(report.files[0]).toMatchObject({ file: demo[0], valid: true, orgUnit: { code: '101000', level: 'branch' }, seq: 1, scope: { kind: 'full' }, sealed: false });
    expect(report.files[1]).toMatchObject({ file: bad, valid: false, code: expect.stringMatching(/^package\.(badSignature|badManifest|manifestNotCanonical|wrongFormat)$/), message: expect.any(String) });
  });

  it('inspect --json has the manifest summary, the counts and the findings by state', async () => {
    const r = await xiaobao('ledger', 'inspect', '--json', demo[0]!);
    expect(r.code).toBe(0);
    const info = JSON.parse(r.out.join('\n')) as Record<string, unknown> & { counts: Record<string, number>; findingsByStatus: Record<string, number>; voided: number; overdue: number };
    expect(Object.keys(info)).toEqual([
      'file', 'valid', 'format', 'orgUnit', 'device', 'seq', 'prevPackageSha256', 'scope', 'exportedAt', 'exportedBy', 'asOf', 'generator', 'counts',
      'checklists', 'files', 'attachmentsIncluded', 'auditHead', 'chains', 'findingsByStatus', 'voided', 'overdue', 'packageSha256', 'sealed',
    ]);
    const pkg = await readLedgerPackage(new Uint8Array(readFileSync(demo[0]!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!pkg.ok) throw new Error(pkg.error.code);
    const m = pkg.value.manifest;
    expect(info).toMatchObject({
      valid: true,
      format: 'xiaobao.ledger/1',
      orgUnit: m.orgUnit,
      device: { id: m.device.id, fingerprint: m.device.fingerprint, publicKey: m.device.publicKey },
      seq: 1,
      prevPackageSha256: null,
      scope: { kind: 'full' },
      exportedAt: '2026-06-30T09:30:00.000Z',
      exportedBy: m.exportedBy,
      asOf: '2026-06-30',
      generator: 'xiaobao demo',
      counts: m.counts,
      checklists: m.checklists,
      files: m.files.length,
      attachmentsIncluded: true,
      auditHead: m.auditHead,
      packageSha256: pkg.value.packageSha256,
      sealed: false,
    });
    expect(Object.values(info.findingsByStatus).reduce((a, b) => a + b, 0) + info.voided).toBe(info.counts['findings']);
    for (const s of ['open', 'in_progress', 'rectified', 'verified', 'long_term']) expect(info.findingsByStatus[s], s).toBeGreaterThan(0);
    expect(info.voided).toBeGreaterThan(0);
    expect(info.overdue).toBeGreaterThan(0);
    // ledger.json, the workbook and the photos; manifest.json and its signature are not listed in it.
    expect(info.files).toBe(2 + info.counts['attachments']!);

    const text = await xiaobao('ledger', 'inspect', demo[0]!);
    expect(text.code).toBe(0);
    expect(text.out).toContain(`机构：${m.orgUnit.code} ${m.orgUnit.name}`);
    expect(text.out.find((l) => l.startsWith('问题状态：'))).toMatch(/^问题状态：待整改 \d+，整改中 \d+，已整改待验收 \d+，已验收 \d+，长期整改 \d+，作废 \d+，截至 2026-06-30 逾期 \d+$/);
  });

  it('opens a sealed package with --password-file, and says so when the password is wrong or missing', async () => {
    const key = ed25519FromSeed(new Uint8Array(32).fill(7));
    const pkg = await readLedgerPackage(new Uint8Array(readFileSync(demo[0]!)), { sha256: nodeSha256, verify: nodeEd25519Verify });
    if (!pkg.ok) throw new Error(pkg.error.code);
    const device = { id: pkg.value.manifest.device.id, publicKey: toBase64(key.publicKey), fingerprint: await keyFingerprint(key.publicKey, nodeSha256) };
    const { manifest, data, workbook } = pkg.value;
    const sealed = await writeLedgerPackage(
      {
        ...manifest,
        data,
        workbook,
        device,
        attachmentFiles: data.attachments.map((record) => ({ record, bytes: pkg.value.attachments.get(record.id)! })),
        sha256: nodeSha256,
        sign: key.sign,
      },
      // The production PBKDF2 rounds: the command line accepts nothing less.
      { password: '分行密码 1', envelope: nodeEnvelope() },
    );
    if (!sealed.ok) throw new Error(sealed.error.code);
    const file = join(dir, 'sealed.xbledger');
    writeFileSync(file, sealed.value.bytes);
    writeFileSync(join(dir, 'right.txt'), '分行密码 1\n');
    writeFileSync(join(dir, 'wrong.txt'), '分行密码 2\n');
    const right = await xiaobao('ledger', 'inspect', '--json', '--password-file', join(dir, 'right.txt'), file);
    expect(right.code, right.out.join('\n')).toBe(0);
    expect(JSON.parse(right.out.join('\n'))).toMatchObject({ sealed: true, device: { fingerprint: device.fingerprint } });
    const wrong = await xiaobao('ledger', 'verify', `--password-file=${join(dir, 'wrong.txt')}`, file);
    expect(wrong).toMatchObject({ code: 1, out: [`${file}: 密码不正确。请核对后重新输入；文件内容未做任何改动。`] });
    const none = await xiaobao('ledger', 'verify', file);
    expect(none).toMatchObject({ code: 1, out: [`${file}: 该台账包已加密，请输入导出时设置的密码。`] });
  });

  it('exits 2 with a reason and the usage for wrong arguments', async () => {
    const cases: [string[], string][] = [
      [['ledger', 'verify'], '请至少指定一个要校验的文件'],
      [['ledger', 'inspect', 'a', 'b'], '请指定一个台账包文件'],
      [['demo', '--branches', '0', '--out', dir], '--branches 应为 1 到 200 之间的整数'],
      [['demo', '--branches', '201', '--out', dir], '--branches 应为 1 到 200 之间的整数'],
      [['demo', '--branches', 'x', '--out', dir], '--branches 应为 1 到 200 之间的整数'],
      [['demo', '--branches', '2'], '请用 --out 指定输出目录'],
      [['demo', '--branches', '2', '--out', dir, '--as-of', '2026-13-01'], '--as-of 应为有效日期，格式 YYYY-MM-DD'],
      [['demo', '--branches', '2', '--out', dir, '--outlets', '0'], '--outlets 应为 1 到 999 之间的整数'],
      [['demo', '--branches', '2', '--out', dir, '--outlets', '3.5'], '--outlets 应为 1 到 999 之间的整数'],
      [['demo', '--branches', '2', '--out', dir, '--failure-rate', '0.95'], '--failure-rate 应为 0 到 0.9 之间的小数，例如 0.3'],
      [['demo', '--branches', '2', '--out', dir, '--failure-rate', 'lots'], '--failure-rate 应为 0 到 0.9 之间的小数，例如 0.3'],
      [['ledger', 'verify', '--jsn', 'a'], '无法识别的选项：--jsn'],
      [['ledger', 'verify', 'a', '--password-file'], '选项 --password-file 缺少取值'],
      [['ledger', 'verify', '--password-file', join(dir, 'no-such.txt'), 'a'], `无法读取密码文件 ${join(dir, 'no-such.txt')}（ENOENT）`],
    ];
    for (const [args, reason] of cases) {
      const r = await xiaobao(...args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err[0], args.join(' ')).toBe(reason);
    }
    const usage = await xiaobao('ledger', 'frobnicate', '--lang', 'en-US');
    expect(usage.code).toBe(2);
    expect(usage.err).toContain('Usage:');
    expect(usage.err.some((l) => l.includes('xiaobao demo --branches N --out DIR'))).toBe(true);
    expect((await xiaobao('help')).out.some((l) => l.includes('xiaobao ledger verify 文件...'))).toBe(true);
  });
});

describe('error messages on the command line', () => {
  it('come from the app’s catalogues, fill placeholders from params and detail, and fall back to the code', () => {
    expect(errorText({ code: 'package.fileHashMismatch', params: { path: 'ledger.json' } }, 'zh-CN')).toBe('数据包中的 ledger.json 与签名时的内容不一致（可能被篡改），已拒绝。');
    expect(errorText({ code: 'ledger.badData', detail: 'findings.0.status: Invalid option' }, 'en-US')).toContain('findings.0.status: Invalid option');
    expect(errorText({ code: 'ledger.chainBroken', params: { deviceId: 'd', seq: 3, problem: 'hash' } }, 'zh-CN')).toBe('台账包中设备 d 的修改记录链在第 3 条处断裂（hash），记录可能被篡改，已拒绝。');
    // A placeholder without a value is left empty rather than shown as {{…}}.
    expect(errorText({ code: 'package.fileMissing' }, 'zh-CN')).toBe('数据包缺少文件 ，已拒绝。');
    expect(errorText({ code: 'no.such.code' }, 'zh-CN')).toBe('no.such.code');
    expect(errorText({ code: 'no.such.code', detail: 'why' }, 'en-US')).toBe('no.such.code (why)');
    expect(errorText({ code: 'toString' }, 'zh-CN')).toBe('toString');
  });
});
