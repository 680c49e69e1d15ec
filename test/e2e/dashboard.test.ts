// The dashboard in real Chromium: three findings entered by hand in the register; the dashboard's
// charts name the right counts and draw a bar or slice for each; a filter changes them (and the register, which shares it); a chart is
// saved as a real PNG download; the summary statement is copied to the clipboard; every control is named.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';
import { launchApp, type AppSession } from './harness';
import { setUpBranchDevice, localDate } from './steps';
import { unnamedControls } from './ax';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** 新增问题 in the register; Enter confirms the typed deadline, 保存 creates the finding and opens it. */
async function addFinding(page: Page, description: string, category: string, severity: '一般' | '较重' | '重大', due: string): Promise<void> {
  await page.getByRole('button', { name: '新增问题' }).click();
  const dialog = page.getByRole('dialog', { name: '新增问题' });
  await dialog.getByLabel('问题描述', { exact: true }).fill(description);
  await dialog.getByLabel('问题类别', { exact: true }).fill(category);
  await dialog.getByLabel('问题描述', { exact: true }).click();
  if (severity !== '一般') {
    await dialog.getByLabel('风险等级', { exact: true }).click();
    await page.locator(`.ant-select-item-option[title="${severity}"]`).click();
  }
  await dialog.getByLabel('整改期限', { exact: true }).fill(due);
  await dialog.getByLabel('整改期限', { exact: true }).press('Enter');
  await dialog.getByRole('button', { name: '保存', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.getByRole('dialog', { name: /^问题 BR0101-/ }).waitFor();
  await page.evaluate(() => {
    window.location.hash = '#/findings';
  });
  await page.getByRole('dialog', { name: /^问题 BR0101-/ }).waitFor({ state: 'hidden' });
}

const spoken = (page: Page, chart: string) => page.getByTestId(`chart-${chart}`).getByRole('img').getAttribute('aria-label');

describe('the dashboard', () => {
  it('charts the register’s findings, follows its filters, saves a PNG and copies the summary statement', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page);
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    await addFinding(page, '价目表未更新', '公示', '一般', localDate(-3));
    await addFinding(page, '投诉登记簿缺页', '投诉', '重大', localDate(20));
    await addFinding(page, '双录视频缺失', '公示', '较重', localDate(20));
    await page.getByTestId('register-summary').getByText('显示 3 条（共 3 条有效问题）').waitFor();

    await page.getByRole('menuitem', { name: '统计看板' }).click();
    await page.getByTestId('dashboard-counted').getByText('统计 3 条问题').waitFor();
    expect(await spoken(page, 'category')).toBe('问题类别分布，共 3 个问题：公示 2 个，投诉 1 个。');
    expect(await spoken(page, 'severity')).toBe('风险等级分布，共 3 个问题：一般 1 个，较重 1 个，重大 1 个。');
    expect(await spoken(page, 'status')).toBe('整改状态分布，共 3 个问题：待整改 3 个。');
    expect(await spoken(page, 'unit')).toBe('各机构问题数，共 3 个问题：城东支行 3 个。');
    expect(await spoken(page, 'overdue')).toBe('各分行逾期问题，共 1 个问题：城东支行 1 个。');
    // Every chart is drawn (SVG, a frame after the numbers): a bar per row of its table, a slice per
    // kind with findings; the trend has this month's two bars and its rate point.
    const drawing = (chart: string) => page.getByTestId(`chart-${chart}`).getByRole('img');
    const marks = async (chart: string, selector: string) => drawing(chart).locator(selector).count();
    for (const chart of ['category', 'severity', 'status', 'unit', 'rate', 'overdue', 'repeat']) {
      await expect.poll(() => drawing(chart).getAttribute('data-drawn')).toBe('true');
      expect(await drawing(chart).locator('svg').count()).toBe(1);
    }
    expect(await marks('category', 'rect.chart-bar')).toBe(2);
    expect(await marks('severity', 'path.chart-slice')).toBe(3);
    expect(await marks('status', 'path.chart-slice')).toBe(1);
    expect(await marks('unit', 'rect.chart-bar')).toBe(1);
    expect(await marks('rate', 'rect.chart-bar')).toBe(2);
    expect(await marks('rate', 'circle.chart-point')).toBe(1);
    expect(await marks('overdue', 'rect.chart-bar')).toBe(1);
    // No repeated findings: 城东支行's bar is there with nothing in it.
    expect(await marks('repeat', 'rect.chart-bar')).toBe(1);
    expect(await drawing('repeat').locator('rect.chart-bar').getAttribute('width')).toBe('0');
    // Bars as long as their counts: 公示 2, 投诉 1.
    const barWidths = await drawing('category').locator('rect.chart-bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('width'))));
    expect(barWidths[0]).toBeCloseTo((barWidths[1] ?? 0) * 2, 0);
    // Axis names in Chinese; the ring's legend names the kinds.
    await expect.poll(() => drawing('category').locator('text').allTextContents()).toEqual(expect.arrayContaining(['公示', '投诉']));
    expect(await drawing('severity').locator('text').allTextContents()).toEqual(expect.arrayContaining(['一般', '较重', '重大']));
    // At the width of the page …
    const svg = page.getByTestId('chart-category').locator('svg');
    const width = async () => (await svg.boundingBox())?.width ?? 0;
    const wide = await width();
    expect(wide).toBeGreaterThan(600);
    // … and redrawn at the new width when the window shrinks.
    await page.setViewportSize({ width: 1000, height: 860 });
    await expect.poll(width).toBeLessThan(wide - 300);
    await page.setViewportSize({ width: 1366, height: 860 });
    unnamed['dashboard'] = await unnamedControls(page);
    await app.screenshot('dashboard');

    // A filter set here changes the charts, and the register shows the same.
    await page.getByLabel('风险等级', { exact: true }).click();
    await page.locator('.ant-select-item-option[title="重大"]').click();
    await page.keyboard.press('Escape');
    await page.locator('.ant-select-dropdown').first().waitFor({ state: 'hidden' });
    await page.getByTestId('dashboard-counted').getByText('统计 1 条问题').waitFor();
    await expect.poll(() => spoken(page, 'category')).toBe('问题类别分布，共 1 个问题：投诉 1 个。');
    expect(await spoken(page, 'overdue')).toBe('各分行逾期问题：没有问题。');
    expect(await page.getByTestId('chart-category').locator('rect.chart-bar').count()).toBe(1);
    expect(await page.getByTestId('chart-severity').locator('path.chart-slice').count()).toBe(1);
    unnamed['dashboard filtered'] = await unnamedControls(page);

    // 保存为图片: web mode saves through a download; the file is a PNG.
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: '保存为图片：问题类别分布' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^问题类别分布-\d{4}-\d{2}-\d{2}\.png$/);
    const bytes = await readFile((await file.path())!);
    expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(bytes.length).toBeGreaterThan(1000);

    // 复制: the statement for the filtered findings reaches the clipboard.
    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(inject('baseUrl')).origin });
    const statement = page.getByRole('textbox', { name: '工作总结表述文字' });
    const text = await statement.inputValue();
    expect(text).toMatch(/^本次自查共发现问题1个，涉及1家网点机构，主要集中在投诉方面。截至\d{4}年\d{1,2}月\d{1,2}日，已完成整改问题0个，涉及网点0家，整改完成率0%；尚未完成整改问题1个，其中逾期0个。$/);
    await page.getByRole('button', { name: '复制', exact: true }).click();
    await page.getByText('已复制到剪贴板').waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(text);

    await page.getByRole('menuitem', { name: '整改台账' }).click();
    await page.getByTestId('register-summary').getByText('显示 1 条（共 3 条有效问题）').waitFor();

    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
