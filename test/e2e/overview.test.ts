// 机构总览 in real Chromium: a branch imports its sub-branch and outlets, inspects two outlets (three
// failed items), rectifies one finding and lets another fall overdue; the unit tree then shows those
// counts for every subtree, the matrix cell of an outlet and item says what it holds, and a tree node
// and a matrix cell each open the register filtered to their unit.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchApp, type AppSession } from './harness';
import { localDate, setUpBranchDevice, startOnsiteInspection, waitSaved } from './steps';
import { unnamedControls } from './ax';

let app: AppSession | undefined;

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await app?.screenshot('overview-failure').catch(() => undefined);
  await app?.close();
  app = undefined;
});

const UNITS_CSV = ['机构代码,机构名称,层级,上级机构代码', 'SB01,东门支行,支行,BR01', 'WD01,东门一号网点,网点,SB01', 'WD02,东门二号网点,网点,SB01', 'WD03,西门网点,网点,BR01', ''].join('\r\n');

/** Fails the current item with the given verdict key (1 符合, 2 部分符合, 3 不符合) and waits for the save. */
async function verdict(page: Page, key: string): Promise<void> {
  await page.locator('body').focus();
  await page.keyboard.press(key);
  await waitSaved(page);
}

/** The counts of a tree row: 问题, 未整改, 逾期, 已完成整改, 整改完成率. */
async function countsOf(row: Locator): Promise<string[]> {
  return (await row.getByRole('cell').allTextContents()).slice(1).map((s) => s.trim());
}

