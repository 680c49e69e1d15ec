// Every interactive control on every screen of the foundation has an accessible name, read from
// Chromium's own accessibility tree (what a screen reader and getByRole see).
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchApp, type AppSession } from './harness';
import { unnamedControls } from './ax';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('accessible names', () => {
  it('every control of set-up, the lists, the inspection, units and settings is named', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    const found: Record<string, string[]> = {};
    await page.getByText('欢迎使用消保自查').waitFor({ timeout: 20_000 });
    // The probe itself must see a nameless control, or an empty result would prove nothing.
    await page.evaluate(() => {
      const b = document.createElement('button');
      b.id = 'probe';
      document.body.appendChild(b);
    });
    expect((await unnamedControls(page)).join('\n')).toContain('id="probe"');
    await page.evaluate(() => document.getElementById('probe')?.remove());
    found['set-up 1'] = await unnamedControls(page);
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('机构代码', { exact: true }).fill('BR01');
    found['set-up 2'] = await unnamedControls(page);
    await page.getByLabel('机构名称', { exact: true }).fill('城东支行');
    await page.getByRole('button', { name: '下一步' }).click();
    await page.getByLabel('检查人姓名', { exact: true }).fill('张三');
    found['set-up 3'] = await unnamedControls(page);
    await page.getByRole('button', { name: '完成设置' }).click();
    await page.getByTestId('app-ready').waitFor({ timeout: 20_000 });
    found['inspections'] = await unnamedControls(page);
    await page.getByRole('button', { name: '新建检查' }).click();
    await page.getByRole('dialog').waitFor();
    found['new inspection'] = await unnamedControls(page);
    await page.getByRole('dialog').getByRole('button', { name: '开始检查' }).click();
    await page.getByRole('heading', { name: /网点消费者权益保护现场检查表/ }).waitFor();
    found['inspection'] = await unnamedControls(page);
    await page.getByRole('menuitem', { name: '机构', exact: true }).click();
    await page.getByRole('button', { name: '新增机构' }).waitFor();
    found['units'] = await unnamedControls(page);
    await page.getByRole('button', { name: '新增机构' }).click();
    await page.getByRole('dialog').waitFor();
    found['unit editor'] = await unnamedControls(page);
    await page.getByRole('dialog').getByRole('button', { name: '取消' }).click();
    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByText('签名密钥指纹').waitFor();
    found['settings'] = await unnamedControls(page);
    const unnamed = Object.entries(found).filter(([, list]) => list.length > 0);
    expect(unnamed).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
