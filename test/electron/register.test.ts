import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { BrowserWindow, ipcMain as electronIpcMain } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ok } from '../../renderer/core/result';
import { CHANNELS } from '../../electron/ipc/channels';
import type { Handlers, RegisterDeps } from '../../electron/ipc/register';
import { handle, registerAll } from '../../electron/ipc/register';
import type { FakeInvokeEvent } from './fake-electron';
import { FakeBrowserWindow, invokeEvent, ipcMain, resetFakeElectron } from './fake-electron';

let window: ElectronBrowserWindow;
let fake: FakeBrowserWindow;
let deps: RegisterDeps;
const appInfo = vi.fn(() => ok({ version: '1.2.3', platform: 'linux' }));

beforeEach(async () => {
  resetFakeElectron();
  appInfo.mockClear();
  window = new BrowserWindow({});
  fake = FakeBrowserWindow.latest();
  await fake.loadURL('app://xiaobao/index.html');
  deps = { getWindow: () => window, origin: {}, log: () => undefined };
});

const call = (channel: string, event: FakeInvokeEvent, ...args: unknown[]) => ipcMain.invoke(channel, event, ...args);

describe('sender frame check', () => {
  beforeEach(() => handle(electronIpcMain, 'app:info', appInfo, deps));

  it('answers the main frame of our window showing the app', async () => {
    await expect(call('app:info', invokeEvent(fake.webContents), {})).resolves.toEqual(ok({ version: '1.2.3', platform: 'linux' }));
    expect(appInfo).toHaveBeenCalledTimes(1);
  });

  const refused = { ok: false, error: { code: 'ipc.untrustedSender' } };

  it('refuses another window', async () => {
    const other = new FakeBrowserWindow();
    await other.loadURL('app://xiaobao/index.html');
    await expect(call('app:info', invokeEvent(other.webContents), {})).resolves.toEqual(refused);
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('refuses a subframe of our window, even one showing the app', async () => {
    const frame = fake.webContents.mainFrame.addSubframe('app://xiaobao/index.html');
    await expect(call('app:info', invokeEvent(fake.webContents, frame), {})).resolves.toEqual(refused);
    expect(appInfo).not.toHaveBeenCalled();
  });

  it('refuses a message without a sender frame', async () => {
    await expect(call('app:info', invokeEvent(fake.webContents, null), {})).resolves.toEqual(refused);
  });

  it('refuses a detached frame', async () => {
    fake.webContents.mainFrame.detached = true;
    await expect(call('app:info', invokeEvent(fake.webContents), {})).resolves.toEqual(refused);
  });

  it('refuses our main frame once it shows a foreign page', async () => {
    fake.webContents.mainFrame.url = 'https://evil.example/?next=app://xiaobao/';
    await expect(call('app:info', invokeEvent(fake.webContents), {})).resolves.toEqual(refused);
  });

  it('refuses everything when our window is gone', async () => {
    fake.close();
    await expect(call('app:info', invokeEvent(fake.webContents), {})).resolves.toEqual(refused);
  });

  it('treats a frame that throws on access (disposed) as untrusted', async () => {
    const event = {
      ...invokeEvent(fake.webContents),
      get senderFrame(): never {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    };
    await expect(call('app:info', event, {})).resolves.toEqual(refused);
  });
});

describe('arguments', () => {
  it.each([
    ['a wrong type', [{ filters: [], multiple: 'yes' }], 'multiple'],
    ['an unknown key', [{ filters: [], multiple: false, path: '/etc/passwd' }], 'path'],
    ['a bad filter', [{ filters: [{ name: 'x', extensions: ['../*'] }], multiple: false }], 'filters.0.extensions.0'],
    ['no argument', [], 'expected 1 argument'],
    ['two arguments', [{ filters: [], multiple: false }, 'extra'], 'expected 1 argument'],
    ['a string', ['{"filters":[],"multiple":false}'], 'expected object'],
  ])('refuses %s with ipc.badArguments and never runs the handler', async (_name, args, detail) => {
    const open = vi.fn(() => ok({ files: [] }));
    handle(electronIpcMain, 'file:open', open, deps);
    const reply = await call('file:open', invokeEvent(fake.webContents), ...args);
    expect(reply).toMatchObject({ ok: false, error: { code: 'ipc.badArguments', params: { detail: expect.stringContaining(detail) } } });
    expect(open).not.toHaveBeenCalled();
  });

  it('hands the handler the parsed request and the sender', async () => {
    const save = vi.fn(() => ok({ saved: false as const }));
    handle(electronIpcMain, 'file:save', save, deps);
    const bytes = new Uint8Array([1, 2, 3]);
    await call('file:save', invokeEvent(fake.webContents), { suggestedName: 'a.xbledger', bytes, filters: [] });
    expect(save).toHaveBeenCalledWith({ suggestedName: 'a.xbledger', bytes, filters: [] }, { sender: fake.webContents });
  });
});

describe('replies', () => {
  it('turns a thrown exception into ipc.internal with the cause in detail', async () => {
    const log = vi.fn<(message: string) => void>();
    handle(
      electronIpcMain,
      'app:info',
      () => {
        throw new TypeError('boom');
      },
      { ...deps, log },
    );
    await expect(call('app:info', invokeEvent(fake.webContents), {})).resolves.toEqual({
      ok: false,
      error: { code: 'ipc.internal', detail: 'TypeError: boom' },
    });
    expect(log).toHaveBeenCalledWith(expect.stringContaining('boom'));
  });

  it('turns a rejected promise into ipc.internal', async () => {
    handle(electronIpcMain, 'checklists:list', () => Promise.reject(new Error('disk gone')), deps);
    await expect(call('checklists:list', invokeEvent(fake.webContents), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'ipc.internal', detail: 'Error: disk gone' },
    });
  });

  it('passes a handler error through unchanged', async () => {
    const failure = { ok: false as const, error: { code: 'file.revealRefused' } };
    handle(electronIpcMain, 'file:reveal', () => failure, deps);
    await expect(call('file:reveal', invokeEvent(fake.webContents), { path: '/x' })).resolves.toEqual(failure);
  });

  it('refuses to send a response that breaks the contract', async () => {
    // A handler bug the type system cannot see (data from elsewhere): the value has an extra key.
    const leaky: unknown = { version: '1', platform: 'linux', secret: 'k' };
    handle(electronIpcMain, 'app:info', () => ok(leaky as { version: string; platform: string }), deps);
    await expect(call('app:info', invokeEvent(fake.webContents), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'ipc.internal', detail: expect.stringContaining('secret') },
    });
  });
});

describe('registerAll', () => {
  const handlers: Handlers = {
    'app:info': () => ok({ version: '1', platform: 'linux' }),
    'file:open': () => ok({ files: [] }),
    'file:save': () => ok({ saved: false }),
    'checklists:list': () => ok({ files: [], failed: [] }),
    'print:pdf': () => ok({ saved: false }),
    'file:reveal': () => ok(null),
  };

  it('registers exactly the contract channels', () => {
    registerAll(electronIpcMain, handlers, deps);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(CHANNELS).toHaveLength(6);
  });

  it('leaves unknown channels unanswered', async () => {
    registerAll(electronIpcMain, handlers, deps);
    await expect(call('shell:openExternal', invokeEvent(fake.webContents), { url: 'https://evil.example' })).rejects.toThrow(
      /No handler registered/,
    );
  });

  it('does not compile without a handler for every channel', () => {
    const { 'file:reveal': _omitted, ...partial } = handlers;
    // @ts-expect-error -- a map missing 'file:reveal' is not Handlers
    const incomplete: Handlers = partial;
    expect(Object.keys(incomplete)).not.toContain('file:reveal');
  });
});
