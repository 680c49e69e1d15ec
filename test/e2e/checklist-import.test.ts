// Head office authors a checklist in Excel, in real Chromium against the web build: the first workbook
// has a broken row, which the app reports by sheet, row and column and does not import; the corrected
// workbook is imported, appears in the library as the newest version, and an inspection is started with it.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { Workbook } from '@cj-tech-master/excelts';
import { launchApp, type AppSession } from './harness';
import { unnamedControls } from './ax';
import { setUpHeadOffice } from './steps';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** A workbook as an author would type it: the three sheets of the template, Chinese headers, one section. */
async function authoredWorkbook(severityOfSecondItem: string): Promise<Buffer> {
  const book = new Workbook();
  const items = book.addWorksheet('检查项');
  items.addRows([
    ['章节编码', '章节名称', '检查项编码', '检查要求', '检查方法', '证据', '风险等级', '是否抽样', '依据1文件代号', '依据1条款', '依据1条号已核实'],
    ['YX', '营销宣传', 'FH-YX-01', '理财宣传材料经消保审查后使用', '抽查网点在用宣传材料，核对审查单', '审查单号', '较重', '是', 'CBIRC-2022-9', '第九条', '是'],
    ['YX', '营销宣传', 'FH-YX-02', '宣传不夸大收益、不掩饰风险', '检查网点海报和折页', '照片', severityOfSecondItem, '否', 'CBIRC-2022-9', null, '否'],
    ['TS', '投诉处理', 'FH-TS-01', '投诉电话在营业场所公示', '现场查看', '照片', '一般', '否'],
  ]);
  const docs = book.addWorksheet('文件');
  docs.addRows([
    ['文件代号', '文件名称', '文号'],
    ['CBIRC-2022-9', '银行保险机构消费者权益保护管理办法', '银保监会令2022年第9号'],
  ]);
  const info = book.addWorksheet('清单信息');
  info.addRows([
    ['项目', '内容'],
    ['格式', 'xiaobao.checklist/1'],
    ['清单编号', 'branch-marketing'],
    ['版本号', '2026.1'],
    ['标题', '分行营销宣传专项检查表'],
    ['发布部门', '城东分行消保办'],
    ['生效日期', '2026-03-01'],
  ]);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function importFile(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '导入清单' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

describe('authoring a checklist in Excel', () => {
  it('reports the broken row, imports the corrected workbook, and starts an inspection with it', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    await setUpHeadOffice(page, { code: 'HQ', name: '某某银行总行' });

    await page.getByRole('menuitem', { name: '清单' }).click();
    await page.getByRole('heading', { name: '检查清单' }).waitFor();
    await page.getByRole('cell', { name: /网点消费者权益保护现场检查表/ }).first().waitFor();
    // Every control of the library's screens is named (checked on each screen below).
    const unnamed: Record<string, string[]> = { library: await unnamedControls(page) };

    // 1. The broken workbook: a severity that does not exist, in row 3 of 检查项.
    await importFile(page, '分行营销宣传专项检查表.xlsx', await authoredWorkbook('严重'));
    const dialog = page.getByRole('dialog');
    await dialog.getByText('文件中有 1 处问题，未导入任何内容。请修改文件后重新导入：').waitFor();
    const problems = dialog.getByRole('region', { name: '问题列表' });
    const row = problems.getByRole('row').filter({ hasText: '风险等级必须是' });
    expect(await row.getByRole('cell').allTextContents()).toEqual(['检查项', '3', '风险等级', '风险等级必须是“一般”“较重”“重大”之一，当前为“严重”']);
    expect(await dialog.getByRole('button', { name: '导入' }).isDisabled()).toBe(true);
    unnamed['import problems'] = await unnamedControls(page);
    await app.screenshot('checklist-import-problem');
    await dialog.getByRole('button', { name: '取消' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.getByRole('cell', { name: /分行营销宣传专项检查表/ }).count()).toBe(0);

    // 2. The corrected workbook imports.
    await importFile(page, '分行营销宣传专项检查表.xlsx', await authoredWorkbook('较重'));
    await dialog.getByText('可以导入：分行营销宣传专项检查表 2026.1，共 3 个检查项').waitFor();
    unnamed['import preview'] = await unnamedControls(page);
    await dialog.getByRole('button', { name: '导入' }).click();
    await page.getByText('已导入 分行营销宣传专项检查表 2026.1').waitFor();
    const imported = page.getByRole('row').filter({ hasText: '分行营销宣传专项检查表' });
    await imported.waitFor();
    expect(await imported.textContent()).toContain('3 项 / 2 章');
    expect(await imported.textContent()).toContain('本机导入');

    // Its items, with 条号待核 on the basis whose article was not checked.
    await page.getByRole('button', { name: '查看 分行营销宣传专项检查表 2026.1' }).click();
    const item = page.getByRole('row').filter({ hasText: 'FH-YX-02' });
    await item.getByText('条号待核').waitFor();
    expect(await page.getByRole('row').filter({ hasText: 'FH-YX-01' }).getByText('条号待核').count()).toBe(0);
    await app.screenshot('checklist-import-detail');
    unnamed['checklist'] = await unnamedControls(page);

    // 3. An inspection with it.
    await page.getByRole('menuitem', { name: '检查' }).click();
    await page.getByRole('button', { name: '新建检查' }).click();
    const start = page.getByRole('dialog');
    await start.getByLabel('检查清单', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '分行营销宣传专项检查表（2026.1）' }).click();
    await start.getByRole('button', { name: '开始检查' }).click();
    await page.getByRole('heading', { name: /分行营销宣传专项检查表/ }).waitFor();
    await page.getByRole('heading', { name: '理财宣传材料经消保审查后使用' }).waitFor();
    await page.getByText('已答 0 / 3').first().waitFor();
    await app.screenshot('checklist-import-inspection');
    expect(unnamed).toEqual({ library: [], 'import problems': [], 'import preview': [], checklist: [] });
    expect(app.errors).toEqual([]);
  });
});
