import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY, META_CONTENT_SECURITY_POLICY } from '../../electron/main/csp';

const directives = (policy: string) => new Map(policy.split('; ').map((part) => [part.split(' ')[0], part.slice(part.indexOf(' ') + 1)]));

describe('Content-Security-Policy', () => {
  it('is exactly the agreed policy', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; " +
        "form-action 'none'; frame-ancestors 'none'; frame-src 'none'",
    );
  });

  it('allows no remote origin, no eval and no inline script', () => {
    for (const [name, value] of directives(CONTENT_SECURITY_POLICY)) {
      expect(value, name).not.toMatch(/https?:|\*|'unsafe-eval'|'wasm-unsafe-eval'/);
      if (name !== 'style-src') expect(value, name).not.toContain("'unsafe-inline'");
    }
  });

  it('the meta variant is the header minus frame-ancestors, which a meta tag cannot carry', () => {
    const header = directives(CONTENT_SECURITY_POLICY);
    header.delete('frame-ancestors');
    expect(directives(META_CONTENT_SECURITY_POLICY)).toEqual(header);
  });

  const indexHtml = resolve(import.meta.dirname, '../../renderer/index.html');
  it.runIf(existsSync(indexHtml))('renderer/index.html carries the same policy in its meta tag', () => {
    const html = readFileSync(indexHtml, 'utf8');
    const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html);
    expect(meta?.[1]).toBe(META_CONTENT_SECURITY_POLICY);
  });
});
