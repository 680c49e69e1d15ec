// Checklist files as the app reads and writes them: real .xlsx files through ExcelTS, signed packages
// through fflate. Golden round trips (JSON → Excel → JSON, and through a package), the template's
// dropdowns and frozen header as Excel sees them, and damaged or hostile files that always end in a
// reported reason.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Workbook } from '@cj-tech-master/excelts';
import { strToU8, zipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseChecklistText } from '../../../renderer/core/checklist/parse';
import { canonicalSha256 } from '../../../renderer/core/hash';
import type { Checklist } from '../../../renderer/core/checklist/schema';
import { formatSheetProblem } from '../../../renderer/core/checklist/sheet-messages';
import { buildChecklistPackage } from '../../../renderer/core/checklist/package';
import { toBase64 } from '../../../renderer/core/crypto/encoding';
import { keyFingerprint } from '../../../renderer/core/crypto/fingerprint';
import {
  checklistToJsonBytes,
  checklistToPackage,
  checklistToXlsx,
  readChecklistFile,
  type ChecklistReadFailure,
} from '../../../renderer/io/checklist-file';
import { zipEntries } from '../../../renderer/io/zip';
import { ed25519Signer, platformEd25519Verify, platformSha256 } from '../../../renderer/platform/crypto';

const root = resolve(import.meta.dirname, '../../..');
const crypto$ = { sha256: platformSha256, verify: platformEd25519Verify };

function shipped(file: string): Checklist {
  const r = parseChecklistText(readFileSync(resolve(root, 'checklists', file), 'utf8'));
  if (!r.ok) throw new Error(file);
  return r.value;
}

