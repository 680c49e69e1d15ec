// The next cycle of an inspection in real Chromium: an inspection with one failed item is completed; a
// follow-up (复查) is started from it in the list; its first item shows last time's verdict, note and
// finding; failing it again creates a finding flagged 屡查屡犯 and linked to the earlier ledger number;
// unflagging it by hand is recorded in the finding's history and the register's repeat filter follows.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchApp, type AppSession } from './harness';
import { setUpBranchDevice, waitSaved } from './steps';
import { unnamedControls } from './ax';

let app: AppSession | undefined;

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await app?.screenshot('cycles-failure').catch(() => undefined);
  await app?.close();
  app = undefined;
});

describe('an inspector runs the next cycle of an outlet’s inspection', () => {
  it('sees last time at the item, and the recurring failure is flagged 屡查屡犯 and can be unflagged', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page);

    // The first inspection: the first item fails, with a note; then it is completed.
    await page.getByRole('button', { name: '新建检查' }).click();
    const start = page.getByRole('dialog');
    await start.getByLabel('检查清单', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '网点消费者权益保护现场检查表' }).first().click();
    // A unit inspected for the first time has no earlier inspection to follow.
    expect(await start.getByLabel('上次检查', { exact: true }).count()).toBe(0);
    await start.getByRole('button', { name: '开始检查' }).click();
    await page.getByRole('heading', { name: /网点消费者权益保护现场检查表/ }).waitFor();
    expect(await page.getByTestId('previous-hint').count()).toBe(0);
    await page.locator('body').focus();
    await page.keyboard.press('3');
    await waitSaved(page);
    await page.getByLabel('检查记录', { exact: true }).fill('价目表为2024年旧版，未公示最新账户管理费标准');
    await waitSaved(page);
    const first = page.getByTestId('item-finding');
    await first.getByText(/已生成问题 BR0101-\d{4}-0001/).waitFor();
    const earlierNo = (await first.textContent())?.match(/BR0101-\d{4}-0001/)?.[0] ?? '';
    await page.getByRole('button', { name: '完成检查' }).click();
    const confirm = page.getByRole('dialog', { name: '完成本次检查？' });
    await confirm.getByRole('button', { name: '完成检查' }).click();
    await page.getByText(/本次检查已于 .* 完成/).waitFor();
    const firstDate = (await page.locator('.runner-head .hint').textContent())?.match(/\d{4}-\d{2}-\d{2}/)?.[0] ?? '';
    expect(firstDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);

    // 复查 from the list: the dialog is filled from the earlier inspection and linked to it.
    await page.getByRole('button', { name: '返回' }).click();
    await page.getByRole('button', { name: `复查 城东支行 ${firstDate}` }).click();
    const followUp = page.getByRole('dialog', { name: '复查：基于以前的检查新建' });
    await followUp.waitFor();
    await followUp.getByText(new RegExp(`${firstDate} · 自查 · 已完成`)).waitFor();
    const formItem = (label: string) => followUp.locator('.ant-form-item').filter({ has: page.getByText(label, { exact: true }) });
    expect(await formItem('被检查机构').textContent()).toContain('城东支行（BR0101）');
    expect(await formItem('检查人').textContent()).toContain('张三');
    expect(await formItem('检查清单').textContent()).toContain('网点消费者权益保护现场检查表');
    unnamed['follow-up dialog'] = await unnamedControls(page);
    await app.screenshot('cycle-follow-up-dialog');
    await followUp.getByRole('button', { name: '开始检查' }).click();
    await followUp.waitFor({ state: 'hidden' });

    // The new inspection: no verdicts, and at the first item what happened last time.
    await page.getByRole('button', { name: `上次检查：${firstDate}（自查）` }).waitFor();
    const hint = page.getByTestId('previous-hint');
    await hint.getByText(`上次结论：不符合（${firstDate}）`).waitFor();
    await hint.getByText('价目表为2024年旧版，未公示最新账户管理费标准').waitFor();
    expect(await hint.getByRole('button', { name: `打开上次问题 ${earlierNo}` }).textContent()).toBe(`上次问题 ${earlierNo} · 待整改`);
    expect(await page.getByRole('radiogroup', { name: '检查结论' }).locator('input:checked').count()).toBe(0);
    expect(await page.getByTestId('item-finding').count()).toBe(0);
    await page.getByText('上次不合格', { exact: true }).click();
    await expect.poll(() => page.getByRole('navigation', { name: '章节' }).getByRole('button').count()).toBe(1);
    unnamed['follow-up runner'] = await unnamedControls(page);
    await app.screenshot('cycle-previous-hint');

    // It fails again: the new finding is a repeat of the earlier one.
    await page.locator('body').focus();
    await page.keyboard.press('3');
    await waitSaved(page);
    const card = page.getByTestId('item-finding');
    await card.getByText(/已生成问题 BR0101-\d{4}-0002/).waitFor();
    await card.getByText('屡查屡犯', { exact: true }).waitFor();
    const repeatNo = earlierNo.replace(/0001$/, '0002');
    await card.getByRole('button', { name: `打开问题 ${repeatNo}` }).click();
    const drawer = page.getByRole('dialog', { name: `问题 ${repeatNo}` });
    await drawer.waitFor();
    const field = drawer.getByTestId('repeat-field');
    await field.getByRole('button', { name: `上次问题 ${earlierNo}（待整改）` }).waitFor();
    unnamed['repeat finding'] = await unnamedControls(page);

    // Unflag it by hand; the history says from which finding to none.
    await field.getByRole('button', { name: '修改屡查屡犯标记' }).click();
    const edit = page.getByRole('dialog', { name: `屡查屡犯：${repeatNo}` });
    await edit.waitFor();
    expect(await edit.textContent()).toContain(`${earlierNo} · ${firstDate}`);
    unnamed['repeat dialog'] = await unnamedControls(page);
    await app.screenshot('cycle-repeat-dialog');
    await edit.getByRole('checkbox', { name: /屡查屡犯/ }).uncheck();
    await edit.getByRole('button', { name: '保存' }).click();
    await edit.waitFor({ state: 'hidden' });
    await field.getByText('否', { exact: true }).waitFor();
    const last = drawer.getByTestId('history-entry').last();
    await last.getByText(`屡查屡犯（上次问题）：${earlierNo} → —`).waitFor();
    expect(await last.textContent()).toMatch(/^修改张三/);
    expect(await drawer.locator('.finding-tags').getByText('屡查屡犯', { exact: true }).count()).toBe(0);
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();
    await drawer.waitFor({ state: 'hidden' });

    // The register's repeat filter follows the hand-made change.
    await page.getByLabel('屡查屡犯', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '仅屡查屡犯' }).click();
    await page.getByText('没有符合筛选条件的问题').waitFor();
    await page.getByLabel('屡查屡犯', { exact: true }).click();
    await page.locator('.ant-select-item-option', { hasText: '非屡查屡犯' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^打开问题 BR0101-/ }).count()).toBe(2);

    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
