// A unit without the app sends its rectification back in the Excel ledger (issue 6 item 8), in real
// Chromium: the app exports the 整改台账 workbook, the test edits it as a person would in Excel, and the
// import previews the counts and writes the change, which the register and the finding's timeline then
// show. A broken copy is refused with every bad cell listed by sheet, row and column, and nothing is
// written. The register then exports what it shows (issue 6 item 9): the filtered ledger and the 汇总表.
import { readFile } from 'node:fs/promises';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Download, Page } from 'playwright-core';
import { Workbook } from '@cj-tech-master/excelts';
import { launchApp, type AppSession } from './harness';
import { failItems, setUpBranchDevice, startOnsiteInspection } from './steps';
import { unnamedControls } from './ax';
import { LEDGER_COLUMNS } from '../../renderer/io/ledger-workbook';
import { SUMMARY_SHEETS } from '../../renderer/io/summary-workbook';
import { columnLetter } from '../../renderer/core/workbook-spec';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

const col = (header: string): number => LEDGER_COLUMNS.findIndex((c) => c.header === header) + 1;
const letter = (header: string): string => columnLetter(col(header));

async function downloaded(page: Page, start: () => Promise<void>): Promise<Uint8Array> {
  const pending = page.waitForEvent('download', { timeout: 60_000 });
  await start();
  const download: Download = await pending;
  return new Uint8Array(await readFile(await download.path()));
}

async function edit(bytes: Uint8Array, rows: Record<number, Record<string, string | Date>>): Promise<Buffer> {
  const book = new Workbook();
  await book.xlsx.load(bytes);
  const sheet = book.getWorksheet('整改台账');
  if (!sheet) throw new Error('no sheet 整改台账');
  for (const [row, cells] of Object.entries(rows)) for (const [header, value] of Object.entries(cells)) sheet.getRow(Number(row)).getCell(col(header)).value = value;
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function pick(page: Page, name: string, buffer: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: '选择 Excel 文件' }).click();
  await (await chooser).setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer });
}

const localDate = (offsetDays: number): Date => {
  const d = new Date();
  return new Date(Date.UTC(d.getFullYear(), d.getMonth(), d.getDate() + offsetDays));
};

