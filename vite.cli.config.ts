// The `xiaobao` command line (ARCHITECTURE §7) as one self-contained Node file, out/cli/index.js, with
// zod and renderer/core bundled in: `npm run cli -- …` builds it (about a second) and runs it, and the
// package's `bin` points at it.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = import.meta.dirname;

export default defineConfig({
  root,
  logLevel: 'warn',
  publicDir: false,
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: resolve(root, 'electron/cli/index.ts'),
    outDir: resolve(root, 'out/cli'),
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    reportCompressedSize: false,
    rolldownOptions: { output: { entryFileNames: 'index.js', format: 'es', banner: '#!/usr/bin/env node' } },
  },
});
