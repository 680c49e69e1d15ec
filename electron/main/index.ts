// The main process: single-instance lock, security defaults, the app:// protocol, IPC handlers and the
// window. Everything is in exported functions so the tests can drive it against the fake `electron`;
// only `main()` at the bottom reads the environment, and it runs only inside Electron.
import { join } from 'node:path';
import type { App, BrowserWindow } from 'electron';
import { app, dialog, ipcMain, protocol, session, shell } from 'electron';
import { registerAll } from '../ipc/register';
import { resolveChecklistsDir } from './checklists';
import { createWrittenPaths } from './files';
import { createHandlers } from './handlers';
import { createAppProtocolHandler, registerAppScheme } from './protocol';
import type { Log } from './security';
import { hardenAllWebContents, hardenSession, installCspHeader, warn } from './security';
import type { OriginOptions } from './trusted-origin';
import { APP_SCHEME, APP_START_URL } from './trusted-origin';
import { createMainWindow } from './window';

/** Brings the existing window to the front (restoring it if minimised or hidden). */
export const focusWindow = (window: BrowserWindow | null): void => {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  if (!window.isVisible()) window.show();
  window.focus();
};

/**
 * Two copies would write the same IndexedDB and files: the second one quits at once, and the first
 * comes to the front instead. Returns false in the copy that must quit.
 */
export const acquireSingleInstanceLock = (
  electronApp: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  getWindow: () => BrowserWindow | null,
): boolean => {
  if (!electronApp.requestSingleInstanceLock()) {
    electronApp.quit();
    return false;
  }
  electronApp.on('second-instance', () => focusWindow(getWindow()));
  return true;
};

/** Where electron-vite puts the preload and renderer, relative to the built main (out/main). */
export const bundlePaths = (mainDir: string): { preloadPath: string; rendererDir: string } => ({
  preloadPath: join(mainDir, '..', 'preload', 'index.cjs'),
  rendererDir: join(mainDir, '..', 'renderer'),
});

export type StartOptions = {
  preloadPath: string;
  rendererDir: string;
  /** Unpackaged development only: load the Vite dev server instead of app://. */
  devServerUrl?: string | undefined;
  platform?: NodeJS.Platform;
  /** Where refusals (navigation, permissions, untrusted IPC) are reported; console.warn by default. */
  log?: Log;
};

export type StartedApp = { getWindow: () => BrowserWindow | null };

export const startApp = async (options: StartOptions): Promise<StartedApp | null> => {
  let mainWindow: BrowserWindow | null = null;
  const getWindow = () => (mainWindow && !mainWindow.isDestroyed() ? mainWindow : null);
  if (!acquireSingleInstanceLock(app, getWindow)) return null;

  const devServerUrl = options.devServerUrl !== '' ? options.devServerUrl : undefined;
  const origin: OriginOptions = { devServerUrl };
  const platform = options.platform ?? process.platform;
  const log = options.log ?? warn;
  // Before `ready`: Electron refuses the scheme and the sandbox later, and the webContents guard must
  // be in place before the first webContents exists.
  registerAppScheme(protocol);
  app.enableSandbox();
  hardenAllWebContents(app, origin, log);
  if (platform === 'win32') app.setAppUserModelId('cn.xiaobao.selfcheck');

  await app.whenReady();
  hardenSession(session.defaultSession, log);
  if (devServerUrl === undefined) installCspHeader(session.defaultSession);
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ rootDir: options.rendererDir }));

  const handlers = createHandlers({
    dialog,
    shell,
    getWindow,
    defaultDirectory: app.getPath('documents'),
    written: createWrittenPaths(platform),
    platform,
    appInfo: { version: app.getVersion(), platform },
    checklistsDir: resolveChecklistsDir({
      isPackaged: app.isPackaged,
      resourcesPath: process.resourcesPath,
      appPath: app.getAppPath(),
    }),
  });
  registerAll(ipcMain, handlers, { getWindow, origin, log });

  const openWindow = (): void => {
    const window = createMainWindow({
      preloadPath: options.preloadPath,
      startUrl: devServerUrl ?? APP_START_URL,
      origin,
      log,
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    mainWindow = window;
  };
  openWindow();

  // macOS keeps the app alive without windows and re-opens one from the Dock.
  app.on('activate', () => (getWindow() ? focusWindow(getWindow()) : openWindow()));
  app.on('window-all-closed', () => {
    if (platform !== 'darwin') app.quit();
  });
  return { getWindow };
};

export const main = (): void => {
  // ELECTRON_RENDERER_URL is set by `electron-vite dev`; a packaged app never honours it.
  const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL'];
  startApp({ ...bundlePaths(import.meta.dirname), devServerUrl }).catch((error: unknown) => {
    console.error('[main] start failed', error);
    app.quit();
  });
};

// Importing this module in the tests (plain Node) must not start anything.
if (process.versions.electron !== undefined) main();
