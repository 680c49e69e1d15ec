// The `xiaobao` command line, run for real: `npm run cli` builds out/cli/index.js from a clean tree and
// runs it; the other cases spawn the built file against valid and broken checklists, and against demo
// ledger packages (cli-ledger.test.ts covers those commands in detail, in-process).
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const cli = join(root, 'out/cli/index.js');
const shipped = ['branch-onsite.json', 'consumer-rights.json', 'infringement-campaign-2019.json'].map((f) => join(root, 'checklists', f));
const minimal = readFileSync(join(root, 'test/fixtures/checklists/minimal.json'), 'utf8');
let dir: string;

function xiaobao(...args: string[]): SpawnSyncReturns<string> {
  return spawnSync(process.execPath, [cli, ...args], { cwd: root, encoding: 'utf8', timeout: 30_000 });
}

function file(name: string, text: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// `npm run cli` builds first; the first test does exactly that, so the others can spawn the result.
describe('xiaobao checklist validate', { timeout: 120_000 }, () => {
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'xiaobao-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`npm run cli -- checklist validate` builds the CLI and accepts the shipped checklists with exit 0', () => {
    rmSync(join(root, 'out/cli'), { recursive: true, force: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const r = spawnSync(npm, ['run', '--silent', 'cli', '--', 'checklist', 'validate', ...shipped], { cwd: root, encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('共校验 3 个文件，全部有效。');
    expect(statSync(cli).isFile()).toBe(true);
    expect(readFileSync(cli, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin['xiaobao']).toBe('out/cli/index.js');
  });

  it('prints FILE: path: reason for every problem of every file and exits 1', () => {
    const c = JSON.parse(minimal) as { sections: { items: Record<string, unknown>[] }[] };
    c.sections[0]!.items[0]!['severity'] = '严重';
    const broken = file('broken.json', JSON.stringify(c, null, 2));
    c.sections[0]!.items[0]!['severity'] = '一般';
    c.sections[1]!.items[0]!['code'] = 'T-S1-02';
    const duplicate = file('duplicate.json', JSON.stringify(c, null, 2));
    const good = file('good.json', minimal);
    const syntax = file('syntax.json', '{"format": "xiaobao.checklist/1",\n  "id": "x"\n  "version": "1"}');
    const r = xiaobao('checklist', 'validate', good, broken, duplicate, syntax);
    expect(r.status).toBe(1);
    expect(r.stdout.trimEnd().split('\n')).toEqual([
      `${broken}: sections[0].items[0].severity (章节 S1 › 检查项 T-S1-01): 风险等级必须是“一般”“较重”“重大”之一，当前为“严重”`,
      `${duplicate}: sections[1].items[0].code (章节 S2 › 检查项 T-S1-02): 检查项编码“T-S1-02”重复（已在 sections[0].items[1] 使用）；检查项编码在整份清单内必须唯一`,
      `${syntax}: 整个文件: 第 3 行第 3 列有 JSON 格式错误：这里应是英文逗号“,”或“}”，实际是“"”（可能漏了逗号）`,
    ]);
    expect(r.stderr).toContain('共校验 4 个文件，其中 3 个有问题，共 3 处。');
  });

  it('speaks English on request, and names unreadable, non-UTF-8 and oversized files', () => {
    const typo = file('typo.json', minimal.replace('"method": "现场查看"', '"methd": "现场查看"'));
    const gbk = file('gbk.json', new Uint8Array([0x7b, 0x22, 0xc4, 0xe3, 0x22, 0x7d]));
    const big = file('big.json', ' '.repeat(5 * 1024 * 1024 + 1));
    const r = xiaobao('checklist', 'validate', '--lang', 'en-US', typo, gbk, big, join(dir, 'missing.json'));
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toContain(`${typo}: sections[0].items[0].method (section S1 › item T-S1-01): The required field "method" is missing`);
    expect(lines).toContain(`${typo}: sections[0].items[0].methd (section S1 › item T-S1-01): Unknown field "methd" (unknown fields are not ignored, so that a misspelt field does not silently lose its content). Did you mean "method"?`);
    expect(lines).toContain(`${gbk}: the file is not UTF-8 text; save it as UTF-8 and try again`);
    expect(lines.some((l) => l.startsWith(`${big}: (whole file): The file is too large`))).toBe(true);
    expect(lines).toContain(`${join(dir, 'missing.json')}: cannot read the file (ENOENT)`);
  });

  it('exits 2 with the usage for a wrong command, and prints the JSON Schema the repository ships', () => {
    const none = xiaobao('checklist', 'validate');
    expect(none.status).toBe(2);
    expect(none.stderr).toContain('请至少指定一个要校验的文件');
    const unknown = xiaobao('ledger', 'frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain('用法：');
    expect(xiaobao('checklist', 'validate', '--lang', 'fr', shipped[0]!).status).toBe(2);
    const schema = xiaobao('checklist', 'schema');
    expect(schema.status).toBe(0);
    expect(`${schema.stdout.trimEnd()}\n`).toBe(readFileSync(join(root, 'checklists/checklist.schema.json'), 'utf8'));
    const out = join(dir, 'schema.json');
    expect(xiaobao('checklist', 'schema', '--out', out).status).toBe(0);
    expect(readFileSync(out, 'utf8')).toBe(readFileSync(join(root, 'checklists/checklist.schema.json'), 'utf8'));
  });

  it('writes demo packages with the bundled checklists that `ledger verify` accepts, and refuses one changed inside', () => {
    const out = join(dir, 'demo');
    const demo = xiaobao('demo', '--branches', '2', '--out', out);
    expect(demo.status, demo.stderr).toBe(0);
    const files = readdirSync(out).sort().map((n) => join(out, n));
    expect(files).toHaveLength(2);
    expect(demo.stdout.trimEnd().split('\n').map((l) => l.slice(0, l.indexOf('（')))).toEqual(files.map((f) => `已写入 ${f}`));
    const ok = xiaobao('ledger', 'verify', ...files);
    expect(ok.status, ok.stdout).toBe(0);
    expect(ok.stderr).toContain('共校验 2 个台账包，全部有效。');

    const entries = unzipSync(readFileSync(files[0]!));
    const data = entries['ledger.json']!.slice();
    data[100]! ^= 0x01;
    const bad = join(dir, 'bad.xbledger');
    writeFileSync(bad, zipSync({ ...entries, 'ledger.json': data }));
    const refused = xiaobao('ledger', 'verify', files[1]!, bad);
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain(`${bad}: 数据包中的 ledger.json 与签名时的内容不一致（可能被篡改），已拒绝。`);

    const inspect = xiaobao('ledger', 'inspect', '--json', files[0]!);
    expect(inspect.status).toBe(0);
    expect(JSON.parse(inspect.stdout)).toMatchObject({ valid: true, seq: 1, orgUnit: { code: '101000' }, generator: 'xiaobao demo' });
  });
});
