// Head office consolidates in real Chromium (issue 6): a branch device exports its ledger; head office
// imports it with two packages from `xiaobao demo`, confirms each unit's key fingerprint, imports all
// three in one go, sees a re-import change nothing, verifies a finding the demo branch had rectified and
// sends that unit a return package (a signed package carrying the verified finding); it also answers the
// real branch, which imports head office's return and sees the change and where it came from.
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download, Page, Worker } from 'playwright-core';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchApp, type AppSession } from './harness';
import { setUpHeadOffice, startOnsiteInspection, waitSaved } from './steps';
import { unnamedControls } from './ax';
import { xiaobao } from '../electron/cli-run';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';

const sessions: AppSession[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await start();
  const download: Download = await pending;
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(await download.path())) };
}

async function pickFiles(page: Page, files: { name: string; bytes: Uint8Array }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择台账文件…' }).click();
  await (await chooser).setFiles(files.map((f) => ({ name: f.name, mimeType: 'application/octet-stream', buffer: Buffer.from(f.bytes) })));
}

describe('head office consolidates branch ledgers', () => {
  it('imports three packages after the fingerprints are confirmed, and answers a unit with a return package', async () => {
    // The branch: one failed item, exported as a package.
    const branch = await launchApp({ url: inject('baseUrl') });
    sessions.push(branch);
    // A sub-branch of the demo bank's head office (the parent head office answers).
    const bp = branch.page;
    await bp.getByText('欢迎使用消保自查').waitFor({ timeout: 20_000 });
    await bp.getByRole('button', { name: '下一步' }).click();
    await bp.getByLabel('机构代码', { exact: true }).fill('BR0101');
    await bp.getByLabel('机构名称', { exact: true }).fill('城东支行');
    await bp.getByLabel('上级机构代码', { exact: true }).fill('100000');
    await bp.getByRole('button', { name: '下一步' }).click();
    await bp.getByLabel('检查人姓名', { exact: true }).fill('张三');
    await bp.getByRole('button', { name: '完成设置' }).click();
    await bp.getByTestId('app-ready').waitFor({ timeout: 20_000 });
    await startOnsiteInspection(branch.page);
    await branch.page.locator('body').focus();
    await branch.page.keyboard.press('3');
    await waitSaved(branch.page);
    await branch.page.getByRole('menuitem', { name: '台账报送' }).click();
    const own = await downloaded(branch.page, () => branch.page.getByRole('button', { name: '导出台账包' }).click());

    // Two more branches from the demo campaign.
    const dir = await mkdtemp(join(tmpdir(), 'xb-import-'));
    dirs.push(dir);
    expect((await xiaobao('demo', '--branches', '2', '--out', dir, '--seed', 'e2e', '--as-of', '2026-06-30')).code).toBe(0);
    const demo = await Promise.all((await readdir(dir)).sort().map(async (name) => ({ name, bytes: new Uint8Array(await readFile(join(dir, name))) })));
    expect(demo).toHaveLength(2);
    const opened = await Promise.all(demo.map(async (f) => readLedgerPackage(f.bytes, { sha256: platformSha256, verify: platformEd25519Verify })));
    const demoPackages = opened.map((o) => {
      if (!o.ok) throw new Error(`demo package does not verify: ${o.error.code}`);
      return o.value;
    });
    const rectified = demoPackages.flatMap((p) => p.data.findings).find((f) => f.status === 'rectified' && f.deletedAt === null);
    if (!rectified) throw new Error('the demo campaign has no rectified finding to verify');

    // Head office.
    const ho = await launchApp({ url: inject('baseUrl') });
    sessions.push(ho);
    const page = ho.page;
    const unnamed: Record<string, string[]> = {};
    await setUpHeadOffice(page);

    await page.getByRole('menuitem', { name: '台账汇总' }).click();
    await page.getByRole('heading', { name: '台账汇总' }).waitFor();
    // The import worker opens some of the files on a helper worker it starts (issue 7), allowed by the CSP.
    const workers: Worker[] = [];
    page.on('worker', (w) => workers.push(w));
    await pickFiles(page, [own, ...demo]);
    const cards = page.getByRole('region', { name: /号台账包$/ });
    await expect.poll(() => cards.count(), { timeout: 60_000 }).toBe(3);
    await page.getByText('以上为预览，尚未写入任何数据。').waitFor();
    const helper = workers.find((w) => /\/ledger-open\.worker-[^/]*\.js$/.test(w.url()));
    expect(helper, `workers started: ${workers.map((w) => w.url()).join(', ')}`).toBeDefined();
    expect(await helper!.evaluate(() => typeof self.postMessage)).toBe('function');
    unnamed['preview'] = await unnamedControls(page);
    await ho.screenshot('import-preview');
    const confirm = page.getByRole('button', { name: /确认导入（3 个包）/ });
    expect(await confirm.isDisabled()).toBe(true);
    await page.getByText('还有 3 个机构的密钥指纹未确认。').waitFor();
    const boxes = page.getByRole('checkbox', { name: /已核对指纹/ });
    for (let i = 0; i < 3; i++) await boxes.nth(i).check();
    await confirm.click();
    await page.getByText(/已导入 3 个台账包/).waitFor({ timeout: 60_000 });
    // The imported preview is hidden at once and its cards taken off in steps, until none is left.
    expect(await cards.count()).toBe(0);
    await expect.poll(() => page.locator('.import-preview').count(), { timeout: 10_000 }).toBe(0);
    const log = page.getByRole('table').filter({ hasText: '导入人' });
    await expect.poll(() => log.getByRole('row').count()).toBe(4);
    await page.getByRole('table', { name: '已信任的密钥' }).getByText('BR0101').waitFor();

    // The branch's package again: nothing to import, and the preview says so.
    await pickFiles(page, [own]);
    await page.getByText('该台账包此前已导入，再次导入不会有任何变化。').waitFor({ timeout: 60_000 });
    expect(await page.getByRole('button', { name: /确认导入/ }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: /^取\s*消$/ }).first().click();

    // Verify the demo branch's rectified finding in the register.
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    await page.getByLabel('搜索问题描述、整改措施或台账编号').fill(rectified.ledgerNo);
    await page.getByRole('button', { name: `打开问题 ${rectified.ledgerNo}` }).click();
    const drawer = page.getByRole('dialog', { name: new RegExp(rectified.ledgerNo) });
    await drawer.waitFor();
    await drawer.getByRole('group', { name: '整改操作' }).getByRole('button', { name: '验收通过', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: /^验收通过 · / });
    await dialog.getByLabel('验收人', { exact: true }).fill('王五');
    await dialog.getByRole('button', { name: '验收通过', exact: true }).click();
    await dialog.waitFor({ state: 'hidden' });
    await drawer.getByText('已验收', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');

    // The return package for that unit.
    await page.getByRole('menuitem', { name: '台账汇总' }).click();
    const target = page.getByRole('combobox', { name: '反馈给' });
    // Checked before the dropdown opens: antd's open listbox has no name of its own.
    unnamed['return'] = await unnamedControls(page);
    await target.click();
    // antd's listbox for screen readers is a hidden copy: pick the visible item, checked by its label.
    await page.getByRole('option', { name: new RegExp(`（${rectified.orgUnitCode}）· 1 条待反馈`) }).waitFor({ state: 'attached' });
    await page.locator('.ant-select-item-option').filter({ hasText: `（${rectified.orgUnitCode}）· 1 条待反馈` }).click();
    const back = await downloaded(page, () => page.getByRole('button', { name: '导出反馈包' }).click());
    expect(back.name).toMatch(new RegExp(`^验收反馈-${rectified.orgUnitCode}-\\d{8}-\\d{4}\\.xbledger$`));
    const returned = await readLedgerPackage(back.bytes, { sha256: platformSha256, verify: platformEd25519Verify });
    if (!returned.ok) throw new Error(`the return package does not verify: ${returned.error.code}`);
    expect(returned.value.manifest).toMatchObject({ scope: { kind: 'return', unitCode: rectified.orgUnitCode }, orgUnit: { code: '100000' } });
    expect(returned.value.data.findings).toEqual([expect.objectContaining({ id: rectified.id, status: 'verified', verification: expect.objectContaining({ by: '王五' }) })]);
    // Sent: nothing is pending for that unit any more.
    await page.getByText('反馈包已保存').waitFor();
    await expect.poll(() => page.getByRole('combobox', { name: '反馈给' }).isDisabled()).toBe(true);

    // Head office answers the branch too: it sets the measure on the branch's finding and sends it back.
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    await page.getByLabel('搜索问题描述、整改措施或台账编号').fill('BR0101-');
    await page.getByRole('button', { name: /^打开问题 BR0101-\d{4}-0001/ }).click();
    const own1 = page.getByRole('dialog', { name: /问题 BR0101-\d{4}-0001/ });
    await own1.waitFor();
    await own1.getByLabel('整改措施', { exact: true }).fill('总行要求：更换为最新版价目表');
    await own1.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('menuitem', { name: '台账汇总' }).click();
    await page.getByRole('combobox', { name: '反馈给' }).click();
    await page.locator('.ant-select-item-option').filter({ hasText: '（BR0101）· 1 条待反馈' }).click();
    const toBranch = await downloaded(page, () => page.getByRole('button', { name: '导出反馈包' }).click());
    expect(toBranch.name).toMatch(/^验收反馈-BR0101-\d{8}-\d{4}\.xbledger$/);

    // The branch imports it: head office's key is confirmed once, and the finding shows what came back.
    await bp.getByRole('menuitem', { name: '台账汇总' }).click();
    await pickFiles(bp, [toBranch]);
    await bp.getByText('首次导入示例银行总行的台账').waitFor({ timeout: 60_000 });
    unnamed['branch preview'] = await unnamedControls(bp);
    await branch.screenshot('import-return-at-branch');
    await bp.getByRole('checkbox', { name: /已核对指纹/ }).check();
    await bp.getByRole('button', { name: /确认导入（1 个包）/ }).click();
    await bp.getByText(/已导入 1 个台账包，新增或更新问题 1 条/).waitFor({ timeout: 60_000 });
    await bp.getByRole('menuitem', { name: '整改台账' }).click();
    await bp.getByRole('button', { name: /^打开问题 BR0101-\d{4}-0001/ }).click();
    const mine = bp.getByRole('dialog', { name: /问题 BR0101-\d{4}-0001/ });
    await expect.poll(() => mine.getByLabel('整改措施', { exact: true }).inputValue()).toBe('总行要求：更换为最新版价目表');
    await mine.getByText(/导入总行的验收反馈/).first().waitFor();

    expect(unnamed).toEqual(Object.fromEntries(Object.keys(unnamed).map((k) => [k, []])));
  });
});
