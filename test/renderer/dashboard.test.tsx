// The dashboard in jsdom on fake-indexeddb: it shares the register's active filters both ways, draws
// every chart (as SVG) with its spoken summary and data table, writes the
// summary statement with the register's numbers, copies it (or selects it when the clipboard refuses),
// follows the language, and refuses to save a PNG where no canvas can make one.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import dayjs from 'dayjs';
import { Boot } from '../../renderer/app/Boot';
import { parseRoute, routeHash } from '../../renderer/app/router';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { addManualFinding, transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { addOrgUnit } from '../../renderer/db/repos/org-units';
import { setLanguage } from '../../renderer/db/repos/settings';
import { formatDay } from '../../renderer/core/ledger/summary';
import { setUpBranch } from '../db/helpers';
import { fakeHost } from './fake-host';

configure({ asyncUtilTimeout: 15_000 });

let n = 0;
let db: XbDb;

beforeEach(async () => {
  db = createDb({ name: `dashboard-ui-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  await setUpBranch(db);
});
afterEach(() => db.close());

const setupUser = () => userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');

/**
 * 城东分行 BR01 with 网点 WD01 and WD02. Four findings: BR01 公示 overdue; WD01 投诉 重大 rectified;
 * WD01 公示 open; WD02 公示 较重 overdue.
 */
async function seed(): Promise<void> {
  for (const [code, name] of [['WD01', '城东一网点'], ['WD02', '城东二网点']] as const) {
    const r = await addOrgUnit(db, { code, name, level: 'outlet', parentCode: 'BR01' });
    if (!r.ok) throw new Error(r.error.code);
  }
  const add = async (orgUnitCode: string, category: string, severity: '一般' | '较重' | '重大', due: number) => {
    const r = await addManualFinding(db, { orgUnitCode, description: `${category}问题`, category, basis: '', severity, dueDate: day(due), responsibleDept: '', responsiblePerson: '' });
    if (!r.ok) throw new Error(r.error.code);
    return r.value.id;
  };
  await add('BR01', '公示', '一般', -5);
  const done = await add('WD01', '投诉', '重大', 30);
  await add('WD01', '公示', '一般', 30);
  await add('WD02', '公示', '较重', -2);
  const measured = await updateFinding(db, done, { measures: '重新培训' });
  if (!measured.ok) throw new Error(measured.error.code);
  const submitted = await transitionFinding(db, done, 'submit', { completedAt: day(0), completionNote: '已培训' });
  if (!submitted.ok) throw new Error(submitted.error.code);
}

async function openApp(hash: string, host = fakeHost()) {
  window.location.hash = hash;
  render(<Boot host={host} makeDb={() => db} />);
  await screen.findByTestId('app-ready', {}, { timeout: 10000 });
  return host;
}

const chart = (id: string) => screen.getByTestId(`chart-${id}`);
const spoken = (id: string) => within(chart(id)).getByRole('img').getAttribute('aria-label');
const counted = () => screen.getByTestId('dashboard-counted');

describe('统计看板', { timeout: 150_000 }, () => {
  it('has its own route', () => {
    expect(parseRoute('#/dashboard')).toEqual({ name: 'dashboard' });
    expect(routeHash({ name: 'dashboard' })).toBe('#/dashboard');
  });

  it('shares the register’s filters both ways', async () => {
    await seed();
    const user = setupUser();
    await openApp('#/findings');
    const register = () => screen.getByTestId('register-summary');
    await waitFor(() => expect(register()).toHaveTextContent('显示 4 条'));
    await user.click(screen.getByText('已逾期'));
    await waitFor(() => expect(register()).toHaveTextContent('显示 2 条'));

    await user.click(screen.getByRole('button', { name: '统计与总结' }));
    await waitFor(() => expect(counted()).toHaveTextContent('统计 2 条问题'));
    expect(spoken('status')).toBe('整改状态分布，共 2 个问题：待整改 2 个。');
    expect(spoken('overdue')).toBe('各分行逾期问题，共 2 个问题：城东分行 2 个。');
    expect(within(screen.getByRole('radiogroup', { name: '期限' })).getByRole('radio', { name: '已逾期' })).toBeChecked();

    // Changed on the dashboard, seen by the register.
    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(counted()).toHaveTextContent('统计 4 条问题'));
    await user.click(screen.getByRole('menuitem', { name: '整改台账' }));
    await waitFor(() => expect(register()).toHaveTextContent('显示 4 条'));
  });

  it('draws every chart with a spoken summary and a data table, writes and copies the summary statement, and follows the language', async () => {
    await seed();
    const host = await openApp('#/dashboard');
    await waitFor(() => expect(counted()).toHaveTextContent('统计 4 条问题'));
    expect(counted()).toHaveTextContent('其中 4 条手工新增的问题没有检查日期');
    expect(spoken('category')).toBe('问题类别分布，共 4 个问题：公示 3 个，投诉 1 个。');
    expect(spoken('severity')).toBe('风险等级分布，共 4 个问题：一般 2 个，较重 1 个，重大 1 个。');
    expect(spoken('status')).toBe('整改状态分布，共 4 个问题：待整改 3 个，已整改待验收 1 个。');
    expect(spoken('unit')).toBe('各机构问题数，共 4 个问题：城东一网点 2 个，城东分行 1 个，城东二网点 1 个。');
    expect(spoken('rate')).toMatch(/^整改完成率走势，.*累计发现问题 4 个，已完成整改 1 个，整改完成率 25%。$/);
    expect(spoken('overdue')).toBe('各分行逾期问题，共 2 个问题：城东分行 2 个。');
    expect(spoken('repeat')).toBe('各分行屡查屡犯问题：没有问题。');
    // The numbers are in a table a screen reader can walk.
    const table = within(chart('unit')).getByRole('table', { name: '各机构问题数（数据表）' });
    expect(within(table).getAllByRole('row').map((r) => r.textContent)).toEqual(['机构问题数', '城东一网点2', '城东分行1', '城东二网点1']);
    // Drawn as SVG with the numbers: a bar per row of the table, a slice per kind with findings.
    const ids = ['category', 'severity', 'status', 'unit', 'rate', 'overdue', 'repeat'];
    await waitFor(() => expect(ids.map((id) => within(chart(id)).getByRole('img').getAttribute('data-drawn'))).toEqual(ids.map(() => 'true')));
    expect(ids.map((id) => within(chart(id)).getByRole('img').querySelectorAll('svg').length)).toEqual(ids.map(() => 1));
    const marks = (id: string) => within(chart(id)).getByRole('img').querySelectorAll('.chart-bar, .chart-slice').length;
    expect(ids.map(marks)).toEqual([2, 3, 2, 3, 2, 1, 1]);

    const statement = screen.getByRole('textbox', { name: '工作总结表述文字' }) as HTMLTextAreaElement;
    expect(statement).toHaveValue(
      `本次自查共发现问题4个，涉及3家网点机构，主要集中在公示和投诉方面。截至${formatDay(day(0), 'zh-CN')}，已完成整改问题1个，涉及网点1家，整改完成率25%；尚未完成整改问题3个，其中逾期2个。`,
    );

    // Copied; or, when the clipboard refuses, selected for Ctrl+C.
    const user = setupUser();
    await user.click(screen.getByRole('button', { name: '复制' }));
    await screen.findByText('已复制到剪贴板');
    // user-event's clipboard: what the page wrote is what a paste would get.
    expect(await navigator.clipboard.readText()).toBe(statement.value);
    const refused = vi.spyOn(navigator.clipboard, 'writeText').mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    await user.click(screen.getByRole('button', { name: '复制' }));
    await screen.findByText('无法写入剪贴板。文字已选中，请按 Ctrl+C 复制。');
    expect(document.activeElement).toBe(statement);
    expect([statement.selectionStart, statement.selectionEnd]).toEqual([0, statement.value.length]);
    refused.mockRestore();

    // jsdom has no canvas to make a PNG from: it says so and saves nothing.
    await user.click(screen.getByRole('button', { name: '保存为图片：问题类别分布' }));
    await screen.findByText('当前环境无法生成图片。');
    expect(host.saved).toEqual([]);

    // Everything follows the language.
    await act(async () => {
      await setLanguage(db, 'en-US');
    });
    await waitFor(() => expect(spoken('status')).toBe('Findings by status, 4 findings: Open 3, Rectified, awaiting verification 1.'));
    expect((screen.getByRole('textbox', { name: 'Summary statement text' }) as HTMLTextAreaElement).value).toMatch(/^This self-inspection found 4 issues at 3 units, mainly in 公示 and 投诉\./);
    expect(screen.getByRole('button', { name: 'Save as PNG: Findings by category' })).toBeInTheDocument();
  });

  it('says there is nothing to chart when there are no findings', async () => {
    await openApp('#/dashboard');
    await screen.findByText(/还没有问题，暂无统计/);
    expect(screen.queryByRole('img')).toBeNull();
  });
});