async function failure(name: string, bytes: Uint8Array): Promise<ChecklistReadFailure> {
  const r = await readChecklistFile(name, bytes, crypto$);
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

async function deviceKey() {
  const pair = (await crypto.subtle.generateKey({ name: 'Ed25519' }, false, ['sign', 'verify'])) as CryptoKeyPair;
  const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
  return { sign: ed25519Signer(pair.privateKey), device: { id: 'hq-1', publicKey: toBase64(raw), fingerprint: await keyFingerprint(raw, platformSha256) } };
}

const FILES = ['branch-onsite.json', 'infringement-campaign-2019.json', 'consumer-rights.json'];

describe('the Excel checklist template', () => {
  it.each(FILES)('golden round trip of %s: JSON → .xlsx → JSON keeps the canonical sha256', async (file) => {
    const c = shipped(file);
    const xlsx = await checklistToXlsx(c);
    const r = await readChecklistFile(`${c.id}.xlsx`, xlsx, crypto$);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.kind).toBe('xlsx');
    expect(r.value.checklist).toEqual(c);
    expect(r.value.sha256).toBe(await canonicalSha256(c, platformSha256));
    // And the exported JSON reads back to the same checklist.
    const json = await readChecklistFile(`${c.id}.json`, checklistToJsonBytes(c), crypto$);
    expect(json.ok && json.value.sha256).toBe(r.value.sha256);
  });

  it('has Chinese headers, a frozen header row, widths, and dropdowns for severity, verified and documents', async () => {
    const c = shipped('branch-onsite.json');
    const book = new Workbook();
    await book.xlsx.load(await checklistToXlsx(c));
    expect(book.worksheets.map((s) => s.name)).toEqual(['检查项', '文件', '清单信息', '填写说明']);
    const items = book.getWorksheet('检查项')!;
    expect(items.getRow(1).getCell(9).value).toBe('风险等级');
    expect(items.getRow(2).getCell(4).value).toBe('B-PUB-01');
    expect(items.rowCount).toBe(34);
    expect(items.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(items.getColumn(5).width).toBe(48);
    const validations = items.dataValidations.model as Record<string, { type: string; formulae: string[] }>;
    expect(validations['range:I2:I534']).toMatchObject({ type: 'list', formulae: ['"一般,较重,重大"'] });
    expect(validations['range:N2:N534']).toMatchObject({ type: 'list', formulae: ['"是,否"'] });
    expect(validations['range:L2:L534']).toMatchObject({ type: 'list', formulae: [`'文件'!$A$2:$A$${c.documents.length + 501}`] });
    expect(book.getWorksheet('文件')!.getRow(2).getCell(1).value).toBe('CBIRC-2022-9');
    expect(book.getWorksheet('清单信息')!.getRow(4).values).toEqual([undefined, '版本号', '2026.2']);
  });

  it('reports a broken row with sheet, row, column and reason, and imports nothing', async () => {
    const c = shipped('consumer-rights.json');
    const book = new Workbook();
    await book.xlsx.load(await checklistToXlsx(c));
    const items = book.getWorksheet('检查项')!;
    items.getRow(5).getCell(9).value = '严重';
    items.getRow(7).getCell(5).value = null;
    const f = await failure('rights.xlsx', new Uint8Array(await book.xlsx.writeBuffer()));
    if (f.kind !== 'xlsx') throw new Error(f.kind);
    expect(f.problems.map((p) => formatSheetProblem(p, 'zh-CN'))).toEqual([
      '工作表“检查项”第 5 行“风险等级”列: 风险等级必须是“一般”“较重”“重大”之一，当前为“严重”',
      '工作表“检查项”第 7 行“检查要求”列: 缺少必填项“检查要求”',
    ]);
  });

  it('reads a workbook an author typed from scratch, with a typed date and number-like version', async () => {
    const book = new Workbook();
    const info = book.addWorksheet('清单信息');
    info.addRows([['格式', 'xiaobao.checklist/1'], ['清单编号', 'typed'], ['版本号', 2026.3], ['标题', '手工清单'], ['发布部门', '分行消保部'], ['生效日期', new Date(Date.UTC(2026, 5, 1))]]);
    const docs = book.addWorksheet('文件');
    docs.addRows([['文件代号', '文件名称'], ['CPL', '中华人民共和国消费者权益保护法']]);
    const items = book.addWorksheet('检查项');
    items.addRows([
      ['章节编码', '章节名称', '检查项编码', '检查要求', '检查方法', '风险等级', '依据1文件代号', '依据1条款', '依据1条号已核实'],
      ['S1', '公示', 'X-01', '价目表公示', '现场查看', '一般', 'CPL', '第八条', '是'],
      [null, null, 'X-02', '投诉电话公示', '现场查看', '较重'],
    ]);
    const r = await readChecklistFile('typed.xlsx', new Uint8Array(await book.xlsx.writeBuffer()), crypto$);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.checklist).toMatchObject({ version: '2026.3', effectiveFrom: '2026-06-01', sections: [{ code: 'S1', items: [{ code: 'X-01', basis: [{ doc: 'CPL', article: '第八条', verified: true }] }, { code: 'X-02', basis: [] }] }] });
  });

  it('refuses what is not a workbook with a reason', async () => {
    expect(await failure('x.xlsx', strToU8('hello'))).toMatchObject({ kind: 'error', error: { code: 'workbook.notXlsx' } });
    expect(await failure('x.doc', strToU8('hello'))).toMatchObject({ kind: 'error', error: { code: 'library.unsupportedFile' } });
    expect(await failure('x.json', strToU8('{"format": "xiaobao.checklist/1"'))).toMatchObject({ kind: 'json' });
  });

  it('damaged workbook bytes end in a reported reason, never an exception', { timeout: 120_000 }, async () => {
    const good = await checklistToXlsx(shipped('branch-onsite.json'));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ at: fc.nat(good.length - 1), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 }), async (flips) => {
        const bytes = good.slice();
        for (const f of flips) bytes[f.at] = f.byte;
        const r = await readChecklistFile('damaged.xlsx', bytes, crypto$);
        if (r.ok) expect(r.value.checklist.id).toBe('branch-onsite');
        else if (r.error.kind === 'error') expect(r.error.error.code).toMatch(/^(workbook|library)\./);
        else expect(r.error.problems.length).toBeGreaterThan(0);
      }),
      { numRuns: 60 },
    );
  });
});

