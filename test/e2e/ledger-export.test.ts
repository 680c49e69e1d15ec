// Sending the ledger in real Chromium (issue 5): two failed items become findings; the user exports a
// full signed package, then a password-protected delta, then the Excel ledger on its own. Every
// download is complete and valid: the packages verify as head office will check them (signature,
// hashes, chain, records) and the workbook has the ledger's columns and one row per finding.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { Workbook } from '@cj-tech-master/excelts';
import { launchApp, type AppSession } from './harness';
import { setUpBranchDevice, startOnsiteInspection, failItems } from './steps';
import { unnamedControls } from './ax';
import { readLedgerPackage } from '../../renderer/io/ledger-package';
import { platformEd25519Verify, platformSha256 } from '../../renderer/platform/crypto';
import { LEDGER_COLUMNS } from '../../renderer/io/ledger-workbook';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function downloaded(page: Page, start: () => Promise<void>): Promise<{ name: string; bytes: Uint8Array }> {
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await start();
  const download: Download = await pending;
  const path = await download.path();
  return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
}

const envelope = { subtle: crypto.subtle, randomBytes: (n: number) => crypto.getRandomValues(new Uint8Array(n)) };

describe('a branch sends its ledger', () => {
  it('exports a full package, a protected delta and the Excel ledger, all complete and valid', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page);

    await startOnsiteInspection(page);
    await failItems(page, ['3', '2']);

    await page.getByRole('menuitem', { name: '台账报送' }).click();
    await page.getByRole('heading', { name: '台账报送' }).waitFor();
    await page.getByText('本机尚未导出过台账包').waitFor();
    unnamed['ledger page'] = await unnamedControls(page);

    // 1. The full package.
    const full = await downloaded(page, () => page.getByRole('button', { name: '导出台账包' }).click());
    expect(full.name).toMatch(/^整改台账-BR0101-\d{8}-0001\.xbledger$/);
    const opened = await readLedgerPackage(full.bytes, { sha256: platformSha256, verify: platformEd25519Verify });
    if (!opened.ok) throw new Error(`the downloaded package does not verify: ${opened.error.code} ${opened.error.detail ?? ''}`);
    expect(opened.value.manifest).toMatchObject({ seq: 1, scope: { kind: 'full' }, orgUnit: { code: 'BR0101', name: '城东支行' }, counts: { findings: 2 } });
    expect(opened.value.data.findings.map((f) => f.ledgerNo)).toEqual([expect.stringMatching(/-0001$/), expect.stringMatching(/-0002$/)]);
    expect(opened.value.data.history.length).toBeGreaterThan(4);
    const log = page.getByRole('table');
    await log.getByRole('cell', { name: full.name }).waitFor();
    await page.getByText(/上次导出第 1 号台账包是 0 天前/).waitFor();

    // 2. A password-protected delta since package 1 (nothing changed: no findings, a valid package).
    await page.getByRole('radio', { name: /增量/ }).check();
    // The latest package is preselected as the starting point.
    await expect.poll(() => page.locator('.ant-form-item').filter({ hasText: '起始台账包' }).textContent()).toContain('第 1 号');
    await page.getByRole('checkbox', { name: '设置密码保护' }).check();
    await page.getByLabel('密码', { exact: true }).fill('分行台账2026');
    await page.getByLabel('确认密码', { exact: true }).fill('分行台账2025');
    await page.getByRole('button', { name: '导出台账包' }).click();
    await page.getByText('两次输入的密码不一致').waitFor();
    await page.getByLabel('确认密码', { exact: true }).fill('分行台账2026');
    unnamed['delta with password'] = await unnamedControls(page);
    const delta = await downloaded(page, () => page.getByRole('button', { name: '导出台账包' }).click());
    expect(delta.name).toMatch(/-0002\.xbledger$/);
    const locked = await readLedgerPackage(delta.bytes, { sha256: platformSha256, verify: platformEd25519Verify });
    expect(!locked.ok && locked.error.code).toBe('ledger.passwordRequired');
    const unlocked = await readLedgerPackage(delta.bytes, { sha256: platformSha256, verify: platformEd25519Verify, password: '分行台账2026', envelope });
    if (!unlocked.ok) throw new Error(`the protected delta does not open: ${unlocked.error.code}`);
    expect(unlocked.value.manifest).toMatchObject({ seq: 2, scope: { kind: 'delta', sinceSeq: 1 }, prevPackageSha256: opened.value.packageSha256 });
    await log.getByRole('cell', { name: delta.name }).waitFor();

    // 3. The Excel ledger on its own.
    const excel = await downloaded(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    expect(excel.name).toMatch(/^整改台账-BR0101-\d{8}\.xlsx$/);
    const book = new Workbook();
    await book.xlsx.load(excel.bytes);
    const sheet = book.getWorksheet('整改台账');
    if (!sheet) throw new Error('the workbook has no sheet 整改台账');
    const header = (sheet.getRow(1).values as unknown[]).slice(1).map(String);
    expect(header).toEqual(LEDGER_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(2).getCell(2).value).toMatch(/^BR0101-\d{4}-0001$/);
    expect(sheet.getRow(3).getCell(2).value).toMatch(/^BR0101-\d{4}-0002$/);
    expect(sheet.getRow(4).getCell(2).value ?? null).toBeNull();
    await app.screenshot('ledger-export');

    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
