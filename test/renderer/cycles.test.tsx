// The next cycle of an inspection in jsdom: each item of a follow-up shows last time's verdict, note and
// finding (with its state today, opening it on click), the "failed last time" filter narrows the list to
// those items, and a first inspection shows none of this.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configure, render, screen, waitFor, within } from '@testing-library/react';
import userEvent, { PointerEventsCheckLevel } from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Boot } from '../../renderer/app/Boot';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { completeInspection, saveAnswer, startFollowUp, startInspection } from '../../renderer/db/repos/inspections';
import { transitionFinding, updateFinding } from '../../renderer/db/repos/findings';
import { setUpBranch, withChecklist } from '../db/helpers';
import { fakeHost } from './fake-host';

configure({ asyncUtilTimeout: 15_000 });

let n = 0;
let db: XbDb;

beforeEach(async () => {
  db = createDb({ name: `cycles-ui-${++n}`, indexedDB: new IDBFactory(), IDBKeyRange });
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  await setUpBranch(db);
  await withChecklist(db);
});
afterEach(() => db.close());

const longNote = '价目表为2024年旧版，未公示最新的账户管理费标准；大堂经理称总行新版价目表尚未送达，已当场要求从内网下载打印并张贴，下次检查时核对。';

function ok<T>(r: { ok: true; value: T } | { ok: false; error: { code: string } }): T {
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
}

async function openApp(hash: string) {
  window.location.hash = hash;
  render(<Boot host={fakeHost()} makeDb={() => db} />);
  await screen.findByTestId('app-ready', {}, { timeout: 10000 });
}

describe('a follow-up inspection', { timeout: 60_000 }, () => {
  it('shows at each item what happened last time, and filters the items that failed', async () => {
    const first = ok(await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2025-09-10' }));
    ok(await saveAnswer(db, first.id, 'M-PUB-01', { verdict: 'noncompliant', note: longNote }));
    ok(await saveAnswer(db, first.id, 'M-PUB-02', { verdict: 'compliant' }));
    ok(await completeInspection(db, first.id));
    const earlier = (await db.findings.toArray())[0]!;
    ok(await updateFinding(db, earlier.id, { responsiblePerson: '赵六', dueDate: '2025-10-31' }));
    ok(await transitionFinding(db, earlier.id, 'start', {}));
    const next = ok(await startFollowUp(db, first.id, { date: '2026-03-02' }));

    const user = userEvent.setup({ pointerEventsCheck: PointerEventsCheckLevel.Never });
    await openApp(`#/inspections/${next.id}/M-PUB-01`);
    const hint = await screen.findByTestId('previous-hint', {}, { timeout: 10000 });
    expect(hint).toHaveTextContent('上次结论：不符合（2025-09-10）');
    // The note is cut short, whole on hover and on request.
    expect(hint).not.toHaveTextContent(longNote);
    expect(within(hint).getByTitle(longNote)).toHaveTextContent(/^价目表为2024年旧版.*…$/);
    await user.click(within(hint).getByRole('button', { name: '展开' }));
    expect(hint).toHaveTextContent(longNote);
    // The finding of last time, with its state today.
    const link = within(hint).getByRole('button', { name: '打开上次问题 BR01-2025-0001' });
    expect(link).toHaveTextContent('上次问题 BR01-2025-0001 · 整改中');
    expect(screen.getByRole('button', { name: '上次检查：2025-09-10（自查）' })).toBeInTheDocument();
    // The verdict of the new inspection starts empty.
    expect(screen.getByRole('radiogroup', { name: '检查结论' }).querySelector('input:checked')).toBeNull();

    const nav = screen.getByRole('navigation', { name: '章节' });
    expect(within(nav).getAllByRole('button')).toHaveLength(3);
    await user.click(screen.getByText('上次不合格'));
    await waitFor(() => expect(within(nav).getAllByRole('button')).toHaveLength(1));
    expect(within(nav).getByRole('button')).toHaveTextContent('M-PUB-01');
    await user.click(screen.getByText('全部'));
    await user.click(within(nav).getByRole('button', { name: /M-PUB-02/ }));
    await waitFor(() => expect(screen.getByTestId('previous-hint')).toHaveTextContent('上次结论：符合（2025-09-10）'));
    expect(within(screen.getByTestId('previous-hint')).queryByRole('button')).toBeNull();
    // Not answered last time: nothing to show.
    await user.click(within(nav).getByRole('button', { name: /M-ZQ-01/ }));
    await waitFor(() => expect(screen.queryByTestId('previous-hint')).toBeNull());

    await user.click(within(nav).getByRole('button', { name: /M-PUB-01/ }));
    await user.click(await screen.findByRole('button', { name: '打开上次问题 BR01-2025-0001' }));
    await waitFor(() => expect(window.location.hash).toBe(`#/findings/${earlier.id}`));
  });

  it('shows no hints and no such filter in the first inspection of a unit', async () => {
    const only = ok(await startInspection(db, { checklistId: 'mini', checklistVersion: '1.0', orgUnitCode: 'BR01', kind: 'self', inspectors: ['张三'], date: '2026-03-02' }));
    await openApp(`#/inspections/${only.id}/M-PUB-01`);
    await screen.findByRole('radiogroup', { name: '检查结论' }, { timeout: 10000 });
    expect(screen.queryByTestId('previous-hint')).toBeNull();
    expect(screen.queryByText('上次不合格')).toBeNull();
  });
});
