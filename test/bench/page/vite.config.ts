// The bench page (bench.html) as its own build into out/bench/site/, never part of the app's build:
// the runner copies the app next to it so both share one origin, and so one IndexedDB.
import { resolve } from 'node:path';
import { defineConfig } from 'vite';

const root = resolve(import.meta.dirname, '../../..');

export default defineConfig({
  root: import.meta.dirname,
  base: './',
  logLevel: 'warn',
  publicDir: false,
  define: { __APP_VERSION__: JSON.stringify('bench') },
  build: {
    outDir: resolve(root, 'out/bench/site'),
    emptyOutDir: true,
    // The app's own assets/ is copied in beside these.
    assetsDir: 'bench-assets',
    chunkSizeWarningLimit: 8192,
    target: 'chrome130',
    reportCompressedSize: false,
    rolldownOptions: { input: resolve(import.meta.dirname, 'bench.html') },
  },
  worker: { format: 'es' },
});
