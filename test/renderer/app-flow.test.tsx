// The whole renderer in jsdom on fake-indexeddb: first start, an inspection answered by keyboard and
// mouse, and the error screens. The same flow runs in real Chromium in test/e2e.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Boot } from '../../renderer/app/Boot';
import { createDb, type XbDb } from '../../renderer/db/db';
import { fakeHost } from './fake-host';

let n = 0;
let db: XbDb;

beforeEach(() => {
  window.location.hash = '';
  db = createDb({ name: `ui-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
});
afterEach(() => db.close());

async function setUp(user: ReturnType<typeof userEvent.setup>) {
  await screen.findByText('欢迎使用消保自查', {}, { timeout: 10000 });
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await user.type(screen.getByLabelText('机构代码'), 'BR01');
  await user.type(screen.getByLabelText('机构名称'), '城东支行');
  await user.click(screen.getByRole('button', { name: '下一步' }));
  await user.type(await screen.findByLabelText('检查人姓名'), '张三');
  await user.click(screen.getByRole('button', { name: '完成设置' }));
  await screen.findByTestId('app-ready', {}, { timeout: 10000 });
}

describe('the app in jsdom', () => {
  it('sets up a new device, then starts and answers an inspection of the bundled checklist', async () => {
    const user = userEvent.setup();
    render(<Boot host={fakeHost()} makeDb={() => db} />);
    await setUp(user);
    const settings = await db.settings.get('device');
    expect(settings).toMatchObject({ role: 'branch', inspectorName: '张三', orgUnitCode: 'BR01' });

    await user.click(screen.getByRole('button', { name: '新建检查' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '开始检查' }));
    await screen.findByRole('heading', { name: /网点消费者权益保护现场检查表/ }, { timeout: 10000 });
    const inspection = (await db.inspections.toArray())[0]!;
    expect(inspection).toMatchObject({ checklistId: 'branch-onsite', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'] });

    // Keyboard: 3 = 不符合 on the first item, J moves on, 1 = 符合.
    await user.keyboard('3');
    await waitFor(async () => expect((await db.answers.toArray()).map((a) => a.verdict)).toEqual(['noncompliant']));
    await user.keyboard('j');
    await user.keyboard('1');
    await waitFor(async () => expect(await db.answers.count()).toBe(2));
    await waitFor(() => expect(screen.getByTestId('save-state')).toHaveAttribute('data-state', 'saved'));

    await user.type(screen.getByLabelText('检查记录'), '投诉电话已公示');
    await waitFor(async () => {
      const notes = (await db.answers.toArray()).map((a) => a.note);
      expect(notes).toContain('投诉电话已公示');
    }, { timeout: 5000 });
    await waitFor(() => expect(window.location.hash).toMatch(/#\/inspections\/.+\/B-PUB-02$/));
  }, 60000);

  it('shows which bundled checklist file is broken and still loads the others', async () => {
    const user = userEvent.setup();
    const host = fakeHost();
    const files = await host.listBundledChecklists();
    if (!files.ok) throw new Error();
    const broken = { fileName: 'broken.json', text: '{"format": "xiaobao.checklist/1", "id": "x",' };
    const unreadable = { fileName: 'locked.json', error: { code: 'checklists.readFailed', params: { name: 'locked.json' } } };
    render(
      <Boot
        host={{ ...host, listBundledChecklists: async () => ({ ok: true, value: { files: [...files.value.files, broken], failed: [unreadable] } }) }}
        makeDb={() => db}
      />,
    );
    await screen.findByText(/2 个检查清单文件无法读取/, {}, { timeout: 10000 });
    expect(screen.getByText('文件 broken.json')).toBeInTheDocument();
    expect(screen.getByText(/broken\.json|JSON/, { selector: 'li li' })).toBeInTheDocument();
    expect(screen.getByText('无法读取清单文件 locked.json。')).toBeInTheDocument();
    await setUp(user);
    expect(await db.checklists.count()).toBe(files.value.files.length);
  }, 60000);

  it('shows a clear error screen when the database cannot be opened', async () => {
    const failing = createDb({ name: 'never', indexedDB: { open: () => { throw new DOMException('disk', 'QuotaExceededError'); } } as unknown as IDBFactory, IDBKeyRange });
    render(<Boot host={fakeHost()} makeDb={() => failing} />);
    const alert = await screen.findByRole('alert', {}, { timeout: 10000 });
    expect(alert).toHaveTextContent(/磁盘空间|存储配额/);
    expect(screen.getByRole('button', { name: '重新加载' })).toBeInTheDocument();
  });
});
