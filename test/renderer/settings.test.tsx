// Settings: English can be switched on and survives a restart; the key fingerprint is shown.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { Boot } from '../../renderer/app/Boot';
import { createDb, type XbDb } from '../../renderer/db/db';
import { openDb } from '../../renderer/db/open';
import { completeSetup } from '../../renderer/db/repos/settings';
import { fakeHost } from './fake-host';

let n = 0;
let factory: IDBFactory;
let name: string;
const dbs: XbDb[] = [];
const makeDb = () => {
  const db = createDb({ name, indexedDB: factory, IDBKeyRange });
  dbs.push(db);
  return db;
};

beforeEach(async () => {
  factory = new IDBFactory();
  name = `settings-${++n}`;
  const db = makeDb();
  await openDb(db, { onBlocked: () => undefined, onVersionChange: () => undefined });
  await completeSetup(db, { role: 'branch', inspectorName: '张三', orgUnit: { code: 'BR01', name: '城东支行', level: 'subbranch', parentCode: null } });
  window.location.hash = '#/settings';
});
afterEach(() => dbs.splice(0).forEach((d) => d.close()));

describe('settings', () => {
  it('switches to English, keeps it after a restart, and shows the device fingerprint', async () => {
    const user = userEvent.setup();
    const first = render(<Boot host={fakeHost()} makeDb={makeDb} />);
    const fingerprint = await screen.findByTestId('key-fingerprint', {}, { timeout: 10000 });
    const stored = await dbs[0]!.settings.get('device');
    expect(fingerprint).toHaveTextContent(stored!.fingerprint);
    await user.click(screen.getByRole('radio', { name: 'English' }));
    await screen.findByRole('menuitem', { name: 'Inspections' }, { timeout: 5000 });
    expect(screen.getByText('Signing key fingerprint')).toBeInTheDocument();
    await waitFor(() => expect(document.documentElement.lang).toBe('en-US'));
    first.unmount();

    render(<Boot host={fakeHost()} makeDb={makeDb} />);
    await screen.findByRole('menuitem', { name: 'Organisation units' }, { timeout: 10000 });
    await user.click(await screen.findByRole('radio', { name: '中文' }, { timeout: 5000 }));
    await screen.findByRole('menuitem', { name: '检查' }, { timeout: 5000 });
  }, 40000);

  it('changes the inspector name, recorded on the device settings', async () => {
    const user = userEvent.setup();
    render(<Boot host={fakeHost()} makeDb={makeDb} />);
    const input = await screen.findByLabelText('检查人姓名', {}, { timeout: 10000 });
    await user.clear(input);
    await user.type(input, '李四');
    await user.click(screen.getByRole('button', { name: '保存' }));
    await waitFor(async () => expect((await dbs[0]!.settings.get('device'))?.inspectorName).toBe('李四'));
    await screen.findByText('李四', { selector: '.app-identity span' });
  }, 40000);
});
