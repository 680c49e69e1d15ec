// The IPC contract end to end, in process (ARCHITECTURE §8): the real preload, loaded against the fake
// contextBridge and ipcRenderer, calls through the fake ipcMain into register.ts and the real handlers.
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserWindow as ElectronBrowserWindow } from 'electron';
import { BrowserWindow, dialog as electronDialog, ipcMain as electronIpcMain, shell as electronShell } from 'electron';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_CHANNELS } from '../../electron/ipc/channels';
import type { Api } from '../../electron/ipc/contract';
import { registerAll } from '../../electron/ipc/register';
import { createWrittenPaths } from '../../electron/main/files';
import { createHandlers } from '../../electron/main/handlers';
import { createElectronHost } from '../../renderer/host/electron';
import { contextBridge, dialog, FakeBrowserWindow, ipcMain, ipcRenderer, resetFakeElectron, shell } from './fake-electron';

const isApi = (value: unknown): value is Api =>
  typeof value === 'object' &&
  value !== null &&
  Object.keys(API_CHANNELS).every((name) => typeof Reflect.get(value, name) === 'function');

let exposed: Record<string, unknown>;
let api: Api;
let dir: string;
let window: ElectronBrowserWindow;
let fake: FakeBrowserWindow;
const log: string[] = [];

beforeAll(async () => {
  resetFakeElectron();
  await import('../../electron/preload/index');
  const value = contextBridge.mainWorld.get('api');
  if (!isApi(value)) throw new Error('preload did not expose the api');
  api = value;
  exposed = { ...value };
});

