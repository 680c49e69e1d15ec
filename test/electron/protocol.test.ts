import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { protocol as electronProtocol } from 'electron';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../electron/main/csp';
import { createAppProtocolHandler, registerAppScheme, resolveAppPath } from '../../electron/main/protocol';
import { app, protocol, resetFakeElectron } from './fake-electron';

let base: string;
let rootDir: string;

beforeEach(async () => {
  resetFakeElectron();
  base = await mkdtemp(join(tmpdir(), 'xiaobao-protocol-'));
  rootDir = join(base, 'renderer');
  await mkdir(join(rootDir, 'assets'), { recursive: true });
  await writeFile(join(rootDir, 'index.html'), '<!doctype html><title>app</title>');
  await writeFile(join(rootDir, 'assets', 'index-abc.js'), 'console.log(1)');
  await writeFile(join(rootDir, 'assets', 'font.woff2'), new Uint8Array([1, 2, 3]));
  await writeFile(join(base, 'secret.txt'), 'ledger signing key');
});

afterEach(async () => {
  await rm(base, { recursive: true, force: true });
});

const serve = async (url: string, init?: RequestInit) => {
  registerAppScheme(electronProtocol);
  await app.whenReady();
  electronProtocol.handle('app', createAppProtocolHandler({ rootDir }));
  return protocol.fetch(url, init);
};

describe('app:// scheme', () => {
  it('is registered before ready as standard, secure and fetch-capable (IndexedDB needs a real origin)', () => {
    registerAppScheme(electronProtocol);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true, supportFetchAPI: true }) },
    ]);
  });

  it('serves index.html for the root and files with their MIME type', async () => {
    const root = await serve('app://xiaobao/');
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await root.text()).toContain('<title>app</title>');
    const script = await protocol.fetch('app://xiaobao/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const font = await protocol.fetch('app://xiaobao/assets/font.woff2');
    expect(font.headers.get('content-type')).toBe('font/woff2');
    expect(new Uint8Array(await font.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
  });

  it('sends exactly our CSP and nosniff with every response, errors included', async () => {
    const ok = await serve('app://xiaobao/index.html');
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(ok.headers.get('x-content-type-options')).toBe('nosniff');
    const missing = await protocol.fetch('app://xiaobao/nope.js');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it.each([
    'app://xiaobao/../secret.txt',
    'app://xiaobao/%2e%2e/secret.txt',
    'app://xiaobao/assets/%2e%2e/%2e%2e/secret.txt',
    'app://xiaobao/..%2fsecret.txt',
    'app://xiaobao/..%5csecret.txt',
    'app://xiaobao/assets%5c..%5c..%5csecret.txt',
    'app://xiaobao/%2Fetc%2Fpasswd',
    'app://xiaobao/C:%5cWindows%5cwin.ini',
    'app://xiaobao/index.html%00.png',
    'app://xiaobao/%E0%A4%A',
  ])('refuses the path traversal %s', async (url) => {
    const response = await serve(url);
    expect([403, 404]).toContain(response.status);
    expect(await response.text()).not.toContain('ledger signing key');
  });

  it('refuses other hosts of the scheme', async () => {
    expect((await serve('app://evil/index.html')).status).toBe(403);
  });

  it('does not follow a symlink out of the renderer folder', async () => {
    await symlink(join(base, 'secret.txt'), join(rootDir, 'assets', 'link.txt'));
    const response = await serve('app://xiaobao/assets/link.txt');
    expect(response.status).toBe(404);
    expect(await response.text()).not.toContain('ledger signing key');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await serve('app://xiaobao/index.html', { method: 'POST', body: 'x' })).status).toBe(405);
    const head = await protocol.fetch('app://xiaobao/index.html', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });
});

describe('resolveAppPath', () => {
  it('maps URLs inside the root and nothing else', () => {
    expect(resolveAppPath('/r', 'app://xiaobao/')).toBe(join('/r', 'index.html'));
    expect(resolveAppPath('/r', 'app://xiaobao/assets/a%20b.js?v=1#x')).toBe(join('/r', 'assets', 'a b.js'));
    // The URL parser already clamps dot segments (also percent-encoded ones) at the root.
    expect(resolveAppPath('/r', 'app://xiaobao/a/../../x')).toBe(join('/r', 'x'));
    expect(resolveAppPath('/r', 'app://xiaobao/a/%2e%2e/%2e%2e/x')).toBe(join('/r', 'x'));
    // Encoded separators survive parsing and are refused after decoding.
    expect(resolveAppPath('/r', 'app://xiaobao/..%2f..%2fx')).toBeNull();
    expect(resolveAppPath('/r', 'app://xiaobao/..%5c..%5cx')).toBeNull();
    expect(resolveAppPath('/r', 'https://xiaobao/index.html')).toBeNull();
    expect(resolveAppPath('/r', 'not a url')).toBeNull();
  });
});
