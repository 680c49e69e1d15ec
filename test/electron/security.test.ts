import { app as electronApp, session as electronSession } from 'electron';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { hardenAllWebContents, hardenSession, installCspHeader } from '../../electron/main/security';
import { app, FakeBrowserWindow, FakeWebContents, resetFakeElectron, session } from './fake-electron';

beforeEach(async () => {
  resetFakeElectron();
  await app.whenReady();
});

describe('session hardening', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fileSystem', 'unknown'])(
    'denies the %s permission request and logs it',
    async (permission) => {
      const log = vi.fn<(message: string) => void>();
      hardenSession(electronSession.defaultSession, log);
      const contents = new FakeWebContents();
      await contents.loadURL('app://xiaobao/index.html');
      await expect(session.defaultSession.requestPermission(contents, permission)).resolves.toBe(false);
      expect(log).toHaveBeenCalledWith(expect.stringContaining(permission));
    },
  );

  it('grants the camera (video only) to the app’s own pages, for evidence photos', async () => {
    const log = vi.fn<(message: string) => void>();
    hardenSession(electronSession.defaultSession, log);
    const app = new FakeWebContents();
    await app.loadURL('app://xiaobao/index.html');
    const ask = (contents: FakeWebContents, mediaTypes: string[]) => session.defaultSession.requestPermission(contents, 'media', { mediaTypes });
    await expect(ask(app, ['video'])).resolves.toBe(true);
    // A microphone, or camera and microphone together, stay refused; so does a request without types.
    await expect(ask(app, ['audio'])).resolves.toBe(false);
    await expect(ask(app, ['video', 'audio'])).resolves.toBe(false);
    await expect(ask(app, [])).resolves.toBe(false);
    const foreign = new FakeWebContents();
    await foreign.loadURL('https://evil.example/?next=app://xiaobao/');
    await expect(ask(foreign, ['video'])).resolves.toBe(false);
    expect(log).toHaveBeenCalledTimes(4);
    expect(session.defaultSession.checkPermission(app, 'media', { mediaType: 'video' })).toBe(true);
    expect(session.defaultSession.checkPermission(app, 'media', { mediaType: 'audio' })).toBe(false);
    expect(session.defaultSession.checkPermission(foreign, 'media', { mediaType: 'video' })).toBe(false);
  });

  it('answers every other permission check with false', () => {
    hardenSession(electronSession.defaultSession, () => undefined);
    const contents = new FakeWebContents();
    expect(session.defaultSession.checkPermission(contents, 'clipboard-sanitized-write')).toBe(false);
    expect(session.defaultSession.checkPermission(contents, 'media')).toBe(false);
    expect(session.defaultSession.devicePermissionHandler?.({ deviceType: 'usb' })).toBe(false);
  });

  it('refuses downloads and turns the spell checker (which downloads dictionaries) off', () => {
    hardenSession(electronSession.defaultSession, () => undefined);
    expect(session.defaultSession.download('https://evil.example/payload.exe')).toBe(false);
    expect(session.defaultSession.spellCheckerEnabled).toBe(false);
  });

  it('the fake grants when no handler is set, so the denials above come from ours', async () => {
    const contents = new FakeWebContents();
    await expect(session.defaultSession.requestPermission(contents, 'media')).resolves.toBe(true);
    expect(session.defaultSession.download('https://example.invalid/x')).toBe(true);
  });

  it('puts exactly our CSP on every response, replacing any policy it brought', () => {
    installCspHeader(electronSession.defaultSession);
    const headers = session.defaultSession.receiveHeaders('app://xiaobao/index.html', {
      'content-security-policy': ["default-src *; script-src 'unsafe-eval'"],
      'Content-Type': ['text/html'],
    });
    expect(headers).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('every webContents', () => {
  it('refuses webviews', () => {
    const log = vi.fn<(message: string) => void>();
    hardenAllWebContents(electronApp, {}, log);
    const window = new FakeBrowserWindow();
    expect(window.webContents.attachWebview('https://evil.example/')).toBe(false);
    expect(log).toHaveBeenCalledWith('webview refused');
  });

  it('guards navigation and window.open even in windows created elsewhere', () => {
    hardenAllWebContents(electronApp, {}, () => undefined);
    const window = new FakeBrowserWindow();
    expect(window.webContents.navigate('https://evil.example/')).toBe(false);
    expect(window.webContents.redirect('https://evil.example/')).toBe(false);
    expect(window.webContents.navigate('app://xiaobao/index.html')).toBe(true);
    expect(window.webContents.openWindow('https://evil.example/')).toBe('deny');
  });
});
