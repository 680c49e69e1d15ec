// The harness itself, independent of the app: Chromium is found and launched, Chinese renders with a real
// font, errors are collected, screenshots are written, and a relaunch keeps the profile's data.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../build/scripts/serve-web.mjs';
import type { ServeWebServer } from '../../build/scripts/serve-web.mjs';
import { cjkFontProblem, findChromium, launchApp } from './harness';

const PHRASE = '消费者权益保护';

let root: string;
let server: ServeWebServer;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'xiaobao-harness-'));
  await writeFile(
    join(root, 'index.html'),
    `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>harness</title>
<link rel="stylesheet" href="style.css"><script type="module" src="main.js"></script></head>
<body><div id="root"></div></body></html>`,
  );
  await writeFile(join(root, 'style.css'), 'body { font: 32px "Noto Sans CJK SC", sans-serif; margin: 24px; }');
  await writeFile(join(root, 'main.js'), `document.getElementById('root').textContent = '${PHRASE}';`);
  // The served CSP must stop this inline script; its console report shows the header reached Chromium.
  await writeFile(
    join(root, 'inline.html'),
    '<!doctype html><meta charset="utf-8"><title>inline</title><script>window.inlineRan = true;</script>',
  );
  server = await startServer({ root, port: 0 });
});

afterAll(async () => {
  await server.close();
  await rm(root, { recursive: true, force: true });
});

describe('findChromium', () => {
  it('finds the Chromium the suite will drive', () => {
    expect(existsSync(findChromium())).toBe(true);
  });

  it('says how to install Chromium when CHROMIUM_PATH is wrong', () => {
    expect(() => findChromium({ CHROMIUM_PATH: '/nonexistent/chromium', PATH: '' })).toThrow(
      /apt-get install -y chromium fonts-noto-cjk/,
    );
  });

  it('falls back to /usr/bin/chromium when PATH has none', () => {
    if (!existsSync('/usr/bin/chromium')) return;
    expect(findChromium({ PATH: '' })).toBe('/usr/bin/chromium');
  });
});

describe('launchApp', () => {
  it('renders Chinese with a CJK font, takes a screenshot and records no errors', async () => {
    const app = await launchApp({ url: server.url });
    try {
      await expect.poll(() => app.page.locator('#root').textContent()).toBe(PHRASE);
      expect(await app.page.title()).toBe('harness');
      expect(await app.page.evaluate(() => navigator.language)).toBe('zh-CN');
      expect(app.page.viewportSize()).toEqual({ width: 1366, height: 860 });

      const problem = await cjkFontProblem(app.page);
      expect(problem, problem ?? '').toBeNull();

      const path = await app.screenshot('harness-cjk');
      expect(existsSync(path)).toBe(true);
      expect(app.errors).toEqual([]);
    } finally {
      await app.close();
    }
  });

  it('collects console errors, uncaught errors and CSP violations', async () => {
    const app = await launchApp({ url: `${server.url}inline.html` });
    try {
      expect(await app.page.evaluate(() => 'inlineRan' in window)).toBe(false);
      await app.page.evaluate(() => {
        console.error('reported on purpose');
        setTimeout(() => {
          throw new Error('thrown on purpose');
        });
      });
      await expect.poll(() => app.errors.length).toBeGreaterThanOrEqual(3);
      const all = app.errors.join('\n');
      expect(all).toContain('Content Security Policy');
      expect(all).toContain('reported on purpose');
      expect(all).toContain('thrown on purpose');
    } finally {
      await app.close();
    }
  });

  it('keeps IndexedDB and localStorage across a relaunch on the same profile, then deletes the profile', async () => {
    const first = await launchApp({ url: server.url });
    const profileDir = first.profileDir;
    await first.page.evaluate(async (value) => {
      localStorage.setItem('probe', value);
      await new Promise<void>((done, fail) => {
        const request = indexedDB.open('harness-probe', 1);
        request.onupgradeneeded = () => request.result.createObjectStore('kv');
        request.onerror = () => fail(request.error);
        request.onsuccess = () => {
          const db = request.result;
          const tx = db.transaction('kv', 'readwrite', { durability: 'strict' });
          tx.objectStore('kv').put(value, 'probe');
          tx.oncomplete = () => {
            db.close();
            done();
          };
          tx.onerror = () => fail(tx.error);
        };
      });
    }, PHRASE);

    const second = await first.relaunch();
    try {
      expect(second.profileDir).toBe(profileDir);
      expect(second.page.url()).toBe(server.url);
      const stored = await second.page.evaluate(
        () =>
          new Promise<[string | null, unknown]>((done, fail) => {
            const request = indexedDB.open('harness-probe', 1);
            request.onerror = () => fail(request.error);
            request.onsuccess = () => {
              const get = request.result.transaction('kv').objectStore('kv').get('probe');
              get.onsuccess = () => done([localStorage.getItem('probe'), get.result]);
              get.onerror = () => fail(get.error);
            };
          }),
      );
      expect(stored).toEqual([PHRASE, PHRASE]);
      expect(second.errors).toEqual([]);
    } finally {
      await second.close();
    }
    expect(existsSync(profileDir)).toBe(false);
  });

  it('gives every launch a fresh profile', async () => {
    const a = await launchApp();
    const b = await launchApp();
    try {
      expect(a.profileDir).not.toBe(b.profileDir);
      expect(a.page.url()).toBe('about:blank');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
