// build/scripts/serve-web.mjs against a fixture folder: MIME types, security headers, routing, and
// request targets that try to leave the root. Requests go over a raw socket so nothing normalises them.
import { spawn } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSP } from '../../build/scripts/csp.mjs';
import { cacheControlFor, parsePort, requestPathSegments, startServer } from '../../build/scripts/serve-web.mjs';
import type { ServeWebServer } from '../../build/scripts/serve-web.mjs';

const SECRET = 'TOP-SECRET-OUTSIDE-ROOT';
const INDEX = '<!doctype html><title>fixture</title><div id="root"></div>';

type RawResponse = { status: number; headers: Record<string, string>; body: string };

/** Sends the request line exactly as given: `fetch` and `http.request` would normalise or refuse it. */
function rawRequest(port: number, target: string, options: { method?: string; host?: string; headers?: Record<string, string> } = {}): Promise<RawResponse> {
  return new Promise((resolveResponse, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const split = text.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = text.slice(0, split).split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      resolveResponse({ status: Number(statusLine.split(' ')[1]), headers, body: text.slice(split + 4) });
    });
    socket.write(
      `${options.method ?? 'GET'} ${target} HTTP/1.1\r\nHost: ${options.host ?? `127.0.0.1:${port}`}\r\n${Object.entries(options.headers ?? {})
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('')}Connection: close\r\n\r\n`,
    );
  });
}

let tmp: string;
let root: string;
let server: ServeWebServer;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), 'xiaobao-serve-web-'));
  root = join(tmp, 'root');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(tmp, 'secret.txt'), SECRET);
  await writeFile(join(tmp, 'package.json'), `{"name":"${SECRET}"}`);
  const files: Record<string, string> = {
    'index.html': INDEX,
    'app.js': 'export {};',
    'worker.mjs': 'export {};',
    'style.css': 'body{}',
    'data.json': '{}',
    'icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'image.png': 'png',
    'font.woff2': 'woff2',
    'lib.wasm': 'wasm',
    'favicon.ico': 'ico',
    'blob.bin': 'bin',
    '.env': SECRET,
    'assets/index-abc123.js': 'console.log(1);',
    'assets/queries-SKEZjVuW.js': 'console.log(2);',
  };
  for (const [name, content] of Object.entries(files)) await writeFile(join(root, name), content);
  await symlink(join(tmp, 'secret.txt'), join(root, 'escape.txt'));
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server.close();
  await rm(tmp, { recursive: true, force: true });
});