describe('signed checklist packages as files', () => {
  it('export then import gives the same checklist, with the issuer and key fingerprint', async () => {
    const c = shipped('infringement-campaign-2019.json');
    const key = await deviceKey();
    const bytes = await checklistToPackage({ checklist: c, issuer: { code: 'HQ', name: '总行', level: 'head' }, device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '王五', sha256: platformSha256, sign: key.sign });
    if (!bytes.ok) throw new Error(bytes.error.code);
    const r = await readChecklistFile('a.xbchecklist', bytes.value, crypto$);
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.checklist).toEqual(c);
    expect(r.value.package?.manifest.issuer).toEqual({ code: 'HQ', name: '总行', level: 'head' });
    expect(r.value.package?.signer.fingerprint).toBe(key.device.fingerprint);
    // Ed25519 signatures are deterministic and the zip has no clock in it: the same content gives the same bytes.
    const again = await checklistToPackage({ checklist: c, issuer: { code: 'HQ', name: '总行', level: 'head' }, device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '王五', sha256: platformSha256, sign: key.sign });
    expect(again.ok && again.value).toEqual(bytes.value);
  });

  it('refuses an unsigned and a tampered package with the reason', async () => {
    const c = shipped('consumer-rights.json');
    const key = await deviceKey();
    const built = await buildChecklistPackage({ checklist: c, issuer: { code: 'HQ', name: '总行', level: 'head' }, device: key.device, exportedAt: '2026-03-01T08:00:00.000Z', exportedBy: '王五', sha256: platformSha256, sign: key.sign });
    if (!built.ok) throw new Error(built.error.code);
    const { ['manifest.sig']: _, ...unsigned } = built.value;
    expect(await failure('u.xbchecklist', zipEntries(unsigned))).toMatchObject({ kind: 'error', error: { code: 'package.unsigned' } });
    const text = new TextDecoder().decode(built.value['checklist.json']).replace('不强制捆绑、搭售产品或服务', '可以捆绑销售');
    expect(await failure('t.xbchecklist', zipEntries({ ...built.value, 'checklist.json': strToU8(text) }))).toMatchObject({
      kind: 'error',
      error: { code: 'package.fileHashMismatch', params: { path: 'checklist.json' } },
    });
    expect(await failure('n.xbchecklist', strToU8('not a zip'))).toMatchObject({ kind: 'error', error: { code: 'package.notZip' } });
  });

  it('refuses hostile zips before inflating them', async () => {
    expect(await failure('p.xbchecklist', zipSync({ '../evil.json': strToU8('{}') }))).toMatchObject({ error: { code: 'package.badPath', params: { reason: 'dotSegment' } } });
    const many = Object.fromEntries(Array.from({ length: 17 }, (_, i) => [`f${i}.json`, strToU8('{}')]));
    expect(await failure('m.xbchecklist', zipSync(many))).toMatchObject({ error: { code: 'package.tooManyEntries' } });
    const bomb = zipSync({ 'checklist.json': new Uint8Array(7 * 1024 * 1024) }, { level: 9 });
    expect(bomb.length).toBeLessThan(100_000);
    expect(await failure('b.xbchecklist', bomb)).toMatchObject({ error: { code: 'package.entryTooLarge', params: { path: 'checklist.json' } } });
    const ratio = zipSync({ 'checklist.json': new Uint8Array(1024 * 1024) }, { level: 9 });
    expect(await failure('r.xbchecklist', ratio)).toMatchObject({ error: { code: 'package.compressionRatio' } });
    expect(await failure('big.xbchecklist', new Uint8Array(10 * 1024 * 1024 + 1))).toMatchObject({ error: { code: 'package.tooLarge' } });
  });
});
