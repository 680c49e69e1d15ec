// The web build in Chromium: it loads under the served CSP, renders into #root and logs no errors.
import { afterEach, describe, expect, inject, it } from 'vitest';
import { CSP } from '../../build/scripts/csp.mjs';
import { launchApp } from './harness';
import type { AppSession } from './harness';

let app: AppSession | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

describe('web build smoke test', () => {
  it('loads 消保自查 without errors', async () => {
    const baseUrl = inject('baseUrl');
    app = await launchApp();
    const response = await app.page.goto(baseUrl);
    expect(response?.status()).toBe(200);

    const headerCsp = response?.headers()['content-security-policy'];
    const metaCsp = await app.page
      .locator('meta[http-equiv="Content-Security-Policy"]')
      .getAttribute('content', { timeout: 1_000 })
      .catch(() => null);
    expect(headerCsp ?? metaCsp).toBeTruthy();
    if (headerCsp !== undefined) expect(headerCsp).toBe(CSP);
    // A <meta> policy cannot carry frame-ancestors (Chromium warns and ignores it); otherwise it must match.
    if (metaCsp !== null) {
      expect(metaCsp).toBe(
        CSP.split('; ')
          .filter((directive) => !directive.startsWith('frame-ancestors'))
          .join('; '),
      );
    }

    await expect.poll(() => app?.page.title()).toBe('消保自查');
    // The UI shows either the app (data-testid="app-ready") or the first-start screen; both fill #root.
    await app.page.waitForFunction(() => (document.getElementById('root')?.childElementCount ?? 0) > 0, undefined, {
      timeout: 20_000,
    });
    await app.screenshot('smoke-first-screen');
    expect(app.errors).toEqual([]);
  });
});