describe('serve-web', () => {
  it('binds to 127.0.0.1 on the port it reports', async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(server.port).toBeGreaterThan(0);
    const response = await fetch(server.url);
    expect(response.status).toBe(200);
    expect(await response.text()).toBe(INDEX);
  });

  it('is not reachable on other interfaces', async () => {
    const external = Object.values(networkInterfaces())
      .flat()
      .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);
    if (external === undefined) return;
    const reached = await new Promise<boolean>((done) => {
      const socket = connect(server.port, external.address);
      socket.on('connect', () => {
        socket.destroy();
        done(true);
      });
      socket.on('error', () => done(false));
    });
    expect(reached).toBe(false);
  });

  it('refuses to listen anywhere but loopback', async () => {
    await expect(startServer({ root, port: 0, host: '0.0.0.0' })).rejects.toThrow(/loopback/);
  });

  it.each([
    ['/', 'text/html; charset=utf-8'],
    ['/index.html', 'text/html; charset=utf-8'],
    ['/app.js', 'text/javascript; charset=utf-8'],
    ['/worker.mjs', 'text/javascript; charset=utf-8'],
    ['/style.css', 'text/css; charset=utf-8'],
    ['/data.json', 'application/json; charset=utf-8'],
    ['/icon.svg', 'image/svg+xml'],
    ['/image.png', 'image/png'],
    ['/font.woff2', 'font/woff2'],
    ['/lib.wasm', 'application/wasm'],
    ['/favicon.ico', 'image/x-icon'],
    ['/blob.bin', 'application/octet-stream'],
    ['/assets/index-abc123.js?v=1#x', 'text/javascript; charset=utf-8'],
  ])('serves %s as %s', async (path, type) => {
    const response = await rawRequest(server.port, path);
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe(type);
  });

  it('sends the security headers on every response, errors included', async () => {
    for (const [path, method, status] of [
      ['/', 'GET', 200],
      ['/app.js', 'GET', 200],
      ['/missing.js', 'GET', 404],
      ['/../secret.txt', 'GET', 400],
      ['/', 'POST', 405],
    ] as const) {
      const response = await rawRequest(server.port, path, { method });
      expect(response.status).toBe(status);
      expect(response.headers['content-security-policy']).toBe(CSP);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
    }
    expect((await rawRequest(server.port, '/')).headers['cache-control']).toBe('no-cache');
  });

  it('lets the browser keep a build\'s hashed assets and revalidate everything else', async () => {
    expect((await rawRequest(server.port, '/assets/queries-SKEZjVuW.js')).headers['cache-control']).toBe('public, max-age=31536000, immutable');
    for (const path of ['/', '/index.html', '/findings', '/app.js', '/assets/index-abc123.js']) {
      expect((await rawRequest(server.port, path)).headers['cache-control'], path).toBe('no-cache');
    }
    expect(cacheControlFor(['assets', 'ledger-import.worker-BlJ4E4Gm.js'])).toBe('public, max-age=31536000, immutable');
    expect(cacheControlFor(['nested', 'assets', 'x-SKEZjVuW.js'])).toBe('no-cache');
    expect(cacheControlFor(['assets', 'sub', 'x-SKEZjVuW.js'])).toBe('no-cache');
    expect(cacheControlFor(['assets', 'SKEZjVuWabc.js'])).toBe('no-cache');
  });

  it('answers a request whose ETag still matches with 304 and no body, and a changed file in full', async () => {
    const first = await rawRequest(server.port, '/data.json');
    const tag = first.headers.etag ?? '';
    expect(tag).toMatch(/^W\/".+"$/);
    const again = await rawRequest(server.port, '/data.json', { headers: { 'If-None-Match': tag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');
    expect(again.headers['content-security-policy']).toBe(CSP);
    expect(again.headers.etag).toBe(tag);
    expect((await rawRequest(server.port, '/data.json', { headers: { 'If-None-Match': 'W/"other", ' + tag } })).status).toBe(304);
    await writeFile(join(root, 'data.json'), '{"changed":true}');
    const changed = await rawRequest(server.port, '/data.json', { headers: { 'If-None-Match': tag } });
    expect(changed.status).toBe(200);
    expect(changed.body).toBe('{"changed":true}');
    expect(changed.headers.etag).not.toBe(tag);
  });

  it('answers 404 for a missing file, and the app for an extensionless route', async () => {
    expect((await rawRequest(server.port, '/assets/missing-123.js')).status).toBe(404);
    expect((await rawRequest(server.port, '/nothing.png')).status).toBe(404);
    for (const route of ['/findings', '/ledger/import', '/assets']) {
      const response = await rawRequest(server.port, route);
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(response.body).toBe(INDEX);
    }
  });

  it('allows only GET and HEAD', async () => {
    const head = await rawRequest(server.port, '/app.js', { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(head.headers['content-length']).toBe('10');
    expect(head.body).toBe('');
    for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS', 'PATCH']) {
      const response = await rawRequest(server.port, '/index.html', { method });
      expect(response.status).toBe(405);
      expect(response.headers.allow).toBe('GET, HEAD');
    }
  });

  it('refuses foreign Host headers (DNS rebinding)', async () => {
    expect((await rawRequest(server.port, '/', { host: 'evil.example' })).status).toBe(403);
    expect((await rawRequest(server.port, '/', { host: `evil.example:${server.port}` })).status).toBe(403);
    expect((await rawRequest(server.port, '/', { host: `localhost:${server.port}` })).status).toBe(200);
  });

  it.each([
    '/../secret.txt',
    '/../package.json',
    '/../../../../etc/passwd',
    '/%2e%2e/secret.txt',
    '/%2E%2E/package.json',
    '/..%2fsecret.txt',
    '/..%2f..%2fsecret.txt',
    '/assets/..%2f..%2fsecret.txt',
    '/assets/%2e%2e/%2e%2e/secret.txt',
    '/%252e%252e/secret.txt',
    '/..\\secret.txt',
    '/%5c..%5csecret.txt',
    '/assets\\..\\..\\secret.txt',
    '/index.html%00.js',
    '/%00',
    '/..',
    '/./../secret.txt',
    '//../secret.txt',
    '/%c0%ae%c0%ae/secret.txt',
    '/%2e%2e%2fsecret.txt',
    '/escape.txt',
    '/.env',
    '/C:/Windows/win.ini',
    'secret.txt',
    'http://127.0.0.1/../secret.txt',
  ])('never leaves the root for %s', async (target) => {
    const response = await rawRequest(server.port, target);
    expect(response.body).not.toContain(SECRET);
    expect([400, 404]).toContain(response.status);
  });

  it('never leaves the root for a raw NUL byte either', async () => {
    const response = await rawRequest(server.port, '/index.html\0.js');
    expect(response.body).not.toContain(SECRET);
    expect(response.status).toBe(400);
  });

  it('decodes request paths into segments and rejects what could escape', () => {
    expect(requestPathSegments('/assets/%E6%B6%88.js?x=1')).toEqual({ ok: true, segments: ['assets', '消.js'] });
    expect(requestPathSegments('/%E0%A4%A')).toEqual({ ok: false, status: 400 });
    expect(requestPathSegments('/a/%2e%2e/b')).toEqual({ ok: false, status: 400 });
  });

  it('reads PORT: unset means 5178, 0 means any free port', () => {
    expect(parsePort(undefined)).toBe(5178);
    expect(parsePort('')).toBe(5178);
    expect(parsePort('0')).toBe(0);
    expect(parsePort('8080')).toBe(8080);
    expect(() => parsePort('65536')).toThrow(/PORT/);
    expect(() => parsePort('abc')).toThrow(/PORT/);
  });
});

describe('serve-web CLI', () => {
  const script = resolve(import.meta.dirname, '../../build/scripts/serve-web.mjs');

  function run(args: string[], env: Record<string, string>) {
    const child = spawn(process.execPath, [script, ...args], { env: { ...process.env, ...env }, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    return { child, exited, output: () => ({ stdout, stderr }) };
  }

  it('prints the URL line, serves, and stops on SIGTERM', async () => {
    const cli = run(['--root', root], { PORT: '0' });
    const url = await new Promise<string>((found, fail) => {
      const timer = setTimeout(() => fail(new Error(`no URL line: ${JSON.stringify(cli.output())}`)), 10_000);
      cli.child.stdout.on('data', () => {
        const match = /消保自查 web: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(cli.output().stdout);
        if (match?.[1]) {
          clearTimeout(timer);
          found(match[1]);
        }
      });
    });
    const response = await fetch(`${url}app.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    cli.child.kill('SIGTERM');
    expect(await cli.exited).toBe(0);
  });

  it('exits 1 with a clear message when the build is missing', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'xiaobao-serve-web-empty-'));
    try {
      const cli = run(['--root', empty], { PORT: '0' });
      expect(await cli.exited).toBe(1);
      expect(cli.output().stderr).toContain('npm run build:web');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });
});