describe('head office sees the bank at a glance', () => {
  it('counts each subtree, explains each matrix cell and opens the register for a unit', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page, { code: 'BR01', name: '城东分行' });

    // The sub-branch and outlets come from a unit list.
    await page.getByRole('menuitem', { name: '机构', exact: true }).click();
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: /从 CSV/ }).click();
    await (await chooser).setFiles({ name: '机构.csv', mimeType: 'text/csv', buffer: Buffer.from(UNITS_CSV, 'utf8') });
    const importDialog = page.getByRole('dialog');
    await importDialog.getByText('将导入 4 个机构').waitFor();
    await importDialog.getByRole('button', { name: /导\s*入/ }).click();
    await page.getByText('已导入 4 个机构').waitFor();

    // WD01 (the first outlet, the default): two failures. WD02: one failure and one pass.
    await page.getByRole('menuitem', { name: '检查' }).click();
    await startOnsiteInspection(page);
    await verdict(page, '3');
    await page.keyboard.press('j');
    await verdict(page, '2');
    await page.getByRole('menuitem', { name: '检查' }).click();
    await startOnsiteInspection(page, undefined, '东门二号网点（WD02）');
    await verdict(page, '3');
    await page.keyboard.press('j');
    await verdict(page, '1');

    // In the register: WD02's finding is rectified, one of WD01's falls overdue.
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^打开问题 / }).count()).toBe(3);
    await page.getByRole('button', { name: /^打开问题 WD02-\d{4}-0001/ }).click();
    const drawer = page.getByRole('dialog', { name: /问题 WD02-/ });
    await drawer.getByLabel('整改措施', { exact: true }).fill('更换最新价目表');
    await drawer.getByRole('button', { name: /保\s*存/ }).click();
    await page.getByText('已保存', { exact: true }).first().waitFor();
    await drawer.getByRole('group', { name: '整改操作' }).getByRole('button', { name: '提交验收', exact: true }).click();
    const submit = page.getByRole('dialog', { name: /^提交验收 · / });
    await submit.getByLabel(/整改情况说明/).fill('已更换并拍照留存');
    await submit.getByRole('button', { name: '提交验收', exact: true }).click();
    await submit.waitFor({ state: 'hidden' });
    await drawer.getByText('已整改待验收', { exact: true }).first().waitFor();
    await page.keyboard.press('Escape');
    await drawer.waitFor({ state: 'hidden' });
    await page.getByRole('checkbox', { name: /选择问题 WD01-\d{4}-0001/ }).check();
    await page.getByRole('button', { name: '批量分派' }).click();
    const bulk = page.getByRole('dialog', { name: /批量分派 1 条问题/ });
    await bulk.getByLabel('整改期限', { exact: true }).fill(localDate(-3));
    await bulk.getByLabel('整改期限', { exact: true }).press('Enter');
    await bulk.getByRole('button', { name: '分派' }).click();
    await page.getByText(/已修改 1 条/).waitFor();

    // The tree: every row counts its whole subtree (问题, 未整改, 逾期, 已完成整改, 整改完成率).
    await page.getByRole('menuitem', { name: '机构总览' }).click();
    const tree = page.getByRole('table', { name: '机构树' });
    const row = (code: string) => tree.getByRole('row').filter({ has: page.getByRole('button', { name: new RegExp(`（${code}）`) }) });
    await expect.poll(() => countsOf(row('BR01'))).toEqual(['3', '2', '1', '1', '33.3%']);
    expect(await countsOf(row('SB01'))).toEqual(['3', '2', '1', '1', '33.3%']);
    expect(await countsOf(row('WD03'))).toEqual(['0', '0', '0', '0', '—']);
    expect(await row('BR01').locator('.ant-badge').textContent()).toBe('1');
    // The outlets are below the collapsed sub-branch: the search opens the way to them.
    expect(await row('WD01').count()).toBe(0);
    await page.getByRole('searchbox', { name: '按机构名称或代码查找' }).or(page.getByRole('textbox', { name: '按机构名称或代码查找' })).fill('东门');
    await expect.poll(() => countsOf(row('WD01'))).toEqual(['2', '2', '1', '0', '0%']);
    expect(await countsOf(row('WD02'))).toEqual(['1', '0', '0', '1', '100%']);
    expect(await row('WD03').count()).toBe(0);
    unnamed['tree'] = await unnamedControls(page);
    await app.screenshot('overview-tree');

    // A node opens the register filtered to its subtree.
    await page.getByRole('button', { name: '在整改台账中查看 东门一号网点（WD01）及其下属机构的问题' }).click();
    await page.waitForURL(/#\/findings\?unit=WD01$/);
    await page.getByTestId('register-summary').getByText('显示 2 条（共 3 条有效问题）').waitFor();
    await expect.poll(() => page.getByRole('button', { name: /^打开问题 / }).count()).toBe(2);
    expect(await page.getByRole('button', { name: /^打开问题 WD02-/ }).count()).toBe(0);

    // The matrix: outlets as columns, each cell named for its unit, item, worst verdict and open findings.
    await page.getByRole('menuitem', { name: '机构总览' }).click();
    await page.getByRole('tab', { name: '检查项矩阵' }).click();
    const matrix = page.getByRole('table', { name: '检查项矩阵' });
    await matrix.waitFor();
    expect(await matrix.getByRole('columnheader').allTextContents()).toEqual(['检查项 ＼ 机构', '东门一号网点', '东门二号网点', '西门网点']);
    await matrix.getByRole('button', { name: '东门一号网点 · B-PUB-01 · 不符合 · 1 个未整改问题', exact: true }).waitFor();
    expect(await matrix.getByRole('button', { name: '东门一号网点 · B-PUB-02 · 部分符合 · 1 个未整改问题', exact: true }).textContent()).toBe('1');
    await matrix.getByRole('button', { name: '东门二号网点 · B-PUB-01 · 不符合 · 无未整改问题', exact: true }).waitFor();
    await matrix.getByRole('button', { name: '东门二号网点 · B-PUB-02 · 符合 · 无未整改问题', exact: true }).waitFor();
    await matrix.getByRole('button', { name: '西门网点 · B-PUB-01 · 未检查 · 无未整改问题', exact: true }).waitFor();
    await matrix.getByRole('button', { name: '东门一号网点 · B-PUB-03 · 未答 · 无未整改问题', exact: true }).waitFor();
    // Rolled up to sub-branches, 东门支行 shows the worst of its outlets; 西门网点 hangs directly below the branch.
    await page.getByRole('radiogroup', { name: '按机构层级列出' }).getByText('支行', { exact: true }).click();
    await matrix.getByRole('button', { name: '东门支行 · B-PUB-01 · 不符合 · 1 个未整改问题', exact: true }).waitFor();
    await page.getByRole('radiogroup', { name: '按机构层级列出' }).getByText('网点', { exact: true }).click();
    unnamed['matrix'] = await unnamedControls(page);
    await app.screenshot('overview-matrix');

    // A cell opens the register for its unit.
    await matrix.getByRole('button', { name: '东门二号网点 · B-PUB-01 · 不符合 · 无未整改问题', exact: true }).click();
    await page.waitForURL(/#\/findings\?unit=WD02$/);
    await page.getByTestId('register-summary').getByText('显示 1 条（共 3 条有效问题）').waitFor();
    await page.getByRole('button', { name: /^打开问题 WD02-\d{4}-0001/ }).waitFor();

    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
