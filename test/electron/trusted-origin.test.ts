import { describe, expect, it } from 'vitest';
import { APP_START_URL, isAppOrigin } from '../../electron/main/trusted-origin';

const DEV = 'http://localhost:5173';

describe('isAppOrigin', () => {
  it.each([
    'app://xiaobao/',
    'app://xiaobao/index.html',
    'app://xiaobao/index.html#/findings?id=1',
    'app://xiaobao/assets/index-abc.js',
    'app://XIAOBAO/index.html',
    APP_START_URL,
  ])('accepts the app URL %s', (url) => {
    expect(isAppOrigin(url)).toBe(true);
  });

  it.each([
    'https://evil.example/?next=app://xiaobao',
    'https://evil.example/#app://xiaobao/',
    'http://evil.example/app://xiaobao/',
    'app://evil/',
    'app://xiaobao.evil/',
    'app://evil.xiaobao/',
    'app://xiaobao./',
    'app://xiaobao:80/',
    'app://xiaobao@evil/',
    'app://user:pass@xiaobao/',
    'app://xiaobao%2eevil/',
    'app:xiaobao/index.html',
    'app:/xiaobao/index.html',
    'app:///xiaobao/index.html',
    'apps://xiaobao/',
    'xiaobao://app/',
    'javascript:alert(1)',
    "javascript://xiaobao/%0aalert('x')",
    'data:text/html,<script>alert(1)</script>',
    'file:///etc/passwd',
    'file://xiaobao/index.html',
    'http://127.0.0.1:5173/',
    'http://localhost:5173/',
    'blob:app://xiaobao/0b5c0a6e-0000-4000-8000-000000000000',
    'blob:https://evil.example/uuid',
    'about:blank',
    'about:srcdoc',
    'view-source:app://xiaobao/index.html',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'filesystem:app://xiaobao/temporary/x',
    '',
    'not a url',
    '//xiaobao/index.html',
  ])('refuses %s', (url) => {
    expect(isAppOrigin(url)).toBe(false);
  });

  it('accepts the dev server origin only when one is given', () => {
    expect(isAppOrigin('http://localhost:5173/index.html', { devServerUrl: DEV })).toBe(true);
    expect(isAppOrigin('http://localhost:5173/src/main.tsx?t=1', { devServerUrl: DEV })).toBe(true);
    expect(isAppOrigin('http://localhost:5173/index.html')).toBe(false);
    expect(isAppOrigin('http://localhost:5173/index.html', { devServerUrl: '' })).toBe(false);
  });

  it.each([
    'http://localhost:5174/',
    'https://localhost:5173/',
    'http://127.0.0.1:5173/',
    'http://localhost.evil.example:5173/',
    'http://localhost:5173@evil.example/',
    'http://user@localhost:5173/',
    'ws://localhost:5173/',
    'https://evil.example/?next=http://localhost:5173',
  ])('refuses %s even with a dev server', (url) => {
    expect(isAppOrigin(url, { devServerUrl: DEV })).toBe(false);
  });

  it('ignores a dev server URL that is not http(s)', () => {
    expect(isAppOrigin('file:///tmp/index.html', { devServerUrl: 'file:///tmp/' })).toBe(false);
    expect(isAppOrigin('javascript:alert(1)', { devServerUrl: 'javascript:alert(1)' })).toBe(false);
  });

  it('still accepts the app itself when a dev server is given', () => {
    expect(isAppOrigin('app://xiaobao/index.html', { devServerUrl: DEV })).toBe(true);
  });
});
