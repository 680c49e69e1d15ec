// A new user, in real Chromium against the web build: first start → set-up → an inspection of the
// bundled on-site checklist → ten answers with notes and a sample → the browser is closed and reopened
// on the same profile → everything is still there → the inspection is completed.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { cjkFontProblem, launchApp, type AppSession } from './harness';
import { startOnsiteInspection } from './steps';

let app: AppSession | undefined;

afterEach(async (ctx) => {
  // A failing run leaves a picture of the page behind, in test/e2e/artifacts/.
  if (ctx.task.result?.state === 'fail') await app?.screenshot('inspection-flow-failure').catch(() => undefined);
  await app?.close();
  app = undefined;
});

const notes = [
  '价目表为2025版，未更新',
  '七不准公示齐全',
  '四公开材料齐全',
  '投诉电话已公示',
  '代销产品清单可查询',
  '存款保险标识规范',
  '专区标识清晰',
  '双录设备正常',
  '抽查10笔双录，2笔缺风险揭示',
  '双录资料可调阅',
];
// 1 符合 2 部分符合 3 不符合 4 不适用, pressed on the keyboard.
const keys = ['3', '1', '4', '1', '2', '1', '1', '1', '2', '1'];
const expected = ['不符合', '符合', '不适用', '符合', '部分符合', '符合', '符合', '符合', '部分符合', '符合'];

async function waitSaved(page: Page): Promise<void> {
  await page.getByTestId('save-state').and(page.locator('[data-state="saved"]')).waitFor({ timeout: 10_000 });
}

async function setUp(page: Page): Promise<void> {
  await page.getByText('欢迎使用消保自查').waitFor({ timeout: 20_000 });
  await page.getByRole('radio', { name: /分支机构检查/ }).check();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('机构代码', { exact: true }).fill('BR0101');
  await page.getByLabel('机构名称', { exact: true }).fill('城东支行');
  await page.getByLabel('层级', { exact: true }).click();
  await page.locator('.ant-select-item-option', { hasText: '支行' }).click();
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('检查人姓名', { exact: true }).fill('张三');
  await page.getByRole('button', { name: '完成设置' }).click();
  await page.getByTestId('app-ready').waitFor({ timeout: 20_000 });
}

async function addOutlet(page: Page): Promise<void> {
  await page.getByRole('menuitem', { name: '机构', exact: true }).click();
  await page.getByRole('button', { name: '新增机构' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('机构代码', { exact: true }).fill('WD0001');
  await dialog.getByLabel('机构名称', { exact: true }).fill('人民路网点');
  await dialog.getByRole('button', { name: '保存' }).click();
  await page.getByRole('cell', { name: '人民路网点', exact: true }).waitFor();
  // The same code again is refused with a message at the field, and nothing is stored twice.
  await page.getByRole('button', { name: '新增机构' }).click();
  await dialog.getByLabel('机构代码', { exact: true }).fill('WD0001');
  await dialog.getByLabel('机构名称', { exact: true }).fill('重复网点');
  await dialog.getByRole('button', { name: '保存' }).click();
  await dialog.getByText(/WD0001.*已存在|已存在.*WD0001/).waitFor();
  await dialog.getByRole('button', { name: '取消' }).click();
  expect(await page.getByRole('cell', { name: '重复网点', exact: true }).count()).toBe(0);
}

describe('an inspector runs the bundled checklist offline', () => {
  it('sets up, answers ten items, survives a browser restart, and completes', async () => {
    const baseUrl = inject('baseUrl');
    app = await launchApp({ url: baseUrl });
    let page = app.page;
    await setUp(page);
    await addOutlet(page);

    await page.getByRole('menuitem', { name: '检查' }).click();
    await startOnsiteInspection(page, undefined, '人民路网点');
    expect(await cjkFontProblem(page)).toBeNull();

    for (let i = 0; i < 10; i++) {
      if (i > 0) await page.keyboard.press('j');
      await page.keyboard.press(keys[i]!);
      await waitSaved(page);
      await page.getByLabel('检查记录', { exact: true }).fill(notes[i]!);
      if (await page.getByLabel('抽样数量', { exact: true }).count()) {
        await page.getByLabel('抽样数量', { exact: true }).fill('10');
        await page.getByLabel('其中问题笔数', { exact: true }).fill('2');
      }
      // Esc leaves the text field, so the next J and digit act on the inspection, not the text.
      await page.keyboard.press('Escape');
      await waitSaved(page);
    }
    await expect.poll(() => page.getByText('已答 10 / 33').count()).toBeGreaterThan(0);
    await app.screenshot('inspection-answered');
    const before = page.url();

    // Close the browser entirely and reopen the same profile at the bare address.
    app = await app.relaunch();
    page = app.page;
    await page.getByTestId('app-ready').waitFor({ timeout: 20_000 });
    await page.getByRole('heading', { name: /网点消费者权益保护现场检查表/ }).waitFor();
    expect(page.url()).toBe(before);
    await page.getByText('已答 10 / 33').first().waitFor();

    const nav = page.getByRole('navigation', { name: '章节' });
    for (let i = 0; i < 10; i++) {
      const link = nav.getByRole('button').nth(i);
      await link.click();
      await expect.poll(() => page.getByLabel('检查记录', { exact: true }).inputValue()).toBe(notes[i]);
      expect(await page.getByRole('radio', { name: new RegExp(`^\\d ${expected[i]}$`), checked: true }).count()).toBe(1);
      await expect.poll(() => link.textContent()).toContain(expected[i]);
    }
    await nav.getByRole('button', { name: /B-ZQ-03/ }).click();
    const sampled = page.getByLabel('抽样数量', { exact: true });
    expect(await sampled.count()).toBeGreaterThan(0);
    expect(await sampled.inputValue()).toBe('10');
    expect(await page.getByLabel('其中问题笔数', { exact: true }).inputValue()).toBe('2');

    // The list shows the draft with its progress; searching narrows it.
    await page.getByRole('button', { name: /返回/ }).click();
    await page.getByRole('cell', { name: '人民路网点（WD0001）', exact: true }).waitFor();
    await page.getByText('已答 10 / 33').waitFor();
    await page.getByRole('searchbox', { name: /搜索清单/ }).fill('不存在的机构');
    await page.getByText('还没有检查').waitFor();
    await page.getByRole('searchbox', { name: /搜索清单/ }).fill('人民路');
    await page.getByRole('button', { name: /继续 人民路网点/ }).click();

    await page.getByRole('button', { name: '完成检查' }).click();
    const confirm = page.getByRole('dialog');
    await confirm.getByText(/还有 23 项未作答：B-ZQ-05、B-ZQ-06、B-FEE-01/).waitFor();
    await app.screenshot('complete-warning');
    await confirm.getByRole('button', { name: '完成检查' }).click();
    await page.getByText(/本次检查已于 .* 完成/).waitFor();
    expect(await page.getByRole('radio', { name: '1 符合', exact: true }).isDisabled()).toBe(true);

    await page.getByRole('button', { name: /返回/ }).click();
    await page.getByText('已完成').first().waitFor();
    expect(app.errors).toEqual([]);
  });
});