describe('an Excel ledger comes back from a unit without the app', () => {
  it('exports, imports the edited copy after a preview, refuses a broken one cell by cell, and exports the filtered register', async () => {
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    const unnamed: Record<string, string[]> = {};
    await setUpBranchDevice(page);
    await startOnsiteInspection(page);
    await failItems(page, ['3', '2']);

    // 1. The ledger as the app writes it.
    await page.getByRole('menuitem', { name: '台账报送' }).click();
    await page.getByRole('heading', { name: '台账报送' }).waitFor();
    await page.getByText('导入 Excel 整改台账').waitFor();
    unnamed['ledger page'] = await unnamedControls(page);
    const exported = await downloaded(page, () => page.getByRole('button', { name: '导出 Excel' }).click());

    // 2. The unit fills in its rectification: the first finding gets an owner and a deadline and starts;
    //    the second gets its measures.
    const good = await edit(exported, {
      2: { 整改状态: '整改中', 责任人: '李四', 整改期限: localDate(30), 整改措施: '更换为最新价目表' },
      3: { 整改措施: '补充投诉电话公示牌' },
    });
    await pick(page, '整改台账-回填.xlsx', good);
    const preview = page.getByRole('dialog', { name: /导入预览：整改台账-回填\.xlsx/ });
    await preview.waitFor({ timeout: 30_000 });
    await preview.getByText(/核对通过：将更新 2 条问题，0 行与系统中一致/).waitFor();
    const counts = preview.getByTestId('sheet-import-counts');
    await expect.poll(() => counts.textContent()).toMatch(/数据行2将更新2无变化0有问题的行0/);
    const changes = preview.getByRole('region', { name: '将更新的问题' });
    await changes.getByRole('row', { name: /BR0101-\d{4}-0001.*待整改 → 整改中/ }).waitFor();
    unnamed['import preview'] = await unnamedControls(page);
    await preview.getByRole('button', { name: /确认导入|确 认 导 入/ }).click();
    await page.getByText('已导入：更新 2 条问题。').waitFor({ timeout: 30_000 });
    await preview.waitFor({ state: 'hidden' });

    // 3. The register and the finding's timeline show the change, and say where it came from.
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    const first = page.getByRole('row', { name: /BR0101-\d{4}-0001/ });
    await first.getByText('整改中').waitFor();
    await first.getByText('李四').waitFor();
    await page.getByRole('button', { name: /打开问题 BR0101-\d{4}-0001/ }).click();
    const drawer = page.getByRole('dialog', { name: /问题 BR0101-\d{4}-0001/ });
    await drawer.waitFor();
    await drawer.getByText('原因：导入 Excel 整改台账', { exact: true }).waitFor();
    await drawer.getByText(/整改状态：待整改 → 整改中/).waitFor();
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();
    await drawer.waitFor({ state: 'hidden' });

    // 4. A broken copy of a fresh export: a status jump the workflow does not allow, a date nobody can
    //    read and a status that does not exist.
    await page.getByRole('menuitem', { name: '台账报送' }).click();
    const fresh = await downloaded(page, () => page.getByRole('button', { name: '导出 Excel' }).click());
    const bad = await edit(fresh, {
      2: { 整改状态: '已验收' },
      3: { 整改期限: '下个月底', 整改状态: '进行中' },
    });
    await pick(page, '整改台账-有误.xlsx', bad);
    const refused = page.getByRole('dialog', { name: /导入预览：整改台账-有误\.xlsx/ });
    await refused.waitFor({ timeout: 30_000 });
    await refused.getByText(/有 2 行存在 3 处问题，整个文件未导入/).waitFor();
    const problems = refused.getByRole('region', { name: '问题清单' });
    await problems.getByRole('row', { name: new RegExp(`整改台账\\s*2\\s*${letter('整改状态')} 列（整改状态）.*不能从“整改中”直接改为“已验收”`) }).waitFor();
    await problems.getByRole('row', { name: new RegExp(`整改台账\\s*3\\s*${letter('整改期限')} 列（整改期限）.*“下个月底”不是有效日期`) }).waitFor();
    await problems.getByRole('row', { name: new RegExp(`整改台账\\s*3\\s*${letter('整改状态')} 列（整改状态）.*无法识别的整改状态“进行中”`) }).waitFor();
    expect(await refused.getByRole('button', { name: /确认导入|确 认 导 入/ }).isDisabled()).toBe(true);
    unnamed['refused preview'] = await unnamedControls(page);
    await app.screenshot('excel-ledger-import-refused');
    await refused.getByRole('button', { name: /取消|取 消/ }).click();

    // Nothing of the broken copy was written.
    await page.getByRole('menuitem', { name: '整改台账' }).click();
    await page.getByRole('row', { name: /BR0101-\d{4}-0001/ }).getByText('整改中').waitFor();

    // 5. The register exports what it shows: one finding after a search.
    await page.getByRole('searchbox', { name: '搜索问题描述、整改措施或台账编号' }).fill('投诉电话');
    await expect.poll(() => page.getByRole('button', { name: /^打开问题 BR0101-/ }).count()).toBe(1);
    unnamed['register'] = await unnamedControls(page);
    const filtered = await downloaded(page, () => page.getByRole('button', { name: /导出Excel/ }).click());
    const book = new Workbook();
    await book.xlsx.load(filtered);
    const sheet = book.getWorksheet('整改台账')!;
    expect(sheet.getRow(2).getCell(col('整改措施')).value).toBe('补充投诉电话公示牌');
    expect(sheet.getRow(3).getCell(col('台账编号')).value ?? null).toBeNull();
    const summary = await downloaded(page, () => page.getByRole('button', { name: /导出汇总表/ }).click());
    const sbook = new Workbook();
    await sbook.xlsx.load(summary);
    expect(sbook.worksheets.map((w) => w.name)).toEqual(Object.values(SUMMARY_SHEETS));

    expect(Object.entries(unnamed).filter(([, list]) => list.length > 0)).toEqual([]);
    expect(app.errors).toEqual([]);
  });
});
