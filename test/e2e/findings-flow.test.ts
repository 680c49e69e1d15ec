// The rectification ledger in real Chromium: three failed items become numbered findings; one is
// completed with measures, a deadline and a photo (scaled to 2,000 px, stored once when attached
// twice) and driven 整改中 → 已整改待验收 → 退回 → 已整改待验收 → 已验收; another is made overdue by a
// bulk assignment and found with the overdue filter; the timeline shows every step, the history chain
// verifies, and after a browser restart everything is still there.
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { launchApp, type AppSession } from './harness';
import { makePng } from './png';
import { setUpBranchDevice, waitSaved, startOnsiteInspection, localDate, failItems } from './steps';
import { unnamedControls } from './ax';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

/** Counts rows of an object store straight from IndexedDB, outside the app. */
async function storeCount(page: Page, store: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('xiaobao');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction(name).objectStore(name).count();
          req.onsuccess = () => {
            resolve(req.result);
            open.result.close();
          };
        };
      }),
    store,
  );
}

async function transition(page: Page, drawer: Locator, unnamed: Record<string, string[]>, action: string, fill?: (dialog: Locator) => Promise<void>): Promise<void> {
  await drawer.getByRole('group', { name: '整改操作' }).getByRole('button', { name: action, exact: true }).click();
  const dialog = page.getByRole('dialog', { name: new RegExp(`^${action} · `) });
  await dialog.waitFor();
  if (fill) await fill(dialog);
  unnamed[`step ${action}`] = await unnamedControls(page);
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

describe('an inspector drives findings to closure', () => {
  it('from failed items to a verified finding with evidence, a timeline and a verified history', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    let page = app.page;
    // Every control on every screen met on the way has an accessible name (checked at the end).
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page);

    await startOnsiteInspection(page);

    // Three failures: 不符合, 部分符合, 不符合.
    await failItems(page, ['3', '2', '3']);
    // A mis-keyed verdict corrected at once leaves a voided number, not a stray finding.
    await page.keyboard.press('j');
    await page.keyboard.press('3');
    await waitSaved(page);
    await page.getByTestId('item-finding').waitFor();
    await page.keyboard.press('1');
    await waitSaved(page);
    await page.getByText('结论已改为不再不符合，该问题已作废（编号保留）。').waitFor();
    // The item keeps its own history: the mis-keyed verdict and its correction.
    await page.getByText('本项修改记录（2 条）').click();
    await page.getByText(/检查结论：不符合 → 符合/).waitFor();
    unnamed['inspection item'] = await unnamedControls(page);

    // Back to the first item, and from its finding into the register.
    await page.getByRole('navigation', { name: '章节' }).getByRole('button').first().click();
    await page.getByRole('button', { name: /打开问题 BR0101-\d{4}-0001/ }).click();
    const drawer = page.getByRole('dialog', { name: /问题 BR0101-\d{4}-0001/ });
    await drawer.waitFor();
    const ledgerNo = (await drawer.locator('.ant-drawer-title').textContent())?.match(/BR0101-\d{4}-0001/)?.[0] ?? '';
    expect(ledgerNo).toMatch(/^BR0101-\d{4}-0001$/);
    await expect.poll(() => page.getByRole('button', { name: /^打开问题 BR0101-/ }).count()).toBe(3);
    unnamed['register and finding'] = await unnamedControls(page);

    // Fill in the rectification and save.
    await drawer.getByLabel('整改措施', { exact: true }).fill('更换为总行最新版价目表，建立每月核对台账');
    await drawer.getByLabel('责任部门', { exact: true }).fill('运营管理部');
    await drawer.getByLabel('责任人', { exact: true }).fill('赵六');
    await drawer.getByLabel('整改期限', { exact: true }).fill(localDate(20));
    // Enter confirms the date and, as in any form, submits it.
    await drawer.getByLabel('整改期限', { exact: true }).press('Enter');
    // Saved: the button is back (not spinning) and disabled until the next edit.
    await expect.poll(() => drawer.getByRole('button', { name: '保存', exact: true }).isDisabled()).toBe(true);
    await page.getByText('已保存', { exact: true }).first().waitFor();

    // A 2400×1200 photo, attached twice: scaled to 2000×1000 and stored once.
    const png = makePng(2400, 1200);
    const evidence = drawer.getByRole('region', { name: '整改佐证' });
    for (let n = 0; n < 2; n++) {
      const chooser = page.waitForEvent('filechooser');
      await evidence.getByRole('button', { name: /添加文件/ }).click();
      await (await chooser).setFiles({ name: '价目表.png', mimeType: 'image/png', buffer: png });
      await page.getByText(/已添加 1 个文件/).first().waitFor();
    }
    const thumbs = evidence.getByTestId('evidence-thumb');
    await expect.poll(() => thumbs.count()).toBe(1);
    expect(await thumbs.first().getAttribute('data-width')).toBe('2000');
    expect(await thumbs.first().getAttribute('data-height')).toBe('1000');
    expect(await storeCount(page, 'attachments')).toBe(1);

    // 整改中 → 已整改待验收 → 退回 → 已整改待验收 → 已验收.
    await transition(page, drawer, unnamed, '开始整改');
    await drawer.getByText('整改中', { exact: true }).first().waitFor();
    await transition(page, drawer, unnamed, '提交验收');
    await drawer.getByText('已整改待验收', { exact: true }).first().waitFor();
    await transition(page, drawer, unnamed, '退回', (d) => d.getByLabel('原因', { exact: true }).fill('照片未显示价目表版本号'));
    await drawer.getByText(/张三 于 .* 退回：照片未显示价目表版本号/).waitFor();
    await transition(page, drawer, unnamed, '提交验收', (d) => d.getByLabel(/整改情况说明/).fill('已补拍版本号特写'));
    await transition(page, drawer, unnamed, '验收通过', (d) => d.getByLabel('验收人', { exact: true }).fill('王五'));
    await drawer.getByText('已验收', { exact: true }).first().waitFor();
    expect(await drawer.getByLabel('整改措施', { exact: true }).isDisabled()).toBe(true);

    const entries = drawer.getByTestId('history-entry');
    const steps = async () => (await entries.allTextContents()).map((t) => t.split(/张三/)[0]);
    await expect.poll(steps).toEqual(['创建', '修改', '修改', '开始整改', '提交验收', '退回', '提交验收', '验收通过']);
    await drawer.getByText('原因：照片未显示价目表版本号', { exact: true }).waitFor();
    await drawer.getByText(/整改状态：已整改待验收 → 整改中/).waitFor();
    await app.screenshot('finding-verified');
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();
    await drawer.waitFor({ state: 'hidden' });

    // Make the second finding overdue by a bulk assignment, then find it with the overdue filter.
    await page.getByRole('checkbox', { name: /选择问题 BR0101-\d{4}-0002/ }).check();
    await page.getByRole('button', { name: '批量分派' }).click();
    const bulk = page.getByRole('dialog', { name: /批量分派 1 条问题/ });
    await bulk.getByLabel('责任人', { exact: true }).fill('钱七');
    await bulk.getByLabel('整改期限', { exact: true }).fill(localDate(-3));
    await bulk.getByLabel('整改期限', { exact: true }).press('Enter');
    unnamed['bulk assignment'] = await unnamedControls(page);
    await bulk.getByRole('button', { name: '分派' }).click();
    await page.getByText(/已修改 1 条/).waitFor();
    await page.locator('.ant-segmented-item', { hasText: '已逾期' }).click();
    await expect.poll(() => page.getByRole('button', { name: /^打开问题 BR0101-/ }).count()).toBe(1);
    await page.getByRole('row', { name: /BR0101-\d{4}-0002/ }).getByText(/逾期 3 天/).waitFor();
    await page.getByTestId('register-summary').getByText('逾期 1 条').waitFor();
    await app.screenshot('register-overdue');

    // The whole history chain verifies.
    await page.getByRole('button', { name: /校验修改记录/ }).click();
    await page.getByTestId('chain-ok').waitFor();
    unnamed['history check'] = await unnamedControls(page);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: '显示列' }).click();
    await page.getByRole('checkbox', { name: '问责情况' }).waitFor();
    unnamed['column chooser'] = await unnamedControls(page);
    await page.keyboard.press('Escape');

    // Close the browser, reopen the same profile at the finding: everything is still there.
    await page.goto(`${inject('baseUrl')}#/findings`);
    const id = await page.evaluate(
      () =>
        new Promise<string>((resolve) => {
          const open = indexedDB.open('xiaobao');
          open.onsuccess = () => {
            const req = open.result.transaction('findings').objectStore('findings').index('ledgerNo').getAll();
            req.onsuccess = () => {
              resolve((req.result as { id: string }[])[0]!.id);
              open.result.close();
            };
          };
        }),
    );
    await page.goto(`${inject('baseUrl')}#/findings/${id}`);
    app = await app.relaunch();
    page = app.page;
    const again = page.getByRole('dialog', { name: new RegExp(`问题 ${ledgerNo}`) });
    await again.waitFor({ timeout: 20_000 });
    await again.getByText('已验收', { exact: true }).first().waitFor();
    await expect.poll(() => again.getByTestId('history-entry').count()).toBe(8);
    await expect.poll(() => again.getByRole('region', { name: '整改佐证' }).getByTestId('evidence-thumb').count()).toBe(1);
    expect(await again.getByLabel('整改措施', { exact: true }).inputValue()).toBe('更换为总行最新版价目表，建立每月核对台账');
    unnamed['after restart'] = await unnamedControls(page);
    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
