import { join } from 'node:path';
import { app as electronApp } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../electron/ipc/channels';
import { acquireSingleInstanceLock, bundlePaths, startApp } from '../../electron/main/index';
import { app, FakeBrowserWindow, invokeEvent, ipcMain, protocol, resetFakeElectron, session } from './fake-electron';

const log = vi.fn<(message: string) => void>();
const options = { preloadPath: '/app/out/preload/index.cjs', rendererDir: '/app/out/renderer', platform: 'linux' as const, log };

beforeEach(() => {
  resetFakeElectron();
  log.mockClear();
});

describe('single instance', () => {
  it('the second copy quits at once and creates nothing', async () => {
    app.lockAvailable = false;
    await expect(startApp(options)).resolves.toBeNull();
    expect(app.lockRequested).toBe(true);
    expect(app.quitCalls).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(0);
    expect(ipcMain.handlers.size).toBe(0);
    expect(protocol.privileged).toHaveLength(0);
  });

  it('the first copy restores, shows and focuses its window when a second one starts', async () => {
    await startApp(options);
    const window = FakeBrowserWindow.latest();
    window.minimize();
    window.hide();
    app.emit('second-instance', {}, ['xiaobao'], '/home/user');
    expect(window.isMinimized()).toBe(false);
    expect(window.isVisible()).toBe(true);
    expect(window.focusCount).toBe(1);
    expect(FakeBrowserWindow.instances).toHaveLength(1);
  });

  it('acquireSingleInstanceLock ignores second-instance when the window is gone', () => {
    expect(acquireSingleInstanceLock(electronApp, () => null)).toBe(true);
    expect(() => app.emit('second-instance', {}, [], '')).not.toThrow();
  });
});

describe('startApp', () => {
  it('registers the privileged scheme and the sandbox before ready, the rest after', async () => {
    const started = await startApp(options);
    expect(started?.getWindow()).not.toBeNull();
    expect(protocol.privileged.map((scheme) => scheme.scheme)).toEqual(['app']);
    expect(app.sandboxEnabled).toBe(true);
    expect(protocol.isProtocolHandled('app')).toBe(true);
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(session.defaultSession.permissionRequestHandler).not.toBeNull();
    expect(session.defaultSession.headersListener).not.toBeNull();
  });

  it('opens one secure window on the app origin with the bundled preload', async () => {
    await startApp(options);
    const window = FakeBrowserWindow.latest();
    expect(window.options.webPreferences).toMatchObject({ preload: options.preloadPath, sandbox: true, contextIsolation: true });
    expect(window.webContents.getURL()).toBe('app://xiaobao/index.html');
    expect(window.webContents.navigate('https://evil.example/')).toBe(false);
    expect(window.webContents.attachWebview('https://evil.example/')).toBe(false);
    // Guarded once (not once by the window and again by web-contents-created); Chromium asks twice.
    expect(log.mock.calls).toEqual([
      ['frame navigation to https://evil.example/ refused'],
      ['navigation to https://evil.example/ refused'],
      ['webview refused'],
    ]);
  });

  it('answers IPC from its window with the real handlers', async () => {
    await startApp(options);
    const window = FakeBrowserWindow.latest();
    await expect(ipcMain.invoke('app:info', invokeEvent(window.webContents), {})).resolves.toEqual({
      ok: true,
      value: { version: '0.1.0', platform: 'linux' },
    });
    const stranger = new FakeBrowserWindow();
    await stranger.loadURL('app://xiaobao/index.html');
    await expect(ipcMain.invoke('app:info', invokeEvent(stranger.webContents), {})).resolves.toMatchObject({
      ok: false,
      error: { code: 'ipc.untrustedSender' },
    });
    expect(log).toHaveBeenCalledWith('app:info: refused a call from an untrusted sender');
  });

  it('quits when the last window closes, except on macOS', async () => {
    await startApp(options);
    FakeBrowserWindow.latest().close();
    expect(app.quitCalls).toBe(1);

    resetFakeElectron();
    await startApp({ ...options, platform: 'darwin' });
    FakeBrowserWindow.latest().close();
    expect(app.quitCalls).toBe(0);
  });

  it('re-opens a window on macOS activate when none is left, and only then', async () => {
    const started = await startApp({ ...options, platform: 'darwin' });
    app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    FakeBrowserWindow.latest().close();
    expect(started?.getWindow()).toBeNull();
    app.emit('activate');
    expect(FakeBrowserWindow.instances).toHaveLength(2);
    expect(started?.getWindow()).not.toBeNull();
  });

  it('loads the dev server when given one, and then leaves the CSP header to Vite', async () => {
    await startApp({ ...options, devServerUrl: 'http://localhost:5173' });
    const window = FakeBrowserWindow.latest();
    expect(window.webContents.getURL()).toBe('http://localhost:5173');
    expect(session.defaultSession.headersListener).toBeNull();
    expect(window.webContents.navigate('http://localhost:5173/#/x')).toBe(true);
    expect(window.webContents.navigate('http://localhost:8080/')).toBe(false);
  });
});

describe('bundlePaths', () => {
  it('points at electron-vite outputs next to out/main', () => {
    expect(bundlePaths(join('/app', 'out', 'main'))).toEqual({
      preloadPath: join('/app', 'out', 'preload', 'index.cjs'),
      rendererDir: join('/app', 'out', 'renderer'),
    });
  });
});
