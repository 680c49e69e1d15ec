import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { resolve } from 'node:path';

const root = import.meta.dirname;
// Campaign fixtures (18 demo branches, signed packages) are built once per file in a hook: on a loaded
// 2-core CI machine that can take longer than vitest's 10 s default for hooks.
const hookTimeout = 120_000;

export default defineConfig({
  test: {
    projects: [
      {
        test: { name: 'core', root, include: ['test/core/**/*.test.ts'], environment: 'node', hookTimeout },
      },
      {
        test: {
          name: 'db',
          root,
          include: ['test/db/**/*.test.ts'],
          environment: 'node',
          setupFiles: ['test/db/setup.ts'],
          hookTimeout,
        },
      },
      {
        resolve: { alias: { electron: resolve(root, 'test/electron/fake-electron.ts') } },
        test: { name: 'electron', root, include: ['test/electron/**/*.test.ts'], environment: 'node', hookTimeout },
      },
      {
        plugins: [react()],
        define: { __APP_VERSION__: JSON.stringify('0.0.0-test') },
        test: {
          name: 'renderer',
          root,
          include: ['test/renderer/**/*.test.{ts,tsx}'],
          environment: 'jsdom',
          setupFiles: ['test/renderer/setup.ts'],
          testTimeout: 20000,
        },
      },
      {
        test: {
          name: 'e2e',
          root,
          include: ['test/e2e/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120000,
          hookTimeout: 120000,
          fileParallelism: false,
        },
      },
    ],
  },
});
