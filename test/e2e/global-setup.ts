// Runs once before the e2e project: refuses to start without a web build or a Chromium (with a message
// saying how to get them), serves the build on a free loopback port and hands its URL to the tests as
// `inject('baseUrl')`.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer } from '../../build/scripts/serve-web.mjs';
import { findChromium } from './harness';

declare module 'vitest' {
  // Declaration merging needs an interface here.
  // eslint-disable-next-line @typescript-eslint/consistent-type-definitions
  export interface ProvidedContext {
    /** The served web build, e.g. `http://127.0.0.1:41234/` (always with a trailing slash). */
    baseUrl: string;
  }
}

const repoRoot = resolve(import.meta.dirname, '../..');

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // XIAOBAO_WEB_ROOT points the suite at another build folder (for example a harness fixture).
  const root = resolve(process.env.XIAOBAO_WEB_ROOT ?? join(repoRoot, 'out/renderer'));
  if (!existsSync(join(root, 'index.html'))) {
    throw new Error(`The e2e tests need the web build, and ${join(root, 'index.html')} is missing: run \`npm run build:web\` first.`);
  }
  findChromium();

  const server = await startServer({ root, port: 0 });
  project.provide('baseUrl', server.url);
  return () => server.close();
}