beforeEach(async () => {
  resetFakeElectron();
  log.length = 0;
  dir = await mkdtemp(join(tmpdir(), 'xiaobao-ipc-'));
  window = new BrowserWindow({});
  fake = FakeBrowserWindow.latest();
  await fake.loadURL('app://xiaobao/index.html');
  const getWindow = () => window;
  registerAll(
    electronIpcMain,
    createHandlers({
      dialog: electronDialog,
      shell: electronShell,
      getWindow,
      defaultDirectory: dir,
      written: createWrittenPaths('linux'),
      appInfo: { version: '0.1.0', platform: 'linux' },
      checklistsDir: dir,
    }),
    { getWindow, origin: {}, log: (message) => log.push(message) },
  );
  ipcRenderer.attach(fake.webContents);
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('preload bridge', () => {
  it('exposes one named function per channel and nothing else', () => {
    expect(Object.keys(exposed).sort()).toEqual(
      ['appInfo', 'listBundledChecklists', 'openFiles', 'printToPdf', 'revealFile', 'saveFile'],
    );
    expect(exposed).not.toHaveProperty('invoke');
    expect(exposed).not.toHaveProperty('ipcRenderer');
  });

  it('file:save: dialog → atomic write → Result with the path, then file:reveal shows it', async () => {
    const target = join(dir, '网点整改台账.xbledger');
    dialog.saveReplies.push({ canceled: false, filePath: target });
    const reply = await api.saveFile({
      suggestedName: '网点整改台账.xbledger',
      bytes: new TextEncoder().encode('ledger bytes'),
      filters: [{ name: '台账', extensions: ['xbledger'] }],
    });
    expect(reply).toEqual({ ok: true, value: { saved: true, path: target } });
    expect(await readFile(target, 'utf8')).toBe('ledger bytes');
    expect(dialog.saveCalls[0]?.window).toBe(fake);

    await expect(api.revealFile({ path: target })).resolves.toEqual({ ok: true, value: null });
    expect(shell.shown).toEqual([target]);
    await expect(api.revealFile({ path: '/etc/passwd' })).resolves.toMatchObject({ ok: false, error: { code: 'file.revealRefused' } });
  });

  it('file:save with malformed arguments: ipc.badArguments, no dialog, nothing written', async () => {
    // What a compromised page could send: the types are only a promise, main parses from unknown.
    const reply: unknown = await Reflect.apply(api.saveFile, undefined, [
      { suggestedName: 'x.xbledger', bytes: 'not bytes', filters: [], extra: true },
    ]);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'ipc.badArguments', params: { detail: expect.stringMatching(/bytes: expected bytes.*extra/) } },
    });
    expect(dialog.saveCalls).toHaveLength(0);
    expect(await readdir(dir)).toEqual([]);
  });

  it('file:open returns the picked bytes across the (cloning) IPC boundary', async () => {
    await writeFile(join(dir, 'in.xbledger'), new Uint8Array([0x50, 0x4b, 3, 4]));
    dialog.openReplies.push({ canceled: false, filePaths: [join(dir, 'in.xbledger')] });
    const reply = await api.openFiles({ filters: [{ name: '台账', extensions: ['xbledger'] }], multiple: false });
    expect(reply.ok).toBe(true);
    if (!reply.ok) return;
    expect(reply.value.files[0]?.name).toBe('in.xbledger');
    expect(reply.value.files[0]?.bytes).toBeInstanceOf(Uint8Array);
    expect([...(reply.value.files[0]?.bytes ?? [])]).toEqual([0x50, 0x4b, 3, 4]);
  });

  it('checklists:list returns the folder contents', async () => {
    await writeFile(join(dir, 'a.json'), '{"id":"a"}');
    await expect(api.listBundledChecklists()).resolves.toEqual({
      ok: true,
      value: { files: [{ fileName: 'a.json', text: '{"id":"a"}' }], failed: [] },
    });
  });

  it('print:pdf prints the sender as A4 (or its CSS @page size) with backgrounds and saves a .pdf', async () => {
    const target = join(dir, '检查报告.pdf');
    dialog.saveReplies.push({ canceled: false, filePath: target });
    await expect(api.printToPdf({ suggestedName: '检查报告' })).resolves.toEqual({ ok: true, value: { saved: true, path: target } });
    expect(fake.webContents.printCalls).toEqual([{ pageSize: 'A4', printBackground: true, preferCSSPageSize: true, displayHeaderFooter: false }]);
    expect(dialog.saveCalls[0]?.options).toMatchObject({ defaultPath: join(dir, '检查报告.pdf'), filters: [{ name: 'PDF', extensions: ['pdf'] }] });
    expect(await readFile(target, 'utf8')).toBe('%PDF-1.7 fake');
  });

  it('print:pdf reports print.failed when Chromium cannot print, without a dialog', async () => {
    fake.webContents.pdf = new Error('Printing failed');
    await expect(api.printToPdf({ suggestedName: 'r' })).resolves.toEqual({
      ok: false,
      error: { code: 'print.failed', detail: 'Printing failed' },
    });
    expect(dialog.saveCalls).toHaveLength(0);
  });

  it('a call from a subframe is refused', async () => {
    ipcRenderer.attach(fake.webContents, fake.webContents.mainFrame.addSubframe('app://xiaobao/index.html'));
    await expect(api.appInfo()).resolves.toEqual({ ok: false, error: { code: 'ipc.untrustedSender' } });
    expect(log).toEqual(['app:info: refused a call from an untrusted sender']);
  });

  it('an IPC failure (no handler) still arrives as a Result', async () => {
    ipcMain.removeHandler('app:info');
    await expect(api.appInfo()).resolves.toMatchObject({
      ok: false,
      error: { code: 'ipc.internal', detail: expect.stringContaining('No handler registered') },
    });
  });
});

describe('renderer Host over the bridge', () => {
  it('saves, lists and reports app info through window.api', async () => {
    const host = createElectronHost(api, { version: '0.1.0', platform: 'linux' });
    expect(host.info()).toEqual({ kind: 'electron', version: '0.1.0', platform: 'linux' });
    const target = join(dir, 'out.xlsx');
    dialog.saveReplies.push({ canceled: false, filePath: target });
    await expect(host.saveFile('out.xlsx', new Uint8Array([1]), [])).resolves.toEqual({ ok: true, value: { saved: true, path: target } });
    await writeFile(join(dir, 'c.json'), '{}');
    await expect(host.listBundledChecklists()).resolves.toEqual({ ok: true, value: { files: [{ fileName: 'c.json', text: '{}' }], failed: [] } });
  });
});
