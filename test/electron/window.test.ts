import { beforeEach, describe, expect, it, vi } from 'vitest';
import { createMainWindow, WINDOW_TITLE } from '../../electron/main/window';
import { FakeBrowserWindow, resetFakeElectron } from './fake-electron';

const open = (devServerUrl?: string) => {
  const log = vi.fn<(message: string) => void>();
  createMainWindow({
    preloadPath: '/app/out/preload/index.cjs',
    startUrl: devServerUrl ?? 'app://xiaobao/index.html',
    origin: { devServerUrl },
    log,
  });
  return { window: FakeBrowserWindow.latest(), log };
};

beforeEach(() => resetFakeElectron());

describe('main window', () => {
  it('runs the renderer sandboxed, isolated and without Node', () => {
    const { window } = open();
    expect(window.options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    });
  });

  it('has the product title and a usable minimum size', () => {
    const { window } = open();
    expect(window.options.title).toBe(WINDOW_TITLE);
    expect(WINDOW_TITLE).toBe('消保自查');
    expect(window.options.minWidth).toBeGreaterThanOrEqual(800);
    expect(window.options.minHeight).toBeGreaterThanOrEqual(600);
    expect(window.options.width).toBeGreaterThanOrEqual(window.options.minWidth ?? Infinity);
  });

  it('stays hidden until ready-to-show, then shows', () => {
    const { window } = open();
    expect(window.isVisible()).toBe(false);
    window.emit('ready-to-show');
    expect(window.isVisible()).toBe(true);
  });

  it('loads the app from app://xiaobao/', () => {
    const { window } = open();
    expect(window.webContents.getURL()).toBe('app://xiaobao/index.html');
  });

  it.each(['https://evil.example/', 'file:///etc/passwd', 'app://evil/', 'javascript:alert(1)', 'http://localhost:5173/'])(
    'refuses to navigate to %s',
    (url) => {
      const { window, log } = open();
      expect(window.webContents.navigate(url)).toBe(false);
      expect(window.webContents.getURL()).toBe('app://xiaobao/index.html');
      expect(log).toHaveBeenCalledWith(expect.stringContaining(url));
    },
  );

  it('lets the app navigate within itself', () => {
    const { window } = open();
    expect(window.webContents.navigate('app://xiaobao/index.html#/findings')).toBe(true);
    expect(window.webContents.getURL()).toBe('app://xiaobao/index.html#/findings');
  });

  it('refuses redirects away from the app', () => {
    const { window } = open();
    expect(window.webContents.redirect('https://evil.example/')).toBe(false);
    expect(window.webContents.redirect('app://xiaobao/index.html')).toBe(true);
  });

  it('allows the dev server only when it is the configured one', () => {
    const { window } = open('http://localhost:5173');
    expect(window.webContents.navigate('http://localhost:5173/index.html')).toBe(true);
    expect(window.webContents.navigate('http://localhost:5174/index.html')).toBe(false);
  });

  it.each(['https://www.pbc.gov.cn/', 'app://xiaobao/index.html', 'about:blank'])('denies window.open(%s)', (url) => {
    const { window } = open();
    expect(window.webContents.openWindow(url)).toBe('deny');
  });
});
