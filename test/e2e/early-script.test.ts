// The built page starts opening the database before the app's scripts have loaded (renderer/early.ts,
// injected by vite.config.ts's earlyScript plugin): its script must come first, right after the CSP,
// and stay a few hundred bytes that import nothing of the app (rolldown could otherwise put what it
// shares with the app, the database name, into a 2 MB chunk it would then wait for).
import { readFile, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const OUT = resolve(import.meta.dirname, '../../out/renderer');

async function builtIndex(): Promise<string> {
  try {
    return await readFile(join(OUT, 'index.html'), 'utf8');
  } catch {
    throw new Error(`${join(OUT, 'index.html')} is missing: build the app first (npm run build:web; npm test does)`);
  }
}

/** Every relative module an asset imports statically, followed to the end. */
async function importsOf(file: string, seen = new Set<string>()): Promise<Set<string>> {
  const text = await readFile(join(OUT, 'assets', file), 'utf8');
  for (const m of text.matchAll(/(?:import|from)\s*["']\.\/([^"']+)["']/g)) {
    const name = m[1];
    if (name === undefined || seen.has(name)) continue;
    seen.add(name);
    await importsOf(name, seen);
  }
  return seen;
}

describe('the page opens the database first', () => {
  it('runs a small early script right after the CSP, before the app', async () => {
    const html = await builtIndex();
    const scripts = [...html.matchAll(/<script type="module" crossorigin src="\.\/assets\/([^"]+)"><\/script>/g)].map((m) => m[1]);
    expect(scripts).toHaveLength(2);
    const [early, app] = scripts;
    expect(early).toMatch(/^early-[\w-]+\.js$/);
    expect(app).toMatch(/^index-[\w-]+\.js$/);
    // After the policy that governs it, and before every other element that loads anything.
    const csp = html.indexOf('http-equiv="Content-Security-Policy"');
    const at = html.indexOf(`assets/${early}`);
    expect(csp).toBeGreaterThan(-1);
    expect(at).toBeGreaterThan(csp);
    expect(at).toBeLessThan(html.indexOf('<link'));
    expect(at).toBeLessThan(html.indexOf(`assets/${app}`));
    // A few hundred bytes, with everything it imports.
    const files = [early as string, ...(await importsOf(early as string))];
    const sizes = await Promise.all(files.map(async (f) => (await stat(join(OUT, 'assets', f))).size));
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(2048);
    const text = await readFile(join(OUT, 'assets', early as string), 'utf8');
    expect(text).toContain('indexedDB');
  });
});
