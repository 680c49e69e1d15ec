// The register and a finding in jsdom on fake-indexeddb: filters and search, the column chooser
// remembered per inspector, bulk assignment, editing with history, transitions that say what they
// still need, and the finding shown under its failed item in the inspection.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { act, configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import dayjs from 'dayjs';
import { Boot } from '../../renderer/app/Boot';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { addManualFinding, updateFinding } from '../../renderer/db/repos/findings';
import { saveAnswer, startInspection } from '../../renderer/db/repos/inspections';
import { historyOf } from '../../renderer/db/repos/history';
import { setUpBranch, withChecklist } from '../db/helpers';
import { fakeHost } from './fake-host';

// Each step goes through IndexedDB and a live query before the screen changes: allow for a slow machine.
configure({ asyncUtilTimeout: 15_000 });

let n = 0;
let db: XbDb;

beforeEach(async () => {
  db = createDb({ name: `findings-ui-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  await setUpBranch(db);
});
afterEach(() => db.close());

/**
 * user-event checks pointer-events on every ancestor with getComputedStyle, which jsdom answers slowly
 * under antd's many style rules (seconds per click in a drawer): the check adds nothing here.
 */
const setupUser = () => userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });

/** Click into a field and paste: one input event instead of one per character (jsdom + antd type slowly). */
async function fill(user: ReturnType<typeof setupUser>, field: HTMLElement, text: string): Promise<void> {
  await user.click(field);
  await user.paste(text);
}

const day = (offset: number) => dayjs().add(offset, 'day').format('YYYY-MM-DD');

async function seed(count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const r = await addManualFinding(db, {
      orgUnitCode: 'BR01',
      description: i === 7 ? '投诉登记簿缺页' : `价目表问题 ${i}`,
      category: i % 2 ? '投诉' : '公示',
      basis: '',
      severity: i % 3 === 0 ? '重大' : '一般',
      dueDate: i === 3 ? day(-5) : i === 4 ? day(2) : day(30),
      responsibleDept: '',
      responsiblePerson: '',
    });
    if (!r.ok) throw new Error(r.error.code);
    ids.push(r.value.id);
  }
  return ids;
}

async function openApp(hash: string) {
  window.location.hash = hash;
  render(<Boot host={fakeHost()} makeDb={() => db} />);
  await screen.findByTestId('app-ready', {}, { timeout: 10000 });
}

const summary = () => screen.getByTestId('register-summary');

/**
 * antd's dialogs are named by aria-labelledby, and under NODE_ENV=test every rc-component id is
 * 'test-id', so jsdom cannot tell their names apart: find a dialog by its title instead.
 */
async function dialogTitled(title: string | RegExp): Promise<HTMLElement> {
  const heading = await screen.findByText(title, { selector: '.ant-modal-title, .ant-drawer-title' }, { timeout: 10000 });
  return heading.closest('[role="dialog"]') as HTMLElement;
}

describe('整改台账', { timeout: 60_000 }, () => {
  it('lists findings with their deadline state, and filters by search, overdue and severity', async () => {
    await seed(30);
    const user = setupUser();
    await openApp('#/findings');
    await waitFor(() => expect(summary()).toHaveTextContent('显示 30 条（共 30 条有效问题）'));
    expect(summary()).toHaveTextContent('逾期 1 条');
    expect(summary()).toHaveTextContent('7 天内到期 1 条');
    const table = screen.getByRole('table', { name: '整改台账' });
    expect(table).toHaveAttribute('aria-rowcount', '31');
    expect(within(table).getByRole('button', { name: '打开问题 BR01-2026-0004' }).closest('[role="row"]')).toHaveTextContent(/逾期 5 天/);

    await fill(user, screen.getByRole('searchbox', { name: /搜索问题描述/ }), '登记簿');
    await waitFor(() => expect(summary()).toHaveTextContent('显示 1 条'));
    expect(within(table).getAllByRole('row')).toHaveLength(2);
    expect(within(table).getByRole('button', { name: '打开问题 BR01-2026-0008' })).toBeInTheDocument();
    await user.clear(screen.getByRole('searchbox', { name: /搜索问题描述/ }));

    await user.click(screen.getByText('已逾期'));
    await waitFor(() => expect(summary()).toHaveTextContent('显示 1 条'));
    expect(within(table).getByRole('button', { name: '打开问题 BR01-2026-0004' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '清除筛选' }));
    await waitFor(() => expect(summary()).toHaveTextContent('显示 30 条'));

    // Sorting by severity puts the 重大 ones first.
    await user.click(within(table).getByRole('button', { name: /风险等级/ }));
    await user.click(within(table).getByRole('button', { name: /风险等级/ }));
    expect(within(table).getByRole('columnheader', { name: /风险等级/ })).toHaveAttribute('aria-sort', 'descending');
    const firstRow = within(table).getAllByRole('row')[1]!;
    expect(firstRow).toHaveTextContent('重大');
  });

  it('remembers the chosen columns for this inspector', async () => {
    await seed(2);
    const user = setupUser();
    await openApp('#/findings');
    await waitFor(() => expect(summary()).toHaveTextContent('显示 2 条'));
    const table = screen.getByRole('table', { name: '整改台账' });
    expect(within(table).queryByRole('columnheader', { name: /问责情况/ })).toBeNull();
    await user.click(screen.getByRole('button', { name: '显示列' }));
    await user.click(await screen.findByRole('checkbox', { name: '问责情况' }));
    await waitFor(() => expect(within(table).getByRole('columnheader', { name: /问责情况/ })).toBeInTheDocument());
    expect(await db.prefs.get('registerColumns:张三')).toMatchObject({ value: expect.arrayContaining(['accountability', 'description']) });
  });

  it('assigns department, person and due date in bulk, one history entry per finding', async () => {
    const ids = await seed(3);
    const user = setupUser();
    await openApp('#/findings');
    await waitFor(() => expect(summary()).toHaveTextContent('显示 3 条'));
    await user.click(screen.getByRole('checkbox', { name: '选择问题 BR01-2026-0001' }));
    await user.click(screen.getByRole('checkbox', { name: '选择问题 BR01-2026-0003' }));
    expect(summary()).toHaveTextContent('已选 2 条');
    await user.click(screen.getByRole('button', { name: '批量分派' }));
    const dialog = await dialogTitled('批量分派 2 条问题');
    await fill(user, within(dialog).getByLabelText('责任部门'), '运营管理部');
    await fill(user, within(dialog).getByLabelText('责任人'), '钱七');
    await user.click(within(dialog).getByRole('button', { name: '分派' }));
    await waitFor(async () => expect((await db.findings.get(ids[2]!))!.responsiblePerson).toBe('钱七'));
    expect(await db.findings.get(ids[0]!)).toMatchObject({ responsibleDept: '运营管理部', responsiblePerson: '钱七', rev: 2 });
    expect((await db.findings.get(ids[1]!))!.rev).toBe(1);
    const last = (await historyOf(db, 'finding', ids[0]!)).at(-1)!;
    expect(last.changes).toEqual([
      { field: 'responsibleDept', from: '', to: '运营管理部' },
      { field: 'responsiblePerson', from: '', to: '钱七' },
    ]);
    await waitFor(() => expect(summary()).not.toHaveTextContent('已选'));
  });
});

describe('a finding', { timeout: 120_000 }, () => {
  it('is edited with its changes in the timeline, and each step says what it still needs', async () => {
    const [id] = await seed(1);
    const user = setupUser();
    await openApp(`#/findings/${id}`);
    const drawer = await dialogTitled(/问题 BR01-2026-0001/);
    expect(await within(drawer).findAllByTestId('history-entry')).toHaveLength(1);

    // 开始整改 needs a responsible person and a due date: the dialog says so and will not go ahead.
    await user.click(within(drawer).getByRole('button', { name: '开始整改' }));
    let dialog = await dialogTitled(/^开始整改 · /);
    expect(within(dialog).getByRole('list', { name: '需要具备' })).toHaveTextContent('请填写责任人');
    expect(within(dialog).getByRole('button', { name: '开始整改' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: '取消' }));

    await fill(user, within(drawer).getByLabelText('整改措施'), '补齐价目表');
    await fill(user, within(drawer).getByLabelText('责任人'), '赵六');
    // While there are unsaved changes no step can be taken.
    expect(within(drawer).getByRole('button', { name: '开始整改' })).toBeDisabled();
    await user.click(within(drawer).getByRole('button', { name: '保存' }));
    await waitFor(async () => expect((await db.findings.get(id!))!.measures).toBe('补齐价目表'));
    await waitFor(() => expect(within(drawer).getAllByTestId('history-entry')).toHaveLength(2));
    expect(within(drawer).getAllByTestId('history-entry')[1]).toHaveTextContent('整改措施：— → 补齐价目表');

    await user.click(within(drawer).getByRole('button', { name: '提交验收' }));
    dialog = await dialogTitled(/^提交验收 · /);
    const needs = within(dialog).getByRole('list', { name: '需要具备' });
    expect(needs).toHaveTextContent('整改措施');
    expect(needs).toHaveTextContent('请填写整改佐证（附件或情况说明）');
    await fill(user, within(dialog).getByLabelText(/整改情况说明/), '已更换价目表，现场无法拍照');
    await waitFor(() => expect(within(dialog).getByRole('button', { name: '提交验收' })).toBeEnabled());
    await user.click(within(dialog).getByRole('button', { name: '提交验收' }));
    await waitFor(async () => expect((await db.findings.get(id!))!.status).toBe('rectified'));
    expect(await db.findings.get(id!)).toMatchObject({ completedAt: dayjs().format('YYYY-MM-DD'), completionNote: '已更换价目表，现场无法拍照' });
    await waitFor(() => expect(within(drawer).getAllByTestId('history-entry').at(-1)).toHaveTextContent(/提交验收.*整改状态：待整改 → 已整改待验收/));
  });

  it('is refused when it was changed in another window since the form was opened', async () => {
    const [id] = await seed(1);
    const user = setupUser();
    await openApp(`#/findings/${id}`);
    const drawer = await dialogTitled(/问题 BR01-2026-0001/);
    await fill(user, within(drawer).getByLabelText('备注'), '我的修改');
    await act(async () => {
      await updateFinding(db, id!, { rootCause: '另一个窗口的修改' });
    });
    await waitFor(() => expect(within(drawer).getByText(/刚在其他窗口被修改/)).toBeInTheDocument());
    await user.click(within(drawer).getByRole('button', { name: '保存' }));
    await screen.findByText(/已在其他窗口被修改，本次修改未保存/);
    expect(await db.findings.get(id!)).toMatchObject({ notes: '', rootCause: '另一个窗口的修改' });
  });
});

describe('the inspection', { timeout: 60_000 }, () => {
  it('shows the finding a failed item produced, with its number, state and deadline', async () => {
    await withChecklist(db);
    const started = await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: day(0) });
    if (!started.ok) throw new Error(started.error.code);
    await saveAnswer(db, started.value.id, 'M-PUB-01', { verdict: 'noncompliant' });
    const f = (await db.findings.toArray())[0]!;
    await updateFinding(db, f.id, { dueDate: day(-2) });
    await openApp(`#/inspections/${started.value.id}/M-PUB-01`);
    const card = await screen.findByTestId('item-finding', {}, { timeout: 10000 });
    expect(card).toHaveTextContent(`已生成问题 BR01-${dayjs().year()}-0001`);
    expect(card).toHaveTextContent('待整改');
    expect(card).toHaveTextContent('逾期 2 天');
    await setupUser().click(within(card).getByRole('button', { name: /打开问题/ }));
    await dialogTitled(/问题 BR01-/);
    expect(window.location.hash).toBe(`#/findings/${f.id}`);
  });
});
