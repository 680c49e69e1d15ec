// `npm run bench`'s runner (test/bench/run.ts) as one Node file, out/bench/run.js. Unlike the CLI's
// build, packages stay in node_modules (vite, playwright-core): the runner builds the site and drives
// Chromium with them.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: resolve(root, 'test/bench/run.ts'),
    outDir: resolve(root, 'out/bench'),
    // Not emptied: out/bench/site/ beside run.js is the built site, kept between runs while its sources
    // are unchanged (run.ts, buildSiteIfChanged).
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: { output: { entryFileNames: 'run.js', format: 'es' } },
  },
});
