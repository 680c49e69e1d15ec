// electron-vite: main (ESM, package.json "type": "module"), preload (one CommonJS file, because a
// sandboxed preload can only `require('electron')`) and the renderer (the same config as web mode).
import { resolve } from 'node:path';
import { defineConfig } from 'electron-vite';
import { rendererConfig } from './vite.config';

const root = import.meta.dirname;

export default defineConfig({
  main: {
    build: {
      outDir: resolve(root, 'out/main'),
      // Bundle zod and our own modules: the packaged app then needs no node_modules at run time.
      externalizeDeps: false,
      lib: { entry: resolve(root, 'electron/main/index.ts'), formats: ['es'], fileName: () => 'index.js' },
    },
  },
  preload: {
    build: {
      outDir: resolve(root, 'out/preload'),
      externalizeDeps: false,
      // .cjs whatever package.json "type" says; window.ts points at out/preload/index.cjs.
      lib: { entry: resolve(root, 'electron/preload/index.ts'), formats: ['cjs'], fileName: () => 'index.cjs' },
      rolldownOptions: { output: { codeSplitting: false } },
    },
  },
  renderer: {
    ...rendererConfig,
    // electron-vite looks for src/renderer/index.html unless told otherwise.
    build: { ...rendererConfig.build, rolldownOptions: { input: resolve(root, 'renderer/index.html') } },
  },
});
