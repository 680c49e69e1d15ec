// Steps many end-to-end tests share: a new device set up as a branch with one inspector.
import type { Page } from 'playwright-core';

/** The browser's calendar date (the harness runs it in Asia/Shanghai), offsetDays from today. */
export function localDate(offsetDays: number): string {
  const d = new Date(Date.now() + 8 * 3600_000 + offsetDays * 86_400_000);
  return d.toISOString().slice(0, 10);
}

export async function setUpBranchDevice(page: Page, unit = { code: 'BR0101', name: '城东支行' }, inspector = '张三'): Promise<void> {
  await page.getByText('欢迎使用消保自查').waitFor({ timeout: 20_000 });
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('机构代码', { exact: true }).fill(unit.code);
  await page.getByLabel('机构名称', { exact: true }).fill(unit.name);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('检查人姓名', { exact: true }).fill(inspector);
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByTestId('app-ready').waitFor({ timeout: 20_000 });
}

/** A new device set up as head office (总行汇总) with one inspector. */
export async function setUpHeadOffice(page: Page, unit = { code: '100000', name: '示例银行总行' }, inspector = '王五'): Promise<void> {
  await page.getByText('欢迎使用消保自查').waitFor({ timeout: 20_000 });
  await page.getByRole('radio', { name: /总行汇总/ }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('机构代码', { exact: true }).fill(unit.code);
  await page.getByLabel('机构名称', { exact: true }).fill(unit.name);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('检查人姓名', { exact: true }).fill(inspector);
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByTestId('app-ready').waitFor({ timeout: 20_000 });
}

/** Waits until the inspection's save indicator says the last change is stored. */
export async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor({ timeout: 10_000 });
}

/**
 * Starts an inspection of the bundled on-site checklist from the inspection list, and waits for the runner.
 * `unit`: text of the unit to inspect as the unit list shows it; by default the dialog's choice.
 */
export async function startOnsiteInspection(page: Page, title = '网点消费者权益保护现场检查表', unit?: string): Promise<void> {
  await page.getByRole('button', { name: '新建检查' }).click();
  const start = page.getByRole('dialog');
  await start.getByLabel('检查清单', { exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: title }).first().click();
  if (unit !== undefined) {
    await start.getByLabel('被检查机构', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: unit }).click();
  }
  await start.getByRole('button', { name: '开始检查' }).click();
  await page.getByRole('heading', { name: new RegExp(title) }).waitFor();
}

/**
 * In the inspection runner, answers the current item and the ones after it with these verdict keys
 * ('3' 不符合, '2' 部分符合), one item each, and waits until each has produced the next finding of `unitCode`.
 */
export async function failItems(page: Page, keys: readonly string[], unitCode = 'BR0101'): Promise<void> {
  for (const [i, key] of keys.entries()) {
    if (i > 0) await page.keyboard.press('j');
    await page.locator('body').focus();
    await page.keyboard.press(key);
    await waitSaved(page);
    await page.getByTestId('item-finding').getByText(new RegExp(`已生成问题 ${unitCode}-\\d{4}-000${i + 1}`)).waitFor();
  }
}
