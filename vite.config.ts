import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

// The renderer build, shared by web mode (`npm run web`), Electron (electron.vite.config.ts) and the tests.
export const rendererConfig = {
  root: resolve(import.meta.dirname, 'renderer'),
  base: './',
  plugins: [react()],
  publicDir: false as const,
  build: {
    outDir: resolve(import.meta.dirname, 'out/renderer'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    target: 'chrome130',
  },
  worker: { format: 'es' as const },
};

export default defineConfig(rendererConfig);
