// The checklist manager in jsdom on fake-indexeddb, through the real Boot: list, view with 条号待核,
// import (JSON, a broken workbook, a signed package), compare versions, export, and remove (refused while
// an inspection uses the version).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Workbook } from '@cj-tech-master/excelts';
import { Boot } from '../../renderer/app/Boot';
import { createDb, type XbDb } from '../../renderer/db/db';
import { ok } from '../../renderer/core/result';
import type { PickedFile } from '../../renderer/host/host';
import { parseChecklistText } from '../../renderer/core/checklist/parse';
import type { Checklist } from '../../renderer/core/checklist/schema';
import { checklistToXlsx } from '../../renderer/io/checklist-file';
import { startInspection } from '../../renderer/db/repos/inspections';
import { completeSetup } from '../../renderer/db/repos/settings';
import { openDb } from '../../renderer/db/open';
import { bundledFiles, fakeHost } from './fake-host';

// antd in jsdom is slow, and slower still on a loaded two-core machine.
configure({ asyncUtilTimeout: 15000 });

let n = 0;
let db: XbDb;
let picks: PickedFile[][];

beforeEach(() => {
  window.location.hash = '';
  db = createDb({ name: `library-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  picks = [];
});
afterEach(() => db.close());

function host() {
  const h = fakeHost();
  return { ...h, openFiles: async () => ok(picks.shift() ?? []) };
}

function shipped(id: string): Checklist {
  const file = bundledFiles().find((f) => f.fileName === `${id}.json`)!;
  const r = parseChecklistText(file.text);
  if (!r.ok) throw new Error(id);
  return r.value;
}

const json = (c: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(c, null, 2));

/** A device already set up as head office's, opened at the checklist page (the set-up flow is app-flow.test's). */
async function start(h: ReturnType<typeof host>) {
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  const r = await completeSetup(db, { role: 'head', inspectorName: '李四', orgUnit: { code: 'HQ01', name: '总行', level: 'head', parentCode: null } });
  if (!r.ok) throw new Error(r.error.code);
  window.location.hash = '#/checklists';
  render(<Boot host={h} makeDb={() => db} />);
  await screen.findByRole('heading', { name: '检查清单' });
  // The bundled checklists are stored after the findings have loaded and the page is idle: the tags
  // (最新, 旧版本) and removals below are about the library with them in it.
  await screen.findByTestId('app-ready', {}, { timeout: 10000 });
  return userEvent.setup({ delay: null });
}

/**
 * The open dialog showing `text`. antd gives every dialog the same title id under test and jsdom never
 * finishes a closing animation, so dialogs are found by what they show, not by role and name.
 */
async function dialogWith(text: string | RegExp): Promise<HTMLElement> {
  const shown = await screen.findAllByText(text);
  const dialog = shown.map((e) => e.closest<HTMLElement>('[role="dialog"]')).filter((d) => d !== null && !d.className.includes('-leave')).at(-1);
  if (!dialog) throw new Error(`no open dialog shows ${String(text)}`);
  return dialog;
}

/** A button by its visible text (role queries are slow over the whole page in jsdom). */
async function button(text: string): Promise<HTMLElement> {
  return waitFor(() => {
    const b = [...document.querySelectorAll<HTMLElement>('button')].filter((x) => x.textContent === text && !x.closest('[class*="-leave"]')).at(-1);
    if (!b) throw new Error(`no button ${text}`);
    return b;
  });
}

/** The table row whose text contains every one of `texts`, once it is there. */
async function rowOf(...texts: string[]): Promise<HTMLElement> {
  return waitFor(() => {
    // Plain DOM queries: role queries over a large antd table are very slow in jsdom.
    const row = [...document.querySelectorAll('tr')].find((r) => texts.every((t) => r.textContent?.includes(t)));
    if (!row) throw new Error(`no row with ${texts.join(', ')}`);
    return row;
  });
}

describe('the checklist manager', () => {
  it('lists the shipped checklists and shows an item list with 条号待核 where the article is unverified', async () => {
    const user = await start(host());
    for (const [title, count] of [['网点消费者权益保护现场检查表', '33 项 / 10 章'], ['银行业侵害消费者权益乱象整治自查表', '28 项 / 6 章'], ['消费者八项权利保护检查表', '32 项 / 9 章']]) {
      const row = await rowOf(title!);
      expect(row).toHaveTextContent(count!);
      expect(row).toHaveTextContent('总行消费者权益保护部');
      expect(row).toHaveTextContent('随应用提供');
    }
    await user.click(screen.getByLabelText('查看 网点消费者权益保护现场检查表 2026.2'));
    await screen.findByRole('heading', { name: /网点消费者权益保护现场检查表/ });
    expect(window.location.hash).toBe('#/checklists/branch-onsite/2026.2');
    expect(screen.getByText(/9627bf56b0f8f7daea5484bb05f7f6371ff842e8268b6b26ac609e4c8125fd4e/)).toBeInTheDocument();
    const b24 = await rowOf('B-FEE-01');
    expect(b24).toHaveTextContent('《银行保险机构消费者权益保护管理办法》第二十四条');
    expect(within(b24).getAllByText('条号待核').length).toBe(2);
    expect(within(await rowOf('B-ZQ-02')).getAllByText('条号待核')).toHaveLength(1); // 第十二条 verified, 110号文 not
    await user.type(screen.getByLabelText(/搜索编码/), '双录');
    await waitFor(() => expect(screen.queryByText('B-PUB-01')).toBeNull());
    expect(screen.getByText('B-ZQ-03')).toBeInTheDocument();
  }, 120000);

  it('imports a new version from JSON, compares it with the shipped one, and exports it', async () => {
    const h = host();
    const user = await start(h);
    const next = shipped('consumer-rights');
    next.version = '2026.2';
    next.sections[0]!.items[0]!.severity = '较重';
    next.sections[8]!.items.push({ code: 'C-INFO-06', requirement: '个人信息保护影响评估', basis: [{ doc: 'PIPL', article: '第五十五条', verified: true }], method: '查阅评估报告', severity: '较重' });
    picks.push([{ name: 'consumer-rights-2026.2.json', bytes: json(next) }]);
    await user.click(await button('导入清单'));
    const dialog = await dialogWith('可以导入：消费者八项权利保护检查表 2026.2，共 33 个检查项');
    expect(within(dialog).getByText(/导入后将成为该清单的最新版本/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '导入' }));
    await screen.findByText('已导入 消费者八项权利保护检查表 2026.2');
    expect((await db.checklists.get(['consumer-rights', '2026.2']))?.source).toBe('imported');
    expect(await rowOf('消费者八项权利保护检查表', '2026.2')).toHaveTextContent('最新');
    expect(await rowOf('消费者八项权利保护检查表', '2026.1')).toHaveTextContent('旧版本');

    await user.click(screen.getByLabelText('比较版本 消费者八项权利保护检查表'));
    const compare = await dialogWith('比较版本：消费者八项权利保护检查表');
    expect(within(compare).getByText('新增 1 项，删除 0 项，修改 1 项，未变 31 项')).toBeInTheDocument();
    expect(within(compare).getByText('C-INFO-06')).toBeInTheDocument();
    expect(within(within(compare).getByRole('region', { name: '修改的检查项' })).getByText('C-GOV-01')).toBeInTheDocument();
    expect(within(compare).getByText('一般', { selector: 'del' })).toBeInTheDocument();
    expect(within(compare).getByText('较重', { selector: 'ins' })).toBeInTheDocument();
    await user.click(within(compare).getByRole('button', { name: /Close|关闭/ }));

    await user.click(screen.getByLabelText('导出 消费者八项权利保护检查表 2026.2'));
    await user.click((await screen.findAllByText('JSON 文件')).at(-1)!);
    await waitFor(() => expect(h.saved.map((s) => s.name)).toEqual(['consumer-rights-2026.2.json']));
    const back = parseChecklistText(new TextDecoder().decode(h.saved[0]!.bytes));
    expect(back.ok && back.value).toEqual(next);
    // The same file again is recognised, not imported twice.
    picks.push([{ name: 'again.json', bytes: json(next) }]);
    await user.click(await button('导入清单'));
    const again = await dialogWith(/本机已有内容完全相同的/);
    expect(within(again).getByRole('button', { name: '导入' })).toBeDisabled();
  }, 120000);

  it('shows every bad row of a workbook with sheet, row and column, and imports nothing', async () => {
    const user = await start(host());
    const c = { ...shipped('branch-onsite'), id: 'my-list', version: '1' };
    const book = new Workbook();
    await book.xlsx.load(await checklistToXlsx(c));
    book.getWorksheet('检查项')!.getRow(4).getCell(9).value = '很严重';
    book.getWorksheet('检查项')!.getRow(6).getCell(12).value = 'NO-SUCH-DOC';
    picks.push([{ name: 'my-list.xlsx', bytes: new Uint8Array(await book.xlsx.writeBuffer()) }]);
    await user.click(await button('导入清单'));
    const dialog = await dialogWith('文件中有 2 处问题，未导入任何内容。请修改文件后重新导入：');
    const problems = within(within(dialog).getByRole('region', { name: '问题列表' }));
    const rows = problems.getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((x) => x.textContent));
    expect(rows).toEqual([
      ['检查项', '4', '风险等级', '风险等级必须是“一般”“较重”“重大”之一，当前为“很严重”'],
      ['检查项', '6', '依据1文件代号', '依据文件代号“NO-SUCH-DOC”没有列在“文件”工作表中；请在“文件”工作表中补充该文件，或改正代号'],
    ]);
    expect(within(dialog).getByRole('button', { name: '导入' })).toBeDisabled();
    expect(await db.checklists.get(['my-list', '1'])).toBeUndefined();
  }, 120000);

  it('distributes a signed package, imports it with issuer and fingerprint, and removes only what no inspection uses', async () => {
    const h = host();
    const user = await start(h);
    const settings = (await db.settings.get('device'))!;
    const mine = { ...shipped('infringement-campaign-2019'), id: 'branch-extra', version: '2026.1', title: '分行补充检查表' };
    picks.push([{ name: 'extra.json', bytes: json(mine) }]);
    await user.click(await button('导入清单'));
    await user.click(within(await dialogWith(/可以导入：分行补充检查表/)).getByRole('button', { name: '导入' }));
    await screen.findByText('已导入 分行补充检查表 2026.1');

    await user.click(screen.getByLabelText('导出 分行补充检查表 2026.1'));
    await user.click((await screen.findAllByText(/签名清单包（/)).at(-1)!);
    await waitFor(() => expect(h.saved.map((s) => s.name)).toEqual(['branch-extra-2026.1.xbchecklist']));

    // Remove the imported copy (no inspection uses it), then take it back from the package.
    await user.click(screen.getByLabelText('删除 分行补充检查表 2026.1'));
    await user.click(await button('删除'));
    await screen.findByText('已删除 分行补充检查表 2026.1');
    expect(await db.checklists.get(['branch-extra', '2026.1'])).toBeUndefined();

    picks.push([{ name: 'branch-extra-2026.1.xbchecklist', bytes: h.saved[0]!.bytes }]);
    await user.click(await button('导入清单'));
    const dialog = await dialogWith('签名有效：清单自签发后未被改动');
    expect(within(dialog).getByText(/^总行（HQ01）· /)).toBeInTheDocument();
    expect(within(dialog).getByTestId('package-fingerprint')).toHaveTextContent(settings.fingerprint);
    await user.click(within(dialog).getByRole('button', { name: '导入' }));
    await screen.findByText('已导入 分行补充检查表 2026.1');
    expect((await db.checklists.get(['branch-extra', '2026.1']))?.provenance).toMatchObject({ issuer: { code: 'HQ01' }, fingerprint: settings.fingerprint, exportedBy: '李四' });
    expect(await rowOf('分行补充检查表')).toHaveTextContent('签名清单包');

    // A tampered package is refused with the reason.
    const tampered = h.saved[0]!.bytes.slice();
    tampered[tampered.length - 200]! ^= 0xff;
    picks.push([{ name: 'tampered.xbchecklist', bytes: tampered }]);
    await user.click(await button('导入清单'));
    const refused = await dialogWith('导入检查清单：tampered.xbchecklist');
    await waitFor(() => expect(within(refused).getByRole('alert')).toHaveTextContent(/已拒绝|无法解压|未导入/));
    await user.click(within(refused).getByRole('button', { name: '取消' }));

    // In use: refused with the reason.
    const started = await startInspection(db, { checklistId: 'branch-extra', checklistVersion: '2026.1', orgUnitCode: 'HQ01', kind: 'self', inspectors: ['李四'], date: '2026-03-02' });
    expect(started.ok).toBe(true);
    await rowOf('分行补充检查表', '1 次检查');
    await user.click(screen.getByLabelText('删除 分行补充检查表 2026.1'));
    await user.click(await button('删除'));
    await screen.findByText('分行补充检查表 2026.1 已被 1 次检查使用，不能删除：检查记录须始终能查看所依据的清单原文。');
    expect(await db.checklists.get(['branch-extra', '2026.1'])).toBeDefined();
    // Shipped checklists have no remove button at all.
    expect(screen.queryByLabelText('删除 网点消费者权益保护现场检查表 2026.2')).toBeNull();
  }, 150000);
});
