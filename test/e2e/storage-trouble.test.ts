// Issue 8, campaign 6 (storage trouble) in real Chromium: what the user sees. The app is used, closed,
// and started again with the storage quota of its origin cut to one byte through the DevTools protocol
// (Storage.overrideQuotaForOrigin, which Chromium only applies before the origin's storage is first
// opened in a browser run), as a disk that filled up in between: an answer and a finding cannot be
// saved, the page says why in Chinese and what to do, nothing of them is stored, and everything stored
// before still shows. With space back (the next start), saving works again. Then a blocked upgrade: another tab holds the database open at an older version; the
// app says so instead of hanging, and carries on by itself once that tab lets go.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { SCHEMA_VERSION } from '../../renderer/db/schema';
import { launchApp, type AppSession } from './harness';
import { createOldDatabase } from './old-database';
import { failItems, setUpBranchDevice, startOnsiteInspection, waitSaved } from './steps';

let app: AppSession | undefined;
let profile: string | undefined;

afterEach(async (ctx) => {
  if (ctx.task.result?.state === 'fail') await app?.screenshot('storage-trouble-failure').catch(() => undefined);
  await app?.close();
  app = undefined;
  if (profile !== undefined) await rm(profile, { recursive: true, force: true });
  profile = undefined;
});

type StoredAnswer = { itemCode: string; verdict: string | null; note: string };

async function storedAnswers(page: Page): Promise<StoredAnswer[]> {
  return page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open('xiaobao');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error ?? new Error('open failed'));
    });
    const rows = await new Promise<StoredAnswer[]>((resolve, reject) => {
      const r = db.transaction('answers').objectStore('answers').getAll();
      r.onsuccess = () => resolve((r.result as StoredAnswer[]).map((a) => ({ itemCode: a.itemCode, verdict: a.verdict, note: a.note })));
      r.onerror = () => reject(r.error ?? new Error('read failed'));
    });
    db.close();
    return rows;
  });
}

describe('storage trouble in the browser', () => {
  it('a full quota: the answer and the finding say they were not saved, nothing half-written, reading goes on', async () => {
    const baseUrl = inject('baseUrl');
    profile = await mkdtemp(join(tmpdir(), 'xiaobao-quota-'));
    app = await launchApp({ url: baseUrl, profileDir: profile });
    let page = app.page;
    await setUpBranchDevice(page);
    await page.getByRole('menuitem', { name: '检查' }).click();
    await startOnsiteInspection(page);
    await failItems(page, ['3']);
    await page.getByLabel('检查记录', { exact: true }).fill('价目表未更新');
    await page.keyboard.press('Escape');
    await waitSaved(page);
    const before = await storedAnswers(page);
    expect(before).toEqual([expect.objectContaining({ verdict: 'noncompliant', note: '价目表未更新' })]);
    const url = page.url();
    await app.close();

    // The next start, on a full disk.
    app = await launchApp({ profileDir: profile });
    page = app.page;
    const cdp = await app.context.newCDPSession(page);
    await cdp.send('Storage.overrideQuotaForOrigin', { origin: new URL(baseUrl).origin, quotaSize: 1 });
    await page.goto(url);
    await page.getByRole('heading', { name: /网点消费者权益保护现场检查表/ }).waitFor();

    // An answer: the indicator turns to the reason, in Chinese, with what to do.
    await page.keyboard.press('j');
    await page.locator('body').focus();
    await page.keyboard.press('1');
    const state = page.getByTestId('save-state');
    await state.and(page.locator('[data-state="error"]')).waitFor();
    expect(await state.textContent()).toMatch(/磁盘空间或浏览器存储配额不足，本次修改未保存；已保存的数据不受影响。请清理磁盘空间后重试。/);
    expect(await storedAnswers(page)).toEqual(before);

    // Reading goes on: the first item still shows its verdict, note and finding.
    await page.getByRole('navigation', { name: '章节' }).getByRole('button').first().click();
    await expect.poll(() => page.getByLabel('检查记录', { exact: true }).inputValue()).toBe('价目表未更新');
    expect(await page.getByRole('radio', { name: /^\d 不符合$/, checked: true }).count()).toBe(1);

    // A finding: the form's save says the same and keeps what was typed.
    await page.getByRole('button', { name: /打开问题 BR0101-\d{4}-0001/ }).click();
    const drawer = page.getByRole('dialog', { name: /问题 BR0101-\d{4}-0001/ });
    await drawer.getByLabel('整改措施', { exact: true }).fill('更换为最新版价目表');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await page.locator('.ant-message').getByText(/磁盘空间或浏览器存储配额不足，本次修改未保存/).waitFor();
    expect(await drawer.getByLabel('整改措施', { exact: true }).inputValue()).toBe('更换为最新版价目表');
    // Still marked unsaved, the save button ready for another try.
    await drawer.getByText('有未保存的修改').waitFor();
    const measures = await page.evaluate(async () => {
      const db = await new Promise<IDBDatabase>((resolve) => {
        const r = indexedDB.open('xiaobao');
        r.onsuccess = () => resolve(r.result);
      });
      const rows = await new Promise<{ measures: string }[]>((resolve) => {
        const r = db.transaction('findings').objectStore('findings').getAll();
        r.onsuccess = () => resolve(r.result as { measures: string }[]);
      });
      db.close();
      return rows.map((f) => f.measures);
    });
    expect(measures).toEqual(['']);

    // The failures were shown to the user, not thrown: no uncaught error on the page.
    const errors = [...app.errors];
    await app.close();
    expect(errors).toEqual([]);

    // Space is back: the same answer saves.
    app = await launchApp({ url, profileDir: profile });
    page = app.page;
    await page.getByRole('heading', { name: /网点消费者权益保护现场检查表/ }).waitFor();
    await page.getByRole('navigation', { name: '章节' }).getByRole('button').nth(1).click();
    await page.locator('body').focus();
    await page.keyboard.press('1');
    await waitSaved(page);
    expect((await storedAnswers(page)).map((a) => a.verdict).sort()).toEqual(['compliant', 'noncompliant']);
    expect(app.errors).toEqual([]);
  });

  it('a blocked upgrade: the app says another window holds the old database, and carries on when it closes', async () => {
    const baseUrl = inject('baseUrl');
    app = await launchApp();
    // The other tab: a page of the same origin that opens the previous version and never lets go.
    const other = await app.context.newPage();
    await other.goto(`${baseUrl}checklists/branch-onsite.json`);
    await createOldDatabase(other, SCHEMA_VERSION - 1, {}, true);

    await app.page.goto(baseUrl);
    await app.page.getByText('另一个消保自查窗口正在使用旧版本的数据库，升级被阻止。请关闭其他窗口或标签页，本窗口会自动继续。').waitFor();
    await other.evaluate(() => (window as unknown as { oldDb: IDBDatabase }).oldDb.close());
    await app.page.getByText('欢迎使用消保自查').waitFor();
    const version = await app.page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const r = indexedDB.open('xiaobao');
          r.onsuccess = () => {
            resolve(r.result.version);
            r.result.close();
          };
        }),
    );
    expect(version).toBe(SCHEMA_VERSION * 10);
    expect(app.errors).toEqual([]);
  });
});
