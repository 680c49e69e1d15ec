// The inspection report in real Chromium: three failed items in three sections become findings; one
// gets a description, measures and a photo, another a photo of the inspection; the report opens from
// the inspection list and from the runner, shows everything, waits for its pictures, calls the
// browser's print in web mode, and printed to PDF by Chromium (the engine behind Electron's printToPDF,
// with the same print CSS) its text holds the ledger numbers, the Chinese descriptions, the sections
// and the signature lines.
import { spawnSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ARTIFACTS_DIR, launchApp, type AppSession } from './harness';
import { makePng } from './png';
import { setUpBranchDevice, waitSaved, startOnsiteInspection } from './steps';
import { unnamedControls } from './ax';
import { readRepoText } from '../core/helpers';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

type Item = { code: string; requirement: string };
type Section = { code: string; title: string; items: Item[] };
const onsite = JSON.parse(readRepoText('checklists/branch-onsite.json')) as { title: string; sections: Section[] };

const PDFTOTEXT_MISSING = 'pdftotext is not on PATH: the report test reads the printed PDF with it. Install poppler-utils (`apt-get install -y poppler-utils`; .ci/run does).';

function pdftotext(args: string[]) {
  const run = spawnSync('pdftotext', args, { encoding: 'utf8' });
  if (run.error && (run.error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error(PDFTOTEXT_MISSING);
  return run;
}

/** `pdftotext -layout` of a PDF. */
function pdfText(path: string): string {
  const run = pdftotext(['-layout', '-enc', 'UTF-8', path, '-']);
  if (run.status !== 0) throw new Error(`pdftotext failed (${run.status}): ${run.stderr}`);
  return run.stdout;
}

/** Text without any white space: -layout wraps long cells over several lines. */
const squeeze = (text: string): string => text.replace(/\s+/g, '');

async function attachPhoto(page: Page, region: ReturnType<Page['getByRole']>, name: string, png: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await region.getByRole('button', { name: /添加文件/ }).click();
  await (await chooser).setFiles({ name, mimeType: 'image/png', buffer: png });
  await expect.poll(() => region.getByTestId('evidence-thumb').count()).toBe(1);
}

describe('the inspection report', () => {
  it('shows every finding with its pictures, prints in web mode, and makes a PDF with the findings in Chinese', async () => {
    // Before half a minute of clicking: the tool that reads the PDF at the end is there.
    pdftotext(['-v']);
    app = await launchApp({ url: inject('baseUrl') });
    const page = app.page;
    await setUpBranchDevice(page);

    await startOnsiteInspection(page, onsite.title);

    // The first item of each of the first three sections fails: 不符合, 部分符合, 不符合.
    const failing = onsite.sections.slice(0, 3).map((s) => ({ section: s, item: s.items[0]! }));
    const steps = [0, onsite.sections[0]!.items.length, onsite.sections[1]!.items.length];
    for (const [i, key] of ['3', '2', '3'].entries()) {
      for (let n = 0; n < steps[i]!; n++) await page.keyboard.press('j');
      await page.getByRole('heading', { name: failing[i]!.item.requirement }).waitFor();
      await page.locator('body').focus();
      await page.keyboard.press(key);
      await waitSaved(page);
      await page.getByTestId('item-finding').getByText(new RegExp(`已生成问题 BR0101-\\d{4}-000${i + 1}`)).waitFor();
    }
    // A photo of what the inspector saw, on the third failed item.
    await attachPhoto(page, page.getByRole('region', { name: '检查证据' }), '现场价目表.png', makePng(640, 480));
    await waitSaved(page);

    // The first finding gets a description, measures and a photo of the rectification.
    await page.getByRole('navigation', { name: '章节' }).getByRole('button').first().click();
    await page.getByRole('button', { name: /打开问题 BR0101-\d{4}-0001/ }).click();
    const drawer = page.getByRole('dialog', { name: /问题 BR0101-\d{4}-0001/ });
    await drawer.waitFor();
    const year = (await drawer.locator('.ant-drawer-title').textContent())?.match(/BR0101-(\d{4})-0001/)?.[1] ?? '';
    expect(year).toMatch(/^\d{4}$/);
    const ledgerNos = [1, 2, 3].map((n) => `BR0101-${year}-000${n}`);
    const description = '营业厅公示的服务价目表为2024年旧版，未按总行最新版本更新';
    const measures = '更换为总行最新版价目表，建立每月核对台账';
    await drawer.getByLabel('问题描述', { exact: true }).fill(description);
    await drawer.getByLabel('整改措施', { exact: true }).fill(measures);
    await drawer.getByLabel('责任人', { exact: true }).fill('赵六');
    await drawer.getByRole('button', { name: '保存', exact: true }).click();
    await page.getByText('已保存', { exact: true }).first().waitFor();
    await attachPhoto(page, drawer.getByRole('region', { name: '整改佐证' }), '新版价目表.png', makePng(1200, 900));
    await drawer.getByRole('button', { name: 'Close' }).or(drawer.getByRole('button', { name: '关闭' })).first().click();
    await drawer.waitFor({ state: 'hidden' });

    // From the inspection list to the report.
    await page.getByRole('menuitem', { name: '检查' }).click();
    await page.getByRole('button', { name: /^查看报告 城东支行 / }).click();
    const report = page.getByTestId('report-doc');
    await report.waitFor();
    await report.getByRole('heading', { name: '消费者权益保护检查报告' }).waitFor();
    await expect.poll(() => page.getByRole('button', { name: '打印 / 另存为 PDF' }).isEnabled()).toBe(true);
    expect(await page.title()).toMatch(/^检查报告-BR0101-\d{4}-\d{2}-\d{2}$/);

    // What the report shows: a draft, the unit, three findings in ledger order with their pictures.
    await report.getByTestId('report-draft').getByText(/草稿：本次检查尚未完成/).waitFor();
    await report.getByText('城东支行（BR0101）').first().waitFor();
    const findings = report.getByTestId('report-finding');
    expect(await findings.count()).toBe(3);
    expect((await findings.locator('h3').allTextContents()).map((t) => t.slice(0, 16))).toEqual(ledgerNos);
    await findings.first().getByText(description).waitFor();
    await findings.first().getByText(measures).waitFor();
    await findings.nth(1).getByText(failing[1]!.item.requirement).first().waitFor();
    const thumbs = report.getByTestId('report-thumb');
    expect(await thumbs.count()).toBe(2);
    expect(await findings.first().getByRole('group', { name: '整改佐证' }).getByRole('img', { name: '新版价目表.png' }).count()).toBe(1);
    expect(await findings.nth(2).getByRole('group', { name: '检查证据' }).getByRole('img', { name: '现场价目表.png' }).count()).toBe(1);
    // Every picture is really drawn (decoded, not a broken image) before printing is allowed.
    expect(await thumbs.evaluateAll((imgs) => imgs.map((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0))).toEqual([true, true]);
    const summary = report.getByTestId('report-summary-items');
    await summary.getByRole('row', { name: /^合计/ }).getByText('33', { exact: true }).first().waitFor();
    for (const { section } of failing) await report.getByRole('heading', { name: new RegExp(`${section.title}（${section.code}）`) }).waitFor();
    expect(await report.getByTestId('report-signature').allTextContents()).toEqual(['检查人（签字）：日期：', '被检查机构负责人（签字）：日期：']);
    expect(await unnamedControls(page)).toEqual([]);
    await app.screenshot('report');

    // Web mode prints through the browser's own dialog: window.print, once per click.
    await page.evaluate(() => {
      const w = window as unknown as { __prints: number; print: () => void };
      w.__prints = 0;
      w.print = () => {
        w.__prints += 1;
      };
    });
    await page.getByRole('button', { name: '打印 / 另存为 PDF' }).click();
    await expect.poll(() => page.evaluate(() => (window as unknown as { __prints: number }).__prints)).toBe(1);

    // Chromium's print to PDF with the page's own @page rules, as Electron's printToPDF does.
    await mkdir(ARTIFACTS_DIR, { recursive: true });
    const pdfPath = join(ARTIFACTS_DIR, 'report.pdf');
    await writeFile(pdfPath, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
    const text = pdfText(pdfPath);
    await writeFile(join(ARTIFACTS_DIR, 'report.txt'), text);
    const flat = squeeze(text);
    for (const no of ledgerNos) expect(flat).toContain(no);
    expect(flat).toContain(squeeze(description));
    expect(flat).toContain(squeeze(measures));
    for (const { item } of failing.slice(1)) expect(flat).toContain(squeeze(item.requirement));
    for (const { section } of failing) expect(flat).toContain(section.title);
    for (const heading of ['消费者权益保护检查报告', '一、检查范围', '二、检查结果汇总', '三、分章节检查结果', '四、问题清单', '五、签字确认']) expect(flat).toContain(heading);
    expect(text).toMatch(/检查人（签字）：\s+日期：/);
    expect(text).toMatch(/被检查机构负责人（签字）：\s+日期：/);
    expect(flat).toContain('草稿：本次检查尚未完成');
    // The app's chrome is not printed; every page is numbered "第 N 页，共 M 页".
    expect(flat).not.toContain('整改台账主菜单');
    expect(flat).not.toContain('打印/另存为PDF');
    const pages = Number(/共(\d+)页/.exec(flat)?.[1]);
    expect(pages).toBeGreaterThanOrEqual(4);
    for (let n = 1; n <= pages; n++) expect(flat).toContain(`第${n}页，共${pages}页`);
    // Rows are not split: each ledger number is printed whole on one line.
    for (const no of ledgerNos) expect(text).toContain(no);

    // The runner has its own way in, and the report its way back.
    await page.getByRole('button', { name: '返回检查' }).click();
    await page.getByRole('heading', { name: new RegExp(onsite.title) }).waitFor();
    await page.getByRole('button', { name: '检查报告', exact: true }).click();
    await page.getByTestId('report-doc').waitFor();
    expect(app.errors).toEqual([]);
  });
});
