// Backup and restore in real Chromium (issue 5): a branch with a failed item backs up from Settings;
// a brand-new profile restores the file from the first-start screen, learns that a new signing key
// was made, and after the reload holds the same finding.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { launchApp, type AppSession } from './harness';
import { setUpBranchDevice, waitSaved, startOnsiteInspection } from './steps';
import { unnamedControls } from './ax';

const sessions: AppSession[] = [];

afterEach(async () => {
  for (const s of sessions.splice(0)) await s.close();
});

describe('backup and restore', () => {
  it('restores a backup into a fresh profile with a new key', async () => {
    const source = await launchApp({ url: inject('baseUrl') });
    sessions.push(source);
    const page = source.page;
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page);
    await startOnsiteInspection(page);
    await page.locator('body').focus();
    await page.keyboard.press('3');
    await waitSaved(page);
    const ledgerNo = ((await page.getByTestId('item-finding').getByText(/已生成问题 BR0101-\d{4}-0001/).textContent()) ?? '').match(/BR0101-\d{4}-0001/)?.[0];
    expect(ledgerNo).toBeTruthy();

    await page.getByRole('menuitem', { name: '设置' }).click();
    await page.getByTestId('last-backup').getByText('从未备份').waitFor();
    const oldFingerprint = (await page.getByTestId('key-fingerprint').textContent())?.trim();
    unnamed['settings with backup'] = await unnamedControls(page);
    const pending = page.waitForEvent('download', { timeout: 60_000 });
    await page.getByRole('button', { name: '立即备份' }).click();
    const download = await pending;
    expect(download.suggestedFilename()).toMatch(/^消保自查备份-BR0101-\d{8}-\d{4}\.xbbackup$/);
    const bytes = await readFile(await download.path());
    await expect.poll(async () => page.getByTestId('last-backup').textContent()).not.toBe('从未备份');

    // A new computer: an empty profile restores the file from the first-start screen.
    const target = await launchApp({ url: inject('baseUrl') });
    sessions.push(target);
    const fresh = target.page;
    await fresh.getByText('欢迎使用消保自查').waitFor({ timeout: 20_000 });
    const chooser = fresh.waitForEvent('filechooser');
    await fresh.getByRole('button', { name: '从备份恢复…' }).click();
    await (await chooser).setFiles({ name: download.suggestedFilename(), mimeType: 'application/octet-stream', buffer: bytes });
    const confirm = fresh.getByRole('dialog', { name: '从备份恢复' });
    await confirm.getByText(/问题 1 条/).waitFor();
    unnamed['restore preview'] = await unnamedControls(fresh);
    await confirm.getByRole('button', { name: '恢复' }).click();
    // Restoring sets the device up, so the app opens straight away and says what to tell head office.
    await fresh.getByTestId('app-ready').waitFor({ timeout: 30_000 });
    const notice = fresh.getByTestId('key-replaced');
    await notice.getByText('已生成新的签名密钥').waitFor();
    expect(await notice.textContent()).toContain(`原指纹 ${oldFingerprint}`);
    // It survives a reload until the user says head office knows.
    await fresh.reload();
    await notice.waitFor({ timeout: 20_000 });
    await notice.getByRole('button', { name: '已通知总行' }).click();
    await notice.waitFor({ state: 'detached' });
    await fresh.getByRole('menuitem', { name: '整改台账' }).click();
    await fresh.getByRole('button', { name: `打开问题 ${ledgerNo}` }).waitFor();
    await fresh.getByRole('menuitem', { name: '设置' }).click();
    expect((await fresh.getByTestId('key-fingerprint').textContent())?.trim()).not.toBe(oldFingerprint);
    await target.screenshot('restored');

    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(source.errors).toEqual([]);
    expect(target.errors).toEqual([]);
  });
});
